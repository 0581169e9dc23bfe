"""Keys, DIDs, canonicalisation, proofs (with the W3C test vector), status lists, verifier."""

from __future__ import annotations

import copy
import json
import pickle
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kohtaanto.badges import credentials as c
from kohtaanto.badges import did, multibase, proofs, rdfc
from kohtaanto.badges.keys import (
    KeyEncryptionKey,
    SealedKeyError,
    SigningKey,
    decrypt_signing_key,
    encrypt_signing_key,
    sealed_kek_id,
)
from kohtaanto.badges.status_list import MIN_BITS, StatusList, StatusListError
from kohtaanto.badges.tests import factories as f
from kohtaanto.badges.verify import REASONS, verify_credential

# W3C Data Integrity EdDSA Cryptosuites v1.0, test vectors (TestVectors/ of w3c/vc-di-eddsa).
W3C_PRIVATE = "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq"
W3C_PUBLIC = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
W3C_PROOF_VALUE = (
    "z2YwC8z3ap7yx1nZYCg4L3j3ApHsF8kgPdSb5xoS1VR7vPG3F561B52hYnQF9iseabecm3ijx4K1FBTQsCZahKZme"
)
EXAMPLES_V2 = {"@vocab": "https://www.w3.org/ns/credentials/examples#"}
"""https://www.w3.org/ns/credentials/examples/v2, inline (same RDF, so the same signature)."""


def w3c_key() -> SigningKey:
    raw = multibase.decode_base58btc(W3C_PRIVATE)
    assert raw[:2] == multibase.ED25519_PRIV_HEADER
    return SigningKey.from_seed(raw[2:])


def test_w3c_eddsa_rdfc_2022_test_vector():
    key = w3c_key()
    assert key.public_key_multibase == W3C_PUBLIC
    document = {
        "@context": ["https://www.w3.org/ns/credentials/v2", EXAMPLES_V2],
        "id": "urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33",
        "type": ["VerifiableCredential", "AlumniCredential"],
        "name": "Alumni Credential",
        "description": "A minimum viable example of an Alumni Credential.",
        "issuer": "https://vc.example/issuers/5678",
        "validFrom": "2023-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:abcdefgh", "alumniOf": "The School of Examples"},
    }
    issuer_did = did.did_key(key.public_key)
    signed = proofs.sign(
        document, key, did.did_key_method(issuer_did), datetime(2023, 2, 24, 23, 36, 38, tzinfo=UTC)
    )
    assert signed["proof"][0]["proofValue"] == W3C_PROOF_VALUE
    single = {**signed, "proof": signed["proof"][0]}  # the spec's form: one proof object
    assert proofs.verify(single, did.resolve_with({})).ok


def test_canonical_nquads_escape_control_characters_as_rdfc_1_0():
    document = {
        "@context": {"@vocab": "https://example.org/#"},
        "@id": "https://example.org/x",
        "name": 'a\b\t\n\x0c\r"\\\x01\x7fä😀',
    }
    expected = '"a\\b\\t\\n\\f\\r\\"\\\\\\u0001\\u007Fä😀"'
    assert rdfc.canonicalize(document) == (
        f"<https://example.org/x> <https://example.org/#name> {expected} .\n"
    )


def test_poison_graph_is_refused():
    # Blank nodes in a clique of identical shape make Hash N-Degree Quads explode.
    nodes = [f"_:n{i}" for i in range(8)]
    document = {
        "@context": {"@vocab": "https://example.org/#", "knows": {"@type": "@id"}},
        "@graph": [{"@id": n, "knows": [m for m in nodes if m != n]} for n in nodes],
    }
    with pytest.raises(rdfc.CanonicalizationError) as error:
        rdfc.canonicalize(document)
    assert error.value.code == "too_complex"


def _attacker_credential(extra: dict[str, object], signed: bool = True) -> dict[str, object]:
    """A credential an attacker makes with a did:key of their own (which resolves offline):
    the verifier canonicalises it before it can tell whether the signature matches."""
    attacker = f.did_key_issuer()
    attacker.key = f.key("attacker")
    attacker.did = did.did_key(attacker.key.public_key)
    attacker.method = did.did_key_method(attacker.did)
    credential = f.credential(attacker)
    unsigned = {k: v for k, v in credential.items() if k != "proof"}
    if not signed:  # the signer would refuse the graph too: keep the proof of the plain one
        return {**credential, "credentialSubject": {**credential["credentialSubject"], **extra}}
    unsigned["credentialSubject"] = {**unsigned["credentialSubject"], **extra}
    return proofs.sign(unsigned, attacker.key, attacker.method, f.now())


P = "https://example.org/p"


@pytest.mark.parametrize(
    "extra",
    [
        # A ring of identical blank nodes: Hash N-Degree Quads recursed once per node and the
        # API answered a RecursionError (500) at 2,000 nodes.
        {P: [{"@id": f"_:b{i}", P: {"@id": f"_:b{(i + 1) % 200}"}} for i in range(200)]},
        # pyld's work grows with the square of an array: 8,000 strings took 15 s.
        {P: [str(i) for i in range(8000)]},
        {f"{P}{j}": [str(i) for i in range(200)] for j in range(25)},
        {P: json.loads(f'{{"{P}":' * 40 + "1" + "}" * 40)},
    ],
    ids=["ring", "long_array", "many_values", "deep"],
)
def test_hostile_graphs_are_too_complex_and_quick(extra):
    credential = _attacker_credential(extra, signed=False)
    resolver = did.resolve_with({})
    started = datetime.now(UTC)
    result = verify_credential(json.dumps(credential), resolver=resolver, now=f.now())
    assert result.signature.code == "too_complex"
    assert not result.verified
    assert (datetime.now(UTC) - started).total_seconds() < 2


def test_largest_accepted_graph_is_quick():
    # At the limits (arrays of 256, 4,000 values) canonicalisation stays well under a second.
    credential = _attacker_credential({f"{P}{j}": [str(i) for i in range(256)] for j in range(15)})
    started = datetime.now(UTC)
    result = verify_credential(credential, resolver=did.resolve_with({}), now=f.now())
    assert result.signature.code == "ok" and result.format.code == "ok"
    assert (datetime.now(UTC) - started).total_seconds() < 2


def test_a_property_no_context_defines_is_refused_not_dropped():
    # JSON-LD drops undefined terms from the signed data: without "safe mode" anything could
    # be added to a genuine badge and it would still verify (Digital Bazaar refuses it too).
    issuer = f.did_key_issuer()
    credential = f.credential(issuer)
    assert _verify(issuer, credential).verified
    added = copy.deepcopy(credential)
    added["credentialSubject"]["achievement"]["grade"] = "excellent"
    assert _verify(issuer, added).signature.code == "invalid_jsonld"
    added = copy.deepcopy(credential)
    added["holderName"] = "Someone Else"
    assert _verify(issuer, added).signature.code == "invalid_jsonld"


def test_multibase_and_did_key_round_trip():
    for data in (b"", b"\0\0abc", bytes(range(256))):
        assert multibase.b58decode(multibase.b58encode(data)) == data
        assert multibase.decode_base64url(multibase.encode_base64url(data)) == data
    key = f.key("x")
    did_key = did.did_key(key.public_key)
    assert did_key.startswith("did:key:z6Mk")
    assert did.did_key_public_key(did_key) == key.public_key
    document = did.did_key_document(did_key)
    assert document["assertionMethod"] == [f"{did_key}#{did_key[8:]}"]
    with pytest.raises(did.DidError):
        did.did_key_public_key("did:key:zQ3sh")  # secp256k1, not Ed25519


def test_did_web_urls_and_documents():
    assert did.did_web("Example.org") == "did:web:example.org"
    assert did.did_web_url("did:web:example.org") == "https://example.org/.well-known/did.json"
    assert did.did_web_url("did:web:example.org%3A8443:orgs:abc") == (
        "https://example.org:8443/orgs/abc/did.json"
    )
    for bad in ("did:web:localhost", "did:web:exa mple.org", "did:web:example.org:../x", "x"):
        with pytest.raises(did.DidError):
            did.did_web_url(bad)
    old, new = f.key("old"), f.key("new")
    document = did.did_web_document(
        "did:web:example.org",
        [did.PublishedKey("k1", old.public_key), did.PublishedKey("k2", new.public_key)],
    )
    resolve = did.resolve_with({"did:web:example.org": document})
    assert did.assertion_key("did:web:example.org#k1", resolve) == (
        "did:web:example.org",
        old.public_key,
    )
    assert did.assertion_key("did:web:example.org#k3", resolve) is None
    assert did.assertion_key("did:web:other.example#k1", resolve) is None


def test_signing_key_never_shows_or_pickles_its_private_bytes():
    key = f.key("secret")
    raw_hex = key._private.private_bytes_raw().hex()
    for text in (repr(key), str(key), f"{key}", repr([key])):
        assert raw_hex not in text
        assert key.public_key_multibase in text
    with pytest.raises(TypeError):
        pickle.dumps(key)
    kek = KeyEncryptionKey.from_text(KeyEncryptionKey.new_text(), key_id="2026")
    assert kek.secret.hex() not in repr(kek)


def test_sealed_key_opens_only_with_its_kek_and_context():
    key = f.key("org-1")
    kek = KeyEncryptionKey.from_text(KeyEncryptionKey.new_text(), key_id="a")
    sealed = encrypt_signing_key(key, kek, "organisation:1/key:1")
    assert sealed_kek_id(sealed) == "a"
    assert key._private.private_bytes_raw().hex() not in sealed
    opened = decrypt_signing_key(sealed, {"a": kek}, "organisation:1/key:1")
    assert opened == key and opened.sign(b"x") == key.sign(b"x")
    other = KeyEncryptionKey("a", bytes(32))
    for keks, context in (({"a": other}, "organisation:1/key:1"), (kek, "organisation:2/key:1")):
        with pytest.raises(SealedKeyError):
            decrypt_signing_key(sealed, keks, context)
    with pytest.raises(SealedKeyError, match="no key-encryption key"):
        decrypt_signing_key(sealed, {"b": kek}, "organisation:1/key:1")
    tampered = sealed[:-2] + ("AA" if sealed[-2:] != "AA" else "BB")
    with pytest.raises(SealedKeyError):
        decrypt_signing_key(tampered, kek, "organisation:1/key:1")


def test_status_list_bits_encoding_and_limits():
    bits = StatusList()
    assert bits.size == MIN_BITS
    bits.set(0)
    bits.set(MIN_BITS - 1)
    assert bits.bits[0] == 0x80 and bits.bits[-1] == 0x01  # bit 0 = most significant
    decoded = StatusList.decode(bits.encode())
    assert decoded.get(0) and decoded.get(MIN_BITS - 1) and not decoded.get(1)
    decoded.clear(0)
    assert not decoded.get(0)
    assert bits.encode() == StatusList(bits=bytes(bits.bits)).encode()  # deterministic
    with pytest.raises(StatusListError):
        StatusList(size=1024)
    with pytest.raises(StatusListError):
        bits.get(MIN_BITS)
    with pytest.raises(StatusListError):
        StatusList.decode("u" + "not gzip")


def test_email_identity_is_salted_and_matches_case_insensitively():
    recipient = c.Recipient.by_email("Maija@Example.fi", salt="s")
    assert recipient.email_hash and recipient.email_hash.startswith("sha256$")
    assert "maija" not in recipient.email_hash.lower()
    assert recipient.matches_email(" maija@example.fi ")
    assert not recipient.matches_email("matti@example.fi")
    assert c.Recipient.by_email("a@b.fi").salt != c.Recipient.by_email("a@b.fi").salt


def _verify(issuer: f.Issuer, data: object, **kwargs):
    return verify_credential(
        data,  # type: ignore[arg-type]
        resolver=issuer.resolver(),
        now=kwargs.pop("now", f.now()),
        fetch_status_list=kwargs.pop("fetch", issuer.fetch),
    )


@pytest.mark.parametrize(
    ("data", "code"),
    [
        ("not json at all", "not_json"),
        (b"\xff\xfe", "not_json"),
        ("eyJhbGciOiJFZERTQSJ9.eyJ2YyI6e319.c2lnbmF0dXJl", "jwt"),
        ('"eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJ4In0.c2ln"', "jwt"),
        ("[1, 2]", "not_credential"),
        (
            json.dumps(
                {
                    "@context": "https://w3id.org/openbadges/v2",
                    "type": "Assertion",
                    "recipient": {"type": "email", "hashed": True, "identity": "sha256$00"},
                }
            ),
            "ob2_assertion",
        ),
        (
            json.dumps(
                {
                    "@context": ["https://www.w3.org/2018/credentials/v1"],
                    "type": ["VerifiableCredential"],
                }
            ),
            "vc_v1",
        ),
        (
            json.dumps(
                {
                    "@context": ["https://www.w3.org/ns/credentials/v2"],
                    "type": ["VerifiableCredential"],
                    "issuer": "did:example:1",
                }
            ),
            "not_open_badge",
        ),
        ("x" * 1_000_001, "too_large"),
    ],
)
def test_other_formats_get_a_format_reason(data, code):
    result = _verify(f.did_key_issuer(), data)
    assert not result.verified
    assert result.format.code == code
    assert code in REASONS["format"]


def test_reason_codes_for_dates_issuer_and_status():
    issuer = f.did_key_issuer()
    credential = f.credential(issuer, valid_until=f.now() + timedelta(days=10))
    assert _verify(issuer, credential).verified
    early = _verify(issuer, credential, now=f.now() - timedelta(days=5))
    assert early.dates.code == "not_yet_valid" and not early.verified
    late = _verify(issuer, credential, now=f.now() + timedelta(days=11))
    assert late.dates.code == "expired"
    stranger = f.did_web_issuer()
    unknown = verify_credential(
        json.dumps(f.credential(stranger)), resolver=did.resolve_with({}), now=f.now()
    )
    assert unknown.signature.code == "unknown_key"
    assert unknown.status.code == "not_checked"
    assert _verify(issuer, credential, fetch=lambda url: None).status.code == "status_unavailable"

    def broken(url: str) -> dict[str, object]:
        raise OSError("network down")

    assert _verify(issuer, credential, fetch=broken).status.code == "status_unavailable"
    forged_list = copy.deepcopy(issuer.status_list())
    forged_bits = StatusList()
    forged_bits.set(42)  # someone "revokes" the credential without the issuer's key
    forged_list["credentialSubject"]["encodedList"] = forged_bits.encode()
    assert _verify(issuer, credential, fetch=lambda url: forged_list).status.code == (
        "status_list_invalid"
    )
    other_issuers_list = stranger.status_list()
    assert _verify(issuer, credential, fetch=lambda url: other_issuers_list).status.code == (
        "status_list_invalid"
    )
    # A proof by a valid key that is not the issuer's own is refused.
    impostor = f.did_key_issuer()
    impostor.key = f.key("impostor")
    impostor.method = did.did_key_method(did.did_key(impostor.key.public_key))
    assert _verify(issuer, f.credential(impostor)).signature.code == "issuer_mismatch"


def test_result_reports_only_what_the_credential_says():
    issuer = f.did_web_issuer()
    person = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"
    credential = f.credential(issuer, recipient=c.Recipient.by_did(person))
    result = _verify(issuer, credential)
    assert result.verified
    assert (result.issuer_id, result.issuer_name) == (issuer.did, "Hämeen malli")
    assert result.subject_id == person and result.subject_identity_hash is None
    assert result.achievement_name == f.ACHIEVEMENT.name
    assert result.valid_from is not None and result.signed_at is not None
    assert result.verification_method == f"{issuer.did}#key-2025"


def test_every_check_code_is_listed():
    for codes in REASONS.values():
        assert "ok" in codes
    assert set(REASONS) == {"format", "signature", "dates", "status"}


texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=200)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=texts, description=texts, narrative=texts)
def test_any_achievement_text_signs_and_verifies(name, description, narrative):
    issuer = f.did_key_issuer()
    achievement = c.Achievement(
        id="https://kohtaanto.example/achievements/h",
        name=name,
        description=description,
        criteria_narrative=narrative,
    )
    credential = json.loads(json.dumps(f.credential(issuer, achievement=achievement)))
    result = _verify(issuer, credential)
    assert result.verified, result.checks
    assert result.achievement_name == name
    credential["credentialSubject"]["achievement"]["name"] = name + "!"
    assert _verify(issuer, credential).signature.code == "invalid_signature"

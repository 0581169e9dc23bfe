"""Kohtaanto's credentials verified independently with Digital Bazaar's JavaScript libraries
(scripts/vc-verify.mjs: @digitalbazaar/vc, eddsa-rdfc-2022, did:key/did:web, Bitstring Status
List), offline, and validated against the 1EdTech OB 3.0 JSON Schema with ajv. Tampered and
revoked credentials must fail there and in Kohtaanto's own verifier."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from kohtaanto.badges.credentials import Achievement
from kohtaanto.badges.tests import factories as f
from kohtaanto.badges.verify import verify_credential

ROOT = Path(__file__).resolve().parents[4]
SCRIPT = ROOT / "scripts" / "vc-verify.mjs"
NODE = shutil.which("node")
MODULES = ROOT / "node_modules" / "@digitalbazaar" / "vc"

pytestmark = pytest.mark.skipif(
    NODE is None or not MODULES.is_dir(),
    reason="needs `node` and node_modules (`npm ci`) for the JavaScript verifier",
)


def js_verify(bundle: dict[str, Any], *extra: str) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(bundle, handle)
    try:
        completed = subprocess.run(
            [NODE or "node", str(SCRIPT), "--bundle", handle.name, *extra],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=ROOT,
        )
    finally:
        Path(handle.name).unlink()
    assert completed.returncode in (0, 1), completed.stderr
    result: dict[str, Any] = json.loads(completed.stdout)
    assert (completed.returncode == 0) == (
        result["verified"] and result.get("schema", {"valid": True})["valid"]
    )
    return result


def py_verify(issuer: f.Issuer, credential: dict[str, Any]) -> Any:
    return verify_credential(
        json.dumps(credential),
        resolver=issuer.resolver(),
        now=f.now(),
        fetch_status_list=issuer.fetch,
    )


ISSUERS = {"did:key": f.did_key_issuer, "did:web": f.did_web_issuer}


@pytest.fixture(params=list(ISSUERS))
def issuer(request: pytest.FixtureRequest) -> f.Issuer:
    return ISSUERS[request.param]()


def test_genuine_credential_verifies_in_javascript_and_matches_the_ob3_schema(issuer):
    credential = f.credential(issuer)
    result = js_verify(issuer.bundle(credential), "--schema")
    assert result["verified"] is True, result["errors"]
    assert result["errors"] == []
    assert result["status"] == [{"purpose": "revocation", "index": "42", "set": False}]
    assert result["schema"] == {"valid": True, "errors": []}
    own = py_verify(issuer, credential)
    assert own.verified and own.checks == {
        "format": "ok",
        "signature": "ok",
        "dates": "ok",
        "status": "ok",
    }


def _tamper_name(credential: dict[str, Any]) -> None:
    credential["credentialSubject"]["achievement"]["name"] = "Digitaidot: edistynyt"


def _tamper_subject(credential: dict[str, Any]) -> None:
    identity = credential["credentialSubject"]["identifier"][0]
    identity["identityHash"] = "sha256$" + "0" * 64


def _tamper_date(credential: dict[str, Any]) -> None:
    credential["validFrom"] = (f.now() - timedelta(days=400)).strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.mark.parametrize("tamper", [_tamper_name, _tamper_subject, _tamper_date])
def test_tampered_credential_fails_in_javascript_and_in_python(issuer, tamper):
    credential = copy.deepcopy(f.credential(issuer))
    tamper(credential)
    result = js_verify(issuer.bundle(credential))
    assert result["verified"] is False
    assert "Invalid signature." in result["errors"]
    own = py_verify(issuer, credential)
    assert not own.verified
    assert own.signature.code == "invalid_signature"


def test_revoked_credential_is_revoked_in_both(issuer):
    credential = f.credential(issuer, index=1234)
    issuer.status.set(1234)
    result = js_verify(issuer.bundle(credential))
    assert result["verified"] is False
    assert result["revoked"] is True
    assert result["status"] == [{"purpose": "revocation", "index": "1234", "set": True}]
    own = py_verify(issuer, credential)
    assert not own.verified and own.status.code == "revoked"
    assert own.signature.ok and own.dates.ok
    issuer.status.clear(1234)
    assert js_verify(issuer.bundle(credential))["verified"] is True
    assert py_verify(issuer, credential).verified


def test_credential_signed_with_a_rotated_did_web_key_still_verifies():
    issuer = f.did_web_issuer()
    issuer.key, issuer.method = f.key("kohtaanto-test-web-2024"), f"{issuer.did}#key-2024"
    credential = f.credential(issuer)
    assert js_verify(issuer.bundle(credential))["verified"] is True
    assert py_verify(issuer, credential).verified


def test_a_key_not_in_the_did_web_document_fails_in_both():
    issuer = f.did_web_issuer()
    issuer.key = f.key("an intruder")
    credential = f.credential(issuer)
    assert js_verify(issuer.bundle(credential))["verified"] is False
    assert py_verify(issuer, credential).signature.code == "invalid_signature"


def test_expired_credential_fails_in_both(issuer):
    credential = f.credential(
        issuer,
        valid_from=f.now() - timedelta(days=30),
        valid_until=f.now() - timedelta(days=1),
    )
    result = js_verify(issuer.bundle(credential))
    assert result["verified"] is False
    assert any("validUntil" in e for e in result["errors"]), result["errors"]
    own = py_verify(issuer, credential)
    assert own.signature.ok and own.dates.code == "expired"


TRICKY_TEXTS = [
    'Lainausmerkit "näin" ja \\ kenoviiva',
    "Rivit\nja\r\nsarkain\t, \b \f \x01 \x7f ohjausmerkit",
    "Emoji 😀 ja 𝔘𝔫𝔦𝔠𝔬𝔡𝔢, åäö ÅÄÖ, ‮ RTL-merkki, \u2028 rivinerotin",
    "<script>alert(1)</script> & ampersand",
]


@pytest.mark.parametrize("text", TRICKY_TEXTS)
def test_tricky_achievement_texts_verify_in_javascript(text):
    issuer = f.did_key_issuer()
    achievement = Achievement(
        id="https://kohtaanto.example/achievements/tricky",
        name=text,
        description=text[::-1],
        criteria_narrative=text * 2,
    )
    credential = f.credential(issuer, achievement=achievement)
    assert js_verify(issuer.bundle(credential))["verified"] is True
    assert py_verify(issuer, credential).verified

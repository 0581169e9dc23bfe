"""Data Integrity proofs with the `eddsa-rdfc-2022` cryptosuite.

https://www.w3.org/TR/vc-di-eddsa/#eddsa-rdfc-2022 — § 3.3.1 Create Proof and § 3.3.2 Verify
Proof, step by step:

* proof configuration: `type` DataIntegrityProof, `cryptosuite` eddsa-rdfc-2022, `created`,
  `verificationMethod`, `proofPurpose`, with the `@context` of the document;
* transformation: RDFC-1.0 canonical N-Quads of the document without `proof` and of the proof
  configuration (`kohtaanto.badges.rdfc`);
* hashing: SHA-256(canonical proof configuration) ‖ SHA-256(canonical document);
* Ed25519 signature of those 64 bytes; `proofValue` is its multibase base58btc (`z…`).

The proof is embedded as a list of one (the 1EdTech OB 3.0 JSON Schema types `proof` as an
array); a single proof object is accepted when verifying.

The embedded proof carries no `@context` of its own (the document's applies), as Digital
Bazaar's libraries also do.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from kohtaanto.badges.credentials import parse_datetime, xsd_datetime
from kohtaanto.badges.did import Resolver, assertion_key
from kohtaanto.badges.keys import SigningKey, verify_ed25519
from kohtaanto.badges.multibase import MultibaseError, decode_base58btc, encode_base58btc
from kohtaanto.badges.rdfc import CanonicalizationError, canonicalize

PROOF_TYPE = "DataIntegrityProof"
CRYPTOSUITE = "eddsa-rdfc-2022"
ASSERTION_METHOD = "assertionMethod"


class ProofError(ValueError):
    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


def hash_data(document: dict[str, Any], proof_config: dict[str, Any]) -> bytes:
    """§ 3.3.4 Hashing: SHA-256 of the canonical proof config, then of the canonical document."""
    config_hash = hashlib.sha256(canonicalize(proof_config).encode("utf-8")).digest()
    document_hash = hashlib.sha256(canonicalize(document).encode("utf-8")).digest()
    return config_hash + document_hash


def proof_configuration(
    document: dict[str, Any], verification_method: str, created: datetime, purpose: str
) -> dict[str, Any]:
    """§ 3.3.5 Proof Configuration (without `@context`)."""
    return {
        "type": PROOF_TYPE,
        "cryptosuite": CRYPTOSUITE,
        "created": xsd_datetime(created),
        "verificationMethod": verification_method,
        "proofPurpose": purpose,
    }


def sign(
    document: dict[str, Any],
    key: SigningKey,
    verification_method: str,
    created: datetime,
    purpose: str = ASSERTION_METHOD,
) -> dict[str, Any]:
    """The document with an embedded `eddsa-rdfc-2022` proof (a new dict)."""
    if "proof" in document:
        raise ProofError("the document already has a proof", "already_signed")
    if "@context" not in document:
        raise ProofError("the document has no @context", "invalid_jsonld")
    proof = proof_configuration(document, verification_method, created, purpose)
    data = hash_data(document, {"@context": document["@context"], **proof})
    proof["proofValue"] = encode_base58btc(key.sign(data))
    # A list of one proof: the 1EdTech OB 3.0 JSON Schema wants `proof` as an array.
    return {**document, "proof": [proof]}


@dataclass(frozen=True)
class ProofResult:
    ok: bool
    code: str
    """"ok", or why not: no_proof, several_proofs, unsupported_proof, wrong_purpose,
    malformed_proof, unknown_key, invalid_signature, unknown_context, invalid_jsonld,
    too_complex."""
    verification_method: str | None = None
    controller: str | None = None
    created: datetime | None = None


def verify(secured: dict[str, Any], resolver: Resolver) -> ProofResult:
    """§ 3.3.2 Verify Proof, with the key found through `resolver` (assertionMethod only)."""
    proof = secured.get("proof")
    if proof is None:
        return ProofResult(False, "no_proof")
    if isinstance(proof, list):
        if len(proof) != 1:
            return ProofResult(False, "several_proofs")
        proof = proof[0]
    if not isinstance(proof, dict):
        return ProofResult(False, "malformed_proof")
    if proof.get("type") != PROOF_TYPE or proof.get("cryptosuite") != CRYPTOSUITE:
        return ProofResult(False, "unsupported_proof")
    method = proof.get("verificationMethod")
    created = parse_datetime(proof.get("created"))
    if not isinstance(method, str) or created is None:
        return ProofResult(False, "malformed_proof")
    if proof.get("proofPurpose") != ASSERTION_METHOD:
        return ProofResult(False, "wrong_purpose", method)
    try:
        signature = decode_base58btc(str(proof.get("proofValue", "")))
    except MultibaseError:
        return ProofResult(False, "malformed_proof", method)
    if len(signature) != 64:
        return ProofResult(False, "malformed_proof", method)
    unsecured = {k: v for k, v in secured.items() if k != "proof"}
    options = {k: v for k, v in proof.items() if k != "proofValue"}
    if "@context" in options:
        # § 3.3.2 step 3: a proof's own @context must be the start of the document's.
        document_context = unsecured.get("@context")
        own_context = options["@context"]
        own = own_context if isinstance(own_context, list) else [own_context]
        doc = document_context if isinstance(document_context, list) else [document_context]
        if doc[: len(own)] != own:
            return ProofResult(False, "malformed_proof", method)
    options["@context"] = unsecured.get("@context")
    found = assertion_key(method, resolver)
    if found is None:
        return ProofResult(False, "unknown_key", method, created=created)
    controller, public_key = found
    try:
        data = hash_data(unsecured, options)
    except CanonicalizationError as error:
        return ProofResult(False, error.code, method, controller, created)
    if not verify_ed25519(public_key, signature, data):
        return ProofResult(False, "invalid_signature", method, controller, created)
    return ProofResult(True, "ok", method, controller, created)

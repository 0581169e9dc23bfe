"""Verifying an Open Badges 3.0 credential: what it says, and each check with a reason code.

`verify_credential` takes what a person pasted or uploaded (text, bytes or parsed JSON) and
returns a `VerificationResult`: who issued it, to whom (only what the credential itself says),
for what, when, and four checks — format, signature, dates, status — each `ok` or a reason
code that a page translates (the codes are listed in `REASONS`). It never raises on bad input
and never touches the network: DID documents come through the caller's `resolver`, status
list credentials through `fetch_status_list` (the Django side fetches and caches them).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from kohtaanto.badges import proofs
from kohtaanto.badges.contexts import VC_V2
from kohtaanto.badges.credentials import CREDENTIAL_CONTEXT, parse_datetime
from kohtaanto.badges.did import Resolver
from kohtaanto.badges.status_list import StatusList, StatusListError

MAX_INPUT_BYTES = 1_000_000

StatusListFetcher = Callable[[str], Mapping[str, Any] | None]
"""Status list credential URL → the list credential (parsed JSON), or None if unavailable."""

REASONS: dict[str, tuple[str, ...]] = {
    "format": (
        "ok",
        "too_large",
        "not_json",
        "jwt",
        "ob2_assertion",
        "vc_v1",
        "enveloped",
        "not_credential",
        "not_open_badge",
        "missing_fields",
    ),
    "signature": (
        "ok",
        "not_checked",
        "no_proof",
        "several_proofs",
        "unsupported_proof",
        "wrong_purpose",
        "malformed_proof",
        "unknown_key",
        "issuer_mismatch",
        "invalid_signature",
        "unknown_context",
        "invalid_jsonld",
        "too_complex",
    ),
    "dates": ("ok", "not_checked", "not_yet_valid", "expired", "invalid_dates"),
    "status": (
        "ok",
        "none",
        "not_checked",
        "revoked",
        "suspended",
        "unsupported_status",
        "status_unavailable",
        "status_list_invalid",
    ),
}
"""Every reason code each check may give ("ok" passes; "none" = no status to check)."""


@dataclass(frozen=True)
class Check:
    code: str

    @property
    def ok(self) -> bool:
        return self.code in ("ok", "none")


@dataclass(frozen=True)
class VerificationResult:
    format: Check
    signature: Check = field(default_factory=lambda: Check("not_checked"))
    dates: Check = field(default_factory=lambda: Check("not_checked"))
    status: Check = field(default_factory=lambda: Check("not_checked"))
    credential_id: str | None = None
    issuer_id: str | None = None
    issuer_name: str | None = None
    subject_id: str | None = None
    subject_identity_hash: str | None = None
    achievement_id: str | None = None
    achievement_name: str | None = None
    valid_from: datetime | None = None
    valid_until: datetime | None = None
    signed_at: datetime | None = None
    verification_method: str | None = None

    @property
    def verified(self) -> bool:
        return all(c.ok for c in (self.format, self.signature, self.dates, self.status))

    @property
    def checks(self) -> dict[str, str]:
        return {
            "format": self.format.code,
            "signature": self.signature.code,
            "dates": self.dates.code,
            "status": self.status.code,
        }


_JWT = re.compile(r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*(~[A-Za-z0-9_.~-]*)*$")


def _types(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def _contexts(value: object) -> list[object]:
    return value if isinstance(value, list) else [value]


def parse_input(data: str | bytes | Mapping[str, Any]) -> dict[str, Any] | str:
    """The credential as a dict, or the format reason code why it is not one."""
    if isinstance(data, Mapping):
        return dict(data)
    if len(data) > MAX_INPUT_BYTES:
        return "too_large"
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return "not_json"
    text = data.strip()
    if _JWT.match(text):
        return "jwt"
    try:
        parsed = json.loads(text)
    except (ValueError, RecursionError):
        return "not_json"
    if isinstance(parsed, str) and _JWT.match(parsed.strip()):
        return "jwt"
    if not isinstance(parsed, dict):
        return "not_credential"
    return parsed


def classify(credential: Mapping[str, Any]) -> str:
    """Format reason code of a parsed JSON object ("ok" for an OB 3.0 credential)."""
    contexts = _contexts(credential.get("@context"))
    types = _types(credential.get("type"))
    if any(isinstance(c, str) and "w3id.org/openbadges" in c for c in contexts) or (
        "Assertion" in types and "VerifiableCredential" not in types
    ):
        return "ob2_assertion"
    if "EnvelopedVerifiableCredential" in types:
        return "enveloped"
    if contexts and contexts[0] == "https://www.w3.org/2018/credentials/v1":
        return "vc_v1"
    if "VerifiableCredential" not in types or contexts[:1] != [VC_V2]:
        return "not_credential"
    if not {"OpenBadgeCredential", "AchievementCredential"} & set(types) or not any(
        isinstance(c, str) and c.startswith("https://purl.imsglobal.org/spec/ob/v3p0/context")
        for c in contexts
    ):
        return "not_open_badge"
    subject = credential.get("credentialSubject")
    if (
        not isinstance(subject, dict)
        or not isinstance(subject.get("achievement"), dict)
        or "issuer" not in credential
        or "validFrom" not in credential
    ):
        return "missing_fields"
    return "ok"


def _issuer(credential: Mapping[str, Any]) -> tuple[str | None, str | None]:
    issuer = credential.get("issuer")
    if isinstance(issuer, str):
        return issuer, None
    if isinstance(issuer, dict):
        issuer_id, name = issuer.get("id"), issuer.get("name")
        return (
            issuer_id if isinstance(issuer_id, str) else None,
            name if isinstance(name, str) else None,
        )
    return None, None


def check_dates(
    valid_from: datetime | None, valid_until: datetime | None, raw: Mapping[str, Any], now: datetime
) -> Check:
    if valid_from is None or ("validUntil" in raw and valid_until is None):
        return Check("invalid_dates")
    if valid_until is not None and valid_until < valid_from:
        return Check("invalid_dates")
    if now < valid_from:
        return Check("not_yet_valid")
    if valid_until is not None and now >= valid_until:
        return Check("expired")
    return Check("ok")


def check_status(
    credential: Mapping[str, Any],
    issuer_id: str | None,
    resolver: Resolver,
    fetch_status_list: StatusListFetcher | None,
    now: datetime,
) -> Check:
    entries = credential.get("credentialStatus")
    if entries is None:
        return Check("none")
    if fetch_status_list is None:
        return Check("not_checked")
    for entry in entries if isinstance(entries, list) else [entries]:
        if not isinstance(entry, dict) or entry.get("type") != "BitstringStatusListEntry":
            return Check("unsupported_status")
        purpose, url = entry.get("statusPurpose"), entry.get("statusListCredential")
        index_text = entry.get("statusListIndex")
        if (
            purpose not in ("revocation", "suspension")
            or not isinstance(url, str)
            or not isinstance(index_text, str)
            or not index_text.isdigit()
        ):
            return Check("unsupported_status")
        try:
            list_credential = fetch_status_list(url)
        except Exception:  # the caller's fetch failed in any way: unavailable, not a crash
            list_credential = None
        if list_credential is None:
            return Check("status_unavailable")
        code = _check_list(dict(list_credential), url, purpose, issuer_id, resolver, now)
        if code != "ok":
            return Check(code)
        try:
            bits = StatusList.decode(list_credential["credentialSubject"]["encodedList"])
            if bits.get(int(index_text)):
                return Check("revoked" if purpose == "revocation" else "suspended")
        except (StatusListError, KeyError, TypeError):
            return Check("status_list_invalid")
    return Check("ok")


def _check_list(
    list_credential: dict[str, Any],
    url: str,
    purpose: str,
    issuer_id: str | None,
    resolver: Resolver,
    now: datetime,
) -> str:
    subject = list_credential.get("credentialSubject")
    list_issuer, _ = _issuer(list_credential)
    if (
        "BitstringStatusListCredential" not in _types(list_credential.get("type"))
        or list_credential.get("id") != url
        or not isinstance(subject, dict)
        or subject.get("type") != "BitstringStatusList"
        or subject.get("statusPurpose") != purpose
        or list_issuer != issuer_id
    ):
        return "status_list_invalid"
    proof = proofs.verify(list_credential, resolver)
    if not proof.ok or proof.controller != issuer_id:
        return "status_list_invalid"
    valid_from = parse_datetime(list_credential.get("validFrom"))
    valid_until = parse_datetime(list_credential.get("validUntil"))
    if check_dates(valid_from or now, valid_until, list_credential, now).code != "ok":
        return "status_list_invalid"
    return "ok"


def verify_credential(
    data: str | bytes | Mapping[str, Any],
    *,
    resolver: Resolver,
    now: datetime,
    fetch_status_list: StatusListFetcher | None = None,
) -> VerificationResult:
    """Verify an Open Badges 3.0 credential; see the module docstring."""
    parsed = parse_input(data)
    if isinstance(parsed, str):
        return VerificationResult(format=Check(parsed))
    code = classify(parsed)
    issuer_id, issuer_name = _issuer(parsed)
    subject = parsed.get("credentialSubject")
    subject = subject if isinstance(subject, dict) else {}
    achievement = subject.get("achievement")
    achievement = achievement if isinstance(achievement, dict) else {}
    identity_hash = None
    identifiers = subject.get("identifier")
    for identity in identifiers if isinstance(identifiers, list) else [identifiers]:
        if isinstance(identity, dict) and isinstance(identity.get("identityHash"), str):
            identity_hash = identity["identityHash"]
            break

    def text(value: object) -> str | None:
        return value if isinstance(value, str) else None

    valid_from = parse_datetime(parsed.get("validFrom"))
    valid_until = parse_datetime(parsed.get("validUntil"))
    described: dict[str, Any] = {
        "credential_id": text(parsed.get("id")),
        "issuer_id": issuer_id,
        "issuer_name": issuer_name,
        "subject_id": text(subject.get("id")),
        "subject_identity_hash": identity_hash,
        "achievement_id": text(achievement.get("id")),
        "achievement_name": text(achievement.get("name")),
        "valid_from": valid_from,
        "valid_until": valid_until,
    }
    if code != "ok":
        return VerificationResult(format=Check(code), **described)
    proof = proofs.verify(parsed, resolver)
    signature = Check(proof.code)
    if proof.ok and proof.controller != issuer_id:
        signature = Check("issuer_mismatch")
    dates = check_dates(valid_from, valid_until, parsed, now)
    status = (
        check_status(parsed, issuer_id, resolver, fetch_status_list, now)
        if signature.ok
        else Check("not_checked")
    )
    return VerificationResult(
        format=Check("ok"),
        signature=signature,
        dates=dates,
        status=status,
        signed_at=proof.created,
        verification_method=proof.verification_method,
        **described,
    )


__all__ = ["CREDENTIAL_CONTEXT", "REASONS", "Check", "VerificationResult", "verify_credential"]

"""Verifying a credential on this site: `kohtaanto.badges.verify.verify_credential` with a
resolver that knows Kohtaanto's own did:web documents (from the database) and any did:key, and
a status-list fetcher that serves only Kohtaanto's own lists. Nothing is fetched from the
network: a credential of another did:web issuer gets "unknown issuer", and a credential given
by URL is accepted only when the URL is a shared-badge link of this site.

Each reason code has a plain sentence in fi/sv/en (`REASON_TEXT`); the JSON endpoint and the
page say only what `VerificationResult` holds, never anything about the holder beyond it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from kohtaanto.achievements import services
from kohtaanto.achievements.enums import CredentialState
from kohtaanto.achievements.models import IssuedCredential, Issuer, StatusList
from kohtaanto.badges import did as dids
from kohtaanto.badges.verify import VerificationResult, verify_credential

_STATUS_PATH = re.compile(r"^/badges/status/(\d+)/$")
_SHARED_PATH = re.compile(r"^/badges/shared/([A-Za-z0-9_-]{20,64})/(?:credential\.json)?$")

REASON_TEXT: dict[str, dict[str, Promise]] = {
    "format": {
        "ok": _("This is an Open Badges 3.0 credential."),
        "too_large": _("The file is too big to be a badge (over 1 MB)."),
        "not_json": _("This is not a badge: the text is not JSON."),
        "jwt": _("This is a JWT. Only badges with an embedded proof can be checked here."),
        "ob2_assertion": _(
            "This is an older Open Badges 2.0 badge. Only Open Badges 3.0 badges can be checked "
            "here."
        ),
        "vc_v1": _("This credential uses the older VC 1.1 format, which is not checked here."),
        "enveloped": _("This credential is wrapped in an envelope, which is not checked here."),
        "not_credential": _("This is not a verifiable credential."),
        "not_open_badge": _("This credential is not an Open Badge."),
        "missing_fields": _("The badge lacks required parts (issuer, date or achievement)."),
    },
    "signature": {
        "ok": _("The signature is valid: the badge has not been changed after it was issued."),
        "not_checked": _("The signature was not checked."),
        "no_proof": _("The badge has no signature."),
        "several_proofs": _("The badge has several signatures; only one is checked here."),
        "unsupported_proof": _("The signature is of a kind that is not checked here."),
        "wrong_purpose": _("The signature was not made for issuing credentials."),
        "malformed_proof": _("The signature is damaged."),
        "unknown_key": _(
            "The issuer is not known here, or the key that signed the badge is not the issuer's."
        ),
        "issuer_mismatch": _("The badge was signed by someone other than the issuer it names."),
        "invalid_signature": _(
            "The signature does not match: the badge has been changed after it was issued."
        ),
        "unknown_context": _("The badge uses definitions that are not known here."),
        "invalid_jsonld": _("The badge's data is not well formed."),
        "too_complex": _("The badge is too complex to check."),
    },
    "dates": {
        "ok": _("The badge is valid on this date."),
        "not_checked": _("The dates were not checked."),
        "not_yet_valid": _("The badge is not valid yet."),
        "expired": _("The badge has expired."),
        "invalid_dates": _("The badge's dates are not valid."),
    },
    "status": {
        "ok": _("The issuer has not revoked the badge."),
        "none": _("The badge has no revocation list; it cannot be revoked."),
        "not_checked": _("Whether the badge has been revoked was not checked."),
        "revoked": _("The issuer has revoked the badge."),
        "suspended": _("The issuer has suspended the badge."),
        "unsupported_status": _("The badge's revocation information is of an unknown kind."),
        "status_unavailable": _(
            "The issuer's revocation list could not be read, so revocation is not known."
        ),
        "status_list_invalid": _("The issuer's revocation list is not valid."),
    },
}

CHECK_NAMES: dict[str, Promise] = {
    "format": _("Badge format"),
    "signature": _("Signature"),
    "dates": _("Dates"),
    "status": _("Revocation"),
}


def _own_hosts() -> set[str]:
    hosts = {urlsplit(settings.SITE_URL).netloc.lower()}
    hosts |= {
        d.lower() for d in Issuer.objects.exclude(domain=None).values_list("domain", flat=True) if d
    }
    return hosts


def resolve(did: str) -> Mapping[str, Any] | None:
    if did.startswith("did:key:"):
        try:
            return dids.did_key_document(did)
        except dids.DidError:
            return None
    if did.startswith("did:web:") and ":" not in did.removeprefix("did:web:"):
        return services.did_document(did.removeprefix("did:web:").replace("%3A", ":"))
    return None


def fetch_status_list(url: str) -> Mapping[str, Any] | None:
    parts = urlsplit(url)
    match = _STATUS_PATH.match(parts.path)
    if not match or parts.query or parts.fragment:
        return None
    status_list = StatusList.objects.select_related("organisation").filter(pk=match[1]).first()
    if status_list is None or services.status_list_url(status_list) != url:
        return None
    return services.published_status_list(status_list)


def shared_credential(token: str) -> IssuedCredential | None:
    """The issued, not hidden credential of a share token."""
    return (
        IssuedCredential.objects.select_related("version__achievement__organisation")
        .filter(share_token=token, hidden=False, state=CredentialState.ISSUED)
        .first()
    )


def credential_from_url(url: str) -> dict[str, Any] | None:
    """The credential a shared-badge URL of this site names; None for any other URL (nothing
    is ever fetched from the network)."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or parts.netloc.lower() not in _own_hosts():
        return None
    match = _SHARED_PATH.match(parts.path)
    if not match:
        return None
    found = shared_credential(match[1])
    return dict(found.credential) if found and found.credential else None


def verify(data: str | bytes | Mapping[str, Any]) -> VerificationResult:
    return verify_credential(
        data, resolver=resolve, now=timezone.now(), fetch_status_list=fetch_status_list
    )


def explain(result: VerificationResult) -> dict[str, Any]:
    """The result in plain words in the active language, as the page and the API give it."""
    checks = []
    for name, code in result.checks.items():
        checks.append(
            {
                "check": name,
                "name": str(CHECK_NAMES[name]),
                "ok": code in ("ok", "none"),
                "code": code,
                "text": str(REASON_TEXT[name].get(code, code)),
            }
        )
    if result.subject_id:
        subject = str(_("The person with the identifier %(id)s")) % {"id": result.subject_id}
    elif result.subject_identity_hash:
        subject = str(
            _(
                "The person whose e-mail address is in the badge as a code "
                "(the address itself is not shown)"
            )
        )
    else:
        subject = str(_("The badge does not name its holder."))

    def when(value: Any) -> str | None:
        return value.isoformat() if value else None

    def shown(value: Any) -> str | None:
        return date_format(localtime(value), "SHORT_DATETIME_FORMAT") if value else None

    return {
        "verified": result.verified,
        "summary": str(
            _("The badge is genuine and valid.")
            if result.verified
            else _("The badge could not be confirmed.")
        ),
        "issuer": {"id": result.issuer_id, "name": result.issuer_name},
        "subject": {
            "id": result.subject_id,
            "identity_hash": result.subject_identity_hash,
            "text": subject,
        },
        "achievement": {"id": result.achievement_id, "name": result.achievement_name},
        "valid_from": when(result.valid_from),
        "valid_until": when(result.valid_until),
        "signed_at": when(result.signed_at),
        "shown": {
            "valid_from": shown(result.valid_from),
            "valid_until": shown(result.valid_until),
        },
        "credential_id": result.credential_id,
        "checks": checks,
    }

"""The `OpenBadgeCredential` (Open Badges 3.0 on the VC Data Model 2.0), unsigned.

https://www.imsglobal.org/spec/ob/v3p0/ — `@context` is the VC 2.0 context then the OB 3.0.3
context; `type` is `["VerifiableCredential", "OpenBadgeCredential"]`; the issuer is a `Profile`
whose `id` is the issuer's DID; `credentialSubject` is an `AchievementSubject` with the
`Achievement` and either the person's own DID (`id`) or an `IdentityObject` with the salted
SHA-256 of their email address (`identifier`), never the address itself.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from kohtaanto.badges.contexts import OB_V3P0, VC_V2

CREDENTIAL_CONTEXT: tuple[str, ...] = (VC_V2, OB_V3P0)
CREDENTIAL_TYPE: tuple[str, ...] = ("VerifiableCredential", "OpenBadgeCredential")
ESCO = "ESCO"
DIGCOMP = "DigComp 2.2"
DIGCOMP_URL = "https://joint-research-centre.ec.europa.eu/digcomp/digcomp-framework_en"

ACHIEVEMENT_TYPES = frozenset(
    {
        "Achievement",
        "Assessment",
        "Award",
        "Badge",
        "Certificate",
        "CertificateOfCompletion",
        "CommunityService",
        "Competency",
        "Course",
        "CoCurricular",
        "Fieldwork",
        "LearningProgram",
        "Membership",
        "MicroCredential",
    }
)
"""The OB 3.0 achievement types Kohtaanto uses (the vocabulary also allows `ext:…`)."""
_EXT = re.compile(r"^ext:[A-Za-z0-9._-]+$")
_DID = re.compile(r"^did:[a-z0-9]+:[A-Za-z0-9._:%-]+$")


class CredentialError(ValueError):
    """The credential cannot be built as asked."""


def xsd_datetime(moment: datetime) -> str:
    """An aware datetime as the UTC `xsd:dateTimeStamp` the VC model wants (whole seconds)."""
    if moment.tzinfo is None:
        raise CredentialError("dates in credentials are timezone-aware")
    return moment.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_datetime(value: object) -> datetime | None:
    """An `xsd:dateTime` with a time zone from a credential, or None if it is not one."""
    if not isinstance(value, str) or not re.match(
        r"^-?\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$", value
    ):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed


@dataclass(frozen=True)
class IssuerProfile:
    id: str
    """The issuer's DID (did:web of the organisation's domain, or did:key)."""
    name: str
    url: str | None = None

    def as_json(self) -> dict[str, Any]:
        profile: dict[str, Any] = {"id": self.id, "type": ["Profile"], "name": self.name}
        if self.url:
            profile["url"] = self.url
        return profile


@dataclass(frozen=True)
class Alignment:
    """An `Alignment` to a skill or competence in a framework (ESCO, DigComp)."""

    target_name: str
    target_url: str
    target_framework: str | None = None
    target_code: str | None = None
    target_type: str | None = None
    target_description: str | None = None

    def as_json(self) -> dict[str, Any]:
        alignment: dict[str, Any] = {
            "type": ["Alignment"],
            "targetName": self.target_name,
            "targetUrl": self.target_url,
        }
        for key, value in (
            ("targetDescription", self.target_description),
            ("targetFramework", self.target_framework),
            ("targetCode", self.target_code),
            ("targetType", self.target_type),
        ):
            if value:
                alignment[key] = value
        return alignment


def esco_alignment(uri: str, label: str) -> Alignment:
    """Alignment to an ESCO skill or competence by its concept URI."""
    return Alignment(
        target_name=label,
        target_url=uri,
        target_framework=ESCO,
        target_code=uri,
        target_type="ceasn:Competency",
    )


def digcomp_alignment(
    competence: str, name: str, proficiency_level: int | None = None, url: str = DIGCOMP_URL
) -> Alignment:
    """Alignment to a DigComp 2.2 competence (`"5.3"`), with the proficiency level (1–8)."""
    if not re.match(r"^[1-5]\.[1-6]$", competence):
        raise CredentialError("a DigComp 2.2 competence is like '5.3'")
    if proficiency_level is not None and not 1 <= proficiency_level <= 8:
        raise CredentialError("a DigComp proficiency level is 1–8")
    code = competence if proficiency_level is None else f"{competence}/{proficiency_level}"
    return Alignment(
        target_name=name,
        target_url=url,
        target_framework=DIGCOMP,
        target_code=code,
        target_type="ext:DigCompCompetence",
        target_description=(
            None if proficiency_level is None else f"Proficiency level {proficiency_level}"
        ),
    )


@dataclass(frozen=True)
class Achievement:
    id: str
    """A stable URL or URN of this version of the achievement (badge class)."""
    name: str
    description: str
    criteria_narrative: str
    achievement_type: str = "Badge"
    image: str | None = None
    image_caption: str | None = None
    alignments: tuple[Alignment, ...] = ()
    language: str | None = None
    version: str | None = None

    def as_json(self) -> dict[str, Any]:
        if self.achievement_type not in ACHIEVEMENT_TYPES and not _EXT.match(self.achievement_type):
            raise CredentialError(f"not an OB 3.0 achievement type: {self.achievement_type}")
        achievement: dict[str, Any] = {
            "id": self.id,
            "type": ["Achievement"],
            "achievementType": self.achievement_type,
            "name": self.name,
            "description": self.description,
            "criteria": {"narrative": self.criteria_narrative},
        }
        if self.image:
            image: dict[str, Any] = {"id": self.image, "type": "Image"}
            if self.image_caption:
                image["caption"] = self.image_caption
            achievement["image"] = image
        if self.alignments:
            achievement["alignment"] = [a.as_json() for a in self.alignments]
        if self.language:
            achievement["inLanguage"] = self.language
        if self.version:
            achievement["version"] = self.version
        return achievement


def normalise_email(email: str) -> str:
    return email.strip().lower()


def identity_hash(email: str, salt: str) -> str:
    """OB 3.0 IdentityHash: `sha256$` + hex SHA-256 of the (trimmed, lower-case) address
    followed by the salt, both UTF-8."""
    digest = hashlib.sha256((normalise_email(email) + salt).encode("utf-8")).hexdigest()
    return f"sha256${digest}"


def new_salt() -> str:
    return secrets.token_hex(16)


@dataclass(frozen=True)
class Recipient:
    """Who the credential is about: a DID the person brings, or a salted email hash."""

    did: str | None = None
    email_hash: str | None = None
    salt: str | None = field(default=None, repr=False)

    @classmethod
    def by_did(cls, did: str) -> Recipient:
        if not _DID.match(did):
            raise CredentialError("not a DID")
        return cls(did=did)

    @classmethod
    def by_email(cls, email: str, salt: str | None = None) -> Recipient:
        """The address is hashed here and never kept: pass the salt to store it beside."""
        if "@" not in email:
            raise CredentialError("not an email address")
        salt = salt if salt is not None else new_salt()
        return cls(email_hash=identity_hash(email, salt), salt=salt)

    def matches_email(self, email: str) -> bool:
        return bool(
            self.email_hash
            and self.salt is not None
            and secrets.compare_digest(self.email_hash, identity_hash(email, self.salt))
        )


@dataclass(frozen=True)
class StatusEntry:
    """A `BitstringStatusListEntry`: index `index` of the list credential at `list_url`."""

    list_url: str
    index: int
    purpose: str = "revocation"

    def as_json(self) -> dict[str, Any]:
        return {
            "id": f"{self.list_url}#{self.index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": self.purpose,
            "statusListIndex": str(self.index),
            "statusListCredential": self.list_url,
        }


def build_credential(
    *,
    credential_id: str,
    issuer: IssuerProfile,
    achievement: Achievement,
    recipient: Recipient | None,
    valid_from: datetime,
    valid_until: datetime | None = None,
    status: StatusEntry | None = None,
    name: str | None = None,
) -> dict[str, Any]:
    """The unsigned `OpenBadgeCredential`; sign it with `proofs.sign`."""
    subject: dict[str, Any] = {"type": ["AchievementSubject"]}
    if recipient is None:
        pass  # no identifier: the person has neither an e-mail address nor a DID to name
    elif recipient.did:
        subject["id"] = recipient.did
    elif recipient.email_hash:
        subject["identifier"] = [
            {
                "type": "IdentityObject",
                "identityHash": recipient.email_hash,
                "identityType": "emailAddress",
                "hashed": True,
                "salt": recipient.salt,
            }
        ]
    else:
        raise CredentialError("a recipient is a DID or an email hash")
    subject["achievement"] = achievement.as_json()
    credential: dict[str, Any] = {
        "@context": list(CREDENTIAL_CONTEXT),
        "id": credential_id,
        "type": list(CREDENTIAL_TYPE),
        "name": name or achievement.name,
        "issuer": issuer.as_json(),
        "validFrom": xsd_datetime(valid_from),
        "credentialSubject": subject,
    }
    if valid_until is not None:
        if valid_until <= valid_from:
            raise CredentialError("validUntil is after validFrom")
        credential["validUntil"] = xsd_datetime(valid_until)
    if status is not None:
        credential["credentialStatus"] = status.as_json()
    return credential


def recipient_of(credential: dict[str, Any]) -> Recipient | None:
    """The recipient a credential names (its DID or its email hash and salt), if any."""
    subject = credential.get("credentialSubject")
    if not isinstance(subject, dict):
        return None
    if isinstance(subject.get("id"), str):
        return Recipient(did=subject["id"])
    identifiers = subject.get("identifier")
    for identity in identifiers if isinstance(identifiers, list) else [identifiers]:
        if (
            isinstance(identity, dict)
            and identity.get("identityType") == "emailAddress"
            and identity.get("hashed") is True
            and isinstance(identity.get("identityHash"), str)
        ):
            salt = identity.get("salt")
            return Recipient(
                email_hash=identity["identityHash"], salt=salt if isinstance(salt, str) else ""
            )
    return None

"""The one write path of Open Badges: achievements and their versions, issuing (a task signs),
revoking (the status list re-signed at once), hiding from the shared link.

Who: achievements are made and changed by a coordinator of the organisation; a badge is issued
and revoked by a coordinator of the participant's organisation or one of the participant's own
coaches (`people.access.is_staff_of`); a participant hides or shows their own badge.

Consent: a badge is personal data processed to provide the service, so issuing needs the
`service_processing` consent (a person who has withdrawn it, or never given it, is refused
with the reason). Revoking and hiding need none: they only reduce what is said.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kohtaanto.achievements import keys
from kohtaanto.achievements.enums import (
    ACHIEVEMENT_TYPE,
    AchievementKind,
    CredentialState,
    EvidenceSource,
    FailureReason,
    RecipientChoice,
)
from kohtaanto.achievements.models import (
    Achievement,
    AchievementVersion,
    CourseCompletion,
    IssuedCredential,
    Issuer,
    IssuerKey,
    StatusList,
)
from kohtaanto.badges import credentials as ob
from kohtaanto.badges import did as dids
from kohtaanto.badges import proofs
from kohtaanto.badges.multibase import decode_ed25519_public_key
from kohtaanto.badges.status_list import MIN_BITS
from kohtaanto.badges.status_list import StatusList as Bits
from kohtaanto.badges.status_list import status_list_credential as list_credential
from kohtaanto.core.access import id_or_none, is_user, roles_of, visible_or_none
from kohtaanto.core.audit import log_event
from kohtaanto.core.enums import AuditAction, Role
from kohtaanto.core.errors import Conflict, PermissionDenied, ValidationFailed
from kohtaanto.core.models import Organisation
from kohtaanto.groups.enums import AttendanceMark
from kohtaanto.groups.models import Attendance
from kohtaanto.journeys.models import DigCompAttempt
from kohtaanto.mentoring.models import TrainingRecord, VolunteerProfile
from kohtaanto.people.access import ParticipantNotFound, is_staff_of
from kohtaanto.people.enums import ConsentPurpose
from kohtaanto.people.models import Participant
from kohtaanto.people.selectors import has_consent
from kohtaanto.trials.models import Certificate

LANGUAGES = ("fi", "sv", "en")
_DIGCOMP = re.compile(r"^[1-5]\.[1-6]$")
_DID = re.compile(r"^did:[a-z0-9]+:[A-Za-z0-9._:%-]+$")


# --- Issuer identity ---------------------------------------------------------------------


def domain_of(organisation: Organisation) -> str | None:
    issuer = Issuer.objects.filter(organisation=organisation).first()
    return issuer.domain if issuer and issuer.domain else None


def base_url(organisation: Organisation) -> str:
    """Where this organisation's public badge URLs live."""
    domain = domain_of(organisation)
    return f"https://{domain}" if domain else settings.SITE_URL


def issuer_did(organisation: Organisation, key: IssuerKey) -> str:
    domain = domain_of(organisation)
    if domain:
        return dids.did_web(domain)
    return dids.did_key(decode_ed25519_public_key(key.public_key_multibase))


def verification_method(did: str, key: IssuerKey) -> str:
    return f"{did}#{key.fragment}" if did.startswith("did:web:") else dids.did_key_method(did)


def published_keys(organisation: Organisation) -> list[dids.PublishedKey]:
    return [
        dids.PublishedKey(k.fragment, decode_ed25519_public_key(k.public_key_multibase))
        for k in IssuerKey.objects.filter(organisation=organisation, compromised=False)
    ]


def did_document(domain: str) -> dict[str, Any] | None:
    """The did:web document of the organisation whose domain this is (None if none)."""
    issuer = Issuer.objects.filter(domain=domain.lower()).select_related("organisation").first()
    if issuer is None:
        return None
    keys.current_key(issuer.organisation)  # a key exists before anyone asks
    return dids.did_web_document(dids.did_web(domain.lower()), published_keys(issuer.organisation))


def set_domain(by: Any, organisation: Organisation, domain: str) -> Issuer:
    """Set (or clear) the organisation's own domain for did:web; coordinators only."""
    _require_coordinator(by, organisation)
    domain = domain.strip().lower()
    if domain:
        try:
            dids.did_web(domain)
        except dids.DidError:
            raise ValidationFailed(errors={"domain": [_("This is not a domain name.")]}) from None
        if Issuer.objects.filter(domain=domain).exclude(organisation=organisation).exists():
            raise ValidationFailed(
                errors={"domain": [_("Another organisation already uses this domain.")]}
            )
    issuer, _created = Issuer.objects.get_or_create(organisation=organisation)
    issuer.domain = domain or None
    issuer.save(update_fields=["domain"])
    log_event(by, AuditAction.CHANGE, issuer, organisation=organisation)
    return issuer


# --- Achievements --------------------------------------------------------------------------


def _require_coordinator(by: Any, organisation: Organisation) -> None:
    if Role.COORDINATOR not in roles_of(by, organisation):
        raise PermissionDenied


def _clean_content(kind: str, data: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, list[Any]] = {}
    content: dict[str, Any] = {}
    for field in AchievementVersion.CONTENT_FIELDS:
        value = data.get(field)
        if field in ("esco_skills", "qualification_units"):
            content[field] = list(value or [])
        elif field == "digcomp_level":
            content[field] = int(value) if value not in (None, "") else None
        else:
            content[field] = str(value or "").strip()
    for required in ("name_fi", "description_fi", "criteria_fi"):
        if not content[required]:
            errors[required] = [_("Fill in this field.")]
    if kind not in AchievementKind.values:
        errors["kind"] = [_("Choose a kind.")]
    if content["digcomp_competence"] and not _DIGCOMP.match(content["digcomp_competence"]):
        errors["digcomp_competence"] = [_("A DigComp competence is written like 5.3.")]
    level = content["digcomp_level"]
    if level is not None and not 1 <= level <= 8:
        errors["digcomp_level"] = [_("A DigComp proficiency level is from 1 to 8.")]
    if kind == AchievementKind.DIGITAL_SKILLS and not content["digcomp_competence"]:
        errors["digcomp_competence"] = [_("A digital skills badge names a DigComp competence.")]
    for skill in content["esco_skills"]:
        uri = str(skill.get("uri", "")) if isinstance(skill, dict) else ""
        if not uri.startswith("http://data.europa.eu/esco/"):
            errors["esco_skills"] = [_("An ESCO skill is given by its ESCO address.")]
    if errors:
        raise ValidationFailed(errors=errors)
    return content


@transaction.atomic
def create_achievement(by: Any, organisation: Organisation, kind: str, **data: Any) -> Achievement:
    _require_coordinator(by, organisation)
    content = _clean_content(kind, data)
    achievement = Achievement.objects.create(organisation=organisation, kind=kind)
    AchievementVersion.objects.create(achievement=achievement, number=1, created_by=by, **content)
    log_event(by, AuditAction.CREATE, achievement)
    return achievement


@transaction.atomic
def change_achievement(by: Any, achievement: Achievement, **data: Any) -> AchievementVersion:
    """A new version when anything the credential says has changed; else the current one."""
    _require_coordinator(by, achievement.organisation)
    current = achievement.current_version
    assert current is not None
    merged = {f: data.get(f, getattr(current, f)) for f in AchievementVersion.CONTENT_FIELDS}
    content = _clean_content(achievement.kind, merged)
    if all(content[f] == getattr(current, f) for f in AchievementVersion.CONTENT_FIELDS):
        return current
    version = AchievementVersion.objects.create(
        achievement=achievement, number=current.number + 1, created_by=by, **content
    )
    log_event(by, AuditAction.CHANGE, achievement)
    return version


def achievement_url(version: AchievementVersion) -> str:
    return f"{base_url(version.achievement.organisation)}/badges/achievements/{version.pk}/"


def achievement_of(version: AchievementVersion, language: str = "fi") -> ob.Achievement:
    alignments: list[ob.Alignment] = []
    if version.digcomp_competence:
        alignments.append(
            ob.digcomp_alignment(
                version.digcomp_competence,
                f"DigComp 2.2 {version.digcomp_competence}",
                version.digcomp_level,
            )
        )
    alignments += [
        ob.esco_alignment(str(s["uri"]), str(s.get("label") or s["uri"]))
        for s in version.esco_skills
    ]
    criteria = version.text("criteria", language)
    units = [u for u in version.qualification_units if isinstance(u, dict) and u.get("unit")]
    if units:
        criteria += "\n\n" + "\n".join(
            f"{u['unit']}: {u.get('requirements', '')}".rstrip(": ") for u in units
        )
    return ob.Achievement(
        id=achievement_url(version),
        name=version.text("name", language),
        description=version.text("description", language),
        criteria_narrative=criteria,
        achievement_type=ACHIEVEMENT_TYPE[AchievementKind(version.achievement.kind)],
        image=version.image_url or None,
        alignments=tuple(alignments),
        language=language,
        version=str(version.number),
    )


def achievement_json(version: AchievementVersion) -> dict[str, Any]:
    """The public JSON of one achievement version (OB 3.0 `Achievement` with its context)."""
    return {"@context": list(ob.CREDENTIAL_CONTEXT), **achievement_of(version).as_json()}


def issuer_profile(organisation: Organisation) -> dict[str, Any]:
    key = keys.current_key(organisation)
    did = issuer_did(organisation, key)
    return {
        "@context": list(ob.CREDENTIAL_CONTEXT),
        **ob.IssuerProfile(id=did, name=organisation.name, url=_issuer_url(organisation)).as_json(),
    }


def _issuer_url(organisation: Organisation) -> str:
    return f"{base_url(organisation)}/badges/issuers/{organisation.pk}/"


# --- Status lists ---------------------------------------------------------------------------


def status_list_url(status_list: StatusList) -> str:
    return f"{base_url(status_list.organisation)}/badges/status/{status_list.pk}/"


def _list_for(organisation: Organisation, did: str) -> StatusList:
    found, _created = StatusList.objects.get_or_create(
        organisation=organisation, issuer_did=did, defaults={"bits": bytes(MIN_BITS // 8)}
    )
    return found


def _allocate_index(status_list: StatusList) -> int:
    """A random unused index (not sequential, so an index tells nothing about order)."""
    used = set(
        IssuedCredential.objects.filter(status_list=status_list)
        .exclude(status_index=None)
        .values_list("status_index", flat=True)
    )
    if len(used) >= MIN_BITS // 2:
        raise Conflict(_("The status list of the organisation is full."))
    while True:
        index = secrets.randbelow(MIN_BITS)
        if index not in used:
            return index


def _signing_key_for_list(status_list: StatusList) -> IssuerKey:
    if status_list.issuer_did.startswith("did:key:"):
        for key in IssuerKey.objects.filter(
            organisation=status_list.organisation, compromised=False
        ):
            if issuer_did_of_key(key) == status_list.issuer_did:
                return key
    return keys.current_key(status_list.organisation)


def issuer_did_of_key(key: IssuerKey) -> str:
    return dids.did_key(decode_ed25519_public_key(key.public_key_multibase))


def sign_status_list(status_list: StatusList) -> dict[str, Any]:
    """Sign the list credential now. It has no `validUntil`: its freshness is the HTTP cache's
    (60 s) and it is signed again at once when a bit changes or the signing key rotates."""
    now = timezone.now()
    key = _signing_key_for_list(status_list)
    unsigned = list_credential(
        list_url=status_list_url(status_list),
        issuer=status_list.issuer_did,
        status_list=Bits(bits=bytes(status_list.bits)),
        valid_from=now - timedelta(minutes=5),
    )
    signed = proofs.sign(
        unsigned,
        keys.signing_key_of(key),
        verification_method(status_list.issuer_did, key),
        now,
    )
    StatusList.objects.filter(pk=status_list.pk).update(signed=signed, signed_at=now)
    status_list.signed, status_list.signed_at = signed, now
    return signed


def published_status_list(status_list: StatusList) -> dict[str, Any]:
    """The signed list credential as published: the cached one unless the bits (or the key)
    changed since it was signed."""
    if (
        status_list.signed is None
        or status_list.signed_at is None
        or status_list.signed_at < status_list.changed
    ):
        return sign_status_list(status_list)
    return dict(status_list.signed)


# --- Issuing ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Evidence:
    source: str
    source_id: int | None


def evidence_from_digcomp(participant: Participant, attempt_id: object) -> Evidence:
    attempt = visible_or_none(DigCompAttempt.objects.filter(participant=participant), attempt_id)
    if attempt is None or attempt.completed_at is None:
        raise ValidationFailed(
            errors={"": [_("The badge is issued from a completed DigComp self-assessment.")]}
        )
    return Evidence(EvidenceSource.DIGCOMP, attempt.pk)


def evidence_from_trial(participant: Participant, certificate_id: object) -> Evidence:
    """A work trial's competence certificate, issued, of this participant."""
    certificate = visible_or_none(
        Certificate.objects.filter(trial__participant=participant), certificate_id
    )
    if certificate is None or certificate.issued_at is None:
        raise ValidationFailed(
            errors={"": [_("The badge is issued from an issued competence certificate.")]}
        )
    return Evidence(EvidenceSource.TRIAL, certificate.pk)


def evidence_from_group(participant: Participant, group_id: object) -> Evidence:
    """A group of the participant's organisation where they were present at least once."""
    group_pk = id_or_none(group_id)  # SQLite refuses a too large number in the join (a 500)
    if (
        group_pk is None
        or not Attendance.objects.filter(
            participant=participant,
            session__group_id=group_pk,
            session__group__organisation_id=participant.organisation_id,
            mark=AttendanceMark.PRESENT,
        ).exists()
    ):
        raise ValidationFailed(
            errors={"": [_("The badge is issued for a group the person has taken part in.")]}
        )
    return Evidence(EvidenceSource.GROUP, group_pk)


def evidence_from_course(participant: Participant, completion_id: object) -> Evidence:
    """A recorded completion of a course by this participant (`completions.py`)."""
    completion = visible_or_none(
        CourseCompletion.objects.filter(participant=participant), completion_id
    )
    if completion is None:
        raise ValidationFailed(
            errors={"": [_("The badge is issued from a course marked as finished.")]}
        )
    return Evidence(EvidenceSource.COURSE, completion.pk)


def evidence_from_choice(participant: Participant, choice: str) -> Evidence:
    """`digcomp:<id>`, `trial:<certificate id>`, `group:<id>` or `course:<completion id>`
    from the issuing form."""
    source, _sep, pk = (choice or "").partition(":")
    if source == EvidenceSource.TRIAL:
        return evidence_from_trial(participant, pk)
    if source == EvidenceSource.GROUP:
        return evidence_from_group(participant, pk)
    if source == EvidenceSource.COURSE:
        return evidence_from_course(participant, pk)
    return evidence_from_digcomp(participant, pk)


def may_issue(user: Any, participant: Participant) -> bool:
    return is_user(user) and is_staff_of(user, participant)


def issuable_versions(participant: Participant) -> list[AchievementVersion]:
    versions = []
    for achievement in Achievement.objects.filter(
        organisation_id=participant.organisation_id, active=True
    ):
        current = achievement.current_version
        if current is not None:
            versions.append(current)
    return versions


@transaction.atomic
def issue_badge(
    by: Any,
    participant: Participant,
    version: AchievementVersion,
    evidence: Evidence,
    *,
    recipient: str = RecipientChoice.EMAIL_HASH,
    did: str = "",
) -> IssuedCredential:
    """Record the badge and queue its signing (`tasks.sign_credential`)."""
    if not may_issue(by, participant):
        raise ParticipantNotFound
    if version.achievement.organisation_id != participant.organisation_id:
        raise ValidationFailed(errors={"achievement": [_("Choose a badge of this organisation.")]})
    if not version.achievement.active:
        raise ValidationFailed(errors={"achievement": [_("This badge is no longer in use.")]})
    if evidence.source == EvidenceSource.COURSE and version.achievement.kind != (
        AchievementKind.COURSE
    ):
        raise ValidationFailed(
            errors={"achievement": [_("A finished course gets a course badge: choose one.")]}
        )
    if not has_consent(participant, ConsentPurpose.SERVICE_PROCESSING):
        raise Conflict(
            _(
                "A badge cannot be issued: the person has not given, or has withdrawn, "
                "consent to processing their data for the service."
            ),
            code="no_consent",
        )
    choice, salt, identity, person_did = _recipient(recipient, did, participant.email)
    credential = IssuedCredential.objects.create(
        organisation_id=participant.organisation_id,
        version=version,
        participant=participant,
        source=evidence.source,
        source_id=evidence.source_id,
        recipient_choice=choice,
        recipient_did=person_did,
        salt=salt,
        identity_hash=identity,
        issued_by=by,
    )
    log_event(by, AuditAction.CREATE, credential)
    from kohtaanto.achievements.tasks import sign_credential

    pk = credential.pk
    transaction.on_commit(lambda: sign_credential.enqueue(pk))
    return credential


def evidence_from_training(volunteer: VolunteerProfile, record_id: object) -> Evidence:
    """A training record of the volunteer (a course they completed)."""
    record = visible_or_none(TrainingRecord.objects.filter(volunteer=volunteer), record_id)
    if record is None:
        raise ValidationFailed(
            errors={"": [_("The badge is issued from a training the volunteer has completed.")]}
        )
    return Evidence(EvidenceSource.VOLUNTEER_TRAINING, record.pk)


@transaction.atomic
def issue_volunteer_badge(
    by: Any,
    organisation: Organisation,
    volunteer: VolunteerProfile,
    version: AchievementVersion,
    evidence: Evidence,
    *,
    recipient: str = RecipientChoice.EMAIL_HASH,
    did: str = "",
) -> IssuedCredential:
    """A coordinator issues a badge to a volunteer of the organisation (for their training).
    Volunteers are not participants: their data is theirs as members of the organisation,
    so no participant consent applies; the badge names them only as they choose."""
    if (
        Role.COORDINATOR not in roles_of(by, organisation)
        or not volunteer.engagements.filter(organisation=organisation).exists()
    ):
        raise ParticipantNotFound
    if version.achievement.organisation_id != organisation.pk or not version.achievement.active:
        raise ValidationFailed(errors={"achievement": [_("Choose a badge of this organisation.")]})
    choice, salt, identity, person_did = _recipient(recipient, did, volunteer.user.email)
    credential = IssuedCredential.objects.create(
        organisation=organisation,
        version=version,
        volunteer=volunteer,
        source=evidence.source,
        source_id=evidence.source_id,
        recipient_choice=choice,
        recipient_did=person_did,
        salt=salt,
        identity_hash=identity,
        issued_by=by,
    )
    log_event(by, AuditAction.CREATE, credential)
    from kohtaanto.achievements.tasks import sign_credential

    pk = credential.pk
    transaction.on_commit(lambda: sign_credential.enqueue(pk))
    return credential


def _recipient(recipient: str, did: str, email: str) -> tuple[str, str, str, str]:
    """(choice, salt, identity hash, DID) for the credential subject."""
    if recipient == RecipientChoice.DID:
        if not _DID.match(did.strip()):
            raise ValidationFailed(
                errors={"did": [_("A DID begins with did: (for example did:key:z6Mk…).")]}
            )
        return RecipientChoice.DID, "", "", did.strip()
    if email:
        made = ob.Recipient.by_email(email)
        return RecipientChoice.EMAIL_HASH, made.salt or "", made.email_hash or "", ""
    return "", "", "", ""


def sign_issued(credential_id: int) -> IssuedCredential:
    """Build and sign a queued credential (run by the task)."""
    with transaction.atomic():
        credential = (
            IssuedCredential.objects.select_for_update(of=("self",))
            .select_related("version__achievement__organisation", "participant", "volunteer__user")
            .get(pk=credential_id)
        )
        if credential.state != CredentialState.QUEUED:
            return credential
        if credential.participant is not None and not has_consent(
            credential.participant, ConsentPurpose.SERVICE_PROCESSING
        ):
            # Consent withdrawn while the badge waited for the worker: not signed after all.
            credential.state = CredentialState.FAILED
            credential.failure_reason = FailureReason.NO_CONSENT
            credential.save(update_fields=["state", "failure_reason"])
            return credential
        organisation = credential.version.achievement.organisation
        key = keys.current_key(organisation)
        did = issuer_did(organisation, key)
        status_list = _list_for(organisation, did)
        StatusList.objects.select_for_update().filter(pk=status_list.pk).first()
        index = _allocate_index(status_list)
        if credential.recipient_did:
            recipient: ob.Recipient | None = ob.Recipient(did=credential.recipient_did)
        elif credential.identity_hash:
            recipient = ob.Recipient(email_hash=credential.identity_hash, salt=credential.salt)
        else:
            recipient = None
        if credential.participant is not None:
            language = credential.participant.preferred_language or "fi"
        else:
            assert credential.volunteer is not None
            language = credential.volunteer.user.preferred_language or "fi"
        achievement = achievement_of(credential.version, language)
        unsigned = ob.build_credential(
            credential_id=f"urn:uuid:{credential.uuid}",
            issuer=ob.IssuerProfile(id=did, name=organisation.name, url=_issuer_url(organisation)),
            achievement=achievement,
            recipient=recipient,
            valid_from=credential.issued_at,
            status=ob.StatusEntry(status_list_url(status_list), index),
        )
        signed = proofs.sign(
            unsigned, keys.signing_key_of(key), verification_method(did, key), timezone.now()
        )
        credential.credential = signed
        credential.status_list = status_list
        credential.status_index = index
        credential.state = CredentialState.ISSUED
        credential.save(update_fields=["credential", "status_list", "status_index", "state"])
        StatusList.objects.filter(pk=status_list.pk).update(used=status_list.used + 1)
        return credential


# --- Revoking and hiding ------------------------------------------------------------------------


def may_revoke(user: Any, credential: IssuedCredential) -> bool:
    if credential.participant is not None:
        return may_issue(user, credential.participant)
    return Role.COORDINATOR in roles_of(user, credential.organisation_id)


@transaction.atomic
def revoke_badge(by: Any, credential: IssuedCredential, reason: str) -> IssuedCredential:
    if not may_revoke(by, credential):
        raise ParticipantNotFound
    reason = reason.strip()
    if not reason:
        raise ValidationFailed(errors={"reason": [_("Tell why the badge is revoked.")]})
    locked = IssuedCredential.objects.select_for_update().get(pk=credential.pk)
    if locked.revoked_at is not None:
        raise Conflict(_("The badge has already been revoked."))
    if locked.state != CredentialState.ISSUED or locked.status_list_id is None:
        raise Conflict(_("The badge is still being signed. Try again in a moment."))
    now = timezone.now()
    status_list = StatusList.objects.select_for_update().get(pk=locked.status_list_id)
    bits = Bits(bits=bytes(status_list.bits))
    assert locked.status_index is not None
    bits.set(locked.status_index)
    status_list.bits = bytes(bits.bits)
    status_list.changed = now
    status_list.save(update_fields=["bits", "changed"])
    locked.revoked_at, locked.revoked_by, locked.revoked_reason = now, by, reason
    locked.save(update_fields=["revoked_at", "revoked_by", "revoked_reason"])
    log_event(by, AuditAction.CHANGE, locked)
    sign_status_list(status_list)
    return locked


def set_hidden(by: Any, credential: IssuedCredential, hidden: bool) -> IssuedCredential:
    """The person hides (or shows again) their badge on its shared link."""
    owner_id = (
        credential.participant.user_id
        if credential.participant is not None
        else credential.volunteer.user_id
        if credential.volunteer is not None
        else None
    )
    if not is_user(by) or owner_id is None or owner_id != by.pk:
        raise ParticipantNotFound
    IssuedCredential.objects.filter(pk=credential.pk).update(hidden=hidden)
    credential.hidden = hidden
    return credential

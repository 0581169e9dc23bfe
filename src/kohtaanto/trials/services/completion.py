"""How a trial ends: the competence certificate (osaamistodistus), the skills shown entering
the participant's profile, and what came next (the outcome, and through it the continuation
path and the ESF+ results of `journeys`).

The one write path of these steps: pages, the API and commands call these functions.

- `prepare_certificate` (staff) when the trial is evaluated or continued and something was
  shown (evidence on a requirement, or a final assessment); then the workplace mentor signs
  (logged in, or through the trial's signed link — the name comes from the link) and the
  coach signs; `issue_certificate` (staff) when both have signed. The PDF is built from the
  evidence rows at the time it is asked for (an issued certificate: only evidence marked up
  to its issue), in the agreement's language; requirements aimed at but not shown are
  listed as such.
- `skill_proposals`: ESCO skills confirmed for the requirements shown, and the goals' skills
  rated "shown" in a final assessment; `confirm_skills` (the coach) adds the chosen ones to
  the profile through `profiles.services.add_item` (source "Shown in a work trial").
- `record_outcome` then the state table's "continue" move; `end_service_from_outcome` records
  the participant's end of service through `journeys.services.end_service` with the
  continuation path mapped from the outcome.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kohtaanto.core.audit import log_event
from kohtaanto.core.enums import AuditAction
from kohtaanto.core.errors import KohtaantoError, ValidationFailed
from kohtaanto.journeys.models import Outcome
from kohtaanto.journeys.services import end_service
from kohtaanto.profiles import services as profile_services
from kohtaanto.profiles.enums import ItemSource, ItemStatus
from kohtaanto.profiles.models import ProfileItem
from kohtaanto.qualifications.enums import MappingStatus
from kohtaanto.qualifications.models import RequirementSkill
from kohtaanto.trials import documents
from kohtaanto.trials.access import STAFF, WORKPLACE_MENTOR, TrialNotFound, require, viewer_roles
from kohtaanto.trials.enums import AssessmentKind, AuthorRole, Rating, TrialOutcome, TrialState
from kohtaanto.trials.models import (
    Assessment,
    AssessmentItem,
    Certificate,
    CheckInLink,
    Evidence,
    Trial,
    TrialRequirement,
)
from kohtaanto.trials.services import lifecycle

ENDING_STATES = (TrialState.EVALUATE, TrialState.CONTINUE)
SIGNER_ROLES = (AuthorRole.WORKPLACE_MENTOR, AuthorRole.COACH)

#: The continuation path (journeys' outcomes.json id) each trial outcome leads to; another
#: trial or nothing yet does not end the service.
CONTINUATION_PATHS: dict[str, str] = {
    TrialOutcome.JOB_OFFER: "employment",
    TrialOutcome.APPRENTICESHIP: "apprenticeship",
    TrialOutcome.STUDY_PLACE: "education_training",
}
NOTE_MAX = 2000


def _name(user: Any) -> str:
    return str(user.get_full_name() or user.get_username())[:200]


# --- the certificate -------------------------------------------------------------------------


def certificate_of(trial: Trial) -> Certificate | None:
    return Certificate.objects.filter(trial=trial).select_related("coach_signed_by").first()


def final_assessments(trial: Trial) -> list[Assessment]:
    return list(
        Assessment.objects.filter(trial=trial, kind=AssessmentKind.FINAL).order_by(
            "author_role", "created"
        )
    )


def has_something_shown(trial: Trial) -> bool:
    return (
        Evidence.objects.filter(trial_requirement__trial=trial).exists()
        or Assessment.objects.filter(trial=trial, kind=AssessmentKind.FINAL).exists()
    )


def _new_reference(trial: Trial) -> str:
    year = timezone.localdate().year
    return f"OT-{year}-{trial.pk}-{secrets.token_hex(3).upper()}"


@transaction.atomic
def prepare_certificate(trial: Trial, *, by: Any) -> Certificate:
    """Start the certificate (staff): the trial is being evaluated or has continued, and at
    least one requirement was shown or a final assessment written. Preparing again before it
    is issued keeps the signatures that were made."""
    require(by, trial, STAFF)
    trial = Trial.objects.select_for_update().get(pk=trial.pk)
    if trial.state not in ENDING_STATES:
        raise ValidationFailed(
            _("The certificate can be made only after the trial, when it is being evaluated.")
        )
    if not has_something_shown(trial):
        raise ValidationFailed(
            _(
                "Nothing has been marked as shown yet. Mark what was shown, or write the "
                "final assessment, first."
            )
        )
    existing = certificate_of(trial)
    if existing is not None:
        if existing.issued_at is not None:
            raise ValidationFailed(_("The certificate has already been issued."))
        return existing
    certificate = Certificate.objects.create(
        trial=trial,
        reference=_new_reference(trial),
        language=trial.agreement.language,
    )
    log_event(by, AuditAction.CREATE, trial)
    return certificate


def _link_for(trial: Trial, link: CheckInLink | str) -> CheckInLink:
    """The trial's valid signed link (a token is resolved by the workplace part)."""
    if isinstance(link, str):
        from kohtaanto.trials.services import workplace

        try:
            resolved = workplace.resolve_link(link, certificate=True)
        except (KohtaantoError, LookupError):
            raise TrialNotFound from None
        if resolved is None:
            raise TrialNotFound
        link = resolved
    now = timezone.now()
    if link.trial_id != trial.pk or link.revoked_at is not None or link.expires <= now:
        raise TrialNotFound
    return link


@transaction.atomic
def sign_certificate(
    trial: Trial,
    *,
    role: str,
    by: Any = None,
    link: CheckInLink | str | None = None,
) -> Certificate:
    """Sign the prepared certificate as the workplace mentor (logged in as the trial's
    mentor, or through the trial's signed link: `link`, its name is the signer's) or as the
    coach (staff). Anyone else: `TrialNotFound` (a 404)."""
    if role not in SIGNER_ROLES:
        raise ValidationFailed(_("Unknown signer."))
    if role == AuthorRole.WORKPLACE_MENTOR:
        if link is not None:
            signer_name = _link_for(trial, link).mentor_name
        elif by is not None and WORKPLACE_MENTOR in viewer_roles(by, trial):
            signer_name = trial.workplace_mentor_name or _name(by)
        else:
            raise TrialNotFound
    else:
        if by is None:
            raise TrialNotFound
        require(by, trial, STAFF)
        signer_name = _name(by)
    certificate = Certificate.objects.select_for_update().filter(trial=trial).first()
    if certificate is None:
        raise ValidationFailed(_("The certificate has not been prepared yet."))
    if certificate.issued_at is not None:
        raise ValidationFailed(_("The certificate has already been issued."))
    now = timezone.now()
    if role == AuthorRole.WORKPLACE_MENTOR:
        certificate.mentor_name = signer_name[:200]
        certificate.mentor_signed_at = now
    else:
        certificate.coach_signed_by = by
        certificate.coach_signed_at = now
    certificate.save()
    log_event(by, AuditAction.CHANGE, trial)
    return certificate


@transaction.atomic
def issue_certificate(trial: Trial, *, by: Any) -> Certificate:
    """Issue the certificate (staff) once the workplace mentor and the coach have signed."""
    require(by, trial, STAFF)
    certificate = Certificate.objects.select_for_update().filter(trial=trial).first()
    if certificate is None:
        raise ValidationFailed(_("The certificate has not been prepared yet."))
    if certificate.issued_at is not None:
        raise ValidationFailed(_("The certificate has already been issued."))
    if certificate.mentor_signed_at is None or certificate.coach_signed_at is None:
        raise ValidationFailed(
            _("Both the workplace mentor and the coach must sign before the certificate is issued.")
        )
    certificate.issued_at = timezone.now()
    certificate.save(update_fields=["issued_at"])
    log_event(by, AuditAction.CHANGE, trial)
    return certificate


def _evidence_rows(trial: Trial, until: dt.datetime | None) -> dict[int, list[Evidence]]:
    rows = Evidence.objects.filter(trial_requirement__trial=trial).order_by("shown_on", "id")
    if until is not None:
        rows = rows.filter(created__lte=until)
    found: dict[int, list[Evidence]] = {}
    for row in rows:
        found.setdefault(row.trial_requirement_id, []).append(row)
    return found


def certificate_content(trial: Trial, certificate: Certificate) -> documents.CertificateContent:
    """The certificate as plain data for `render_certificate_pdf`, in its language."""
    lang = certificate.language
    evidence = _evidence_rows(trial, certificate.issued_at)
    requirements = list(
        TrialRequirement.objects.filter(trial=trial).select_related("requirement__unit")
    )
    units = [
        tu.unit
        for tu in trial.units.select_related("unit").prefetch_related("unit__qualifications")
    ]
    unit_ids = {unit.pk for unit in units}
    for tr in requirements:  # a requirement whose unit was not listed still counts
        if tr.requirement.unit_id not in unit_ids:
            units.append(tr.requirement.unit)
            unit_ids.add(tr.requirement.unit_id)
    cert_units = []
    for unit in units:
        shown, not_shown = [], []
        for tr in requirements:
            if tr.requirement.unit_id != unit.pk:
                continue
            rows = evidence.get(tr.pk, [])
            if rows:
                shown.append(
                    documents.ShownRequirement(
                        requirement=tr.requirement.text(lang),
                        workplace_tasks=tr.workplace_tasks,
                        evidence=[
                            documents.EvidenceEntry(
                                shown_on=row.shown_on,
                                text=row.text,
                                author_name=row.author_name,
                                author_role=row.author_role,
                            )
                            for row in rows
                        ],
                    )
                )
            else:
                not_shown.append(tr.requirement.text(lang))
        qualification = next(iter(unit.qualifications.all()), None)
        cert_units.append(
            documents.CertificateUnit(
                name=unit.name(lang),
                code=unit.short_code,
                qualification_name=qualification.name(lang) if qualification else "",
                qualification_diary_number=qualification.diary_number if qualification else "",
                scope_points=int(unit.scope_points) if unit.scope_points is not None else None,
                shown=shown,
                not_shown=not_shown,
            )
        )
    summaries = []
    for assessment in final_assessments(trial):
        if certificate.issued_at and assessment.created > certificate.issued_at:
            continue
        if assessment.summary.strip():
            summaries.append(f"{assessment.author_name}: {assessment.summary.strip()}")
    agreement = trial.agreement
    coach = certificate.coach_signed_by
    return documents.CertificateContent(
        language=lang,
        reference=certificate.reference,
        person_name=trial.participant.full_name,
        organiser_name=trial.organiser_name,
        start=agreement.start_date,
        end=agreement.end_date,
        attended_days=lifecycle.totals(trial).attended,
        kind=trial.kind,
        place=agreement.place,
        units=cert_units,
        summary="\n\n".join(summaries),
        mentor_name=certificate.mentor_name or trial.workplace_mentor_name,
        mentor_signed_on=certificate.mentor_signed_at,
        coach_name=_name(coach) if coach is not None else "",
        coach_signed_on=certificate.coach_signed_at,
        issued_on=certificate.issued_at,
    )


def certificate_pdf(trial: Trial, certificate: Certificate) -> bytes:
    return documents.render_certificate_pdf(certificate_content(trial, certificate))


def certificate_filename(certificate: Certificate) -> str:
    return (
        f"{documents.text('cert_title', certificate.language).lower()}-{certificate.reference}.pdf"
    )


# --- skills shown into the profile -----------------------------------------------------------


@dataclass
class SkillProposal:
    """An ESCO skill shown in the trial, proposed for the participant's profile."""

    uri: str
    label: str
    reasons: list[str] = field(default_factory=list)
    """Where it was shown: requirement texts or goal texts."""
    evidence: list[dict[str, Any]] = field(default_factory=list)
    in_profile: bool = False


def _evidence_entry(trial: Trial, text: str, shown_on: dt.date) -> dict[str, Any]:
    return {
        "text": f"{trial.title}, {trial.organiser_name}: {text}"[:600],
        "trial": trial.pk,
        "shown_on": shown_on.isoformat(),
    }


def skill_proposals(trial: Trial, lang: str = "fi") -> list[SkillProposal]:
    """The ESCO skills shown in the trial: the confirmed skills of each requirement with
    evidence, and the skills of goals rated "shown" in a final assessment."""
    found: dict[str, SkillProposal] = {}
    evidence = _evidence_rows(trial, None)
    requirements = {
        tr.pk: tr
        for tr in TrialRequirement.objects.filter(pk__in=list(evidence)).select_related(
            "requirement"
        )
    }
    mapped = RequirementSkill.objects.filter(
        requirement_id__in=[tr.requirement_id for tr in requirements.values()],
        status=MappingStatus.CONFIRMED,
    ).order_by("label", "id")
    by_requirement: dict[int, list[RequirementSkill]] = {}
    for skill in mapped:
        by_requirement.setdefault(skill.requirement_id, []).append(skill)
    for tr_id, rows in evidence.items():
        tr = requirements[tr_id]
        last = rows[-1]
        for skill in by_requirement.get(tr.requirement_id, []):
            proposal = found.setdefault(
                skill.uri, SkillProposal(skill.uri, skill.label or skill.uri)
            )
            proposal.reasons.append(tr.requirement.text(lang))
            proposal.evidence.append(_evidence_entry(trial, last.text, last.shown_on))
    shown_goals = (
        AssessmentItem.objects.filter(
            assessment__trial=trial,
            assessment__kind=AssessmentKind.FINAL,
            rating=Rating.SHOWN,
            goal__isnull=False,
        )
        .exclude(goal__uri="")
        .select_related("goal", "assessment")
        .order_by("assessment__created", "id")
    )
    for item in shown_goals:
        goal = item.goal
        assert goal is not None
        proposal = found.setdefault(goal.uri, SkillProposal(goal.uri, goal.text))
        if goal.text not in proposal.reasons:
            proposal.reasons.append(goal.text)
        entry = _evidence_entry(
            trial, item.comment or goal.text, timezone.localdate(item.assessment.created)
        )
        if entry not in proposal.evidence:
            proposal.evidence.append(entry)
    confirmed = {
        item.uri: item
        for item in ProfileItem.objects.filter(
            participant_id=trial.participant_id, uri__in=list(found), status=ItemStatus.CONFIRMED
        )
    }
    for uri, proposal in found.items():
        row = confirmed.get(uri)
        proposal.in_profile = row is not None and any(
            isinstance(e, dict) and e.get("trial") == trial.pk for e in row.evidence
        )
    return sorted(found.values(), key=lambda p: p.label.casefold())


@transaction.atomic
def confirm_skills(
    trial: Trial, uris: Iterable[str], *, by: Any, lang: str = "fi"
) -> list[ProfileItem]:
    """The coach confirms skills shown in the trial: each enters the participant's profile as
    confirmed, source "Shown in a work trial", with where and when it was shown."""
    require(by, trial, STAFF)
    if trial.state not in ENDING_STATES:
        raise ValidationFailed(_("Skills can be added to the profile when the trial has ended."))
    wanted = [uri for uri in dict.fromkeys(uris) if uri]
    if not wanted:
        raise ValidationFailed(errors={"uris": [_("Choose at least one skill.")]})
    proposals = {p.uri: p for p in skill_proposals(trial, lang)}
    unknown = [uri for uri in wanted if uri not in proposals]
    if unknown:
        raise ValidationFailed(errors={"uris": [_("Choose skills shown in this trial.")]})
    return [
        profile_services.add_item(
            trial.participant,
            by=by,
            uri=uri,
            lang=lang,
            source=ItemSource.WORK_TRIAL,
            evidence=proposals[uri].evidence,
        )
        for uri in wanted
    ]


# --- what came next --------------------------------------------------------------------------


def continuation_path_for(outcome: str) -> str | None:
    """The journeys continuation path an outcome leads to (None: the service goes on)."""
    return CONTINUATION_PATHS.get(outcome)


@transaction.atomic
def record_outcome(trial: Trial, outcome: str, note: str = "", *, by: Any) -> Trial:
    """Record what came after the trial (staff) and make the state table's "continue" move.
    A continued trial's outcome can be corrected."""
    require(by, trial, STAFF)
    errors: dict[str, list[str]] = {}
    if outcome not in TrialOutcome.values:
        errors["outcome"] = [_("Choose what came after the trial.")]
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        errors["note"] = [_("The note is too long: at most 2,000 characters.")]
    if errors:
        raise ValidationFailed(errors=errors)
    trial = Trial.objects.select_for_update().get(pk=trial.pk)
    if trial.state not in ENDING_STATES:
        raise ValidationFailed(
            _("What came next can be recorded after the trial, when it is being evaluated.")
        )
    trial.outcome = outcome
    trial.outcome_note = note
    trial.outcome_recorded_at = timezone.now()
    trial.save(update_fields=["outcome", "outcome_note", "outcome_recorded_at", "updated"])
    log_event(by, AuditAction.CHANGE, trial)
    if trial.state == TrialState.EVALUATE:
        trial = lifecycle.transition(trial, "continue", by=by)
    return trial


def service_outcome_of(trial: Trial) -> Outcome | None:
    """The participant's recorded end of service, if any."""
    return Outcome.objects.filter(participant_id=trial.participant_id).first()


def end_service_from_outcome(
    trial: Trial, *, by: Any, date: dt.date, note: str = "", qualification_gained: bool = False
) -> Outcome:
    """Record the participant's end of service with the continuation path the trial's outcome
    leads to, through the journeys service (the ESF+ results read it there)."""
    require(by, trial, STAFF)
    path = continuation_path_for(trial.outcome)
    if trial.state != TrialState.CONTINUE or path is None:
        raise ValidationFailed(
            _("The service ends here only after a job offer, an apprenticeship or a study place.")
        )
    return end_service(
        trial.participant,
        by=by,
        outcome_type=path,
        date=date,
        note=note,
        qualification_gained=qualification_gained,
    )

"""The only writes of outreach: company visits, future-skill interviews (recognised into demand
signals), decisions on the signals, and regional interventions.

Every function checks its whole input before writing, runs in one transaction (nothing is saved
half), raises `core.errors.ValidationFailed` with translated messages per field, and writes an
audit event. Who may call them is decided by `access.py` (the pages load objects through it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kohtaanto.core.audit import log_event
from kohtaanto.core.enums import AuditAction, Language, OrganisationKind, Role
from kohtaanto.core.errors import ValidationFailed
from kohtaanto.core.models import Membership, Organisation
from kohtaanto.groups.enums import GroupKind, MemberStatus
from kohtaanto.groups.models import Group
from kohtaanto.opportunities.recognition import SKILL_KINDS
from kohtaanto.outreach.enums import Certainty, EventKind, SignalKind, SignalStatus, TimeHorizon
from kohtaanto.outreach.models import (
    INTERVIEW_MAX_CHARS,
    CompanyVisit,
    DemandSignal,
    Intervention,
    VisitInterview,
)
from kohtaanto.outreach.recognition import recognise_needs
from kohtaanto.people.models import Participant
from kohtaanto.profiles import adapters
from kohtaanto.reference.places import municipality
from kohtaanto.taxonomy.model import ConceptKind

VISIT_AHEAD_DAYS = 365
"""A visit may be planned at most this far ahead (a later date is a typing error)."""
TEXT_MAX = 200
NOTES_MAX = 4000
DESCRIPTION_MAX = 4000
PARTNERS_MAX = 20


def _fail(field: str, message: str) -> ValidationFailed:
    return ValidationFailed(errors={field: [message]})


def _ids(values: Iterable[Any]) -> list[int]:
    out = []
    for value in values:
        pk = getattr(value, "pk", value)
        try:
            out.append(int(str(pk)))
        except ValueError:
            raise ValidationFailed(_("The choice is not valid.")) from None
    return out


def _short_text(errors: dict[str, list[str]], field: str, value: str, limit: int) -> str:
    text = (value or "").strip()
    if len(text) > limit:
        errors.setdefault(field, []).append(
            _("Write at most %(limit)s characters.") % {"limit": limit}
        )
    return text


# --- visits ------------------------------------------------------------------------------


def record_visit(
    group: Group,
    *,
    employer: Organisation,
    visited_on: dt.date | None,
    visitors: Sequence[Participant | int] = (),
    host_name: str = "",
    host_role: str = "",
    notes: str = "",
    by: Any = None,
) -> CompanyVisit:
    """A company visit of `group` (a company-visit group): who went must be members of it."""
    errors: dict[str, list[str]] = {}
    if group.kind != GroupKind.COMPANY_VISITS:
        raise ValidationFailed(_("Visits are recorded for company-visit groups only."))
    if employer is None or employer.kind != OrganisationKind.EMPLOYER:
        errors["employer"] = [_("Choose the company that was visited.")]
    today = timezone.localdate()
    if visited_on is None:
        errors["visited_on"] = [_("Enter the date of the visit.")]
    elif visited_on > today + dt.timedelta(days=VISIT_AHEAD_DAYS):
        errors["visited_on"] = [
            _("The date is more than a year ahead. Check the year of the visit.")
        ]
    visitor_ids = set(_ids(visitors))
    members = set(
        group.members.filter(
            participant_id__in=visitor_ids, status=MemberStatus.MEMBER
        ).values_list("participant_id", flat=True)
    )
    if visitor_ids - members:
        errors["visitors"] = [_("Only members of the group can be marked as visitors.")]
    host_name = _short_text(errors, "host_name", host_name, TEXT_MAX)
    host_role = _short_text(errors, "host_role", host_role, TEXT_MAX)
    notes = _short_text(errors, "notes", notes, NOTES_MAX)
    if errors or visited_on is None:
        raise ValidationFailed(errors=errors)
    with transaction.atomic():
        visit = CompanyVisit.objects.create(
            organisation_id=group.organisation_id,
            group=group,
            employer=employer,
            visited_on=visited_on,
            host_name=host_name,
            host_role=host_role,
            notes=notes,
            created_by=by if getattr(by, "is_authenticated", False) else None,
        )
        visit.visitors.set(sorted(visitor_ids))
        log_event(by, AuditAction.CREATE, visit)
    return visit


# --- interviews and demand signals -------------------------------------------------------


def _signal_municipality(visit: CompanyVisit) -> str:
    for code in (visit.employer.municipality_code, visit.organisation.municipality_code):
        if code and municipality(code) is not None:
            return code
    return ""


def record_interview(
    visit: CompanyVisit,
    *,
    text: str,
    language: str = Language.FINNISH,
    time_horizon: str,
    certainty: str,
    by: Any = None,
    recorded_at: dt.datetime | None = None,
) -> VisitInterview:
    """Store what the company said about future skill needs and recognise it: each skill or
    occupation found becomes a suggested `DemandSignal` (horizon, certainty and the company's
    municipality copied), waiting for a person's confirmation. The recognition runs within the
    request, as for one opportunity's skills (an interview is at most 5,000 characters).
    `recorded_at` is when it was written, when it is entered later (not before the visit's day,
    not in the future; default now)."""
    errors: dict[str, list[str]] = {}
    if recorded_at is not None:
        day = timezone.localtime(recorded_at).date()
        if day < visit.visited_on or recorded_at > timezone.now():
            errors["recorded_at"] = [
                _("The interview can be written on the day of the visit or later, not ahead.")
            ]
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        errors["text"] = [_("Write what the company said. The text cannot be empty.")]
    elif len(text) > INTERVIEW_MAX_CHARS:
        over = len(text) - INTERVIEW_MAX_CHARS
        errors["text"] = [
            ngettext(
                "The text is %(over)s character too long (at most %(limit)s). "
                "Shorten it; nothing you wrote was lost.",
                "The text is %(over)s characters too long (at most %(limit)s). "
                "Shorten it; nothing you wrote was lost.",
                over,
            )
            % {"over": over, "limit": INTERVIEW_MAX_CHARS}
        ]
    if language not in Language.values:
        errors["language"] = [_("Choose the language.")]
    if time_horizon not in TimeHorizon.values:
        errors["time_horizon"] = [_("Choose when the company needs these skills.")]
    if certainty not in Certainty.values:
        errors["certainty"] = [_("Choose how sure the company was.")]
    if errors:
        raise ValidationFailed(errors=errors)
    needs = recognise_needs(text, language)
    code = _signal_municipality(visit)
    with transaction.atomic():
        interview = VisitInterview.objects.create(
            visit=visit,
            language=language,
            text=text,
            time_horizon=time_horizon,
            certainty=certainty,
            recorded_by=by if getattr(by, "is_authenticated", False) else None,
            recorded_at=recorded_at or timezone.now(),
        )
        DemandSignal.objects.bulk_create(
            [
                DemandSignal(
                    interview=interview,
                    employer_id=visit.employer_id,
                    uri=need.uri,
                    kind=need.kind,
                    label=need.label[:255],
                    evidence=", ".join(need.evidence)[:500],
                    score=need.score,
                    time_horizon=time_horizon,
                    certainty=certainty,
                    municipality_code=code,
                )
                for need in needs
            ]
        )
        log_event(by, AuditAction.CREATE, interview, organisation=visit.organisation)
    return interview


def decide_signals(
    interview: VisitInterview,
    decisions: Mapping[int, str],
    *,
    by: Any = None,
) -> int:
    """Confirm or reject signals of `interview`: {signal id: "confirmed" | "rejected"}. A signal
    of another interview or an unknown status fails the whole call. Returns how many changed."""
    wanted = {SignalStatus.CONFIRMED.value, SignalStatus.REJECTED.value}
    if any(status not in wanted for status in decisions.values()):
        raise ValidationFailed(_("Choose confirm or reject for each need."))
    signals = {s.pk: s for s in interview.signals.filter(pk__in=list(decisions))}
    if set(decisions) - set(signals):
        raise ValidationFailed(_("A need is not part of this interview."))
    now = timezone.now()
    changed = []
    for pk, status in decisions.items():
        signal = signals[pk]
        if signal.status == status:
            continue
        signal.status = status
        signal.decided_by = by if getattr(by, "is_authenticated", False) else None
        signal.decided_at = now
        changed.append(signal)
    with transaction.atomic():
        DemandSignal.objects.bulk_update(changed, ["status", "decided_by", "decided_at"])
        if changed:
            log_event(by, AuditAction.CHANGE, interview, organisation=interview.visit.organisation)
    return len(changed)


def add_need(interview: VisitInterview, uri: str, *, by: Any = None) -> DemandSignal:
    """A need the recognition missed, added by hand (from the skill search) as confirmed; an
    earlier suggestion or rejection of the same concept becomes confirmed."""
    concept = adapters.concept(uri)
    if concept is None or (
        concept.kind not in SKILL_KINDS and concept.kind != ConceptKind.OCCUPATION
    ):
        raise ValidationFailed(errors={"add_uri": [_("Choose a skill from the search.")]})
    kind = SignalKind.OCCUPATION if concept.kind == ConceptKind.OCCUPATION else SignalKind.SKILL
    visit = interview.visit
    with transaction.atomic():
        signal, _created = DemandSignal.objects.get_or_create(
            interview=interview,
            uri=uri,
            defaults={
                "employer_id": visit.employer_id,
                "kind": kind,
                "label": (concept.label(interview.language) or concept.label("fi") or uri)[:255],
                "time_horizon": interview.time_horizon,
                "certainty": interview.certainty,
                "municipality_code": _signal_municipality(visit),
            },
        )
        signal.status = SignalStatus.CONFIRMED
        signal.decided_by = by if getattr(by, "is_authenticated", False) else None
        signal.decided_at = timezone.now()
        signal.save(update_fields=["status", "decided_by", "decided_at"])
        log_event(by, AuditAction.CHANGE, interview, organisation=visit.organisation)
    return signal


# --- interventions ---------------------------------------------------------------------

INTERVENTION_FIELDS = frozenset(
    {
        "name",
        "municipality_code",
        "event_kind",
        "company_name",
        "employer",
        "event_date",
        "people_affected",
        "affected_occupations",
        "description",
        "partners",
        "groups",
        "mentors",
    }
)


OCCUPATIONS_MAX = 20


def _occupations(errors: dict[str, list[str]], value: Any) -> list[str]:
    """Occupation URIs of the active vocabulary, each once, at most `OCCUPATIONS_MAX`."""
    from kohtaanto.taxonomy.model import ConceptKind
    from kohtaanto.vocabularies.provider import get_taxonomy

    taxonomy = get_taxonomy()
    uris = list(dict.fromkeys(str(u) for u in value or []))
    known = [
        u for u in uris if (c := taxonomy.get(u)) is not None and c.kind is ConceptKind.OCCUPATION
    ]
    if len(known) != len(uris) or len(uris) > OCCUPATIONS_MAX:
        errors["affected_occupations"] = [
            _("Choose at most %(count)s occupations from the list.") % {"count": OCCUPATIONS_MAX}
        ]
    return known[:OCCUPATIONS_MAX]


def _clean_intervention(
    organisation: Organisation, fields: Mapping[str, Any]
) -> tuple[dict[str, Any], list[int], list[int]]:
    unknown = set(fields) - INTERVENTION_FIELDS
    if unknown:
        raise ValidationFailed(
            errors={name: [_("This field cannot be changed.")] for name in sorted(unknown)}
        )
    errors: dict[str, list[str]] = {}
    data: dict[str, Any] = {}
    data["name"] = _short_text(errors, "name", fields.get("name", ""), TEXT_MAX)
    if not data["name"]:
        errors["name"] = [_("Give the intervention a name.")]
    code = str(fields.get("municipality_code") or "")
    if municipality(code) is None:
        errors["municipality_code"] = [_("Choose the municipality.")]
    data["municipality_code"] = code
    if fields.get("event_kind") not in EventKind.values:
        errors["event_kind"] = [_("Choose what happened.")]
    data["event_kind"] = fields.get("event_kind")
    data["company_name"] = _short_text(
        errors, "company_name", fields.get("company_name", ""), TEXT_MAX
    )
    if not data["company_name"]:
        errors["company_name"] = [_("Write the name of the company.")]
    employer = fields.get("employer")
    if employer is not None and getattr(employer, "kind", None) != OrganisationKind.EMPLOYER:
        errors["employer"] = [_("Choose a company.")]
    data["employer"] = employer
    event_date = fields.get("event_date")
    if not isinstance(event_date, dt.date):
        errors["event_date"] = [_("Enter the date of the event.")]
    data["event_date"] = event_date
    affected = fields.get("people_affected")
    if affected is not None and (not isinstance(affected, int) or affected < 0):
        errors["people_affected"] = [_("Enter a number of people, 0 or more.")]
    data["people_affected"] = affected
    if "affected_occupations" in fields:
        data["affected_occupations"] = _occupations(errors, fields.get("affected_occupations"))
    data["description"] = _short_text(
        errors, "description", fields.get("description", ""), DESCRIPTION_MAX
    )
    partners = [" ".join(str(p).split()) for p in fields.get("partners") or []]
    partners = list(dict.fromkeys(p for p in partners if p))
    if len(partners) > PARTNERS_MAX or any(len(p) > TEXT_MAX for p in partners):
        errors["partners"] = [
            _("At most %(count)s partners, each at most %(limit)s characters.")
            % {"count": PARTNERS_MAX, "limit": TEXT_MAX}
        ]
    data["partners"] = partners
    group_ids = _ids(fields.get("groups") or [])
    own_groups = set(
        Group.objects.filter(pk__in=group_ids, organisation=organisation).values_list(
            "pk", flat=True
        )
    )
    if set(group_ids) - own_groups:
        errors["groups"] = [_("Choose groups of your own organisation.")]
    mentor_ids = _ids(fields.get("mentors") or [])
    own_mentors = set(
        Membership.objects.filter(
            user_id__in=mentor_ids, organisation=organisation, role=Role.MENTOR
        ).values_list("user_id", flat=True)
    )
    if set(mentor_ids) - own_mentors:
        errors["mentors"] = [_("Choose mentors of your own organisation.")]
    if errors:
        raise ValidationFailed(errors=errors)
    return data, sorted(set(group_ids)), sorted(set(mentor_ids))


def create_intervention(
    *, organisation: Organisation, by: Any = None, **fields: Any
) -> Intervention:
    data, groups, mentors = _clean_intervention(organisation, fields)
    with transaction.atomic():
        intervention = Intervention.objects.create(
            organisation=organisation,
            created_by=by if getattr(by, "is_authenticated", False) else None,
            **data,
        )
        intervention.groups.set(groups)
        intervention.mentors.set(mentors)
        log_event(by, AuditAction.CREATE, intervention)
    return intervention


def update_intervention(
    intervention: Intervention, *, by: Any = None, **fields: Any
) -> Intervention:
    """Replace the intervention's fields (all of them, as the edit form sends them)."""
    data, groups, mentors = _clean_intervention(intervention.organisation, fields)
    with transaction.atomic():
        for name, value in data.items():
            setattr(intervention, name, value)
        intervention.save()
        intervention.groups.set(groups)
        intervention.mentors.set(mentors)
        log_event(by, AuditAction.CHANGE, intervention)
    return intervention

"""The only writes of employers' profiles, opportunities, their skills and courses.

Used by the web pages, the API, the admin, the importers and the CLI. Callers load objects
through `access.py` first; these functions check the data, not who is asking (except that a
user acting for an employer may only write that employer's opportunities, see `create_opportunity`).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kohtaanto.core import services as core_services
from kohtaanto.core.audit import log_event
from kohtaanto.core.enums import AuditAction, OrganisationKind
from kohtaanto.core.errors import ValidationFailed
from kohtaanto.core.logs import log_after_commit
from kohtaanto.core.models import Organisation
from kohtaanto.opportunities.enums import (
    CourseSkillFramework,
    OpportunityStatus,
    SkillImportance,
    SkillSource,
)
from kohtaanto.opportunities.models import (
    Course,
    CourseSkill,
    EmployerProfile,
    Opportunity,
    OpportunitySkill,
)
from kohtaanto.opportunities.validators import validate_official_municipality
from kohtaanto.reference.places import region_of

logger = logging.getLogger(__name__)

OPPORTUNITY_FIELDS = frozenset(
    {
        "kind",
        "status",
        "title",
        "description",
        "description_language",
        "occupation_uri",
        "municipality_code",
        "remote",
        "languages",
        "hours_per_week",
        "start_date",
        "end_date",
        "physical_demands",
        "accessibility",
        "external_id",
        "source",
        "employer",
    }
)
EMPLOYER_PROFILE_FIELDS = frozenset(
    {
        "industry",
        "contact_name",
        "contact_email",
        "contact_phone",
        "website",
        "service_organisation",
    }
)
COURSE_FIELDS = frozenset(
    {
        "title",
        "provider",
        "url",
        "description",
        "language",
        "hours",
        "cost_eur",
        "format",
        "open_material",
        "external_id",
        "source",
    }
)


def _full_clean(obj: Any, exclude: Sequence[str] = ()) -> None:
    """Fields only; the services check what the constraints check, with better messages."""
    try:
        obj.full_clean(exclude=list(exclude), validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        raise ValidationFailed(errors=exc.message_dict) from None


def _reject_unknown(fields: Mapping[str, Any], allowed: frozenset[str]) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise ValidationFailed(
            errors={name: [_("This field cannot be changed.")] for name in sorted(unknown)}
        )


def _check_municipality(code: str) -> None:
    try:
        validate_official_municipality(code)
    except ValidationError as exc:
        raise ValidationFailed(errors={"municipality_code": exc.messages}) from None


def _decimal(value: Any, field: str) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value).replace(",", "."))
    except InvalidOperation:
        raise ValidationFailed(errors={field: [_("Enter a number.")]}) from None


# --- employers --------------------------------------------------------------------------------


def create_employer(
    *,
    name: str,
    business_id: str,
    municipality_code: str = "",
    by: Any = None,
    **profile: Any,
) -> Organisation:
    """A new employer organisation (Y-tunnus checked) with its profile."""
    _reject_unknown(profile, EMPLOYER_PROFILE_FIELDS)
    _check_municipality(municipality_code)
    with transaction.atomic():
        organisation = core_services.create_organisation(
            name=name,
            kind=OrganisationKind.EMPLOYER,
            business_id=business_id,
            municipality_code=municipality_code,
            by=by,
        )
        save_employer_profile(organisation, by=by, **profile)
    return organisation


def save_employer_profile(
    organisation: Organisation, *, by: Any = None, **fields: Any
) -> EmployerProfile:
    """Create or update the employer's profile (industry, contact details, service partner)."""
    _reject_unknown(fields, EMPLOYER_PROFILE_FIELDS)
    if organisation.kind != OrganisationKind.EMPLOYER:
        raise ValidationFailed(
            errors={"organisation": [_("This organisation is not an employer.")]}
        )
    profile, created = EmployerProfile.objects.get_or_create(organisation=organisation)
    for name, value in fields.items():
        setattr(profile, name, value)
    _full_clean(profile)
    with transaction.atomic():
        profile.save()
        log_event(
            by,
            AuditAction.CREATE if created else AuditAction.CHANGE,
            profile,
            organisation=organisation,
        )
    return profile


# --- opportunities ----------------------------------------------------------------------------


def _prepare(opportunity: Opportunity, fields: Mapping[str, Any]) -> None:
    _reject_unknown(fields, OPPORTUNITY_FIELDS)
    for name, value in fields.items():
        if name == "hours_per_week":
            value = _decimal(value, name)
        elif name in {
            "title",
            "description",
            "accessibility",
            "external_id",
            "source",
            "occupation_uri",
            "municipality_code",
        } and isinstance(value, str):
            value = value.strip()
        elif name == "physical_demands":
            value = sorted(set(value or ()))
        elif name == "languages":
            value = dict(value or {})
        setattr(opportunity, name, value)
    if opportunity.employer_id is not None:
        employer = opportunity.employer
        if employer is not None and employer.kind != OrganisationKind.EMPLOYER:
            raise ValidationFailed(
                errors={"employer": [_("This organisation is not an employer.")]}
            )
    _check_municipality(opportunity.municipality_code)
    opportunity.region_code = region_of(opportunity.municipality_code)
    _full_clean(opportunity, exclude=("organisation", "employer", "created_by"))
    if (
        opportunity.start_date
        and opportunity.end_date
        and opportunity.end_date < opportunity.start_date
    ):
        raise ValidationFailed(errors={"end_date": [_("The end cannot be before the start.")]})


def create_opportunity(*, organisation: Organisation, by: Any = None, **fields: Any) -> Opportunity:
    """A new opportunity managed by the service organisation `organisation`."""
    if organisation.kind != OrganisationKind.SERVICE_PROVIDER:
        raise ValidationFailed(
            errors={"organisation": [_("Choose the service organisation that manages this.")]}
        )
    opportunity = Opportunity(organisation=organisation, created_by=by if _is_user(by) else None)
    _prepare(opportunity, fields)
    with transaction.atomic():
        opportunity.save()
        log_event(by, AuditAction.CREATE, opportunity)
    log_after_commit(logger, "opportunity created id=%s", opportunity.pk)
    return opportunity


def check_opportunity(*, organisation: Organisation, **fields: Any) -> None:
    """The checks of `create_opportunity`, writing nothing (an import's dry run)."""
    if organisation.kind != OrganisationKind.SERVICE_PROVIDER:
        raise ValidationFailed(
            errors={"organisation": [_("Choose the service organisation that manages this.")]}
        )
    _prepare(Opportunity(organisation=organisation), fields)


def update_opportunity(opportunity: Opportunity, *, by: Any = None, **fields: Any) -> Opportunity:
    _prepare(opportunity, fields)
    if opportunity.status == OpportunityStatus.CLOSED and opportunity.closed_at is None:
        opportunity.closed_at = timezone.now()
    elif opportunity.status != OpportunityStatus.CLOSED:
        opportunity.closed_at = None
    with transaction.atomic():
        # Not the skill review's timestamps: a background recognition may have set them since
        # this instance was read.
        opportunity.save(update_fields=_EDITABLE_FIELDS)
        log_event(by, AuditAction.CHANGE, opportunity)
    return opportunity


_EDITABLE_FIELDS = [
    f.name
    for f in Opportunity._meta.concrete_fields
    if not f.primary_key and f.name not in {"skills_suggested_at", "skills_reviewed_at"}
]


def open_opportunity(opportunity: Opportunity, *, by: Any = None) -> Opportunity:
    return update_opportunity(opportunity, by=by, status=OpportunityStatus.OPEN)


def close_opportunity(opportunity: Opportunity, *, by: Any = None) -> Opportunity:
    """Close the opportunity (it stays for history; matching skips closed ones)."""
    return update_opportunity(opportunity, by=by, status=OpportunityStatus.CLOSED)


@dataclass(frozen=True)
class SkillDecision:
    uri: str
    importance: SkillImportance | str
    label: str = ""
    kind: str = ""
    source: SkillSource | str = SkillSource.MANUAL
    cue: str = ""


def set_skills(
    opportunity: Opportunity,
    decisions: Iterable[SkillDecision],
    *,
    by: Any = None,
    replace: bool = False,
    replace_source: SkillSource | str | None = None,
    review: bool = False,
    language: str | None = None,
) -> list[OpportunitySkill]:
    """Record skill decisions (required / nice to have / ignored), one row per URI.

    `language`: the language the writer had the text recognised in (the skills page's "this
    looks like Swedish: recognise as Swedish?"); when it differs from the description's
    language, it becomes the description's language, so that later recognition, labels and
    matching read the text as the writer said.

    With `replace=True` every earlier decision not in `decisions` is removed; with
    `replace_source`, only the earlier decisions of that source (an import replaces the skills
    it imported before and keeps those a person decided). Labels and kinds default to the
    taxonomy's preferred label in the description's language. One audit event.

    `review=True` is a person's review of all the skills (the skills page's save): the
    opportunity is marked reviewed and suggestions still pending that the person left
    undecided are removed (they are offered again as suggestions, not used in matching).
    """
    from kohtaanto.opportunities.recognition import concept_info

    wanted: dict[str, SkillDecision] = {}
    for decision in decisions:
        uri = decision.uri.strip()
        if not uri:
            continue
        if decision.importance not in SkillImportance.values:
            raise ValidationFailed(errors={"skills": [_("Unknown importance of a skill.")]})
        wanted[uri] = decision
    now = timezone.now()
    with transaction.atomic():
        if language and language != opportunity.description_language:
            if language not in {code for code, _ in settings.LANGUAGES}:
                raise ValidationFailed(errors={"language": [_("Unknown language.")]})
            opportunity.description_language = language
            Opportunity.objects.filter(pk=opportunity.pk).update(
                description_language=language, updated=now
            )
        if replace:
            opportunity.skills.exclude(uri__in=wanted).delete()
        elif replace_source is not None:
            opportunity.skills.filter(source=str(replace_source)).exclude(uri__in=wanted).delete()
        existing = {s.uri: s for s in opportunity.skills.filter(uri__in=wanted)}
        for uri, decision in wanted.items():
            info = concept_info(uri, opportunity.description_language)
            row = existing.get(uri) or OpportunitySkill(opportunity=opportunity, uri=uri)
            row.importance = str(decision.importance)
            row.label = (decision.label or info.label)[:255]
            row.kind = (decision.kind or info.kind)[:20]
            row.source = str(decision.source)
            row.decided_by = by if _is_user(by) else None
            row.decided_at = now
            row.pending = False
            row.cue = decision.cue[:80]
            row.save()
        if review:
            opportunity.skills.filter(pending=True).exclude(uri__in=wanted).delete()
            opportunity.skills_reviewed_at = now
            Opportunity.objects.filter(pk=opportunity.pk).update(skills_reviewed_at=now)
        log_event(by, AuditAction.CHANGE, opportunity)
    return list(opportunity.skills.all())


@dataclass(frozen=True)
class SkillSuggestionRow:
    """A skill recognised in the background: `requirement` is what the ad's words say
    ("required", "nice_to_have" or "undecided"), `cue` those words."""

    uri: str
    label: str
    kind: str
    requirement: str
    cue: str = ""


def store_skill_suggestions(
    opportunity: Opportunity, suggestions: Iterable[SkillSuggestionRow], *, by: Any = None
) -> int:
    """Store skills recognised in the background as suggestions awaiting review
    (`OpportunitySkill.pending`) and mark the opportunity as awaiting review. Skills already
    decided (or ignored) are left alone; earlier pending suggestions are replaced. Nothing is
    preselected as required unless the ad says so: undecided suggestions are stored as nice to
    have, so that the job can be matched before the review, marked as unreviewed. Returns how
    many suggestions were stored. One audit event."""
    now = timezone.now()
    with transaction.atomic():
        opportunity.skills.filter(pending=True).delete()
        decided = set(opportunity.skills.values_list("uri", flat=True))
        rows = []
        for suggestion in suggestions:
            if suggestion.uri in decided:
                continue
            decided.add(suggestion.uri)
            importance = (
                SkillImportance.REQUIRED
                if suggestion.requirement == SkillImportance.REQUIRED
                else SkillImportance.NICE_TO_HAVE
            )
            rows.append(
                OpportunitySkill(
                    opportunity=opportunity,
                    uri=suggestion.uri,
                    label=suggestion.label[:255],
                    kind=suggestion.kind[:20],
                    importance=importance,
                    source=SkillSource.RECOGNISED,
                    decided_by=None,
                    decided_at=now,
                    pending=True,
                    cue=suggestion.cue[:80],
                )
            )
        OpportunitySkill.objects.bulk_create(rows)
        opportunity.skills_suggested_at = now
        Opportunity.objects.filter(pk=opportunity.pk).update(skills_suggested_at=now)
        log_event(by, AuditAction.CHANGE, opportunity)
    return len(rows)


def _is_user(user: Any) -> bool:
    return user is not None and bool(getattr(user, "is_authenticated", False))


# --- courses ----------------------------------------------------------------------------------


def _prepare_course(course: Course, fields: Mapping[str, Any]) -> None:
    _reject_unknown(fields, COURSE_FIELDS)
    for name, value in fields.items():
        if name in {"hours", "cost_eur"}:
            value = _decimal(value, name) or Decimal(0)
        elif isinstance(value, str):
            value = value.strip()
        setattr(course, name, value)
    _full_clean(course, exclude=("organisation",))


def check_course(
    *, organisation: Organisation | None, existing: Course | None = None, **fields: Any
) -> None:
    """The checks of `create_course` (or of `update_course` of `existing`), writing nothing (an
    import's dry run). `existing` is changed in memory only."""
    _prepare_course(existing if existing is not None else Course(organisation=organisation), fields)


def create_course(
    *, organisation: Organisation | None, by: Any = None, skills: Iterable[str] = (), **fields: Any
) -> Course:
    course = Course(organisation=organisation)
    _prepare_course(course, fields)
    with transaction.atomic():
        course.save()
        set_course_skills(course, skills)
        log_event(by, AuditAction.CREATE, course, organisation=organisation)
    return course


def update_course(
    course: Course, *, by: Any = None, skills: Iterable[str] | None = None, **fields: Any
) -> Course:
    _prepare_course(course, fields)
    with transaction.atomic():
        course.save()
        if skills is not None:
            set_course_skills(course, skills)
        log_event(by, AuditAction.CHANGE, course, organisation=course.organisation)
    return course


def set_course_skills(course: Course, uris: Iterable[str]) -> list[CourseSkill]:
    """Replace the skills and DigComp competences a course teaches."""
    from kohtaanto.opportunities.recognition import concept_info

    wanted = [u.strip() for u in dict.fromkeys(uris) if u and u.strip()]
    with transaction.atomic():
        course.skills.exclude(uri__in=wanted).delete()
        existing = set(course.skills.values_list("uri", flat=True))
        for uri in wanted:
            if uri in existing:
                continue
            info = concept_info(
                uri, course.language if course.language in {"fi", "sv", "en"} else "fi"
            )
            CourseSkill.objects.create(
                course=course,
                uri=uri,
                label=info.label[:255],
                framework=CourseSkillFramework.DIGCOMP
                if info.digcomp
                else CourseSkillFramework.ESCO,
            )
    return list(course.skills.all())

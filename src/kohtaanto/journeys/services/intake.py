"""Intake (alkukartoitus): new participant, basic data, languages, story + recognition,
restricted constraints (the text and, for matching, the restriction codes) and ESF+ entry
data."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kohtaanto.core.access import roles_of
from kohtaanto.core.audit import log_event
from kohtaanto.core.enums import AuditAction, Language, Role
from kohtaanto.core.errors import PermissionDenied, ValidationFailed
from kohtaanto.core.models import Organisation
from kohtaanto.journeys import rules
from kohtaanto.journeys.models import (
    STORY_MAX_LENGTH,
    EsfEntryData,
    Intake,
    RestrictedConstraints,
    SpokenLanguage,
)
from kohtaanto.people import services as people_services
from kohtaanto.people.access import ParticipantNotFound, may_see_restricted, require_writer
from kohtaanto.people.consent import has_consent
from kohtaanto.people.enums import ConsentPurpose
from kohtaanto.people.models import Participant
from kohtaanto.profiles.services import RecognitionSummary, apply_recognition

logger = logging.getLogger(__name__)

STAFF_ROLES = {Role.COACH, Role.COORDINATOR}


@dataclass(frozen=True)
class StorySaved:
    intake: Intake
    recognition: RecognitionSummary | None
    """None when recognition failed; the story is saved anyway."""


def _check_municipality(code: str) -> None:
    if code and code not in rules.municipalities():
        raise ValidationFailed(
            errors={"municipality_code": [_("Choose a municipality from the list.")]}
        )


def _check_languages(languages: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    result: list[tuple[str, str]] = []
    levels = rules.language_levels()
    seen: set[str] = set()
    for code, level in languages:
        code = (code or "").strip().lower()
        if not code or len(code) > 8 or level not in levels:
            raise ValidationFailed(errors={"languages": [_("Choose a language and a level.")]})
        if code in seen:
            raise ValidationFailed(errors={"languages": [_("Each language only once.")]})
        seen.add(code)
        result.append((code, level))
    return result


def _check_duplicate(
    organisation: Organisation,
    first_name: str,
    last_name: str,
    birth_date: date | None,
    email: str,
) -> None:
    same_name = Participant.objects.filter(
        organisation=organisation,
        first_name__iexact=first_name.strip(),
        last_name__iexact=last_name.strip(),
    )
    match = Q(pk__in=[])
    if birth_date is not None:
        match |= Q(intake__birth_date=birth_date)
    if email:
        match |= Q(email__iexact=email.strip())
    if same_name.filter(match).exists():
        raise ValidationFailed(
            errors={"": [_("This person is already a participant in your organisation.")]},
            code="duplicate",
        )


def create_participant_with_intake(
    *,
    organisation: Organisation,
    by: Any,
    first_name: str,
    last_name: str,
    birth_date: date | None = None,
    email: str = "",
    phone: str = "",
    preferred_language: str = Language.FINNISH,
    municipality_code: str = "",
    languages: Iterable[tuple[str, str]] = (),
    coaches: Iterable[Any] | None = None,
    service_start: date | None = None,
    user: Any = None,
) -> Participant:
    """A new participant with an intake, in `organisation` (coach or coordinator there).

    `coaches` defaults to `[by]` when `by` is a coach (pair coaching: give two). A person with
    the same name and the same birth date or e-mail in the organisation is a duplicate.
    """
    held = roles_of(by, organisation)
    if not held & STAFF_ROLES:
        raise ParticipantNotFound
    _check_municipality(municipality_code)
    language_rows = _check_languages(languages)
    if birth_date is not None and birth_date > timezone.localdate():
        raise ValidationFailed(
            errors={"birth_date": [_("The birth date cannot be in the future.")]}
        )
    _check_duplicate(organisation, first_name, last_name, birth_date, email)
    if coaches is None:
        coaches = [by] if Role.COACH in held else []
    with transaction.atomic():
        participant = people_services.create_participant(
            organisation=organisation,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            by=by,
            email=email.strip(),
            phone=phone.strip(),
            preferred_language=preferred_language,
            user=user,
            coaches=coaches,
        )
        intake = Intake.objects.create(
            participant=participant,
            birth_date=birth_date,
            municipality_code=municipality_code,
            story_language=preferred_language if preferred_language in Language.values else "fi",
            service_start=service_start or timezone.localdate(),
        )
        SpokenLanguage.objects.bulk_create(
            SpokenLanguage(participant=participant, language=c, level=lv) for c, lv in language_rows
        )
        log_event(by, AuditAction.CREATE, intake)
    return participant


def ensure_intake(participant: Participant) -> Intake:
    intake, _created = Intake.objects.get_or_create(participant=participant)
    return intake


INTAKE_FIELDS = frozenset({"birth_date", "municipality_code", "service_start", "story_language"})


def update_intake(participant: Participant, *, by: Any, **fields: Any) -> Intake:
    """Change basic intake data: birth_date, municipality_code, service_start, story_language."""
    require_writer(by, participant)
    unknown = set(fields) - INTAKE_FIELDS
    if unknown:
        raise ValidationFailed(errors={n: [_("This field cannot be changed.")] for n in unknown})
    if "municipality_code" in fields:
        _check_municipality(fields["municipality_code"])
    intake = ensure_intake(participant)
    for name, value in fields.items():
        setattr(intake, name, value)
    if intake.birth_date and intake.birth_date > timezone.localdate():
        raise ValidationFailed(
            errors={"birth_date": [_("The birth date cannot be in the future.")]}
        )
    with transaction.atomic():
        intake.save()
        log_event(by, AuditAction.CHANGE, intake)
        if "birth_date" in fields:
            _update_age_band(participant, intake.birth_date)
    return intake


def _update_age_band(participant: Participant, birth: date | None) -> None:
    record = EsfEntryData.objects.filter(participant=participant).first()
    if record is None:
        return
    record.age_band = _age_band(birth, record.entry_date)
    record.save(update_fields=["age_band", "updated"])


def _age_band(birth: date | None, entry: date) -> str:
    if birth is None:
        return ""
    age = entry.year - birth.year - ((entry.month, entry.day) < (birth.month, birth.day))
    return rules.age_band(age)


def set_languages(
    participant: Participant, *, by: Any, languages: Iterable[tuple[str, str]]
) -> list[SpokenLanguage]:
    """Replace the languages spoken: [(ISO code, level id of language_levels.json)]."""
    require_writer(by, participant)
    rows = _check_languages(languages)
    with transaction.atomic():
        participant.spoken_languages.all().delete()
        created = SpokenLanguage.objects.bulk_create(
            SpokenLanguage(participant=participant, language=c, level=lv) for c, lv in rows
        )
        log_event(by, AuditAction.CHANGE, participant)
    return created


def _check_story(story: str, language: str) -> str:
    errors: dict[str, list[Any]] = {}
    if not story or not story.strip():
        errors["story"] = [_("Tell the story: it cannot be empty.")]
    elif len(story) > STORY_MAX_LENGTH:
        errors["story"] = [
            _("The story is too long: at most %(max)s characters.") % {"max": STORY_MAX_LENGTH}
        ]
    if language not in Language.values:
        errors["language"] = [_("Choose Finnish, Swedish or English.")]
    if errors:
        raise ValidationFailed(errors=errors)
    return story.strip()


def save_story(
    participant: Participant, *, by: Any, story: str, language: str = "fi", recognise: bool = True
) -> StorySaved:
    """Save the story and store the suggestions recognised in it (decisions are kept).

    Bad input (empty, over 20,000 characters, unknown language) leaves the saved story intact.
    """
    require_writer(by, participant)
    text = _check_story(story, language)
    with transaction.atomic():
        intake = ensure_intake(participant)
        intake.story, intake.story_language = text, language
        intake.story_updated = timezone.now()
        intake.save()
        log_event(by, AuditAction.CHANGE, intake)
    summary: RecognitionSummary | None = None
    if recognise:
        try:
            summary = apply_recognition(participant, by=by, text=text, lang=language)
        except Exception as exc:  # recognition must never lose the story
            # no traceback: an error message could quote the story (personal data)
            logger.error(
                "recognition failed participant=%s error=%s", participant.pk, type(exc).__name__
            )
    return StorySaved(intake, summary)


def recognise_again(participant: Participant, *, by: Any) -> RecognitionSummary:
    """Run recognition on the saved story again (e.g. after a vocabulary update)."""
    require_writer(by, participant)
    intake = ensure_intake(participant)
    _check_story(intake.story, intake.story_language)
    return apply_recognition(participant, by=by, text=intake.story, lang=intake.story_language)


def set_restricted_constraints(
    participant: Participant, *, by: Any, constraints: str, alternative_tasks: str = ""
) -> RestrictedConstraints:
    """Health and other limits (RESTRICTED). Only the participant and their own coaches, and
    only with the `restricted_health_constraints` consent."""
    require_writer(by, participant)
    if not may_see_restricted(by, participant):
        raise PermissionDenied
    if not has_consent(participant, ConsentPurpose.RESTRICTED_HEALTH_CONSTRAINTS):
        raise ValidationFailed(
            errors={
                "constraints": [_("The participant has not agreed to recording limits on work.")]
            },
            code="consent_missing",
        )
    record, _created = RestrictedConstraints.objects.get_or_create(participant=participant)
    record.constraints, record.alternative_tasks = constraints.strip(), alternative_tasks.strip()
    from kohtaanto.journeys.services._common import clean

    clean(record, exclude=["participant"])
    with transaction.atomic():
        record.save()
        log_event(by, AuditAction.CHANGE, record)
    return record


def set_restriction_codes(
    participant: Participant, *, by: Any, codes: Iterable[str]
) -> RestrictedConstraints:
    """Limits on work as codes for matching (RESTRICTED, `journeys.services.limits`): only
    the participant's own coaches (or the participant), only with the
    `restricted_health_constraints` consent. Unknown codes are refused; an empty list clears."""
    from kohtaanto.journeys.services.limits import RESTRICTIONS, clean_codes

    require_writer(by, participant)
    if not may_see_restricted(by, participant):
        raise PermissionDenied
    if not has_consent(participant, ConsentPurpose.RESTRICTED_HEALTH_CONSTRAINTS):
        raise ValidationFailed(
            errors={"codes": [_("The participant has not agreed to recording limits on work.")]},
            code="consent_missing",
        )
    given = [str(code) for code in codes]
    if any(code not in RESTRICTIONS for code in given):
        raise ValidationFailed(errors={"codes": [_("Choose limits from the list.")]})
    record, _created = RestrictedConstraints.objects.get_or_create(participant=participant)
    record.codes = clean_codes(given)
    with transaction.atomic():
        record.save()
        log_event(by, AuditAction.CHANGE, record)
    return record


SPECIAL_FIELDS = ("disability", "minority")
SENSITIVE_FIELDS = ("third_country_national", "foreign_background", "homeless", "rural_area")


def save_esf_entry_data(
    participant: Participant,
    *,
    by: Any,
    labour_market_status: str = "",
    isced_level: int | None = None,
    gender_self_described: str = "",
    gender_category: str = "",
    entry_date: date | None = None,
    **flags: bool | None,
) -> EsfEntryData:
    """ESF+ entry data (for reports only, never for matching). The age band is computed from
    the intake's birth date. `disability` and `minority` need the `special_categories`
    consent; None means "not answered"."""
    require_writer(by, participant)
    errors: dict[str, list[Any]] = {}
    unknown = set(flags) - set(SPECIAL_FIELDS) - set(SENSITIVE_FIELDS)
    for name in sorted(unknown):
        errors[name] = [_("Unknown field.")]
    if labour_market_status and labour_market_status not in rules.labour_market_statuses():
        errors["labour_market_status"] = [_("Choose a status from the list.")]
    if isced_level is not None and isced_level not in rules.isced_group_of():
        errors["isced_level"] = [_("Choose a level of education from the list.")]
    if gender_category and gender_category not in rules.gender_categories():
        errors["gender_category"] = [_("Choose a category from the list.")]
    special = {n: flags.get(n) for n in SPECIAL_FIELDS}
    if any(v is not None for v in special.values()) and not has_consent(
        participant, ConsentPurpose.SPECIAL_CATEGORIES
    ):
        errors["disability"] = [_("The participant has not agreed to recording these answers.")]
    if errors:
        raise ValidationFailed(errors=errors)
    record, _created = EsfEntryData.objects.get_or_create(participant=participant)
    record.labour_market_status = labour_market_status
    record.isced_level = isced_level
    record.gender_self_described = gender_self_described.strip()[:100]
    record.gender_category = gender_category
    record.entry_date = entry_date or record.entry_date
    birth = (
        Intake.objects.filter(participant=participant).values_list("birth_date", flat=True).first()
    )
    record.age_band = _age_band(birth, record.entry_date)
    for name in (*SPECIAL_FIELDS, *SENSITIVE_FIELDS):
        if name in flags:
            setattr(record, name, flags[name])
    with transaction.atomic():
        record.save()
        log_event(by, AuditAction.CHANGE, record)
    return record

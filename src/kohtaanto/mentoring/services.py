"""The only writes of the volunteer pool and of mentoring relationships.

Used by the pages, the admin, the demo and matching (`matching.py` proposes through
`propose_mentoring`). Each function runs in one transaction and raises `ValidationFailed`
(translated messages, nothing saved) for bad input and `PermissionDenied` when `by` may not
make the change. Pages load the objects through `access.py` first.

Rules:
- the pool is kept by the coordinators of an organisation; a volunteer edits their own
  regions, remote availability, interests, availability, capacity, languages and skills;
- a mentoring is proposed by a coordinator or one of the participant's coaches, only with the
  participant's matching consent, and never beyond the mentor's capacity (proposed, confirmed
  and active mentorings all take a place);
- a coordinator confirms; the participant and the mentor each accept; it is active when it is
  confirmed and both have accepted; either side declines, staff cancels; either side or a
  coordinator closes an active one, each side leaves their own feedback;
- only the mentor adds meetings; a meeting's private note is the mentor's own.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kohtaanto.core.access import is_user, roles_of
from kohtaanto.core.audit import log_event
from kohtaanto.core.enums import AuditAction, Role
from kohtaanto.core.errors import PermissionDenied, ValidationFailed
from kohtaanto.core.models import Membership, Organisation, User
from kohtaanto.mentoring.enums import (
    MENTOR_ROLES,
    OPEN_STATUSES,
    MentoringStatus,
    RequestStatus,
    SharedSection,
    VolunteerRole,
)
from kohtaanto.mentoring.models import (
    Mentoring,
    MentoringMeeting,
    MentorRequest,
    TrainingCourse,
    TrainingRecord,
    VolunteerEngagement,
    VolunteerLanguage,
    VolunteerProfile,
    VolunteerSkill,
)
from kohtaanto.mentoring.vocabulary import is_language, skill_label
from kohtaanto.people.access import is_own_coach
from kohtaanto.people.consent import may_use_for_matching
from kohtaanto.people.models import Participant
from kohtaanto.reference.languages import language_levels
from kohtaanto.reference.places import municipality

MAX_CAPACITY = 20
TEXT_LIMITS = {"interests": 2000, "availability": 1000, "contact_for_mentees": 200}
PROFILE_FIELDS = (
    "regions",
    "remote_ok",
    "interests",
    "availability",
    "capacity_mentees",
    "capacity_groups",
    "contact_for_mentees",
)


# --- helpers -------------------------------------------------------------------------------


def _is_coordinator(user: Any, organisation: Organisation | int | None) -> bool:
    return organisation is not None and Role.COORDINATOR in roles_of(user, organisation)


def _require_coordinator(user: Any, organisation: Organisation | int | None) -> None:
    if not _is_coordinator(user, organisation):
        raise PermissionDenied


def _require_pool_keeper(by: Any, profile: VolunteerProfile) -> None:
    """The volunteer themself, or a coordinator of an organisation the volunteer is in."""
    if not is_user(by):
        raise PermissionDenied
    if profile.user_id == by.pk:
        return
    orgs = profile.engagements.values_list("organisation_id", flat=True)
    if not any(_is_coordinator(by, org) for org in orgs):
        raise PermissionDenied


def _regions(codes: Iterable[str]) -> list[str]:
    result: list[str] = []
    for code in codes:
        code = str(code).strip()
        if not code:
            continue
        if municipality(code) is None:
            raise ValidationFailed(errors={"regions": [_("Choose towns from the list.")]})
        if code not in result:
            result.append(code)
    return result


def _capacity(value: object, field: str) -> int:
    try:
        number = int(str(value))
    except (TypeError, ValueError):
        raise ValidationFailed(errors={field: [_("Write a whole number.")]}) from None
    if not 0 <= number <= MAX_CAPACITY:
        raise ValidationFailed(
            errors={field: [_("Write a number from 0 to %(max)s.") % {"max": MAX_CAPACITY}]}
        )
    return number


def _roles(roles: Iterable[str]) -> list[str]:
    valid = set(VolunteerRole.values)
    chosen = [str(role) for role in roles]
    if any(role not in valid for role in chosen):
        raise ValidationFailed(errors={"roles": [_("Choose roles from the list.")]})
    return [role for role in VolunteerRole.values if role in chosen]


# --- the pool ------------------------------------------------------------------------------


@transaction.atomic
def add_volunteer(
    by: Any,
    user: User,
    organisation: Organisation,
    roles: Sequence[str] = (VolunteerRole.INDIVIDUAL_MENTOR,),
    *,
    since: datetime.date | None = None,
) -> VolunteerProfile:
    """Add a member of `organisation` with the peer-mentor role to its volunteer pool (a
    profile is made for them if they have none). Coordinators only."""
    _require_coordinator(by, organisation)
    if not Membership.objects.filter(
        user=user, organisation=organisation, role=Role.MENTOR
    ).exists():
        raise ValidationFailed(
            errors={"user": [_("Only a member with the peer mentor role can join the pool.")]}
        )
    profile, created = VolunteerProfile.objects.get_or_create(user=user)
    if created:
        log_event(by, AuditAction.CREATE, profile, organisation=organisation)
    set_engagement(by, profile, organisation, roles, active=True, since=since)
    return profile


@transaction.atomic
def own_profile(user: User) -> VolunteerProfile:
    """The user's own volunteer profile, made empty on first use."""
    profile, created = VolunteerProfile.objects.get_or_create(user=user)
    if created:
        log_event(user, AuditAction.CREATE, profile)
    return profile


@transaction.atomic
def update_profile(by: Any, profile: VolunteerProfile, **fields: Any) -> VolunteerProfile:
    """Change `PROFILE_FIELDS` of a profile (the volunteer or their coordinator)."""
    _require_pool_keeper(by, profile)
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise ValidationFailed(
            errors={name: [_("This field cannot be changed.")] for name in sorted(unknown)}
        )
    errors: dict[str, list[object]] = {}
    for name, value in fields.items():
        try:
            if name == "regions":
                value = _regions(value)
            elif name in ("capacity_mentees", "capacity_groups"):
                value = _capacity(value, name)
            elif name == "remote_ok":
                value = bool(value)
            else:
                value = str(value or "").strip()
                limit = TEXT_LIMITS[name]
                if len(value) > limit:
                    raise ValidationFailed(
                        errors={name: [_("Write at most %(limit)s characters.") % {"limit": limit}]}
                    )
        except ValidationFailed as exc:
            for field, messages in exc.errors.items():
                errors.setdefault(field, []).extend(messages)
            continue
        setattr(profile, name, value)
    if errors:
        raise ValidationFailed(errors=errors)
    profile.save()
    log_event(by, AuditAction.CHANGE, profile)
    return profile


@transaction.atomic
def set_engagement(
    by: Any,
    profile: VolunteerProfile,
    organisation: Organisation,
    roles: Iterable[str],
    *,
    active: bool = True,
    since: datetime.date | None = None,
) -> VolunteerEngagement:
    """The volunteer's roles in `organisation` (coordinators of that organisation only)."""
    _require_coordinator(by, organisation)
    chosen = _roles(roles)
    if active and not chosen:
        raise ValidationFailed(errors={"roles": [_("Choose at least one role.")]})
    engagement, _created = VolunteerEngagement.objects.update_or_create(
        volunteer=profile,
        organisation=organisation,
        defaults={"roles": chosen, "active": active},
    )
    if since is not None and engagement.since != since:
        engagement.since = since
        engagement.save(update_fields=["since"])
    log_event(by, AuditAction.CHANGE, profile, organisation=organisation)
    return engagement


@transaction.atomic
def set_languages(
    by: Any, profile: VolunteerProfile, languages: Iterable[tuple[str, str]]
) -> list[VolunteerLanguage]:
    """Replace the volunteer's languages: [(ISO 639-1 code, level id: A1…C2 or native)]."""
    _require_pool_keeper(by, profile)
    levels = language_levels()
    cleaned: dict[str, str] = {}
    for code, level in languages:
        code, level = str(code).strip().lower(), str(level).strip()
        if not code:
            continue
        if not is_language(code):
            raise ValidationFailed(errors={"languages": [_("Choose languages from the list.")]})
        if level not in levels:
            raise ValidationFailed(errors={"languages": [_("Choose a level for every language.")]})
        cleaned[code] = level
    profile.languages.all().delete()
    rows = VolunteerLanguage.objects.bulk_create(
        VolunteerLanguage(volunteer=profile, language=code, level=level)
        for code, level in cleaned.items()
    )
    log_event(by, AuditAction.CHANGE, profile)
    return rows


@transaction.atomic
def set_skills(by: Any, profile: VolunteerProfile, uris: Iterable[str]) -> list[VolunteerSkill]:
    """Replace the skills the volunteer can share with concepts of the skills vocabulary."""
    _require_pool_keeper(by, profile)
    rows: list[VolunteerSkill] = []
    seen: set[str] = set()
    for uri in uris:
        uri = str(uri).strip()
        if not uri or uri in seen:
            continue
        label = skill_label(uri, "fi")
        if label is None:
            raise ValidationFailed(errors={"skills": [_("Choose skills from the list.")]})
        seen.add(uri)
        rows.append(VolunteerSkill(volunteer=profile, uri=uri, label=label))
    profile.skills.all().delete()
    created = VolunteerSkill.objects.bulk_create(rows)
    log_event(by, AuditAction.CHANGE, profile)
    return created


@transaction.atomic
def create_course(
    by: Any,
    organisation: Organisation,
    name: str,
    hours: object,
    valid_months: object = None,
) -> TrainingCourse:
    """A training course of `organisation` (its coordinators), e.g. the weekend mentor course
    (16 h, refreshed every 36 months)."""
    _require_coordinator(by, organisation)
    errors: dict[str, list[object]] = {}
    name = (name or "").strip()
    if not name:
        errors["name"] = [_("Write the name of the course.")]
    elif len(name) > 200:
        errors["name"] = [_("Write at most %(limit)s characters.") % {"limit": 200}]
    elif TrainingCourse.objects.filter(organisation=organisation, name__iexact=name).exists():
        errors["name"] = [_("The organisation already has a course with this name.")]
    try:
        amount = Decimal(str(hours).replace(",", "."))
    except InvalidOperation:
        amount = Decimal(-1)
    if not Decimal(0) < amount <= Decimal(1000):
        errors["hours"] = [_("Write the hours as a number above zero.")]
    months: int | None = None
    if valid_months not in (None, ""):
        try:
            months = int(str(valid_months))
        except ValueError:
            months = -1
        if not 1 <= months <= 240:
            errors["valid_months"] = [_("Write the months as a number from 1 to 240.")]
    if errors:
        raise ValidationFailed(errors=errors)
    course = TrainingCourse.objects.create(
        organisation=organisation, name=name, hours=amount, valid_months=months
    )
    log_event(by, AuditAction.CREATE, course, organisation=organisation)
    return course


def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


def expiry_of(course: TrainingCourse, completed_on: datetime.date) -> datetime.date | None:
    return add_months(completed_on, course.valid_months) if course.valid_months else None


@transaction.atomic
def add_training_record(
    by: Any,
    profile: VolunteerProfile,
    course: TrainingCourse,
    completed_on: datetime.date | None,
    *,
    hours: object = None,
    trainer: str = "",
) -> TrainingRecord:
    """Record a completed course (coordinators of the volunteer's organisations)."""
    if not is_user(by) or not any(
        _is_coordinator(by, org)
        for org in profile.engagements.values_list("organisation_id", flat=True)
    ):
        raise PermissionDenied
    errors: dict[str, list[object]] = {}
    if completed_on is None:
        errors["completed_on"] = [_("Write the date the course was completed.")]
    elif completed_on > timezone.localdate():
        errors["completed_on"] = [_("The date cannot be in the future.")]
    if (
        course.organisation_id is not None
        and not profile.engagements.filter(organisation_id=course.organisation_id).exists()
    ):
        errors["course"] = [_("Choose a course from the list.")]
    try:
        amount = Decimal(str(hours).replace(",", ".")) if hours not in (None, "") else course.hours
    except InvalidOperation:
        amount = Decimal(-1)
    if not Decimal(0) < amount <= Decimal(1000):
        errors["hours"] = [_("Write the hours as a number above zero.")]
    trainer = (trainer or "").strip()
    if len(trainer) > 200:
        errors["trainer"] = [_("Write at most %(limit)s characters.") % {"limit": 200}]
    if errors:
        raise ValidationFailed(errors=errors)
    assert completed_on is not None
    record = TrainingRecord.objects.create(
        volunteer=profile,
        course=course,
        completed_on=completed_on,
        hours=amount,
        trainer=trainer,
        expires_on=expiry_of(course, completed_on),
        recorded_by=by,
    )
    log_event(by, AuditAction.CREATE, record)
    return record


@transaction.atomic
def record_background_check(
    by: Any, profile: VolunteerProfile, checked_on: datetime.date | None, ok: bool | None
) -> VolunteerProfile:
    """A background check as a date and a yes/no (never the document). Coordinators only."""
    if not is_user(by) or not any(
        _is_coordinator(by, org)
        for org in profile.engagements.values_list("organisation_id", flat=True)
    ):
        raise PermissionDenied
    errors: dict[str, list[object]] = {}
    if checked_on is None and ok is not None:
        errors["background_check_on"] = [_("Write the date of the check.")]
    if checked_on is not None and checked_on > timezone.localdate():
        errors["background_check_on"] = [_("The date cannot be in the future.")]
    if checked_on is not None and ok is None:
        errors["background_check_ok"] = [_("Choose whether the check was clear.")]
    if errors:
        raise ValidationFailed(errors=errors)
    profile.background_check_on = checked_on
    profile.background_check_ok = ok
    profile.save(update_fields=["background_check_on", "background_check_ok", "updated"])
    log_event(by, AuditAction.CHANGE, profile)
    return profile


# --- requests and relationships ------------------------------------------------------------


def _require_staff_of(by: Any, participant: Participant) -> None:
    if not (_is_coordinator(by, participant.organisation_id) or is_own_coach(by, participant)):
        raise PermissionDenied


@transaction.atomic
def create_request(
    by: Any,
    participant: Participant,
    *,
    goals: str = "",
    skills_to_learn: Sequence[str] = (),
    languages: Sequence[str] = (),
    wants_remote: bool = False,
    region: str = "",
) -> MentorRequest:
    """A participant's wish for a mentor (the participant, a coach or a coordinator)."""
    if not (participant.user_id == getattr(by, "pk", None) and is_user(by)):
        _require_staff_of(by, participant)
    if not may_use_for_matching(participant):
        raise ValidationFailed(
            _("The participant has not given consent to matching with mentors."),
            errors={"": [_("The participant has not given consent to matching with mentors.")]},
        )
    errors: dict[str, list[object]] = {}
    if region and municipality(region) is None:
        errors["region"] = [_("Choose towns from the list.")]
    if any(not is_language(code) for code in languages):
        errors["languages"] = [_("Choose languages from the list.")]
    if any(skill_label(uri) is None for uri in skills_to_learn):
        errors["skills_to_learn"] = [_("Choose skills from the list.")]
    if errors:
        raise ValidationFailed(errors=errors)
    request = MentorRequest.objects.create(
        participant=participant,
        goals=(goals or "").strip()[:2000],
        skills_to_learn=list(dict.fromkeys(skills_to_learn)),
        languages=list(dict.fromkeys(languages)),
        wants_remote=wants_remote,
        region=region,
        created_by=by,
    )
    log_event(by, AuditAction.CREATE, request)
    return request


def mentor_load(mentor: User | int) -> int:
    """How many places of the mentor's capacity are taken (proposed, confirmed, active)."""
    mentor_id = mentor if isinstance(mentor, int) else mentor.pk
    return Mentoring.objects.filter(mentor_id=mentor_id, status__in=OPEN_STATUSES).count()


def mentor_organisations(user: User | int) -> set[int]:
    """Organisations where the user is an active volunteer with a role that has mentees."""
    user_id = user if isinstance(user, int) else user.pk
    rows = VolunteerEngagement.objects.filter(volunteer__user_id=user_id, active=True)
    return {
        org
        for org, roles in rows.values_list("organisation_id", "roles")
        if MENTOR_ROLES & set(roles)
    }


@transaction.atomic
def propose_mentoring(
    participant: Participant,
    mentor: User,
    by: Any,
    score: float | None = None,
    explanation: list[Any] | None = None,
    *,
    request: MentorRequest | None = None,
    goals: str = "",
    planned_end: datetime.date | None = None,
) -> Mentoring:
    """Propose `mentor` for `participant` (a coordinator or the participant's coach).

    Refused without the participant's matching consent, for a volunteer who is not an active
    mentor of the participant's organisation, for a pair that already has an open mentoring,
    and for a mentor at capacity (nothing is saved)."""
    _require_staff_of(by, participant)
    if not may_use_for_matching(participant):
        message = _("The participant has not given consent to matching with mentors.")
        raise ValidationFailed(message, errors={"": [message]})
    # Lock the mentor's profile so that two proposals at once cannot both take the last place.
    profile = VolunteerProfile.objects.select_for_update().filter(user_id=mentor.pk).first()
    if profile is None or participant.organisation_id not in mentor_organisations(mentor):
        message = _("This person is not an active mentor of the organisation.")
        raise ValidationFailed(message, errors={"mentor": [message]})
    if request is not None and request.participant_id != participant.pk:
        raise ValidationFailed(errors={"request": [_("The request is of another participant.")]})
    if Mentoring.objects.filter(
        participant=participant, mentor=mentor, status__in=OPEN_STATUSES
    ).exists():
        message = _("This mentor has already been proposed for this participant.")
        raise ValidationFailed(message, errors={"mentor": [message]})
    taken = mentor_load(mentor)
    if taken >= profile.capacity_mentees:
        full = _(
            "This mentor has no free places: %(taken)s of %(capacity)s mentees already. "
            "Choose another mentor or ask the mentor to take more mentees."
        ) % {"taken": taken, "capacity": profile.capacity_mentees}
        raise ValidationFailed(full, errors={"mentor": [full]})
    if planned_end is not None and planned_end <= timezone.localdate():
        raise ValidationFailed(errors={"planned_end": [_("The end must be in the future.")]})
    mentoring = Mentoring.objects.create(
        participant=participant,
        mentor=mentor,
        organisation_id=participant.organisation_id,
        request=request,
        goals=(goals or (request.goals if request else "")).strip()[:2000],
        proposed_by=by,
        planned_end=planned_end,
        score=score,
        explanation=list(explanation or []),
    )
    if request is not None and request.status == RequestStatus.OPEN:
        request.status = RequestStatus.MATCHED
        request.save(update_fields=["status"])
    log_event(by, AuditAction.CREATE, mentoring)
    return mentoring


def _lock(mentoring: Mentoring) -> Mentoring:
    return Mentoring.objects.select_for_update().select_related("participant").get(pk=mentoring.pk)


def _refresh_into(target: Mentoring, source: Mentoring) -> Mentoring:
    for field in source._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))
    return target


def _activate_if_ready(mentoring: Mentoring) -> None:
    if (
        mentoring.status == MentoringStatus.CONFIRMED
        and mentoring.participant_accepted_at
        and mentoring.mentor_accepted_at
    ):
        mentoring.status = MentoringStatus.ACTIVE


def _wrong_state() -> ValidationFailed:
    message = _("This cannot be done now: the mentoring is in another state.")
    return ValidationFailed(message, errors={"": [message]})


@transaction.atomic
def confirm_mentoring(mentoring: Mentoring, by: Any) -> Mentoring:
    """A coordinator of the organisation confirms a proposed mentoring (only while the
    participant's matching consent holds)."""
    _require_coordinator(by, mentoring.organisation_id)
    locked = _lock(mentoring)
    if locked.status != MentoringStatus.PROPOSED:
        raise _wrong_state()
    if not may_use_for_matching(locked.participant):
        message = _("The participant has not given consent to matching with mentors.")
        raise ValidationFailed(message, errors={"": [message]})
    locked.status = MentoringStatus.CONFIRMED
    locked.confirmed_at = timezone.now()
    locked.confirmed_by = by
    _activate_if_ready(locked)
    locked.save()
    log_event(by, AuditAction.CHANGE, locked)
    return _refresh_into(mentoring, locked)


def side_of(user: Any, mentoring: Mentoring) -> str:
    """ "participant", "mentor" or "" for anyone else."""
    if not is_user(user):
        return ""
    if mentoring.mentor_id == user.pk:
        return "mentor"
    if mentoring.participant.user_id == user.pk:
        return "participant"
    return ""


def mentor_may_see_goals(mentoring: Mentoring) -> bool:
    """The goals written at the proposal (often copied from the coach's request) reach the
    mentor only once the participant has accepted the mentoring or shared their goals."""
    return mentoring.participant_accepted_at is not None or SharedSection.GOALS in mentoring.shared


@transaction.atomic
def accept_mentoring(mentoring: Mentoring, by: Any) -> Mentoring:
    """The participant or the mentor accepts their side (before or after confirmation), only
    while the participant's matching consent holds (a withdrawn consent stops a mentoring
    that is not active yet: nothing is saved)."""
    locked = _lock(mentoring)
    side = side_of(by, locked)
    if not side:
        raise PermissionDenied
    if locked.status not in (MentoringStatus.PROPOSED, MentoringStatus.CONFIRMED):
        raise _wrong_state()
    if not may_use_for_matching(locked.participant):
        # A withdrawn matching consent stops a mentoring that has not started yet.
        message = _("The participant has not given consent to matching with mentors.")
        raise ValidationFailed(message, errors={"": [message]})
    setattr(locked, f"{side}_accepted_at", timezone.now())
    _activate_if_ready(locked)
    locked.save()
    log_event(by, AuditAction.CHANGE, locked)
    return _refresh_into(mentoring, locked)


@transaction.atomic
def decline_mentoring(mentoring: Mentoring, by: Any) -> Mentoring:
    """The participant or the mentor declines (declined); a coordinator or the participant's
    coach cancels (cancelled). Only before the mentoring is active."""
    locked = _lock(mentoring)
    side = side_of(by, locked)
    if not side:
        _require_staff_of(by, locked.participant)
    if locked.status not in (MentoringStatus.PROPOSED, MentoringStatus.CONFIRMED):
        raise _wrong_state()
    locked.status = MentoringStatus.DECLINED if side else MentoringStatus.CANCELLED
    locked.declined_by = by
    locked.save()
    log_event(by, AuditAction.CHANGE, locked)
    return _refresh_into(mentoring, locked)


@transaction.atomic
def set_shared(mentoring: Mentoring, by: Any, sections: Iterable[str]) -> Mentoring:
    """The participant chooses what of their record their mentor may see."""
    locked = _lock(mentoring)
    if side_of(by, locked) != "participant":
        raise PermissionDenied
    chosen = [str(s) for s in sections]
    if any(s not in SharedSection.values for s in chosen):
        raise ValidationFailed(errors={"shared": [_("Choose from the list.")]})
    locked.shared = [s for s in SharedSection.values if s in chosen]
    locked.save(update_fields=["shared"])
    log_event(by, AuditAction.CHANGE, locked)
    return _refresh_into(mentoring, locked)


@transaction.atomic
def update_plan(
    mentoring: Mentoring, by: Any, *, goals: str, planned_end: datetime.date | None
) -> Mentoring:
    """The goals and the planned end, agreed together: either side or a coordinator, while
    the mentoring is not over (the mentor once they may see the goals)."""
    locked = _lock(mentoring)
    side = side_of(by, locked)
    if not side:
        _require_coordinator(by, locked.organisation_id)
    if locked.status not in OPEN_STATUSES:
        raise _wrong_state()
    if side == "mentor" and not mentor_may_see_goals(locked):
        raise _wrong_state()  # the mentor may not write over goals they may not see yet
    goals = (goals or "").strip()
    errors: dict[str, list[object]] = {}
    if len(goals) > 2000:
        errors["goals"] = [_("Write at most %(limit)s characters.") % {"limit": 2000}]
    if planned_end is not None and planned_end <= timezone.localdate():
        errors["planned_end"] = [_("The end must be in the future.")]
    if errors:
        raise ValidationFailed(errors=errors)
    locked.goals = goals
    locked.planned_end = planned_end
    locked.save(update_fields=["goals", "planned_end"])
    log_event(by, AuditAction.CHANGE, locked)
    return _refresh_into(mentoring, locked)


def _note(text: str, field: str) -> str:
    text = (text or "").strip()
    if len(text) > 4000:
        raise ValidationFailed(
            errors={field: [_("Write at most %(limit)s characters.") % {"limit": 4000}]}
        )
    return text


@transaction.atomic
def add_meeting(
    mentoring: Mentoring,
    by: Any,
    date: datetime.date | None,
    *,
    shared_note: str = "",
    private_note: str = "",
    time: datetime.time | None = None,
) -> MentoringMeeting:
    """The mentor records a meeting (a future date plans one). The shared note is for the
    participant; the private note stays the mentor's own."""
    if side_of(by, mentoring) != "mentor":
        raise PermissionDenied
    if mentoring.status != MentoringStatus.ACTIVE:
        raise _wrong_state()
    errors: dict[str, list[object]] = {}
    if date is None:
        errors["date"] = [_("Write the date of the meeting.")]
    try:
        shared = _note(shared_note, "shared_note")
        private = _note(private_note, "private_note")
    except ValidationFailed as exc:
        errors.update({k: list(v) for k, v in exc.errors.items()})
    if errors:
        raise ValidationFailed(errors=errors)
    assert date is not None
    meeting = MentoringMeeting.objects.create(
        mentoring=mentoring,
        date=date,
        time=time,
        shared_note=shared,
        private_note=private,
        written_by=by,
    )
    log_event(by, AuditAction.CREATE, meeting, organisation=mentoring.organisation)
    return meeting


@transaction.atomic
def update_meeting(
    meeting: MentoringMeeting, by: Any, *, shared_note: str, private_note: str
) -> MentoringMeeting:
    """The mentor who wrote the meeting changes its notes."""
    if not is_user(by) or meeting.written_by_id != by.pk:
        raise PermissionDenied
    meeting.shared_note = _note(shared_note, "shared_note")
    meeting.private_note = _note(private_note, "private_note")
    meeting.save(update_fields=["shared_note", "private_note"])
    log_event(by, AuditAction.CHANGE, meeting, organisation=meeting.mentoring.organisation)
    return meeting


@transaction.atomic
def close_mentoring(mentoring: Mentoring, by: Any, feedback: str = "") -> Mentoring:
    """Close an active mentoring: the participant, the mentor or a coordinator. The side
    closing it leaves their feedback on the closing form (asked only there); the other side
    gives theirs afterwards, once. Planned meetings after today are marked cancelled."""
    locked = _lock(mentoring)
    side = side_of(by, locked)
    if not side:
        _require_coordinator(by, locked.organisation_id)
    if locked.status != MentoringStatus.ACTIVE:
        raise _wrong_state()
    if feedback and not side:
        raise PermissionDenied
    locked.status = MentoringStatus.CLOSED
    locked.closed_at = timezone.now()
    locked.closed_by = by
    if side:
        setattr(locked, f"feedback_{side}", _note(feedback, "feedback"))
    locked.save()
    MentoringMeeting.objects.filter(
        mentoring=locked, date__gt=timezone.localdate(), cancelled=False
    ).update(cancelled=True)
    log_event(by, AuditAction.CHANGE, locked)
    return _refresh_into(mentoring, locked)


def may_give_feedback(user: Any, mentoring: Mentoring) -> bool:
    """A side of a closed mentoring who was not asked on the closing form and has not given
    feedback yet."""
    side = side_of(user, mentoring)
    return bool(
        side
        and mentoring.status == MentoringStatus.CLOSED
        and mentoring.closed_by_id != user.pk
        and not getattr(mentoring, f"feedback_{side}")
    )


@transaction.atomic
def give_feedback(mentoring: Mentoring, by: Any, feedback: str) -> Mentoring:
    """The participant or the mentor writes their closing feedback."""
    locked = _lock(mentoring)
    side = side_of(by, locked)
    if not side:
        raise PermissionDenied
    if not may_give_feedback(by, locked):
        raise _wrong_state()
    text = _note(feedback, "feedback")
    if not text:
        raise ValidationFailed(errors={"feedback": [_("Write your feedback.")]})
    setattr(locked, f"feedback_{side}", text)
    locked.save(update_fields=[f"feedback_{side}"])
    log_event(by, AuditAction.CHANGE, locked)
    return _refresh_into(mentoring, locked)

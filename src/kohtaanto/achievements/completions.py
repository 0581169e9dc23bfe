"""The one write path of course completions: a coach or coordinator who may edit the
participant's case file records that the participant finished a course (the day and an
optional note). Audited (`create`). The course is one the participant's organisation can use:
the shared catalogue or the organisation's own courses. A completion is the evidence of a
course badge (`services.evidence_from_course`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kohtaanto.achievements.models import CourseCompletion
from kohtaanto.core.audit import log_event
from kohtaanto.core.enums import AuditAction
from kohtaanto.core.errors import Conflict, ValidationFailed
from kohtaanto.opportunities.models import Course
from kohtaanto.people.access import ParticipantNotFound, is_staff_of
from kohtaanto.people.models import Participant

NOTE_MAX = 500


def may_record(user: Any, participant: Participant) -> bool:
    """Whoever may edit the case file: a coordinator of the organisation or an own coach."""
    return is_staff_of(user, participant)


def courses_for(participant: Participant) -> QuerySet[Course]:
    """Courses a completion can name: the shared catalogue and the organisation's own."""
    return Course.objects.filter(
        Q(organisation__isnull=True) | Q(organisation_id=participant.organisation_id)
    ).order_by("title", "id")


def completions_of(participant: Participant) -> QuerySet[CourseCompletion]:
    return CourseCompletion.objects.filter(participant=participant).select_related(
        "course", "recorded_by"
    )


def completion_of(participant: Participant, completion_id: object) -> CourseCompletion | None:
    text = str(completion_id)
    return completions_of(participant).filter(pk=int(text) if text.isdigit() else -1).first()


def record_completion(
    by: Any,
    participant: Participant,
    course_id: object,
    *,
    completed_on: date | None = None,
    note: str = "",
) -> CourseCompletion:
    """Record that `participant` finished the course; `ParticipantNotFound` for anyone who may
    not edit the case file, `ValidationFailed` for a course they cannot use, a day in the
    future or a long note, `Conflict` when the completion is already recorded."""
    if not may_record(by, participant):
        raise ParticipantNotFound
    text = str(course_id)
    course = courses_for(participant).filter(pk=int(text) if text.isdigit() else -1).first()
    errors: dict[str, list[Any]] = {}
    if course is None:
        errors["course"] = [_("Choose a course.")]
    today = timezone.localdate()
    day = completed_on or today
    if day > today:
        errors["completed_on"] = [_("The day of completion cannot be in the future.")]
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        errors["note"] = [_("The note is at most 500 characters long.")]
    if errors or course is None:
        raise ValidationFailed(errors=errors)
    try:
        with transaction.atomic():
            completion = CourseCompletion.objects.create(
                participant=participant,
                course=course,
                completed_on=day,
                note=note,
                recorded_by=by,
            )
            log_event(by, AuditAction.CREATE, completion)
    except IntegrityError:
        raise Conflict(
            _("This course is already marked as finished for the person."), code="duplicate"
        ) from None
    return completion

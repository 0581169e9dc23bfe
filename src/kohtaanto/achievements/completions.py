"""The write paths of course completions: a coach or coordinator who may edit the
participant's case file records that the participant finished a course (the day and an
optional note), or removes a completion recorded by mistake. Both audited (`create`, `delete`).
The course is one the participant's organisation can use: the shared catalogue or the
organisation's own courses. A completion is the evidence of a course badge
(`services.evidence_from_course`), so one that a badge was issued from (or is being signed
from) stays."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kohtaanto.achievements.enums import CredentialState, EvidenceSource
from kohtaanto.achievements.models import CourseCompletion, IssuedCredential
from kohtaanto.core.access import get_visible_or_404, visible_or_none
from kohtaanto.core.audit import log_event
from kohtaanto.core.enums import AuditAction
from kohtaanto.core.errors import Conflict, NotFound, ValidationFailed
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
    course = visible_or_none(courses_for(participant), course_id)
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


BADGE_EVIDENCE = _("A badge was issued from this course, so the mark stays as its evidence.")


class CompletionGone(NotFound):
    """The participant has no such completion (already removed, or never theirs)."""

    default_message = _("This course was no longer marked as finished.")


def badged_completion_ids(participant: Participant) -> set[int]:
    """The ids of the participant's completions that a badge was issued from or is being
    signed from (a badge left unsigned does not count)."""
    ids = (
        IssuedCredential.objects.filter(participant=participant, source=EvidenceSource.COURSE)
        .exclude(state=CredentialState.FAILED)
        .values_list("source_id", flat=True)
    )
    return {int(pk) for pk in ids if pk is not None}


def remove_completion(by: Any, participant: Participant, completion_id: object) -> None:
    """Remove a completion recorded by mistake. `ParticipantNotFound` for anyone who may not
    edit the case file, `NotFound` when the participant has no such completion (already
    removed), `Conflict` when a badge was issued or is being signed from it."""
    if not may_record(by, participant):
        raise ParticipantNotFound
    with transaction.atomic():
        completion = get_visible_or_404(
            CourseCompletion.objects.select_for_update().filter(participant=participant),
            completion_id,
            not_found=CompletionGone,
        )
        if completion.pk in badged_completion_ids(participant):
            raise Conflict(BADGE_EVIDENCE, code="badge_evidence")
        log_event(by, AuditAction.DELETE, completion)
        completion.delete()

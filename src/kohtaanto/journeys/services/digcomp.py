"""DigComp 2.2 self-assessment: answers stored per attempt, result per area, retakeable."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kohtaanto.core.audit import log_event
from kohtaanto.core.enums import AuditAction
from kohtaanto.core.errors import Conflict, ValidationFailed
from kohtaanto.journeys import rules
from kohtaanto.journeys.models import DigCompAnswer, DigCompAttempt
from kohtaanto.journeys.services._common import owned
from kohtaanto.people.access import is_self, require_writer
from kohtaanto.people.models import Participant


def start_digcomp(participant: Participant, *, by: Any, with_coach: bool = False) -> DigCompAttempt:
    """A new attempt (earlier attempts stay: progress over time).

    Started by the participant themself (on "my path"), it is recorded as self-assessed
    (alone, never "with the coach"); its date is `completed_at` once finished."""
    require_writer(by, participant)
    alone = is_self(by, participant)
    with transaction.atomic():
        attempt = DigCompAttempt.objects.create(
            participant=participant,
            questions_version=rules.digcomp().version,
            with_coach=with_coach and not alone,
            self_assessed=alone,
        )
        log_event(by, AuditAction.CREATE, attempt)
    return attempt


def _check_answers(answers: Mapping[str, int]) -> dict[str, int]:
    questionnaire = rules.digcomp()
    errors: dict[str, list[Any]] = {}
    clean: dict[str, int] = {}
    for competence, value in answers.items():
        if competence not in questionnaire.questions:
            errors[competence] = [_("Unknown question.")]
        elif not isinstance(value, int) or value not in questionnaire.values:
            errors[competence] = [_("Choose one of the answers.")]
        else:
            clean[competence] = value
    if errors:
        raise ValidationFailed(errors=errors)
    return clean


def answer_digcomp(by: Any, attempt_id: object, answers: Mapping[str, int]) -> DigCompAttempt:
    """Store (or change) answers: {"1.1": 3, …}, values from the questionnaire's options."""
    attempt = owned(by, DigCompAttempt, attempt_id)
    if attempt.completed_at is not None:
        raise Conflict(_("This self-assessment is finished. Start a new one."))
    values = _check_answers(answers)
    with transaction.atomic():
        for competence, value in values.items():
            DigCompAnswer.objects.update_or_create(
                attempt=attempt, competence=competence, defaults={"value": value}
            )
    return attempt


def complete_digcomp(by: Any, attempt_id: object) -> DigCompAttempt:
    """Finish an attempt: every question must have an answer; stores the mean per area."""
    attempt = owned(by, DigCompAttempt, attempt_id)
    if attempt.completed_at is not None:
        return attempt
    answers = dict(attempt.answers.values_list("competence", "value"))
    missing = [c for c in rules.digcomp().questions if c not in answers]
    if missing:
        raise ValidationFailed(
            errors={c: [_("Answer this question.")] for c in missing}, code="incomplete"
        )
    attempt.area_means = rules.digcomp_area_means(answers)
    attempt.completed_at = timezone.now()
    with transaction.atomic():
        attempt.save(update_fields=["area_means", "completed_at"])
        log_event(by, AuditAction.CHANGE, attempt)
    return attempt


def submit_digcomp(
    participant: Participant, *, by: Any, answers: Mapping[str, int], with_coach: bool = False
) -> DigCompAttempt:
    """Start, answer and finish in one go (a one-page form); nothing is saved on bad input."""
    require_writer(by, participant)
    values = _check_answers(answers)
    missing = [c for c in rules.digcomp().questions if c not in values]
    if missing:
        raise ValidationFailed(
            errors={c: [_("Answer this question.")] for c in missing}, code="incomplete"
        )
    with transaction.atomic():
        attempt = start_digcomp(participant, by=by, with_coach=with_coach)
        DigCompAnswer.objects.bulk_create(
            DigCompAnswer(attempt=attempt, competence=c, value=v) for c, v in values.items()
        )
        attempt.area_means = rules.digcomp_area_means(values)
        attempt.completed_at = timezone.now()
        attempt.save(update_fields=["area_means", "completed_at"])
    return attempt

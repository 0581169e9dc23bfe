"""End of service, continuation path (jatkopolku) and the follow-up at six months."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kohtaanto.core.audit import log_event
from kohtaanto.core.enums import AuditAction
from kohtaanto.core.errors import ValidationFailed
from kohtaanto.journeys import rules
from kohtaanto.journeys.enums import FollowUpResult
from kohtaanto.journeys.models import FollowUp, Outcome
from kohtaanto.journeys.services._common import (
    actor,
    add_months,
    finnish_date,
    owned,
    service_start_of,
)
from kohtaanto.people import services as people_services
from kohtaanto.people.access import require_staff_writer
from kohtaanto.people.consent import has_consent
from kohtaanto.people.enums import ConsentPurpose, ParticipantStatus
from kohtaanto.people.models import Participant

FOLLOW_UP_MONTHS = 6


def end_service(
    participant: Participant,
    *,
    by: Any,
    outcome_type: str,
    date: date,
    note: str = "",
    qualification_gained: bool = False,
) -> Outcome:
    """Record the continuation path, end the service and schedule the follow-up at +6 months.

    The end date lies in the service period: not before the service started
    (`service_start_of`), not after today. The follow-up is never booked in the past: when
    the end is recorded more than six months late, it is due today.
    Calling it again corrects the outcome; a follow-up not yet done moves with the date.
    """
    require_staff_writer(by, participant)
    errors: dict[str, list[Any]] = {}
    if outcome_type not in rules.outcomes():
        errors["outcome_type"] = [_("Choose a continuation path from the list.")]
    start = service_start_of(participant)
    if date > timezone.localdate():
        errors["date"] = [_("The end date cannot be in the future.")]
    elif date < start:
        errors["date"] = [
            gettext("The end date cannot be before the service started (%(start)s).")
            % {"start": finnish_date(start)}
        ]
    if len(note) > 3000:
        errors["note"] = [_("The note is too long: at most 3,000 characters.")]
    if errors:
        raise ValidationFailed(errors=errors)
    with transaction.atomic():
        outcome, created = Outcome.objects.update_or_create(
            participant=participant,
            defaults={
                "outcome_type": outcome_type,
                "date": date,
                "note": note.strip(),
                "qualification_gained": qualification_gained,
                "recorded_by": actor(by),
            },
        )
        due = follow_up_due(date)
        follow_up, _created = FollowUp.objects.get_or_create(outcome=outcome, defaults={"due": due})
        if follow_up.done_at is None:
            follow_up.due = due
            follow_up.save(update_fields=["due"])
        if participant.status != ParticipantStatus.ENDED:
            people_services.update_participant(participant, by=by, status=ParticipantStatus.ENDED)
        log_event(by, AuditAction.CREATE if created else AuditAction.CHANGE, outcome)
    return outcome


def follow_up_due(end: date) -> date:
    """Six months after the end of service, but never in the past."""
    return max(add_months(end, FOLLOW_UP_MONTHS), timezone.localdate())


def record_follow_up(
    by: Any,
    follow_up_id: object,
    *,
    result: str,
    outcome_type: str = "",
    done_at: date | None = None,
    note: str = "",
) -> FollowUp:
    """The result six months after leaving (feeds the ESF+ six-month indicators).

    Contacting the person after the service needs their `follow_up_contact` consent (the one
    consent rule, `people.consent`): without it nothing is recorded."""
    follow_up = owned(by, FollowUp, follow_up_id, path="outcome__participant")
    require_staff_writer(by, follow_up.outcome.participant)
    if not has_consent(follow_up.outcome.participant, ConsentPurpose.FOLLOW_UP_CONTACT):
        raise ValidationFailed(
            errors={
                "": [
                    _(
                        "The person has not agreed to be contacted after the service, so no "
                        "follow-up can be recorded."
                    )
                ]
            },
            code="consent_missing",
        )
    errors: dict[str, list[Any]] = {}
    if result not in FollowUpResult.values:
        errors["result"] = [_("Choose a result from the list.")]
    if outcome_type and outcome_type not in rules.outcomes():
        errors["outcome_type"] = [_("Choose a continuation path from the list.")]
    done = done_at or timezone.localdate()
    if done > timezone.localdate():
        errors["done_at"] = [_("The date cannot be in the future.")]
    elif done < follow_up.outcome.date:
        errors["done_at"] = [
            gettext("The follow-up cannot be before the service ended (%(end)s).")
            % {"end": finnish_date(follow_up.outcome.date)}
        ]
    if errors:
        raise ValidationFailed(errors=errors)
    follow_up.result, follow_up.outcome_type = result, outcome_type
    follow_up.done_at, follow_up.note = done, note.strip()
    with transaction.atomic():
        follow_up.save()
        log_event(by, AuditAction.CHANGE, follow_up.outcome)
    return follow_up

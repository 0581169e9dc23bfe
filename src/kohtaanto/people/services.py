"""Writes for participants (the only write path; used by web, API, admin and CLI)."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from kohtaanto.core.audit import log_event
from kohtaanto.core.enums import AuditAction, Role
from kohtaanto.core.errors import ValidationFailed
from kohtaanto.core.logs import log_after_commit
from kohtaanto.core.models import Membership, Organisation
from kohtaanto.core.services import add_membership
from kohtaanto.people.consent import give_consent, withdraw_consent
from kohtaanto.people.models import Participant

__all__ = [
    "EDITABLE_FIELDS",
    "add_coach",
    "create_participant",
    "give_consent",
    "remove_coach",
    "update_participant",
    "withdraw_consent",
]

logger = logging.getLogger(__name__)

EDITABLE_FIELDS = frozenset(
    {"first_name", "last_name", "email", "phone", "preferred_language", "status"}
)


def _clean(participant: Participant) -> None:
    try:
        participant.full_clean(exclude=["organisation", "user"])
    except ValidationError as exc:
        raise ValidationFailed(errors=exc.message_dict) from None


def _check_coaches(organisation: Organisation, coaches: Iterable[Any]) -> list[Any]:
    coaches = list(coaches)
    coach_ids = set(
        Membership.objects.filter(
            organisation=organisation, role=Role.COACH, user__in=coaches
        ).values_list("user_id", flat=True)
    )
    if any(coach.pk not in coach_ids for coach in coaches):
        raise ValidationFailed(
            errors={
                "coaches": [_("Every coach must be a coach in the participant's organisation.")]
            }
        )
    return coaches


def create_participant(
    *,
    organisation: Organisation,
    first_name: str,
    last_name: str,
    by: Any = None,
    email: str = "",
    phone: str = "",
    preferred_language: str = "fi",
    user: Any = None,
    coaches: Iterable[Any] = (),
) -> Participant:
    """Create a participant record in `organisation` (audited as `create`)."""
    participant = Participant(
        organisation=organisation,
        first_name=first_name,
        last_name=last_name,
        email=email,
        phone=phone,
        preferred_language=preferred_language,
        user=user,
    )
    _clean(participant)
    coach_list = _check_coaches(organisation, coaches)
    with transaction.atomic():
        participant.save()
        if coach_list:
            participant.coaches.add(*coach_list)
        if user is not None:
            add_membership(user, organisation, Role.PARTICIPANT, by=by)
        log_event(by, AuditAction.CREATE, participant)
    log_after_commit(
        logger, "participant created id=%s organisation=%s", participant.pk, organisation.pk
    )
    return participant


def update_participant(participant: Participant, *, by: Any = None, **fields: Any) -> Participant:
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise ValidationFailed(
            errors={name: [_("This field cannot be changed.")] for name in sorted(unknown)}
        )
    for name, value in fields.items():
        setattr(participant, name, value)
    _clean(participant)
    with transaction.atomic():
        participant.save()
        log_event(by, AuditAction.CHANGE, participant)
    return participant


def add_coach(participant: Participant, coach: Any, *, by: Any = None) -> None:
    _check_coaches(participant.organisation, [coach])
    with transaction.atomic():
        participant.coaches.add(coach)
        log_event(by, AuditAction.CHANGE, participant)


def remove_coach(participant: Participant, coach: Any, *, by: Any = None) -> None:
    with transaction.atomic():
        participant.coaches.remove(coach)
        log_event(by, AuditAction.CHANGE, participant)


def set_coaches(participant: Participant, wanted: Iterable[int], *, by: Any = None) -> None:
    """Make the participant's coaches exactly the users `wanted` (ids), through `add_coach`
    and `remove_coach` (each checked and audited)."""
    from kohtaanto.core.models import User

    wanted_ids = {int(pk) for pk in wanted}
    current = set(participant.coaches.values_list("pk", flat=True))
    for user in User.objects.filter(pk__in=wanted_ids - current):
        add_coach(participant, user, by=by)
    for user in User.objects.filter(pk__in=current - wanted_ids):
        remove_coach(participant, user, by=by)

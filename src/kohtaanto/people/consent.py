"""Consent: an append-only history of events, from which the current state is derived.

Writes: `give_consent`, `withdraw_consent` (also exported by `people.services`).
Reads: `current_consents`, `has_consent`, `may_use_for_matching` (also in `people.selectors`).
Nothing is cached, so a withdrawal takes effect on the very next call.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from kohtaanto.core.audit import log_event
from kohtaanto.core.enums import AuditAction
from kohtaanto.core.errors import ValidationFailed
from kohtaanto.people.enums import ConsentEventKind, ConsentPurpose
from kohtaanto.people.models import ConsentEvent, Participant

logger = logging.getLogger(__name__)

MATCHING_PURPOSES = (ConsentPurpose.SERVICE_PROCESSING, ConsentPurpose.MATCHING)


@dataclass(frozen=True)
class ConsentState:
    purpose: ConsentPurpose
    given: bool
    changed_at: datetime | None = None
    changed_by_id: int | None = None


def _purpose(value: str) -> ConsentPurpose:
    try:
        return ConsentPurpose(value)
    except ValueError:
        raise ValidationFailed(errors={"purpose": [_("Unknown consent purpose.")]}) from None


def _latest_events(
    participant: Participant, purposes: tuple[ConsentPurpose, ...] | None = None
) -> dict[str, ConsentEvent]:
    events = ConsentEvent.objects.filter(participant_id=participant.pk)
    if purposes is not None:
        events = events.filter(purpose__in=purposes)
    latest: dict[str, ConsentEvent] = {}
    for event in events.order_by("purpose", "at", "id"):
        latest[event.purpose] = event  # later events overwrite earlier ones
    return latest


def current_consents(participant: Participant) -> dict[ConsentPurpose, ConsentState]:
    """The current state of every purpose (purposes never answered count as not given)."""
    latest = _latest_events(participant)
    states = {}
    for purpose in ConsentPurpose:
        event = latest.get(purpose.value)
        states[purpose] = (
            ConsentState(purpose, event.kind == ConsentEventKind.GIVEN, event.at, event.by_id)
            if event is not None
            else ConsentState(purpose, False)
        )
    return states


def has_consent(participant: Participant, purpose: ConsentPurpose | str) -> bool:
    purpose = _purpose(purpose)
    event = _latest_events(participant, (purpose,)).get(purpose.value)
    return event is not None and event.kind == ConsentEventKind.GIVEN


def may_use_for_matching(participant: Participant) -> bool:
    """THE check before a participant's data enters matching of any kind.

    True only while both `service_processing` and `matching` consents are given.
    """
    latest = _latest_events(participant, MATCHING_PURPOSES)
    return all(
        (event := latest.get(purpose.value)) is not None and event.kind == ConsentEventKind.GIVEN
        for purpose in MATCHING_PURPOSES
    )


def _record(
    participant: Participant, purpose: str, kind: ConsentEventKind, by: Any, note: str
) -> ConsentEvent:
    purpose = _purpose(purpose)
    with transaction.atomic():
        # Lock the participant row so that concurrent changes are serialised.
        Participant.objects.select_for_update().filter(pk=participant.pk).first()
        latest = _latest_events(participant, (purpose,)).get(purpose.value)
        if latest is not None and latest.kind == kind:
            return latest  # already in that state: nothing to record
        event = ConsentEvent.objects.create(
            participant=participant, purpose=purpose, kind=kind, by=by, note=note
        )
        action = (
            AuditAction.CONSENT_GIVEN
            if kind == ConsentEventKind.GIVEN
            else AuditAction.CONSENT_WITHDRAWN
        )
        log_event(by, action, event, organisation=participant.organisation)
    logger.info("consent %s purpose=%s participant=%s", kind, purpose.value, participant.pk)
    return event


def give_consent(
    participant: Participant, purpose: ConsentPurpose | str, *, by: Any, note: str = ""
) -> ConsentEvent:
    """Record that the participant gives consent for `purpose` (no-op if already given)."""
    return _record(participant, purpose, ConsentEventKind.GIVEN, by, note)


def withdraw_consent(
    participant: Participant, purpose: ConsentPurpose | str, *, by: Any, note: str = ""
) -> ConsentEvent:
    """Record a withdrawal; it takes effect immediately (no-op if already withdrawn)."""
    return _record(participant, purpose, ConsentEventKind.WITHDRAWN, by, note)

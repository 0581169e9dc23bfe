"""Reads for participants. Object access goes through `kohtaanto.core.access`."""

from __future__ import annotations

from django.db.models import QuerySet

from kohtaanto.people.access import participants_visible_to
from kohtaanto.people.consent import (
    ConsentState,
    current_consents,
    has_consent,
    may_use_for_matching,
)
from kohtaanto.people.models import ConsentEvent, Participant

__all__ = [
    "ConsentState",
    "consent_history",
    "current_consents",
    "has_consent",
    "may_use_for_matching",
    "participants_visible_to",
]


def consent_history(participant: Participant) -> QuerySet[ConsentEvent]:
    """Every consent event of the participant, oldest first."""
    return ConsentEvent.objects.filter(participant=participant).order_by("at", "id")

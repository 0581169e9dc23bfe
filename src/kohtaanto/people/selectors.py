"""Reads for participants. Object access goes through `kohtaanto.core.access`; consent reads
are those of `kohtaanto.people.consent` (the one module that answers them)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count

from kohtaanto.core.models import Organisation, User
from kohtaanto.people.access import participants_visible_to
from kohtaanto.people.consent import (
    ConsentState,
    consent_history,
    consented_ids,
    current_consents,
    filter_consented,
    has_consent,
    may_use_for_matching,
)
from kohtaanto.people.enums import ParticipantStatus
from kohtaanto.people.models import Participant

__all__ = [
    "ConsentRow",
    "ConsentState",
    "consent_history",
    "consent_rows",
    "consented_ids",
    "current_consents",
    "filter_consented",
    "has_consent",
    "may_use_for_matching",
    "participant_counts",
    "participants_visible_to",
]


@dataclass(frozen=True)
class ConsentRow:
    state: ConsentState
    by: str  # who recorded the latest answer ("" when nobody or unknown)


def consent_rows(participant: Participant) -> list[ConsentRow]:
    """The case file's consent table: each purpose's state with when, how, which form version
    and the name of whoever recorded it."""
    states = list(current_consents(participant).values())
    ids = {state.changed_by_id for state in states if state.changed_by_id}
    names = {
        user.pk: user.get_full_name() or user.get_username()
        for user in User.objects.filter(pk__in=ids)
    }
    return [ConsentRow(state, names.get(state.changed_by_id or 0, "")) for state in states]


def participant_counts(user: Any, organisation: Organisation) -> dict[str, Any]:
    """The organisation's participants by status, for its coordinator's home: counts only
    (the caseload lists them, with search and pages, however many there are)."""
    rows = (
        participants_visible_to(user)
        .filter(organisation=organisation)
        .values("status")
        .annotate(n=Count("pk"))
    )
    by_status = {row["status"]: row["n"] for row in rows}
    return {
        "total": sum(by_status.values()),
        "by_status": [
            (label, by_status[value])
            for value, label in ParticipantStatus.choices
            if by_status.get(value)
        ],
    }

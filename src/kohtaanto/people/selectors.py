"""Reads for participants. Object access goes through `kohtaanto.core.access`; consent reads
are those of `kohtaanto.people.consent` (the one module that answers them)."""

from __future__ import annotations

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

__all__ = [
    "ConsentState",
    "consent_history",
    "consented_ids",
    "current_consents",
    "filter_consented",
    "has_consent",
    "may_use_for_matching",
    "participants_visible_to",
]

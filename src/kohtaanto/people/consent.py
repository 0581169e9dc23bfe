"""Consent: an append-only history of events, from which the current state is derived.

THE one place that answers "may this person's data be used for PURPOSE" — for one person and in
bulk, with one rule: per participant and purpose the latest event (by time, then id) decides,
and a purpose never answered counts as not given. Every matching, employer-facing and
statistics path asks here; no other module reads `ConsentEvent` for a decision
(`people/tests/test_consent_callers.py` lists the modules that name it at all).

Reads (also re-exported by `people.selectors`):
- `consented_ids(participant_ids, purposes) -> set[int]`: those whose every purpose is given;
- `filter_consented(participants, purpose_or_purposes) -> QuerySet`: the same on a queryset;
- `has_consent(participant, purpose)`, `may_use_for_matching(participant)`: one person (one
  query each: the bulk form for a single id);
- `current_consents(participant)`: the state of every purpose, with when and by whom;
- `consent_history(participant)`: every event, oldest first (the consent page).
Writes: `give_consent`, `withdraw_consent` (also exported by `people.services`), each with the
channel (paper, orally, online) and the consent form version.
Nothing is cached, so a withdrawal takes effect on the very next call.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kohtaanto.core.audit import log_event
from kohtaanto.core.enums import AuditAction
from kohtaanto.core.errors import ValidationFailed
from kohtaanto.core.logs import log_after_commit
from kohtaanto.people.enums import ConsentChannel, ConsentEventKind, ConsentPurpose
from kohtaanto.people.models import ConsentEvent, Participant

logger = logging.getLogger(__name__)

MATCHING_PURPOSES = (ConsentPurpose.SERVICE_PROCESSING, ConsentPurpose.MATCHING)
"""What matching of any kind needs."""

Purposes = ConsentPurpose | str | Iterable[ConsentPurpose | str]


@dataclass(frozen=True)
class ConsentState:
    purpose: ConsentPurpose
    given: bool
    changed_at: datetime | None = None
    changed_by_id: int | None = None
    channel: str = ""
    form_version: str = ""

    @property
    def channel_label(self) -> str:
        return str(ConsentChannel(self.channel).label) if self.channel else ""


@dataclass(frozen=True, slots=True)
class _Latest:
    event_id: int
    kind: str
    at: datetime
    by_id: int | None
    channel: str = ""
    form_version: str = ""

    @property
    def given(self) -> bool:
        return self.kind == ConsentEventKind.GIVEN


def _purpose(value: str) -> ConsentPurpose:
    try:
        return ConsentPurpose(value)
    except ValueError:
        raise ValidationFailed(errors={"purpose": [_("Unknown consent purpose.")]}) from None


def _purposes(purposes: Purposes) -> tuple[ConsentPurpose, ...]:
    """One purpose or several, validated (an unknown purpose is a `ValidationFailed`)."""
    if isinstance(purposes, str):
        return (_purpose(purposes),)
    return tuple(dict.fromkeys(_purpose(p) for p in purposes))


def _latest(
    participant_ids: Iterable[int],
    purposes: Iterable[ConsentPurpose] | None = None,
    *,
    among: QuerySet[Participant] | None = None,
) -> dict[tuple[int, str], _Latest]:
    """THE rule, in one query: (participant id, purpose) → its latest event, by time then id.
    Pairs without any event are absent (never answered = not given). `among`: a query of (at
    least) these participants, used as a subquery instead of the list of ids."""
    if among is not None:
        events = ConsentEvent.objects.filter(participant_id__in=among.values("pk"))
    else:
        events = ConsentEvent.objects.filter(participant_id__in=list(participant_ids))
    if purposes is not None:
        events = events.filter(purpose__in=[p.value for p in purposes])
    latest: dict[tuple[int, str], _Latest] = {}
    rows = events.order_by("participant_id", "purpose", "at", "id").values_list(
        "participant_id", "purpose", "id", "kind", "at", "by_id", "channel", "form_version"
    )
    for pid, purpose, *event in rows:
        latest[(pid, purpose)] = _Latest(*event)  # later events overwrite earlier ones
    return latest


def consented_ids(
    participant_ids: Iterable[int],
    purposes: Purposes,
    *,
    among: QuerySet[Participant] | None = None,
) -> set[int]:
    """The participants (of `participant_ids`) whose latest event is "given" for every purpose.

    `among`, when given, is a query of (at least) the same participants: the events are then
    selected with it as a subquery instead of a list of ids (thousands of ids as query
    parameters cost more than the query itself; a report reads 20,000 people)."""
    ids = list(dict.fromkeys(participant_ids))
    wanted = _purposes(purposes)
    if not ids or not wanted:  # no purpose asked: nothing to refuse
        return set(ids)
    latest = _latest(ids, wanted, among=among)
    return {
        pid
        for pid in ids
        if all((found := latest.get((pid, p.value))) is not None and found.given for p in wanted)
    }


def filter_consented(
    participants: QuerySet[Participant], purposes: Purposes
) -> QuerySet[Participant]:
    """Only those of `participants` who gave every one of `purposes`."""
    ids = consented_ids(participants.values_list("pk", flat=True), purposes)
    return participants.filter(pk__in=sorted(ids))


def has_consent(participant: Participant, purpose: ConsentPurpose | str) -> bool:
    return participant.pk in consented_ids([participant.pk], purpose)


def may_use_for_matching(participant: Participant) -> bool:
    """The check before a participant's data enters matching of any kind (the bulk form is
    `consented_ids(ids, MATCHING_PURPOSES)`; `matches.adapters` uses it for every profile).

    True only while both `service_processing` and `matching` consents are given.
    """
    return participant.pk in consented_ids([participant.pk], MATCHING_PURPOSES)


def current_consents(participant: Participant) -> dict[ConsentPurpose, ConsentState]:
    """The current state of every purpose (purposes never answered count as not given)."""
    latest = _latest([participant.pk])
    states = {}
    for purpose in ConsentPurpose:
        found = latest.get((participant.pk, purpose.value))
        states[purpose] = (
            ConsentState(
                purpose, found.given, found.at, found.by_id, found.channel, found.form_version
            )
            if found is not None
            else ConsentState(purpose, False)
        )
    return states


def consent_history(participant: Participant) -> QuerySet[ConsentEvent]:
    """Every consent event of the participant, oldest first."""
    return ConsentEvent.objects.filter(participant=participant).order_by("at", "id")


def _channel(channel: ConsentChannel | str) -> str:
    if not channel:
        return ""
    try:
        return ConsentChannel(channel).value
    except ValueError:
        raise ValidationFailed(
            errors={"channel": [_("Choose how the consent was given.")]}
        ) from None


def _record(
    participant: Participant,
    purpose: str,
    kind: ConsentEventKind,
    by: Any,
    note: str,
    channel: ConsentChannel | str = "",
    form_version: str = "",
) -> ConsentEvent:
    purpose = _purpose(purpose)
    channel = _channel(channel)
    form_version = (form_version or "").strip()
    if len(form_version) > 32:
        raise ValidationFailed(errors={"form_version": [_("The form version is too long.")]})
    with transaction.atomic():
        # Lock the participant row so that concurrent changes are serialised.
        Participant.objects.select_for_update().filter(pk=participant.pk).first()
        latest = _latest([participant.pk], (purpose,)).get((participant.pk, purpose.value))
        if latest is not None and latest.kind == kind:  # already in that state: nothing new
            return ConsentEvent.objects.get(pk=latest.event_id)
        event = ConsentEvent.objects.create(
            participant=participant,
            purpose=purpose,
            kind=kind,
            by=by,
            note=note,
            channel=channel,
            form_version=form_version,
        )
        action = (
            AuditAction.CONSENT_GIVEN
            if kind == ConsentEventKind.GIVEN
            else AuditAction.CONSENT_WITHDRAWN
        )
        log_event(by, action, event, organisation=participant.organisation)
    log_after_commit(
        logger, "consent %s purpose=%s participant=%s", kind, purpose.value, participant.pk
    )
    return event


def give_consent(
    participant: Participant,
    purpose: ConsentPurpose | str,
    *,
    by: Any,
    note: str = "",
    channel: ConsentChannel | str = "",
    form_version: str = "",
) -> ConsentEvent:
    """Record that the participant gives consent for `purpose` (no-op if already given).

    `channel` says how the decision reached us (paper form, orally, online by the person) and
    `form_version` which consent form was used (`settings.KOHTAANTO_CONSENT_FORM_VERSION` when
    a coach records it; see `consent_form_version`). `by` is who recorded it."""
    return _record(participant, purpose, ConsentEventKind.GIVEN, by, note, channel, form_version)


def withdraw_consent(
    participant: Participant,
    purpose: ConsentPurpose | str,
    *,
    by: Any,
    note: str = "",
    channel: ConsentChannel | str = "",
    form_version: str = "",
) -> ConsentEvent:
    """Record a withdrawal; it takes effect immediately (no-op if already withdrawn)."""
    return _record(
        participant, purpose, ConsentEventKind.WITHDRAWN, by, note, channel, form_version
    )


def consent_form_version() -> str:
    """The consent form version in use (a setting, e.g. "2026-1")."""
    return str(getattr(settings, "KOHTAANTO_CONSENT_FORM_VERSION", "") or "")

"""Consent history, current state and the matching gate."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from tests.factories import Personas, UserFactory

from kohtaanto.core.enums import AuditAction
from kohtaanto.core.errors import ValidationFailed
from kohtaanto.core.models import AppendOnlyError, AuditEvent
from kohtaanto.people.consent import (
    MATCHING_PURPOSES,
    consented_ids,
    current_consents,
    filter_consented,
    has_consent,
    may_use_for_matching,
)
from kohtaanto.people.enums import ConsentEventKind, ConsentPurpose
from kohtaanto.people.models import ConsentEvent, Participant
from kohtaanto.people.selectors import consent_history
from kohtaanto.people.services import give_consent, withdraw_consent

pytestmark = pytest.mark.django_db

SERVICE = ConsentPurpose.SERVICE_PROCESSING
MATCHING = ConsentPurpose.MATCHING


def test_nothing_is_consented_by_default(personas: Personas) -> None:
    states = current_consents(personas.participant)
    assert set(states) == set(ConsentPurpose)
    assert not any(state.given for state in states.values())
    assert not may_use_for_matching(personas.participant)


def test_matching_needs_both_consents(personas: Personas) -> None:
    participant, by = personas.participant, personas.participant_user
    give_consent(participant, MATCHING, by=by)
    assert not may_use_for_matching(participant)
    give_consent(participant, SERVICE, by=by)
    assert may_use_for_matching(participant)


@pytest.mark.parametrize("purpose", [SERVICE, MATCHING])
def test_withdrawal_stops_matching_immediately(personas: Personas, purpose: str) -> None:
    participant, by = personas.participant, personas.participant_user
    give_consent(participant, SERVICE, by=by)
    give_consent(participant, MATCHING, by=by)
    assert may_use_for_matching(participant)
    withdraw_consent(participant, purpose, by=by)
    assert not may_use_for_matching(participant)
    assert not has_consent(participant, purpose)


def test_history_is_kept_and_state_follows_latest_event(personas: Personas) -> None:
    participant, by = personas.participant, personas.coach
    with time_machine.travel("2025-03-01 10:00 +0200", tick=False):
        give_consent(participant, MATCHING, by=by, note="Alkukartoitus")
    with time_machine.travel("2025-04-01 10:00 +0300", tick=False):
        withdraw_consent(participant, MATCHING, by=participant.user)
    with time_machine.travel("2025-05-01 10:00 +0300", tick=False):
        give_consent(participant, MATCHING, by=participant.user)
    history = list(consent_history(participant))
    assert [event.kind for event in history] == ["given", "withdrawn", "given"]
    assert history[0].note == "Alkukartoitus"
    assert history[0].by == personas.coach
    state = current_consents(participant)[MATCHING]
    assert state.given
    assert state.changed_at == history[-1].at
    assert state.changed_by_id == personas.participant_user.pk


def test_same_timestamp_orders_by_insertion(personas: Personas) -> None:
    participant, by = personas.participant, personas.coach
    with time_machine.travel("2025-03-01 10:00 +0200", tick=False):
        give_consent(participant, MATCHING, by=by)
        withdraw_consent(participant, MATCHING, by=by)
    assert not has_consent(participant, MATCHING)


def test_repeated_answers_record_nothing_new(personas: Personas) -> None:
    participant, by = personas.participant, personas.coach
    first = give_consent(participant, SERVICE, by=by)
    assert give_consent(participant, SERVICE, by=by) == first
    assert consent_history(participant).count() == 1


def test_withdrawal_without_earlier_consent_is_recorded(personas: Personas) -> None:
    event = withdraw_consent(personas.participant, MATCHING, by=personas.participant_user)
    assert event.kind == ConsentEventKind.WITHDRAWN
    assert not has_consent(personas.participant, MATCHING)


def test_consents_are_per_participant(personas: Personas) -> None:
    give_consent(personas.participant, SERVICE, by=personas.coach)
    give_consent(personas.participant, MATCHING, by=personas.coach)
    assert not may_use_for_matching(personas.caseload_participant)


def test_consent_changes_are_audited(personas: Personas) -> None:
    participant = personas.participant
    give_consent(participant, MATCHING, by=personas.participant_user)
    withdraw_consent(participant, MATCHING, by=personas.participant_user)
    events = AuditEvent.objects.filter(participant_id=participant.pk).order_by("id")
    assert [e.action for e in events] == [
        AuditAction.CONSENT_GIVEN,
        AuditAction.CONSENT_WITHDRAWN,
    ]
    assert all(e.organisation_id == participant.organisation_id for e in events)
    assert all(e.object_type == "people.consentevent" for e in events)


def test_unknown_purpose_is_refused(personas: Personas) -> None:
    with pytest.raises(ValidationFailed) as excinfo:
        give_consent(personas.participant, "marketing", by=personas.coach)
    assert "purpose" in excinfo.value.errors
    with pytest.raises(ValidationFailed):
        has_consent(personas.participant, "marketing")


def test_consent_events_are_append_only(personas: Personas) -> None:
    event = give_consent(personas.participant, SERVICE, by=personas.coach)
    event.kind = ConsentEventKind.WITHDRAWN
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        consent_history(personas.participant).update(kind="withdrawn")
    assert has_consent(personas.participant, SERVICE)


def test_matching_check_costs_one_query(personas: Personas, django_assert_num_queries) -> None:
    with django_assert_num_queries(1):
        may_use_for_matching(personas.participant)


def test_erasing_people_keeps_the_log_consistent(personas: Personas) -> None:
    recorder = UserFactory()
    event = give_consent(personas.participant, SERVICE, by=recorder)
    recorder.delete()
    event.refresh_from_db()
    assert event.by is None
    assert has_consent(personas.participant, SERVICE)
    participant_id = personas.participant.pk
    personas.participant.delete()  # erasure removes the consent history with the record
    assert not ConsentEvent.objects.filter(participant_id=participant_id).exists()
    assert AuditEvent.objects.filter(participant_id=participant_id).exists()


def _event(participant, purpose: str, kind: str, at: str) -> ConsentEvent:
    """An event at a given time (recorded late, or in a batch with equal times)."""
    return ConsentEvent.objects.create(
        participant=participant, purpose=purpose, kind=kind, at=dt.datetime.fromisoformat(at)
    )


def test_one_rule_for_one_person_and_for_many(personas: Personas) -> None:
    """The latest event by time (not by id) decides, equal times by id, never answered = no;
    the single forms, the bulk form and the queryset filter answer alike."""
    given, withdrawn = ConsentEventKind.GIVEN, ConsentEventKind.WITHDRAWN
    late, tie, never = (
        personas.participant,
        personas.caseload_participant,
        personas.unassigned_participant,
    )
    _event(late, MATCHING, given, "2025-05-01T10:00+03:00")
    _event(late, MATCHING, withdrawn, "2025-04-01T10:00+03:00")  # recorded later, happened before
    _event(late, SERVICE, given, "2025-04-01T10:00+03:00")
    _event(tie, MATCHING, given, "2025-04-01T10:00+03:00")
    _event(tie, MATCHING, withdrawn, "2025-04-01T10:00+03:00")  # same time: the later id wins
    _event(tie, SERVICE, given, "2025-04-01T10:00+03:00")
    people = [late, tie, never]
    ids = [p.pk for p in people]

    assert (
        consented_ids(ids, MATCHING)
        == {late.pk}
        == {p.pk for p in people if has_consent(p, MATCHING)}
    )
    assert consented_ids(ids, SERVICE) == {late.pk, tie.pk}
    assert consented_ids(ids, MATCHING_PURPOSES) == {late.pk}
    assert [p.pk for p in people if may_use_for_matching(p)] == [late.pk]
    assert {p: s.given for p, s in current_consents(tie).items() if p in MATCHING_PURPOSES} == {
        SERVICE: True,
        MATCHING: False,
    }
    everyone = Participant.objects.filter(pk__in=ids)
    assert list(filter_consented(everyone, MATCHING_PURPOSES)) == [late]
    assert set(filter_consented(everyone, SERVICE)) == {late, tie}
    assert consented_ids([], MATCHING) == set()
    with pytest.raises(ValidationFailed):
        consented_ids(ids, ["marketing"])


def test_the_bulk_check_costs_one_query(personas: Personas, django_assert_num_queries) -> None:
    ids = [personas.participant.pk, personas.caseload_participant.pk]
    with django_assert_num_queries(1):
        consented_ids(ids, MATCHING_PURPOSES)


def test_consented_ids_among_a_query_is_the_same_answer(personas: Personas) -> None:
    """`among` (the participants as a subquery, for reports of thousands) changes how the
    events are selected, never the answer: the latest event decides, withdrawn is not given,
    ids outside the asked list are not returned even when the query holds them."""
    participant, by = personas.participant, personas.participant_user
    other = personas.unassigned_participant
    give_consent(participant, MATCHING, by=by)
    give_consent(other, MATCHING, by=personas.coach)
    withdraw_consent(other, MATCHING, by=personas.coach)
    everyone = Participant.objects.all()
    asked = [participant.pk, other.pk]
    assert consented_ids(asked, MATCHING, among=everyone) == consented_ids(asked, MATCHING)
    assert consented_ids(asked, MATCHING, among=everyone) == {participant.pk}
    assert consented_ids([other.pk], MATCHING, among=everyone) == set()

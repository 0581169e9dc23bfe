"""Visits, interviews recognised into demand signals, decisions, interventions: the one write
path, with nothing saved half on bad input."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone, translation
from tests.factories import ParticipantFactory, Personas

from kohtaanto.core.errors import ValidationFailed
from kohtaanto.core.models import AuditEvent
from kohtaanto.groups.enums import GroupKind
from kohtaanto.groups.models import Group
from kohtaanto.outreach import services
from kohtaanto.outreach.enums import Certainty, EventKind, SignalStatus, TimeHorizon
from kohtaanto.outreach.models import CompanyVisit, DemandSignal, Intervention, VisitInterview
from kohtaanto.outreach.tests.conftest import WELDING_TEXT
from kohtaanto.people.models import Participant

pytestmark = pytest.mark.django_db


def _interview(visit: CompanyVisit, by: object, text: str = WELDING_TEXT) -> VisitInterview:
    return services.record_interview(
        visit,
        text=text,
        language="fi",
        time_horizon=TimeHorizon.ONE_TO_TWO,
        certainty=Certainty.SURE,
        by=by,
    )


def test_a_visit_records_who_went(personas: Personas, visit: CompanyVisit) -> None:
    assert set(visit.visitors.all()) == {
        personas.participant,
        *visit.visitors.exclude(pk=personas.participant.pk),
    }
    assert visit.visitors.count() == 2
    assert visit.organisation == personas.organisation
    assert AuditEvent.objects.filter(
        action="create", object_type="outreach.companyvisit", object_id=str(visit.pk)
    ).exists()


def test_recognition_turns_the_interview_into_suggested_signals(
    personas: Personas, visit: CompanyVisit
) -> None:
    personas.employer_organisation.municipality_code = "837"
    personas.employer_organisation.save()
    interview = _interview(visit, personas.mentor)
    signals = {s.label: s for s in interview.signals.all()}
    assert {"hitsaus", "laadunvalvonta"} <= set(signals)
    assert signals["hitsaaja"].kind == "occupation"
    assert signals["hitsaus"].kind == "skill"
    assert signals["hitsaus"].uri.startswith("http://data.europa.eu/esco/skill/")
    for signal in signals.values():
        assert signal.status == SignalStatus.SUGGESTED
        assert signal.time_horizon == TimeHorizon.ONE_TO_TWO
        assert signal.certainty == Certainty.SURE
        assert signal.municipality_code == "837"
        assert signal.employer == personas.employer_organisation
    assert "Hitsaus" in signals["hitsaus"].evidence


def test_confirm_and_reject(personas: Personas, visit: CompanyVisit) -> None:
    interview = _interview(visit, personas.mentor)
    welding = interview.signals.get(label="hitsaus")
    quality = interview.signals.get(label="laadunvalvonta")
    changed = services.decide_signals(
        interview,
        {welding.pk: SignalStatus.CONFIRMED, quality.pk: SignalStatus.REJECTED},
        by=personas.coach,
    )
    assert changed == 2
    welding.refresh_from_db()
    quality.refresh_from_db()
    assert (welding.status, quality.status) == (SignalStatus.CONFIRMED, SignalStatus.REJECTED)
    assert welding.decided_by == personas.coach and welding.decided_at is not None
    # The same decisions again change nothing.
    assert services.decide_signals(interview, {welding.pk: "confirmed"}, by=personas.coach) == 0


def test_a_signal_of_another_interview_fails_the_whole_decision(
    personas: Personas, visit: CompanyVisit
) -> None:
    first = _interview(visit, personas.mentor)
    second = _interview(visit, personas.mentor, "Tarvitsemme asiakaspalvelua.")
    own = first.signals.first()
    foreign = second.signals.first()
    assert own is not None and foreign is not None
    with pytest.raises(ValidationFailed):
        services.decide_signals(
            first, {own.pk: "confirmed", foreign.pk: "confirmed"}, by=personas.coach
        )
    with pytest.raises(ValidationFailed):
        services.decide_signals(first, {own.pk: "maybe"}, by=personas.coach)
    assert not DemandSignal.objects.exclude(status=SignalStatus.SUGGESTED).exists()


def test_a_visit_more_than_a_year_ahead_saves_nothing(
    personas: Personas, visit_group: Group
) -> None:
    with pytest.raises(ValidationFailed) as error:
        services.record_visit(
            visit_group,
            employer=personas.employer_organisation,
            visited_on=timezone.localdate() + dt.timedelta(days=400),
            visitors=[personas.participant],
            by=personas.mentor,
        )
    assert "visited_on" in error.value.errors
    assert not CompanyVisit.objects.exists()
    # Within a year ahead is a planned visit.
    services.record_visit(
        visit_group,
        employer=personas.employer_organisation,
        visited_on=timezone.localdate() + dt.timedelta(days=300),
        by=personas.mentor,
    )
    assert CompanyVisit.objects.count() == 1


def test_a_visitor_who_is_not_in_the_group_saves_nothing(
    personas: Personas, visit_group: Group
) -> None:
    outsider = ParticipantFactory(organisation=personas.organisation)
    with pytest.raises(ValidationFailed) as error:
        services.record_visit(
            visit_group,
            employer=personas.employer_organisation,
            visited_on=dt.date(2026, 11, 1),
            visitors=[personas.participant, outsider],
            by=personas.mentor,
        )
    assert "visitors" in error.value.errors
    assert not CompanyVisit.objects.exists()


def test_only_company_visit_groups_and_employers(personas: Personas, visit_group: Group) -> None:
    hobby = Group.objects.create(
        organisation=personas.organisation, name="Kiipeily", kind=GroupKind.HOBBY
    )
    with pytest.raises(ValidationFailed):
        services.record_visit(
            hobby, employer=personas.employer_organisation, visited_on=dt.date(2026, 11, 1)
        )
    with pytest.raises(ValidationFailed) as error:
        services.record_visit(
            visit_group, employer=personas.organisation, visited_on=dt.date(2026, 11, 1)
        )
    assert "employer" in error.value.errors
    assert not CompanyVisit.objects.exists()


@pytest.mark.parametrize("text", ["", "   \n  "])
def test_an_empty_interview_saves_nothing(
    personas: Personas, visit: CompanyVisit, text: str
) -> None:
    with pytest.raises(ValidationFailed) as error:
        _interview(visit, personas.mentor, text)
    assert "text" in error.value.errors
    assert not VisitInterview.objects.exists() and not DemandSignal.objects.exists()


def test_a_too_long_interview_saves_nothing_and_says_so_in_finnish(
    personas: Personas, visit: CompanyVisit
) -> None:
    with translation.override("fi"), pytest.raises(ValidationFailed) as error:
        _interview(visit, personas.mentor, "hitsaus " * 700)  # 5,600 characters
    message = error.value.errors["text"][0]
    assert "liian pitkä" in message and "5000" in message.replace("\xa0", "").replace(" ", "")
    assert not VisitInterview.objects.exists() and not DemandSignal.objects.exists()


def test_horizon_and_certainty_are_required(personas: Personas, visit: CompanyVisit) -> None:
    with pytest.raises(ValidationFailed) as error:
        services.record_interview(
            visit, text=WELDING_TEXT, time_horizon="someday", certainty="", by=personas.mentor
        )
    assert {"time_horizon", "certainty"} <= set(error.value.errors)
    assert not VisitInterview.objects.exists()


def _intervention_fields(**overrides: object) -> dict[str, object]:
    fields: dict[str, object] = {
        "name": "Paperitehtaan sulkeminen",
        "municipality_code": "286",
        "event_kind": EventKind.CLOSURE,
        "company_name": "Kymijoen Paperi Oy",
        "event_date": dt.date(2026, 9, 30),
        "people_affected": 420,
        "partners": ["Kouvolan kaupunki", "  Kouvolan kaupunki ", ""],
    }
    fields.update(overrides)
    return fields


def test_an_intervention_links_own_groups_and_mentors(
    personas: Personas, visit_group: Group
) -> None:
    intervention = services.create_intervention(
        organisation=personas.organisation,
        by=personas.coordinator,
        groups=[visit_group],
        mentors=[personas.mentor],
        **_intervention_fields(),
    )
    assert intervention.partners == ["Kouvolan kaupunki"]
    assert list(intervention.groups.all()) == [visit_group]
    assert list(intervention.mentors.all()) == [personas.mentor]


def test_an_intervention_with_foreign_groups_or_mentors_saves_nothing(
    personas: Personas,
) -> None:
    foreign = Group.objects.create(
        organisation=personas.other_organisation, name="Muu", kind=GroupKind.HOBBY
    )
    with pytest.raises(ValidationFailed) as error:
        services.create_intervention(
            organisation=personas.organisation,
            by=personas.coordinator,
            groups=[foreign],
            mentors=[personas.coach],  # a coach, not a mentor
            **_intervention_fields(municipality_code="999", people_affected=-1),
        )
    assert {"groups", "mentors", "municipality_code", "people_affected"} <= set(error.value.errors)
    assert not Intervention.objects.exists()


def test_participant_records_are_untouched(personas: Personas, visit: CompanyVisit) -> None:
    """Recording a visit changes no participant's record (only the visit's own rows)."""
    before = Participant.objects.get(pk=personas.participant.pk).updated
    _interview(visit, personas.mentor)
    assert Participant.objects.get(pk=personas.participant.pk).updated == before


def test_a_need_the_recognition_missed_is_added_by_hand_as_confirmed(
    personas: Personas, visit: CompanyVisit
) -> None:
    from kohtaanto.opportunities.recognition import search_skills

    interview = _interview(visit, personas.mentor)
    forklift = search_skills("trukin", "fi")[0]
    signal = services.add_need(interview, forklift.uri, by=personas.coach)
    assert (signal.status, signal.kind, signal.label) == ("confirmed", "skill", forklift.label)
    assert signal.time_horizon == interview.time_horizon and signal.decided_by == personas.coach
    # A rejected suggestion added again becomes confirmed (one row per concept).
    welding = interview.signals.get(label="hitsaus")
    services.decide_signals(interview, {welding.pk: "rejected"}, by=personas.coach)
    assert services.add_need(interview, welding.uri, by=personas.coach).pk == welding.pk
    welding.refresh_from_db()
    assert welding.status == SignalStatus.CONFIRMED
    with pytest.raises(ValidationFailed):
        services.add_need(interview, "http://example.com/not-a-concept", by=personas.coach)
    assert interview.signals.filter(uri__startswith="http://example.com").count() == 0

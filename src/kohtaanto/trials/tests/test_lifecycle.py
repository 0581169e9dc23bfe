"""The trial's write path (`services.lifecycle`): creating, the agreement and its rule check,
the three confirmations, the state table, the days and their totals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone, translation
from tests.factories import Personas
from tests.factories_trials import make_trial, trial_place

from kohtaanto.core.errors import PermissionDenied, ValidationFailed
from kohtaanto.opportunities.enums import OpportunityKind
from kohtaanto.trials.enums import (
    AgreementStatus,
    ConfirmationMethod,
    DayStatus,
    OrganiserKind,
    Party,
    TrialState,
)
from kohtaanto.trials.models import TrialTransition
from kohtaanto.trials.services import lifecycle

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english() -> object:
    """Messages are matched in English (the msgids)."""
    with translation.override("en"):
        yield


def _today() -> dt.date:
    return timezone.localdate()


def _paper(trial, personas: Personas, *parties: str) -> None:
    for party in parties or Party.values:
        lifecycle.confirm(
            trial, party, by=personas.coach, method=ConfirmationMethod.PAPER, signer_name="Nimi"
        )


# --- creating ------------------------------------------------------------------------------


def test_create_from_a_place_takes_the_employer_and_the_tasks(personas: Personas) -> None:
    place = trial_place(personas)
    trial = lifecycle.create_trial(
        by=personas.coach, participant=personas.participant, title="Varasto", opportunity=place
    )
    assert trial.state == TrialState.EXPLORE
    assert trial.employer == personas.employer_organisation
    assert trial.organiser_name == personas.employer_organisation.name
    assert trial.organiser_business_id == personas.employer_organisation.business_id
    assert trial.organiser_kind == OrganiserKind.COMPANY
    assert trial.coach == personas.coach
    assert trial.agreement.tasks == place.description
    assert trial.agreement.status == AgreementStatus.DRAFT
    assert TrialTransition.objects.filter(trial=trial, action="create").count() == 1


def test_create_with_a_written_organiser(personas: Personas) -> None:
    trial = lifecycle.create_trial(
        by=personas.coordinator,
        participant=personas.unassigned_participant,
        title="Kahvilatyö",
        organiser_name="Kahvila Oy",
        organiser_kind=OrganiserKind.COMPANY,
        organiser_business_id="1572860-0",
    )
    assert trial.employer is None
    assert trial.coach is None  # a coordinator is not made the coach


@pytest.mark.parametrize("who", ["participant_user", "employer_contact", "outsider", "mentor"])
def test_only_the_participants_staff_create(personas: Personas, who: str) -> None:
    with pytest.raises(PermissionDenied):
        lifecycle.create_trial(
            by=getattr(personas, who),
            participant=personas.participant,
            title="X",
            organiser_name="Kahvila Oy",
            organiser_kind=OrganiserKind.COMPANY,
        )


def test_a_coach_cannot_create_for_a_participant_outside_their_caseload(
    personas: Personas,
) -> None:
    with pytest.raises(PermissionDenied):
        lifecycle.create_trial(
            by=personas.coach,
            participant=personas.unassigned_participant,
            title="X",
            organiser_name="Kahvila Oy",
            organiser_kind=OrganiserKind.COMPANY,
        )


def test_create_checks_its_input(personas: Personas) -> None:
    job = trial_place(personas, kind=OpportunityKind.JOB)
    with pytest.raises(ValidationFailed) as caught:
        lifecycle.create_trial(
            by=personas.coach,
            participant=personas.participant,
            title=" ",
            kind="holiday",
            opportunity=job,
            organiser_kind="nobody",
        )
    assert {"title", "kind", "opportunity", "organiser_kind"} <= set(caught.value.errors)


# --- the agreement and the rules -------------------------------------------------------------


def test_a_broken_rule_keeps_a_draft_and_refuses_confirming_naming_the_rule(
    personas: Personas,
) -> None:
    trial = make_trial(personas, state=TrialState.AGREE)
    found = lifecycle.save_agreement(
        trial, by=personas.coach, values={"hours_per_day": Decimal("10.00")}
    )
    trial.refresh_from_db()
    assert [v.rule_id for v in found] == [f["rule"] for f in trial.rule_findings]
    assert found, "10 hours a day breaks the rule of 4–8 hours"
    assert trial.agreement.status == AgreementStatus.DRAFT
    assert trial.agreement.hours_per_day == Decimal("10.00")  # the draft is kept
    assert trial.rules_version and trial.rules_checked_at
    with pytest.raises(ValidationFailed) as caught:
        lifecycle.confirm(
            trial, Party.PARTICIPANT, by=personas.coach, method="paper", signer_name="Nimi"
        )
    assert caught.value.code == "rule_broken"
    message = str(caught.value.message)
    assert found[0].title("en") in message or found[0].title("fi") in message
    assert found[0].source_title in message
    assert not trial.confirmations.exists()
    # The stored findings can be shown again without checking anew.
    assert [v.rule_id for v in lifecycle.findings(trial)] == [v.rule_id for v in found]


def test_a_private_person_cannot_organise(personas: Personas) -> None:
    trial = make_trial(personas, state=TrialState.AGREE)
    found = lifecycle.save_agreement(
        trial, by=personas.coach, values={"organiser_kind": OrganiserKind.PRIVATE_PERSON}
    )
    assert found
    trial.refresh_from_db()
    assert trial.organiser_kind == OrganiserKind.PRIVATE_PERSON


def test_missing_terms_refuse_confirming(personas: Personas) -> None:
    trial = lifecycle.create_trial(
        by=personas.coach,
        participant=personas.participant,
        title="Kahvilatyö",
        organiser_name="Kahvila Oy",
        organiser_kind=OrganiserKind.COMPANY,
        organiser_business_id="1572860-0",
    )
    lifecycle.save_agreement(
        trial, by=personas.coach, values={"tasks": "Kahvinkeitto", "place": ""}
    )
    trial.refresh_from_db()
    assert trial.state == TrialState.AGREE  # writing the first terms starts agreeing
    with translation.override("en"):
        assert {"place", "start and end", "goals"} <= set(lifecycle.missing_terms(trial))
    with translation.override("en"), pytest.raises(ValidationFailed, match="missing"):
        lifecycle.confirm(trial, Party.AUTHORITY, by=personas.coach)


def test_weekdays_must_match_the_days_a_week(personas: Personas) -> None:
    trial = make_trial(personas, state=TrialState.AGREE)
    with pytest.raises(ValidationFailed) as caught:
        lifecycle.save_agreement(
            trial, by=personas.coach, values={"days_per_week": 3, "weekdays": [0, 1]}
        )
    assert "weekdays" in caught.value.errors


def test_end_before_start_is_refused(personas: Personas) -> None:
    trial = make_trial(personas, state=TrialState.AGREE)
    with pytest.raises(ValidationFailed) as caught:
        lifecycle.save_agreement(
            trial,
            by=personas.coach,
            values={"start_date": _today(), "end_date": _today() - dt.timedelta(days=1)},
        )
    assert "end_date" in caught.value.errors


def test_a_mentor_of_another_workplace_is_refused(personas: Personas) -> None:
    trial = make_trial(personas, state=TrialState.AGREE)
    with pytest.raises(ValidationFailed) as caught:
        lifecycle.save_agreement(
            trial, by=personas.coach, values={}, workplace_mentor=personas.mentor
        )
    assert "workplace_mentor" in caught.value.errors


@pytest.mark.parametrize("who", ["participant_user", "employer_contact", "workplace_mentor"])
def test_only_staff_write_the_agreement(personas: Personas, who: str) -> None:
    trial = make_trial(personas, state=TrialState.AGREE)
    with pytest.raises(PermissionDenied):
        lifecycle.save_agreement(trial, by=getattr(personas, who), values={"tasks": "X"})
    with pytest.raises(PermissionDenied):
        lifecycle.set_goals(trial, ["X"], by=getattr(personas, who))


# --- confirmations ---------------------------------------------------------------------------


def test_three_confirmations_agree_and_plan_the_days(personas: Personas) -> None:
    trial = make_trial(personas, state=TrialState.AGREE)
    lifecycle.confirm(trial, Party.PARTICIPANT, by=personas.participant_user)
    lifecycle.confirm(trial, Party.ORGANISER, by=personas.employer_contact)
    trial.refresh_from_db()
    assert trial.agreement.status == AgreementStatus.DRAFT
    assert not trial.days.exists()
    lifecycle.confirm(trial, Party.AUTHORITY, by=personas.coach, revision=trial.agreement.revision)
    trial.refresh_from_db()
    assert trial.agreement.status == AgreementStatus.AGREED
    planned = lifecycle.working_days(trial.agreement)
    assert sorted(trial.days.values_list("date", flat=True)) == planned
    assert all(day.weekday() in (0, 1, 2, 3) for day in planned)
    who = lifecycle.confirmations_of(trial)
    assert who[Party.PARTICIPANT].confirmed_by == personas.participant_user
    assert who[Party.ORGANISER].method == ConfirmationMethod.ELECTRONIC


def test_each_party_confirms_only_as_themself(personas: Personas) -> None:
    trial = make_trial(personas, state=TrialState.AGREE)
    with pytest.raises(PermissionDenied):
        lifecycle.confirm(trial, Party.PARTICIPANT, by=personas.coach)
    with pytest.raises(PermissionDenied):
        lifecycle.confirm(trial, Party.ORGANISER, by=personas.participant_user)
    with pytest.raises(PermissionDenied):
        lifecycle.confirm(trial, Party.AUTHORITY, by=personas.workplace_mentor)
    with pytest.raises(PermissionDenied):
        lifecycle.confirm(
            trial, Party.ORGANISER, by=personas.employer_contact, method="paper", signer_name="X"
        )
    with pytest.raises(ValidationFailed):
        lifecycle.confirm(trial, Party.ORGANISER, by=personas.coach, method="paper")


def test_a_party_confirms_a_version_once(personas: Personas) -> None:
    trial = make_trial(personas, state=TrialState.AGREE)
    lifecycle.confirm(trial, Party.PARTICIPANT, by=personas.participant_user)
    with pytest.raises(ValidationFailed):
        lifecycle.confirm(trial, Party.PARTICIPANT, by=personas.participant_user)


def test_a_changed_agreement_voids_the_confirmations(personas: Personas) -> None:
    trial = make_trial(personas, state=TrialState.AGREE)
    revision = trial.agreement.revision
    lifecycle.confirm(trial, Party.PARTICIPANT, by=personas.participant_user)
    lifecycle.save_agreement(trial, by=personas.coach, values={"tasks": "Uudet tehtävät."})
    trial.refresh_from_db()
    assert trial.agreement.revision == revision + 1
    assert not any(lifecycle.confirmations_of(trial).values())
    # The old version's page cannot be confirmed blind.
    with pytest.raises(ValidationFailed, match="changed"):
        lifecycle.confirm(trial, Party.ORGANISER, by=personas.employer_contact, revision=revision)
    # Saving the same terms again changes nothing.
    lifecycle.save_agreement(trial, by=personas.coach, values={"tasks": "Uudet tehtävät."})
    trial.refresh_from_db()
    assert trial.agreement.revision == revision + 1


def test_new_goals_after_a_confirmation_make_a_new_version(personas: Personas) -> None:
    trial = make_trial(personas, state=TrialState.AGREE)
    lifecycle.confirm(trial, Party.PARTICIPANT, by=personas.participant_user)
    lifecycle.set_goals(trial, ["Uusi tavoite."], by=personas.coach)
    trial.refresh_from_db()
    assert trial.agreement.revision == 2
    assert not any(lifecycle.confirmations_of(trial).values())


def test_a_paper_signature_keeps_its_date(personas: Personas) -> None:
    trial = make_trial(personas, state=TrialState.AGREE)
    yesterday = _today() - dt.timedelta(days=1)
    confirmation = lifecycle.confirm(
        trial,
        Party.ORGANISER,
        by=personas.coach,
        method=ConfirmationMethod.PAPER,
        signer_name="Veera Virtanen",
        signed_on=yesterday,
    )
    assert timezone.localtime(confirmation.at).date() == yesterday
    assert confirmation.recorded_by == personas.coach
    assert confirmation.confirmed_by is None
    with pytest.raises(ValidationFailed):
        lifecycle.confirm(
            trial,
            Party.PARTICIPANT,
            by=personas.coach,
            method=ConfirmationMethod.PAPER,
            signer_name="X",
            signed_on=_today() + dt.timedelta(days=1),
        )


# --- the state table -------------------------------------------------------------------------


def test_start_needs_the_agreed_agreement(personas: Personas) -> None:
    trial = make_trial(personas, state=TrialState.AGREE)
    with pytest.raises(ValidationFailed, match="confirm"):
        lifecycle.transition(trial, "start", by=personas.coach)
    _paper(trial, personas)
    trial = lifecycle.transition(trial, "start", by=personas.coach)
    assert trial.state == TrialState.RUN


@pytest.mark.parametrize(
    "who", ["participant_user", "employer_contact", "workplace_mentor", "analyst", "outsider"]
)
def test_only_staff_move_a_trial(personas: Personas, who: str) -> None:
    trial = make_trial(personas, state=TrialState.RUN)
    assert lifecycle.allowed_actions(getattr(personas, who), trial) == []
    with pytest.raises(PermissionDenied):
        lifecycle.transition(trial, "finish", by=getattr(personas, who))


def test_moves_follow_the_state_table(personas: Personas) -> None:
    trial = make_trial(personas, state=TrialState.RUN)
    actions = {move.action for move in lifecycle.allowed_actions(personas.coordinator, trial)}
    assert actions == {"reopen_agreement", "finish", "cancel"}
    with pytest.raises(ValidationFailed):
        lifecycle.transition(trial, "start", by=personas.coach)
    with pytest.raises(ValidationFailed):
        lifecycle.transition(trial, "no_such_move", by=personas.coach)
    trial = lifecycle.transition(trial, "finish", by=personas.coach)
    with pytest.raises(ValidationFailed, match="Record"):
        lifecycle.transition(trial, "continue", by=personas.coach)
    with pytest.raises(ValidationFailed):
        lifecycle.transition(trial, "cancel", by=personas.coach)  # not from evaluate


def test_reopening_the_agreement_makes_a_new_version(personas: Personas) -> None:
    trial = make_trial(personas, state=TrialState.RUN)
    revision = trial.agreement.revision
    trial = lifecycle.transition(trial, "reopen_agreement", by=personas.coach)
    trial.refresh_from_db()
    assert trial.state == TrialState.AGREE
    assert trial.agreement.status == AgreementStatus.DRAFT
    assert trial.agreement.revision == revision + 1
    with pytest.raises(ValidationFailed):
        lifecycle.transition(trial, "start", by=personas.coach)


def test_a_running_agreement_cannot_be_edited(personas: Personas) -> None:
    trial = make_trial(personas, state=TrialState.RUN)
    with pytest.raises(ValidationFailed):
        lifecycle.save_agreement(trial, by=personas.coach, values={"tasks": "X"})


def test_cancel_from_running(personas: Personas) -> None:
    trial = make_trial(personas, state=TrialState.RUN)
    trial = lifecycle.transition(trial, "cancel", by=personas.coach, note="Sairastui")
    assert trial.state == TrialState.CANCELLED
    assert lifecycle.allowed_actions(personas.coach, trial) == []


# --- days ------------------------------------------------------------------------------------


def _a_planned_past_day(trial) -> dt.date:
    return trial.days.filter(date__lte=_today()).order_by("date").first().date


def test_mark_a_day_attended_and_absent(personas: Personas) -> None:
    trial = make_trial(personas, state=TrialState.RUN)
    first = _a_planned_past_day(trial)
    day = lifecycle.mark_day(trial, first, DayStatus.ATTENDED, by=personas.workplace_mentor)
    assert day.status == DayStatus.ATTENDED and day.marked_by == personas.workplace_mentor
    day = lifecycle.mark_day(
        trial, first, DayStatus.ABSENT, by=personas.coach, reason="sick", note="Flunssa"
    )
    assert day.absence_reason == "sick"
    with pytest.raises(ValidationFailed) as caught:
        lifecycle.mark_day(trial, first, DayStatus.ABSENT, by=personas.coach)
    assert "reason" in caught.value.errors


def test_future_days_cannot_be_marked(personas: Personas) -> None:
    trial = make_trial(personas, state=TrialState.RUN)
    future = trial.days.filter(date__gt=_today()).first().date
    with pytest.raises(ValidationFailed):
        lifecycle.mark_day(trial, future, DayStatus.ATTENDED, by=personas.coach)


def test_days_outside_the_period_or_state_are_refused(personas: Personas) -> None:
    trial = make_trial(personas, state=TrialState.RUN)
    before = trial.agreement.start_date - dt.timedelta(days=1)
    with pytest.raises(ValidationFailed):
        lifecycle.mark_day(trial, before, DayStatus.ATTENDED, by=personas.coach)
    agreeing = make_trial(
        personas, state=TrialState.AGREE, participant=personas.caseload_participant
    )
    with pytest.raises(ValidationFailed):
        lifecycle.mark_day(agreeing, _today(), DayStatus.ATTENDED, by=personas.coach)


@pytest.mark.parametrize("who", ["participant_user", "employer_contact", "outsider"])
def test_only_staff_and_the_workplace_mentor_mark_days(personas: Personas, who: str) -> None:
    trial = make_trial(personas, state=TrialState.RUN)
    with pytest.raises(PermissionDenied):
        lifecycle.mark_day(trial, _a_planned_past_day(trial), "attended", by=getattr(personas, who))


def test_an_extra_day_can_be_added(personas: Personas) -> None:
    trial = make_trial(personas, state=TrialState.RUN)
    planned = set(trial.days.values_list("date", flat=True))
    start = trial.agreement.start_date
    extra = next(
        start + dt.timedelta(days=i)
        for i in range(14)
        if start + dt.timedelta(days=i) not in planned and start + dt.timedelta(days=i) <= _today()
    )
    lifecycle.mark_day(trial, extra, DayStatus.ATTENDED, by=personas.coach, hours=Decimal("4"))
    assert trial.days.get(date=extra).hours == Decimal("4")


def test_totals_pay_the_allowance_only_for_attended_days(personas: Personas) -> None:
    trial = make_trial(personas, state=TrialState.RUN)
    past = list(trial.days.filter(date__lte=_today()).order_by("date"))[:3]
    lifecycle.mark_day(trial, past[0].date, DayStatus.ATTENDED, by=personas.coach)
    lifecycle.mark_day(trial, past[1].date, DayStatus.ATTENDED, by=personas.coach)
    lifecycle.mark_day(trial, past[2].date, DayStatus.ABSENT, by=personas.coach, reason="sick")
    totals = lifecycle.totals(trial)
    assert totals.attended == 2
    assert totals.absent == 1
    assert totals.absences_by_reason == {"sick": 1}
    assert totals.allowance_days == 2
    assert totals.allowance_eur == 2 * trial.agreement.allowance_eur_per_day
    assert totals.planned == trial.days.count()
    assert totals.hours_attended == Decimal("12.00")


def test_totals_follow_the_agreed_daily_allowance_outside_the_commuting_area(
    personas: Personas,
) -> None:
    trial = make_trial(personas, state=TrialState.RUN)
    trial = lifecycle.transition(trial, "reopen_agreement", by=personas.coach)
    lifecycle.save_agreement(
        trial,
        by=personas.coach,
        values={"outside_commuting_area": True, "allowance_eur_per_day": Decimal("18.00")},
    )
    _paper(trial, personas)
    trial = lifecycle.transition(trial, "start", by=personas.coach)
    day = _a_planned_past_day(trial)
    lifecycle.mark_day(trial, day, DayStatus.ATTENDED, by=personas.coach)
    assert lifecycle.totals(trial).allowance_eur == Decimal("18.00")


def test_public_holidays_are_not_planned_as_working_days() -> None:
    """Independence Day, Christmas, New Year and Epiphany fall out of the planned days of a
    Monday–Friday trial over the turn of the year; a trial with shift or weekend work keeps
    them (an extra day can always be added)."""
    from kohtaanto.reference.holidays import easter_sunday, is_holiday
    from kohtaanto.trials.models import Agreement

    agreement = Agreement(
        start_date=dt.date(2026, 12, 1),
        end_date=dt.date(2027, 1, 8),
        days_per_week=5,
        weekdays=[0, 1, 2, 3, 4],
    )
    days = lifecycle.working_days(agreement)
    for holiday in ("2026-12-24", "2026-12-25", "2027-01-01", "2027-01-06"):
        assert dt.date.fromisoformat(holiday) not in days
    assert dt.date(2026, 12, 23) in days and dt.date(2027, 1, 7) in days
    agreement.shift_or_weekend = True
    assert dt.date(2026, 12, 24) in lifecycle.working_days(agreement)
    assert easter_sunday(2026) == dt.date(2026, 4, 5)
    assert easter_sunday(2024) == dt.date(2024, 3, 31)
    assert is_holiday(dt.date(2026, 4, 3)) and is_holiday(
        dt.date(2026, 5, 14)
    )  # Good Friday, Ascension
    assert is_holiday(dt.date(2026, 6, 19)) and not is_holiday(
        dt.date(2026, 6, 18)
    )  # Midsummer Eve

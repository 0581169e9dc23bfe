"""Dates within the service period: the end of service, the follow-up, goals, steps, tasks and
planned meetings. The rules are in the services, so pages, API and CLI all get them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone, translation

from kohtaanto.core.errors import ValidationFailed
from kohtaanto.journeys import selectors, services
from kohtaanto.journeys.models import Goal, Outcome, Task
from kohtaanto.journeys.services._common import PLAN_YEARS_AHEAD, service_start_of
from kohtaanto.people.consent import give_consent
from kohtaanto.people.enums import ConsentPurpose

pytestmark = pytest.mark.django_db


def today() -> dt.date:
    return timezone.localdate()


@pytest.fixture
def started(participant, coach):
    """The participant's service started 100 days ago."""
    start = today() - dt.timedelta(days=100)
    services.update_intake(participant, by=coach, service_start=start)
    return start


def test_service_start_is_the_intakes_or_the_day_the_person_was_added(participant, coach):
    assert service_start_of(participant) == timezone.localdate(participant.created)
    start = today() - dt.timedelta(days=10)
    services.update_intake(participant, by=coach, service_start=start)
    assert service_start_of(participant) == start == selectors.service_start(participant)


def test_end_of_service_before_the_start_is_refused_in_finnish(participant, coach, started):
    with translation.override("fi"), pytest.raises(ValidationFailed) as error:
        services.end_service(
            participant, by=coach, outcome_type="employment", date=started - dt.timedelta(days=1)
        )
    message = error.value.errors["date"][0]
    assert "ennen kuin palvelu alkoi" in message
    assert f"{started.day}.{started.month}.{started.year}" in message
    assert not Outcome.objects.exists()


def test_end_of_service_on_the_start_day_is_fine(participant, coach, started):
    outcome = services.end_service(participant, by=coach, outcome_type="employment", date=started)
    assert outcome.date == started


def test_follow_up_is_never_booked_in_the_past(participant, coach):
    start = today() - dt.timedelta(days=400)
    services.update_intake(participant, by=coach, service_start=start)
    ended = today() - dt.timedelta(days=300)  # recorded late: six months later is past
    outcome = services.end_service(participant, by=coach, outcome_type="employment", date=ended)
    assert outcome.follow_up.due == today()
    recent = today() - dt.timedelta(days=10)
    outcome = services.end_service(participant, by=coach, outcome_type="employment", date=recent)
    assert outcome.follow_up.due > today()


def test_follow_up_cannot_be_before_the_end(participant, coach, started):
    ended = started + dt.timedelta(days=5)
    outcome = services.end_service(participant, by=coach, outcome_type="employment", date=ended)
    give_consent(participant, ConsentPurpose.FOLLOW_UP_CONTACT, by=coach)
    with pytest.raises(ValidationFailed) as error:
        services.record_follow_up(
            coach, outcome.follow_up.pk, result="employed", done_at=ended - dt.timedelta(days=1)
        )
    assert "done_at" in error.value.errors


@pytest.mark.parametrize("kind", ["goal", "step", "task"])
def test_due_dates_decades_ago_or_far_ahead_are_refused(participant, coach, started, kind):
    goal = services.add_goal(participant, by=coach, title="Työ")

    def add(due):
        if kind == "goal":
            return services.add_goal(participant, by=coach, title="Tavoite", due=due)
        if kind == "step":
            return services.add_goal_step(coach, goal.pk, text="Askel", due=due)
        return services.add_task(participant, by=coach, title="Tehtävä", due=due)

    for bad in (dt.date(1995, 5, 1), started - dt.timedelta(days=1)):
        with pytest.raises(ValidationFailed) as error:
            add(bad)
        assert list(error.value.errors) == ["due"]
    too_far = today() + dt.timedelta(days=366 * PLAN_YEARS_AHEAD + 2)
    with pytest.raises(ValidationFailed) as error:
        add(too_far)
    assert "due" in error.value.errors
    assert add(started).due == started
    assert add(today() + dt.timedelta(days=365)).due is not None


def test_changing_a_due_date_is_checked_but_an_old_one_is_kept(participant, coach, started):
    goal = services.add_goal(participant, by=coach, title="Työ", due=started)
    task = services.add_task(participant, by=coach, title="CV", due=started)
    with pytest.raises(ValidationFailed):
        services.update_goal(coach, goal.pk, due=dt.date(1990, 1, 1))
    with pytest.raises(ValidationFailed):
        services.update_task(coach, task.pk, due=dt.date(1990, 1, 1))
    assert Goal.objects.get(pk=goal.pk).due == started
    # an old date (saved before the rule, or the start moved later) does not block other edits
    Task.objects.filter(pk=task.pk).update(due=dt.date(2000, 1, 1))
    assert services.update_task(coach, task.pk, title="CV valmiiksi").title == "CV valmiiksi"


def test_a_meeting_booked_years_ahead_is_refused(participant, coach):
    far = timezone.now() + dt.timedelta(days=800)
    with pytest.raises(ValidationFailed) as error:
        services.plan_session(participant, by=coach, kind="individual", starts_at=far)
    assert "starts_at" in error.value.errors
    soon = timezone.now() + dt.timedelta(days=30)
    assert services.plan_session(participant, by=coach, kind="individual", starts_at=soon).pk

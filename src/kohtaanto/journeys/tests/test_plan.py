from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from kohtaanto.core.errors import ValidationFailed
from kohtaanto.journeys import selectors, services
from kohtaanto.journeys.enums import SessionStatus
from kohtaanto.journeys.models import Session, Task

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)


class TestSessions:
    @pytest.fixture(autouse=True)
    def _frozen(self):
        with time_machine.travel(NOW, tick=False):
            yield

    def test_log_session(self, participant, coach):
        session = services.log_session(
            participant,
            by=coach,
            kind="pair",
            starts_at=NOW - dt.timedelta(days=1),
            duration_minutes=90,
            done_together="CV yhdessä",
            next_steps="Hakemus",
        )
        assert session.status == SessionStatus.HELD
        assert list(session.coaches.all()) == [coach]
        assert selectors.session_log(coach, participant.pk) == [session]

    def test_past_session_in_the_future_is_an_error(self, participant, coach):
        with pytest.raises(ValidationFailed) as error:
            services.log_session(
                participant, by=coach, kind="individual", starts_at=NOW + dt.timedelta(minutes=5)
            )
        assert "starts_at" in error.value.errors
        assert not Session.objects.exists()

    @pytest.mark.parametrize(
        ("kind", "minutes", "field"), [("party", 60, "kind"), ("group", 0, "duration_minutes")]
    )
    def test_bad_session(self, participant, coach, kind, minutes, field):
        with pytest.raises(ValidationFailed) as error:
            services.log_session(
                participant, by=coach, kind=kind, starts_at=NOW, duration_minutes=minutes
            )
        assert field in error.value.errors

    def test_plan_then_record(self, participant, coach):
        planned = services.plan_session(
            participant, by=coach, kind="remote", starts_at=NOW + dt.timedelta(days=2)
        )
        with pytest.raises(ValidationFailed):
            services.plan_session(
                participant, by=coach, kind="remote", starts_at=NOW - dt.timedelta(days=2)
            )
        with pytest.raises(ValidationFailed):
            services.record_session_held(coach, planned.pk, done_together="x")
        with time_machine.travel(NOW + dt.timedelta(days=2, hours=1), tick=False):
            held = services.record_session_held(coach, planned.pk, done_together="Tehtiin CV")
        assert held.status == SessionStatus.HELD
        assert services.cancel_session(coach, held.pk).status == SessionStatus.CANCELLED

    def test_pair_coaching(self, participant, coach, organisation):
        from tests.factories import member

        from kohtaanto.core.enums import Role

        second = member(organisation, Role.COACH)
        session = services.log_session(
            participant, by=coach, kind="pair", starts_at=NOW, coaches=[coach, second]
        )
        assert set(session.coaches.all()) == {coach, second}


class TestGoalsAndTasks:
    def test_goal_with_steps(self, participant, coach):
        goal = services.add_goal(
            participant,
            by=coach,
            title="Työ kunnossapidosta",
            due=timezone.localdate() + dt.timedelta(days=60),
            steps=["CV", "Hakemus"],
        )
        assert [s.text for s in goal.steps.all()] == ["CV", "Hakemus"]
        step = services.add_goal_step(coach, goal.pk, text="Haastattelu")
        assert services.set_step_done(coach, step.pk).done_at is not None
        assert services.update_goal(coach, goal.pk, done=True).done_at is not None
        with pytest.raises(ValidationFailed):
            services.add_goal(participant, by=coach, title="")

    @pytest.mark.usefixtures("frozen_clock")  # due today: the same day in the test and the code
    def test_tasks_seen_by_participant_and_coach(self, participant, coach, participant_user):
        task = services.add_task(
            participant,
            by=coach,
            title="Kirjaudu Työmarkkinatorille",
            assignee="participant",
            due=timezone.localdate(),
        )
        assert selectors.tasks(participant_user, participant.pk, open_only=True) == [task]
        services.set_task_done(participant_user, task.pk)
        assert selectors.tasks(coach, participant.pk, open_only=True) == []
        assert Task.objects.get().done_at is not None
        with pytest.raises(ValidationFailed):
            services.add_task(participant, by=coach, title="x", assignee="robot")
        with pytest.raises(ValidationFailed):
            services.update_task(coach, task.pk, participant=1)

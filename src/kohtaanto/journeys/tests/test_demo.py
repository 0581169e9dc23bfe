from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone

from kohtaanto.core.models import User
from kohtaanto.journeys import selectors
from kohtaanto.journeys.models import DigCompAttempt, FollowUp, Intake, Outcome, Session
from kohtaanto.people.models import Participant
from kohtaanto.profiles.models import ProfileItem

pytestmark = pytest.mark.django_db


@override_settings(DEMO=False)
def test_refuses_outside_demo_mode():
    with pytest.raises(CommandError, match="KOHTAANTO_DEMO"):
        call_command("load_demo_journeys")


@override_settings(DEMO=True)
def test_needs_load_demo_first():
    with pytest.raises(CommandError, match="load_demo"):
        call_command("load_demo_journeys")


HELSINKI = ZoneInfo("Europe/Helsinki")


@pytest.mark.time_machine(dt.datetime(2026, 1, 1, 0, 30, tzinfo=HELSINKI), tick=False)
def test_planned_demo_meetings_are_at_nine_in_helsinki(participant, coach):
    """At 00:30 on New Year's Day in Helsinki it is still 31 December in UTC: the first demo
    meeting is on 2 January at 9.00 Helsinki time (not on 1 January at 11.00)."""
    from kohtaanto.journeys.management.commands.load_demo_journeys import Command

    Command()._active(participant, coach, 0, [])
    session = Session.objects.get(participant=participant)
    assert timezone.localtime(session.starts_at) == dt.datetime(2026, 1, 2, 9, tzinfo=HELSINKI)


@pytest.mark.slow  # ~20 s: 41 journeys through the services; run with -m slow
@override_settings(DEMO=True)
def test_loads_living_caseload_once():
    call_command("load_demo")
    call_command("load_demo_journeys", "--caseload-size", "60")
    counts = (Participant.objects.count(), ProfileItem.objects.count(), Session.objects.count())
    call_command("load_demo_journeys", "--caseload-size", "60")
    assert (
        Participant.objects.count(),
        ProfileItem.objects.count(),
        Session.objects.count(),
    ) == counts
    demo = Participant.objects.filter(email__startswith="demo-", intake__isnull=False)
    assert demo.count() == 41
    assert Outcome.objects.count() == 24 and FollowUp.objects.exclude(done_at=None).exists()
    assert DigCompAttempt.objects.exists()
    assert ProfileItem.objects.filter(status="confirmed").exists()
    assert ProfileItem.objects.filter(status="suggested").exists()
    coach = User.objects.get(username="coach")
    rows = list(selectors.caseload(coach, sort="next_meeting"))
    assert len(rows) == 60 and rows[0].next_meeting is not None
    assert Intake.objects.filter(participant__user__username="participant").exists()
    path = selectors.my_path(User.objects.get(username="participant"))
    assert path.next_meeting is not None and path.open_tasks

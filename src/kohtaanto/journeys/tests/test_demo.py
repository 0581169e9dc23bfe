from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

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

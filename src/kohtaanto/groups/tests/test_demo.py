"""`load_demo_groups`: eight groups in five towns, the persona in two, a full group with a
waiting list, past attendance; idempotent."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client, override_settings
from django.utils import timezone

from kohtaanto.core.models import User
from kohtaanto.groups.management.commands.load_demo_groups import holidays
from kohtaanto.groups.models import Attendance, Group, GroupMember, GroupSession, InterimTask

pytestmark = pytest.mark.django_db


def test_refuses_without_demo_mode() -> None:
    with override_settings(DEMO=False), pytest.raises(CommandError):
        call_command("load_demo_groups")


@override_settings(DEMO=True)
def test_demo_groups_are_believable_and_idempotent() -> None:
    from tests.test_demo_peer_work import skip_before_the_demo_journeys

    skip_before_the_demo_journeys()
    call_command("load_demo", verbosity=0)
    call_command("load_demo_journeys", verbosity=0)
    call_command("load_demo_mentoring", verbosity=0)
    call_command("load_demo_groups", verbosity=0)

    def snapshot() -> tuple[int, ...]:
        return (
            Group.objects.count(),
            GroupMember.objects.count(),
            GroupSession.objects.count(),
            Attendance.objects.count(),
            InterimTask.objects.count(),
        )

    first = snapshot()
    groups = Group.objects.filter(organisation__name="Polku ry")
    assert groups.count() == 8
    places = " ".join(groups.values_list("place", flat=True))
    for town in ("Lahti", "Kotka", "Helsinki", "Tampere", "Kouvola"):
        assert town in places
    persona = GroupMember.objects.filter(participant__user__username="participant", status="member")
    assert persona.count() == 2
    assert GroupMember.objects.filter(status="waiting").exists()
    full = Group.objects.get(name="Sulkapallo Kouvola")
    assert full.capacity == 12
    assert full.members.filter(status="member").count() == 12
    assert full.members.filter(status="waiting").count() == 2
    assert full.leaders.count() == 2  # the mentor persona and one volunteer of Kouvola
    assert Attendance.objects.exists() and InterimTask.objects.exists()
    # No sessions on public holidays nor in the Christmas week.
    for session in GroupSession.objects.filter(group__organisation__name="Polku ry"):
        day = timezone.localtime(session.starts).date()
        assert day not in holidays(day.year), (session.group.name, day)
        assert not (day.month == 12 and day.day >= 24) and day.timetuple()[1:3] != (1, 1)
    assert dt.date(2026, 12, 24) in holidays(2026) and dt.date(2027, 1, 1) in holidays(2027)
    assert dt.date(2027, 3, 26) in holidays(2027)  # Good Friday
    assert dt.date(2027, 6, 25) in holidays(2027)  # Midsummer Eve
    # Attendance was saved at the end of each session, not when the demo was loaded.
    for row in Attendance.objects.select_related("session"):
        assert row.marked_at == row.session.ends
    assert GroupSession.objects.filter(cancelled_at__isnull=False).count() == 1
    assert not Attendance.objects.filter(session__cancelled_at__isnull=False).exists()

    call_command("load_demo_groups", verbosity=0)
    assert snapshot() == first

    client = Client()
    client.force_login(User.objects.get(username="participant"))
    home = client.get("/").content.decode()
    assert "Tutuksi oma kaupunki" in home and "Ohjelmointiryhmä" in home
    client.force_login(User.objects.get(username="mentor"))
    assert "/groups/sessions/" in client.get("/").content.decode()

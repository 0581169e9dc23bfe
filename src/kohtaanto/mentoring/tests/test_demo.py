"""The mentoring demo as the whole peer-work chain loads it: volunteers who lead groups or
answer the support line have the capacity and the role for it."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.test import override_settings

from kohtaanto.groups.access import led_groups
from kohtaanto.mentoring.models import VolunteerEngagement, VolunteerProfile
from kohtaanto.supportline.management.commands.load_demo_supportline import (
    VOLUNTEERS as SHIFT_VOLUNTEERS,
)
from kohtaanto.supportline.models import Line

CHAIN = (
    "load_demo",
    "load_demo_journeys",
    "load_demo_opportunities",
    "load_demo_mentoring",
    "load_demo_groups",
    "load_demo_outreach",
    "load_demo_supportline",
)


@pytest.mark.django_db
@override_settings(DEMO=True)
def test_demo_volunteers_have_the_capacity_and_roles_for_what_they_do() -> None:
    for command in CHAIN:
        call_command(command, stdout=io.StringIO())

    over = {
        profile.user.username: (led, profile.capacity_groups)
        for profile in VolunteerProfile.objects.select_related("user")
        for led in [led_groups(profile.user).filter(archived=False).count()]
        if led > profile.capacity_groups
    }
    assert over == {}
    assert led_groups(VolunteerProfile.objects.get(user__username="mentor").user).count() >= 3

    line = Line.objects.get()
    on_shifts = set(
        line.volunteers.exclude(user__username="tukiluuri").values_list("user__username", flat=True)
    )
    assert {"mentor", *SHIFT_VOLUNTEERS} <= on_shifts
    engagements = VolunteerEngagement.objects.filter(
        organisation__name="Polku ry", volunteer__user__username__in=on_shifts
    )
    assert engagements.count() == len(on_shifts)
    assert all("support_line" in e.roles for e in engagements)

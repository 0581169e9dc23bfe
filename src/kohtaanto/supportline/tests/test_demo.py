"""The support-line demo: the weeks its contacts cover have the shifts they were answered on
(with who answered), next to the coming month of shifts, and running it twice changes nothing.
Also `services.record_past_shift`, the one way to write such a shift."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from tests.factories import Personas, member

from kohtaanto.core.enums import Role
from kohtaanto.core.errors import ValidationFailed
from kohtaanto.supportline import selectors, services
from kohtaanto.supportline.models import Line, Shift, ShiftSignup

pytestmark = pytest.mark.django_db


def _load() -> Line:
    call_command("load_demo_supportline", stdout=io.StringIO())
    return Line.objects.get(name="Tukiluuri")


@override_settings(DEMO=True)
def test_the_demo_has_answered_shifts_for_every_week_with_contacts(personas: Personas) -> None:
    line = _load()
    counts = (Shift.objects.count(), ShiftSignup.objects.count(), line.contacts.count())
    now = timezone.now()
    tz = timezone.get_current_timezone()
    past = line.shifts.filter(ends__lte=now)
    assert past.exists() and line.shifts.filter(starts__gt=now).exists()
    contact_weeks = {
        selectors.iso_week(timezone.localtime(when, tz).date())
        for when in line.contacts.values_list("started_at", flat=True)
    }
    shift_weeks = {
        selectors.iso_week(timezone.localtime(when, tz).date())
        for when in past.values_list("starts", flat=True)
    }
    assert contact_weeks <= shift_weeks | {selectors.iso_week(timezone.localdate())}
    assert len(contact_weeks) >= 7
    # Every past shift was answered, by one or two of the line's volunteers.
    for shift in selectors.with_cover(past):
        assert 1 <= shift.cover <= shift.needed  # type: ignore[attr-defined]
    # Each contact falls on a past shift's day.
    shift_days = {timezone.localtime(s, tz).date() for s in past.values_list("starts", flat=True)}
    contact_days = {
        timezone.localtime(c, tz).date() for c in line.contacts.values_list("started_at", flat=True)
    }
    assert contact_days - {timezone.localdate()} <= shift_days
    # The calendar of a past week shows them, ordered, one heading per day.
    monday = timezone.localdate() - dt.timedelta(days=timezone.localdate().weekday() + 7)
    rows = selectors.calendar(line, personas.coordinator, monday)
    assert len(rows) == 7  # five evenings, two mornings
    assert [row.shift.starts for row in rows] == sorted(row.shift.starts for row in rows)

    _load()
    assert (Shift.objects.count(), ShiftSignup.objects.count(), line.contacts.count()) == counts


def test_a_past_shift_is_recorded_with_who_answered_it(personas: Personas) -> None:
    line = services.create_line(personas.organisation, name="Tukiluuri", regions=["08"])
    services.add_volunteer(line, personas.mentor)
    day = timezone.localdate() - dt.timedelta(days=3)
    tz = timezone.get_current_timezone()
    starts = dt.datetime.combine(day, dt.time(17), tzinfo=tz)
    ends = dt.datetime.combine(day, dt.time(20), tzinfo=tz)
    shift = services.record_past_shift(
        line, starts=starts, ends=ends, volunteers=[personas.mentor], by=personas.coordinator
    )
    assert list(shift.signups.values_list("user__username", flat=True)) == ["mentor"]
    outsider = member(personas.organisation, Role.MENTOR, username="not-on-the-line")
    future = timezone.now() + dt.timedelta(hours=2)
    for kwargs in (
        {"starts": starts, "ends": ends, "volunteers": [outsider]},
        {"starts": future, "ends": future + dt.timedelta(hours=3), "volunteers": []},
        {"starts": starts, "ends": ends, "volunteers": [personas.mentor] * 2},
    ):
        with pytest.raises(ValidationFailed):
            services.record_past_shift(line, by=personas.coordinator, **kwargs)  # type: ignore[arg-type]
    assert line.shifts.count() == 1 and ShiftSignup.objects.count() == 1

"""Support-line services: anonymity of the contact log, call-backs kept apart and deleted,
shifts (single, recurring, nothing saved half), sign-up refused when full, swaps that keep the
shift covered, the reminder sources, and statistics with small cells hidden."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone, translation
from tests.factories import Personas, member

from kohtaanto.core.enums import Role
from kohtaanto.core.errors import ValidationFailed
from kohtaanto.core.models import User
from kohtaanto.people import reminders as people_reminders
from kohtaanto.supportline import access, selectors, services
from kohtaanto.supportline.enums import FollowUp, SignupStatus
from kohtaanto.supportline.models import (
    CallbackRequest,
    Line,
    Shift,
    ShiftSignup,
    SupportContact,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def line(personas: Personas) -> Line:
    line = services.create_line(personas.organisation, name="Tukiluuri", regions=["08"])
    services.add_volunteer(line, personas.mentor, trained_on=dt.date(2026, 9, 5))
    return line


def volunteer(personas: Personas, line: Line, username: str) -> User:
    user = member(personas.organisation, Role.MENTOR, username=username)
    services.add_volunteer(line, user)
    return user


def a_shift(line: Line, *, days: int = 3, needed: int = 2, hour: int = 17) -> Shift:
    day = timezone.localdate() + dt.timedelta(days=days)
    return services.create_shifts(
        line, day=day, start=dt.time(hour), end=dt.time(hour + 3), needed=needed
    )[0]


# --- anonymity --------------------------------------------------------------------------------


def test_the_contact_model_has_no_field_that_could_name_the_caller() -> None:
    names = {f.name for f in SupportContact._meta.get_fields()}
    assert names == {
        "id",
        "line",
        "started_at",
        "duration_minutes",
        "channel",
        "topics",
        "region",
        "caller_group",
        "referred_to",
        "follow_up_requested",
        "callback_done_at",
        "logged_by",
        "created",
        "callback",  # the reverse side of CallbackRequest, a separate table
    }
    assert CallbackRequest._meta.db_table != SupportContact._meta.db_table


def test_a_contact_is_logged_with_codes_only(personas: Personas, line: Line) -> None:
    contact = services.log_contact(
        line,
        by=personas.mentor,
        channel="phone",
        duration_minutes=25,
        topics=["money", "job_loss", "money"],
        region="08",
        caller_group="dismissed",
        referred_to=["kela", "employment_services"],
    )
    contact.refresh_from_db()
    assert contact.topics == ["job_loss", "money"]  # known codes, once, in a fixed order
    assert contact.referred_to == ["employment_services", "kela"]
    assert not contact.follow_up_requested
    assert not CallbackRequest.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"duration_minutes": 0}, "duration_minutes"),
        ({"duration_minutes": 601}, "duration_minutes"),
        ({"topics": []}, "topics"),
        ({"topics": ["lottery"]}, "topics"),
        ({"channel": "pigeon"}, "channel"),
        ({"region": "999"}, "region"),
        ({"referred_to": ["police"]}, "referred_to"),
        ({"follow_up": FollowUp.CALLBACK}, "callback_phone"),
        ({"follow_up": FollowUp.CALLBACK, "callback_phone": "call me"}, "callback_phone"),
    ],
)
def test_a_bad_contact_saves_nothing(
    personas: Personas, line: Line, fields: dict[str, Any], field: str
) -> None:
    data: dict[str, Any] = {
        "channel": "phone",
        "duration_minutes": 10,
        "topics": ["coping"],
        **fields,
    }
    with pytest.raises(ValidationFailed) as error:
        services.log_contact(line, by=personas.mentor, **data)
    assert field in error.value.errors
    assert str(error.value.errors[field][0])
    assert not SupportContact.objects.exists() and not CallbackRequest.objects.exists()


def test_only_the_lines_people_log_contacts(personas: Personas, line: Line) -> None:
    with pytest.raises(ValidationFailed):
        services.log_contact(
            line, by=personas.coach, channel="chat", duration_minutes=5, topics=["other"]
        )
    assert not SupportContact.objects.exists()


def test_a_callback_is_kept_apart_and_deleted_when_done(personas: Personas, line: Line) -> None:
    contact = services.log_contact(
        line,
        by=personas.mentor,
        channel="phone",
        duration_minutes=15,
        topics=["unemployment_benefit"],
        follow_up=FollowUp.CALLBACK,
        callback_phone="040 765 4321",
        callback_name="Pekka",
    )
    callback = CallbackRequest.objects.get()
    assert callback.contact == contact and callback.phone == "040 765 4321"
    assert contact.follow_up_requested

    services.complete_callback(callback, by=personas.mentor)

    assert not CallbackRequest.objects.exists()
    contact.refresh_from_db()
    assert contact.callback_done_at is not None


@pytest.mark.parametrize(
    "name",
    [
        "Pekka Juhani Virtanen",  # three words
        "Pekka, soittaa iltaisin",
        "Marja 0401234567",
        "Aleksanteri-Maximilian Konstantin",  # over 30 characters
    ],
)
def test_a_callback_name_is_a_short_first_name_only(
    personas: Personas, line: Line, name: str
) -> None:
    with translation.override("fi"), pytest.raises(ValidationFailed) as error:
        services.log_contact(
            line,
            by=personas.mentor,
            channel="phone",
            duration_minutes=5,
            topics=["other"],
            follow_up=FollowUp.CALLBACK,
            callback_phone="040 111 1111",
            callback_name=name,
        )
    assert set(error.value.errors) == {"callback_name"}
    assert "etunimi" in str(error.value.errors["callback_name"][0])
    assert not SupportContact.objects.exists() and not CallbackRequest.objects.exists()


@pytest.mark.parametrize("name", ["Pekka", "Anna-Liisa", "Anna  Maria ", "D'Artagnan", "Åsa"])
def test_a_short_first_name_is_kept_with_the_callback(
    personas: Personas, line: Line, name: str
) -> None:
    services.log_contact(
        line,
        by=personas.mentor,
        channel="phone",
        duration_minutes=5,
        topics=["other"],
        follow_up=FollowUp.CALLBACK,
        callback_phone="040 111 1111",
        callback_name=name,
    )
    assert CallbackRequest.objects.get().name == " ".join(name.split())


def test_the_reminders_delete_expired_callbacks(
    personas: Personas, line: Line, sms_outbox: list[Any]
) -> None:
    """The cleanup does not depend on the daily timer only: the reminders (every 15 minutes)
    run it too."""
    for days in (15, 1):
        contact = services.log_contact(
            line,
            by=personas.mentor,
            channel="phone",
            duration_minutes=5,
            topics=["other"],
            follow_up=FollowUp.CALLBACK,
            callback_phone="040 111 1111",
        )
        CallbackRequest.objects.filter(contact=contact).update(
            created=timezone.now() - dt.timedelta(days=days)
        )

    people_reminders.send_due(timezone.now())

    left = CallbackRequest.objects.get()
    assert timezone.now() - left.created < dt.timedelta(days=2)
    assert SupportContact.objects.count() == 2


def test_callbacks_older_than_14_days_are_deleted(personas: Personas, line: Line) -> None:
    for days in (15, 13):
        contact = services.log_contact(
            line,
            by=personas.mentor,
            channel="phone",
            duration_minutes=5,
            topics=["other"],
            follow_up=FollowUp.CALLBACK,
            callback_phone="040 111 1111",
        )
        CallbackRequest.objects.filter(contact=contact).update(
            created=timezone.now() - dt.timedelta(days=days)
        )
    assert services.delete_expired_callbacks() == 1
    left = CallbackRequest.objects.get()
    assert timezone.now() - left.created < dt.timedelta(days=14)
    assert SupportContact.objects.count() == 2  # the anonymous contacts stay


def test_open_callbacks_only_for_coordinators_and_volunteers_on_shift(
    personas: Personas, line: Line
) -> None:
    assert access.may_see_callbacks(personas.coordinator, line)
    assert not access.may_see_callbacks(personas.mentor, line)  # not on shift now
    now = timezone.now()
    shift = Shift.objects.create(
        line=line, starts=now - dt.timedelta(hours=1), ends=now + dt.timedelta(hours=2)
    )
    ShiftSignup.objects.create(shift=shift, user=personas.mentor)
    assert access.may_see_callbacks(personas.mentor, line)
    assert not access.may_see_callbacks(personas.analyst, line)
    assert not access.may_see_callbacks(personas.coach, line)


# --- shifts ----------------------------------------------------------------------------------


def test_recurring_shifts_on_weekdays_for_a_month(personas: Personas, line: Line) -> None:
    monday = timezone.localdate() + dt.timedelta(days=7 - timezone.localdate().weekday())
    shifts = services.create_shifts(
        line,
        day=monday,
        start=dt.time(17),
        end=dt.time(20),
        repeat="weekdays",
        until=monday + dt.timedelta(days=27),
        by=personas.coordinator,
    )
    assert len(shifts) == 20
    assert all(timezone.localtime(s.starts).weekday() < 5 for s in shifts)
    assert all(s.ends - s.starts == dt.timedelta(hours=3) for s in shifts)


def test_a_bad_recurring_request_saves_no_shift(personas: Personas, line: Line) -> None:
    day = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationFailed) as error:
        services.create_shifts(
            line,
            day=day,
            start=dt.time(8),
            end=dt.time(22),
            repeat="weekly",
            until=day + dt.timedelta(days=20),
        )
    assert "ends" in error.value.errors
    with pytest.raises(ValidationFailed) as error:
        services.create_shifts(
            line,
            day=day,
            start=dt.time(8),
            end=dt.time(10),
            repeat="weekly",
            until=day + dt.timedelta(days=60),
        )
    assert "until" in error.value.errors
    assert not Shift.objects.exists()


def test_sign_up_is_refused_when_the_shift_is_full(personas: Personas, line: Line) -> None:
    shift = a_shift(line, needed=1)
    services.sign_up(shift, personas.mentor)
    other = volunteer(personas, line, "vapaaehtoinen-01")
    with pytest.raises(ValidationFailed) as error:
        services.sign_up(shift, other)
    assert str(error.value.errors[""][0]) == translation.gettext(
        "This shift is full. Choose another shift."
    )
    assert ShiftSignup.objects.filter(shift=shift).count() == 1


def test_sign_up_twice_and_non_volunteers_are_refused(personas: Personas, line: Line) -> None:
    shift = a_shift(line)
    services.sign_up(shift, personas.mentor)
    with pytest.raises(ValidationFailed):
        services.sign_up(shift, personas.mentor)
    with pytest.raises(ValidationFailed):
        services.sign_up(shift, personas.coach)
    not_on_line = member(personas.organisation, Role.MENTOR, username="other-mentor")
    with pytest.raises(ValidationFailed):
        services.sign_up(shift, not_on_line)
    assert ShiftSignup.objects.count() == 1


def test_cancel_frees_the_place(personas: Personas, line: Line) -> None:
    shift = a_shift(line, needed=1)
    services.sign_up(shift, personas.mentor)
    services.cancel_signup(shift, personas.mentor)
    assert services.covering(shift) == 0
    other = volunteer(personas, line, "vapaaehtoinen-02")
    services.sign_up(shift, other)
    assert services.covering(shift) == 1


def test_a_swap_keeps_the_shift_covered(personas: Personas, line: Line) -> None:
    shift = a_shift(line, needed=1)
    services.sign_up(shift, personas.mentor)
    services.offer_swap(shift, personas.mentor)
    assert services.covering(shift) == 1  # still covered while the swap is offered
    taker = volunteer(personas, line, "vapaaehtoinen-03")
    services.take_swap(shift, taker)
    assert services.covering(shift) == 1
    old = ShiftSignup.objects.get(shift=shift, user=personas.mentor)
    assert old.status == SignupStatus.CANCELLED and old.swapped_to == taker
    assert ShiftSignup.objects.get(shift=shift, user=taker).status == SignupStatus.SIGNED_UP
    with pytest.raises(ValidationFailed):  # nothing left to take
        services.take_swap(shift, volunteer(personas, line, "vapaaehtoinen-04"))


def test_unstaffed_shift_within_24_hours_is_warned(personas: Personas, line: Line) -> None:
    now = timezone.now()
    soon = Shift.objects.create(
        line=line, starts=now + dt.timedelta(hours=5), ends=now + dt.timedelta(hours=8)
    )
    later = Shift.objects.create(
        line=line, starts=now + dt.timedelta(hours=30), ends=now + dt.timedelta(hours=33)
    )
    assert selectors.warnings(line) == [soon]
    services.sign_up(soon, personas.mentor)
    assert selectors.warnings(line) == []
    assert later not in selectors.warnings(line)


# --- reminders ------------------------------------------------------------------------------


@pytest.fixture
def sms_outbox(settings: Any) -> Iterator[list[Any]]:
    from kohtaanto.core import sms

    settings.KOHTAANTO_SMS_BACKEND = "kohtaanto.core.sms.LocmemBackend"
    sms.outbox.clear()
    yield sms.outbox
    sms.outbox.clear()


def test_shift_reminders_go_once_in_the_volunteers_language(
    personas: Personas, line: Line, sms_outbox: list[Any]
) -> None:
    personas.mentor.preferred_language = "sv"
    personas.mentor.save()
    line.volunteers.filter(user=personas.mentor).update(phone="050 123 4567")
    now = timezone.now()
    shift = Shift.objects.create(
        line=line, starts=now + dt.timedelta(hours=20), ends=now + dt.timedelta(hours=23)
    )
    Shift.objects.create(  # in two days: not yet
        line=line, starts=now + dt.timedelta(hours=50), ends=now + dt.timedelta(hours=53)
    )
    services.sign_up(shift, personas.mentor)

    first = people_reminders.send_due(now)
    second = people_reminders.send_due(now + dt.timedelta(minutes=15))

    mentor_mail = [m for m in mail.outbox if personas.mentor.email in m.to]
    assert len(mentor_mail) == 1
    assert mentor_mail[0].subject == "Ditt pass i stödtelefonen"  # Swedish, as the mentor reads
    assert "Tukiluuri" in mentor_mail[0].body and "Påminnelse" in mentor_mail[0].body
    # Finland-Swedish date and time ("kl. 17.00–20.00"), not Sweden's "2026-12-07 17:00".
    starts, ends = timezone.localtime(shift.starts), timezone.localtime(shift.ends)
    when = f"{starts:%-d.%-m.%Y} kl. {starts:%H.%M}–{ends:%H.%M}"
    assert when in mentor_mail[0].body, mentor_mail[0].body
    assert [m.to for m in sms_outbox] == ["050 123 4567"]
    assert first["sent"] >= 1 and second["sent"] == 0


def test_a_shift_without_volunteers_is_announced_to_volunteers_and_coordinators(
    personas: Personas, line: Line, sms_outbox: list[Any]
) -> None:
    people_reminders.set_opt_out(user=personas.coordinator, email=False, sms=False)
    now = timezone.now()
    Shift.objects.create(
        line=line, starts=now + dt.timedelta(hours=6), ends=now + dt.timedelta(hours=9)
    )
    counts = people_reminders.send_due(now)
    to = sorted(address for m in mail.outbox for address in m.to)
    assert to == [personas.mentor.email]  # the coordinator opted out; coaches are not told
    assert mail.outbox[0].subject == "Tukipuhelinvuoro ilman päivystäjää"
    assert counts["opted_out"] >= 1


# --- statistics -------------------------------------------------------------------------------


def _contacts(line: Line, by: User, when: dt.datetime, region: str, count: int) -> None:
    for _n in range(count):
        services.log_contact(
            line,
            by=by,
            channel="phone",
            duration_minutes=10,
            topics=["job_loss", "coping"],
            region=region,
            caller_group="dismissed",
            referred_to=["union"],
            started_at=when,
        )


def _week(offset_weeks: int) -> tuple[dt.date, dt.datetime, str]:
    monday = selectors.week_start(timezone.localdate()) - dt.timedelta(days=7 * offset_weeks)
    when = dt.datetime.combine(monday, dt.time(18), tzinfo=timezone.get_current_timezone())
    return monday, when, selectors.iso_week(monday)


def test_statistics_per_week_and_region_hide_small_cells_for_analysts(
    personas: Personas, line: Line
) -> None:
    monday, when, week = _week(2)
    _contacts(line, personas.mentor, when, "08", 7)
    _contacts(line, personas.mentor, when, "01", 6)
    _contacts(line, personas.mentor, when, "07", 2)
    until = monday + dt.timedelta(days=6)

    full = selectors.statistics(line, since=monday, until=until, suppress_small=False)
    shown = selectors.statistics(line, since=monday, until=until, suppress_small=True)

    assert full.total.contacts == 15 and full.total.minutes == 150
    assert full.total.topics[full.topic_codes.index(("job_loss", "Työn menetys"))] == 15
    assert full.region(week, "07") == 2 and full.region(week, "08") == 7
    assert full.week(week).follow_ups == 0 and full.week(week).topics  # exact, per week
    assert shown.region(week, "07") == selectors.SMALL  # fewer than 5
    # One hidden cell could be computed from the week's total: the next smallest is hidden too.
    assert shown.region(week, "01") == selectors.HIDDEN
    assert shown.region(week, "08") == 7
    assert shown.week(week).contacts == 15 and shown.total.contacts == 15
    assert [w.week for w in shown.weeks] == [week]
    # No per-week breakdowns for analysts: topics and the rest for the whole period only.
    assert shown.week(week).topics == [] and shown.week(week).follow_ups is None


def test_statistics_a_week_with_one_small_region_hides_the_weeks_total_for_analysts(
    personas: Personas, line: Line
) -> None:
    """Finding A: 3 contacts, all in one region, in one week; the week's total showed 3."""
    monday, when, week = _week(1)
    _contacts(line, personas.mentor, when, "01", 3)
    _previous, earlier, earlier_week = _week(2)
    _contacts(line, personas.mentor, earlier, "01", 12)
    _contacts(line, personas.mentor, earlier, "08", 8)
    until = monday + dt.timedelta(days=6)

    shown = selectors.statistics(line, since=_previous, until=until, suppress_small=True)

    assert shown.region(week, "01") == selectors.SMALL
    assert shown.week(week).contacts == selectors.SMALL  # not 3
    assert shown.week(week).minutes == selectors.HIDDEN  # 30 minutes would tell it too
    # The period's total is shown, so the other week's total is hidden, and with it one
    # more region of that week (else the total would follow from its regions).
    assert shown.total.contacts == 23
    assert shown.week(earlier_week).contacts == selectors.HIDDEN
    assert shown.region(earlier_week, "08") == selectors.HIDDEN
    assert shown.region(earlier_week, "01") == 12
    _assert_nothing_small_can_be_worked_out(shown)


def test_statistics_small_topics_referrals_groups_and_follow_ups_hidden_for_analysts(
    personas: Personas, line: Line
) -> None:
    """Finding B: one contact in a week showed that caller's topics and group."""
    monday, when, _week_code = _week(1)
    _contacts(line, personas.mentor, when, "08", 9)  # job_loss + coping, dismissed, union
    services.log_contact(
        line,
        by=personas.mentor,
        channel="phone",
        duration_minutes=20,
        topics=["family"],
        region="08",
        caller_group="relative",
        referred_to=["kela"],
        follow_up=FollowUp.OTHER,
        started_at=when,
    )
    until = monday + dt.timedelta(days=6)

    exact = selectors.statistics(line, since=monday, until=until, suppress_small=False)
    shown = selectors.statistics(line, since=monday, until=until, suppress_small=True)

    def cell(stats: selectors.Statistics, field: str, code: str) -> selectors.Cell:
        codes = {
            "topics": stats.topic_codes,
            "referrals": stats.referral_codes,
            "caller_groups": stats.caller_group_codes,
        }[field]
        return getattr(stats.total, field)[[c for c, _l in codes].index(code)]

    assert cell(exact, "topics", "family") == 1 and cell(exact, "caller_groups", "relative") == 1
    assert exact.total.follow_ups == 1
    assert cell(shown, "topics", "family") == selectors.SMALL
    assert cell(shown, "referrals", "kela") == selectors.SMALL
    assert cell(shown, "caller_groups", "relative") == selectors.SMALL
    assert shown.total.follow_ups == selectors.SMALL
    # 10 callers, 9 "dismissed": shown, 1 "relative" hidden; the total (10) would give it
    # away, so "dismissed" is hidden too. Topics: 9 of 10 spoke of job loss, which would say
    # that 1 did not: hidden as well.
    assert cell(shown, "caller_groups", "dismissed") == selectors.HIDDEN
    assert cell(shown, "topics", "job_loss") == selectors.HIDDEN
    assert cell(shown, "topics", "money") == 0
    assert shown.total.contacts == 10
    _assert_nothing_small_can_be_worked_out(shown)


def _assert_nothing_small_can_be_worked_out(stats: selectors.Statistics) -> None:
    """No week or region row, nor the column of weeks, has exactly one hidden count."""

    def hidden(values: list[selectors.Cell]) -> int:
        return sum(not isinstance(v, int) for v in values)

    for row in stats.weeks:
        assert hidden([*row.regions, row.contacts]) != 1, row
    assert hidden([*(row.contacts for row in stats.weeks), stats.total.contacts]) != 1
    # (every caller here told their group: no unshown "not told" count in that line)
    assert hidden([*stats.total.caller_groups, stats.total.contacts]) != 1


def test_protect_leaves_no_line_with_a_single_hidden_count() -> None:
    values = {("a",): 3, ("b",): 40, ("c",): 0, ("t",): 43, ("u",): 9, ("t2",): 52}
    lines = [[("a",), ("b",), ("c",), ("t",)], [("t",), ("u",), ("t2",)]]
    cells = selectors.protect(values, lines)
    assert cells[("a",)] == selectors.SMALL
    assert cells[("b",)] == selectors.HIDDEN  # the smallest non-zero other member
    assert cells[("c",)] == 0 and cells[("t",)] == 43 and cells[("u",)] == 9
    # A small member nobody sees must not be computable either.
    values = {("x",): 12, ("not_x",): 2, ("t",): 14}
    cells = selectors.protect(values, [[("x",), ("not_x",), ("t",)]], {("x",), ("t",)})
    assert cells == {("x",): selectors.HIDDEN, ("t",): 14}
    # An unshown member that is 0 tells nothing: with a small one, the line is still one short.
    values = {("g1",): 9, ("g2",): 1, ("unknown",): 0, ("t",): 10}
    lines = [[("g1",), ("g2",), ("unknown",), ("t",)]]
    cells = selectors.protect(values, lines, {("g1",), ("g2",), ("t",)})
    assert cells == {("g1",): selectors.HIDDEN, ("g2",): selectors.SMALL, ("t",): 10}


def test_statistics_never_read_callbacks(personas: Personas, line: Line) -> None:
    import inspect

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    source = inspect.getsource(selectors)
    assert "CallbackRequest" not in source.split('"""', 2)[2]
    assert "callback" not in selectors.statistics.__code__.co_names
    services.log_contact(
        line,
        by=personas.mentor,
        channel="phone",
        duration_minutes=5,
        topics=["other"],
        follow_up=FollowUp.CALLBACK,
        callback_phone="040 111 1111",
        callback_name="Pekka",
    )
    table = CallbackRequest._meta.db_table
    today = timezone.localdate()
    for suppress in (True, False):
        with CaptureQueriesContext(connection) as queries:
            selectors.statistics(line, since=today, until=today, suppress_small=suppress)
        assert queries.captured_queries
        assert not any(table in q["sql"] for q in queries.captured_queries)


def test_the_cleanup_command_deletes_expired_callbacks(personas: Personas, line: Line) -> None:
    from io import StringIO

    from django.core.management import call_command

    contact = services.log_contact(
        line,
        by=personas.mentor,
        channel="phone",
        duration_minutes=5,
        topics=["other"],
        follow_up=FollowUp.CALLBACK,
        callback_phone="040 111 1111",
    )
    CallbackRequest.objects.filter(contact=contact).update(
        created=timezone.now() - dt.timedelta(days=20)
    )
    out = StringIO()
    call_command("delete_expired_callbacks", "--now", stdout=out)
    assert "deleted 1" in out.getvalue()
    assert not CallbackRequest.objects.exists()

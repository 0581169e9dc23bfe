"""Support-line pages: the calendar shows cover and gaps and the 24-hour warning, a volunteer
signs up and logs a contact through the pages, call-backs are seen only on shift and deleted
when done, statistics hide small cells from analysts, the home section, and who else gets 404."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from tests.factories import OrganisationFactory, Personas, member

from kohtaanto.core.enums import Role
from kohtaanto.supportline import services
from kohtaanto.supportline.models import (
    CallbackRequest,
    Line,
    Shift,
    ShiftSignup,
    SupportContact,
)
from kohtaanto.web.supportline.statistics import week_label

pytestmark = pytest.mark.django_db


@pytest.fixture
def line(personas: Personas) -> Line:
    line = services.create_line(personas.organisation, name="Tukiluuri", regions=["08"])
    services.add_volunteer(line, personas.mentor)
    return line


def client_for(user: object, language: str = "fi") -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def shift_in(line: Line, hours: float, needed: int = 2) -> Shift:
    now = timezone.now()
    return Shift.objects.create(
        line=line,
        starts=now + dt.timedelta(hours=hours),
        ends=now + dt.timedelta(hours=hours + 3),
        needed=needed,
    )


def test_calendar_shows_cover_gaps_and_the_24_hour_warning(personas: Personas, line: Line) -> None:
    soon = shift_in(line, 3)
    covered = shift_in(line, 26, needed=1)
    ShiftSignup.objects.create(shift=covered, user=personas.mentor)
    client = client_for(personas.mentor)

    def week_page(shift: Shift) -> str:
        week = timezone.localtime(shift.starts).date().isocalendar()
        url = f"/supportline/{line.pk}/?week={week.year}-W{week.week:02d}"
        return str(client.get(url).content.decode())

    html = week_page(soon)
    page = client.get(f"/supportline/{line.pk}/")
    assert page.status_code == 200
    assert "Shifts without volunteers within 24 hours" in html or "24 tunnin" in html
    assert f'id="shift-{soon.pk}" class="shift shift--empty"' in html
    assert f"/supportline/shifts/{soon.pk}/sign-up/" in html
    assert "Tukiluuri" in html
    other = week_page(covered)
    assert f"/supportline/shifts/{covered.pk}/cancel/" in other
    assert f'id="shift-{covered.pk}" class="shift shift--covered"' in other
    assert "/participants/" not in html  # nothing about participants


def test_volunteer_signs_up_through_the_page(personas: Personas, line: Line) -> None:
    shift = shift_in(line, 48)
    response = client_for(personas.mentor).post(f"/supportline/shifts/{shift.pk}/sign-up/")
    assert response.status_code == 302 and f"#shift-{shift.pk}" in response["Location"]
    assert ShiftSignup.objects.filter(shift=shift, user=personas.mentor).exists()


def test_full_shift_says_so_and_saves_nothing(personas: Personas, line: Line) -> None:
    shift = shift_in(line, 48, needed=1)
    other = member(personas.organisation, Role.MENTOR, username="vapaaehtoinen-09")
    services.add_volunteer(line, other)
    services.sign_up(shift, other)
    client = client_for(personas.mentor, "en")
    response = client.post(f"/supportline/shifts/{shift.pk}/sign-up/", follow=True)
    assert "This shift is full" in response.content.decode()
    assert ShiftSignup.objects.filter(shift=shift).count() == 1


def test_log_form_saves_an_anonymous_contact_and_a_callback(personas: Personas, line: Line) -> None:
    client = client_for(personas.mentor)
    page = client.get(f"/supportline/{line.pk}/log/")
    assert b'name="topics"' in page.content and b'name="callback_phone"' in page.content
    response = client.post(
        f"/supportline/{line.pk}/log/",
        {
            "channel": "phone",
            "duration_minutes": "20",
            "topics": ["change_negotiations", "coping"],
            "caller_group": "dismissing_staff",
            "region": "08",
            "referred_to": ["union"],
            "follow_up": "callback",
            "callback_phone": "040 987 6543",
        },
    )
    assert response.status_code == 302
    contact = SupportContact.objects.get()
    assert contact.topics == ["change_negotiations", "coping"]
    assert contact.caller_group == "dismissing_staff" and contact.follow_up_requested
    assert CallbackRequest.objects.get().phone == "040 987 6543"


def test_log_form_errors_are_translated_and_nothing_is_saved(
    personas: Personas, line: Line
) -> None:
    client = client_for(personas.mentor, "sv")
    response = client.post(
        f"/supportline/{line.pk}/log/",
        {"channel": "phone", "duration_minutes": "700", "follow_up": "callback"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) >= {"duration_minutes", "topics"}
    assert "Välj minst ett ämne." in form.errors["topics"]
    assert not SupportContact.objects.exists()


def test_log_form_takes_a_first_name_only_for_the_call_back(personas: Personas, line: Line) -> None:
    client = client_for(personas.mentor)
    page = client.get(f"/supportline/{line.pk}/log/").content.decode()
    assert 'maxlength="30"' in page.split('name="callback_name"', 1)[1].split(">", 1)[0]
    data = {
        "channel": "phone",
        "duration_minutes": "10",
        "topics": ["coping"],
        "follow_up": "callback",
        "callback_phone": "040 987 6543",
        "callback_name": "Pekka soittaa 18 jälkeen",
    }
    response = client.post(f"/supportline/{line.pk}/log/", data)
    assert response.status_code == 200
    assert response.context["form"].errors["callback_name"] == [
        "Kirjoita vain etunimi (yksi tai kaksi sanaa, enintään 30 kirjainta) tai jätä tyhjäksi."
    ]
    assert not SupportContact.objects.exists() and not CallbackRequest.objects.exists()
    response = client.post(f"/supportline/{line.pk}/log/", {**data, "callback_name": "Pekka"})
    assert response.status_code == 302
    assert CallbackRequest.objects.get().name == "Pekka"


def test_callbacks_only_on_shift_and_deleted_when_done(personas: Personas, line: Line) -> None:
    services.log_contact(
        line,
        by=personas.mentor,
        channel="phone",
        duration_minutes=5,
        topics=["money"],
        follow_up="callback",
        callback_phone="040 222 3333",
    )
    callback = CallbackRequest.objects.get()
    client = client_for(personas.mentor)
    assert client.get(f"/supportline/{line.pk}/callbacks/").status_code == 404  # not on shift
    assert client.post(f"/supportline/callbacks/{callback.pk}/done/").status_code == 404
    ShiftSignup.objects.create(shift=shift_in(line, -1), user=personas.mentor)
    page = client.get(f"/supportline/{line.pk}/callbacks/")
    assert "040 222 3333" in page.content.decode()
    client.post(f"/supportline/callbacks/{callback.pk}/done/", {"done": "yes"})
    assert not CallbackRequest.objects.exists()
    assert SupportContact.objects.get().callback_done_at is not None


def _week(response: Any, when: dt.datetime) -> Any:
    """The statistics row of the week `when` falls in: yesterday is last week on a Monday
    (the test failed once just after midnight between Sunday and Monday, Helsinki time)."""
    year, week, _day = timezone.localtime(when).date().isocalendar()
    key = f"{year}-W{week:02d}"
    return next(row for row in response.context["stats"].weeks if row.week == key)


def test_statistics_hide_small_cells_for_analysts_not_coordinators(
    personas: Personas, line: Line
) -> None:
    when = timezone.now() - dt.timedelta(days=1)
    for region, count in (("08", 6), ("01", 7), ("07", 2)):
        for _n in range(count):
            services.log_contact(
                line,
                by=personas.mentor,
                channel="chat",
                duration_minutes=10,
                topics=["job_search"],
                region=region,
                started_at=when,
            )
    analyst = client_for(personas.analyst).get(f"/supportline/{line.pk}/statistics/")
    coordinator = client_for(personas.coordinator).get(f"/supportline/{line.pk}/statistics/")
    analyst_regions = _week(analyst, when).regions
    coordinator_regions = _week(coordinator, when).regions
    labels = analyst.context["region_labels"]
    assert dict(zip(labels, coordinator_regions, strict=True))["Päijät-Häme"] == 2
    hidden = dict(zip(labels, analyst_regions, strict=True))
    assert hidden["Päijät-Häme"] == "small" and hidden["Kymenlaakso"] == "hidden"
    assert hidden["Uusimaa"] == 7
    page = analyst.content.decode()
    assert "&lt; 5" in page and ">–</abbr>" in page
    assert analyst.context["stats"].total.contacts == 15
    # Analysts: topics for the whole period only, no per-week rows; coordinators: per week.
    assert "Aiheet ajanjaksolla" in page and "Aiheet viikoittain" not in page
    assert "Aiheet viikoittain" in coordinator.content.decode()
    assert "&lt; 5" not in coordinator.content.decode()


def test_statistics_do_not_show_analysts_a_lone_callers_week(
    personas: Personas, line: Line
) -> None:
    """One contact in the period: its week's total, minutes, topic and caller group would
    describe that one caller."""
    when = timezone.now() - dt.timedelta(days=1)
    services.log_contact(
        line,
        by=personas.mentor,
        channel="phone",
        duration_minutes=37,
        topics=["family"],
        region="07",
        caller_group="relative",
        referred_to=["kela"],
        started_at=when,
    )
    analyst = client_for(personas.analyst).get(f"/supportline/{line.pk}/statistics/")
    coordinator = client_for(personas.coordinator).get(f"/supportline/{line.pk}/statistics/")
    exact = coordinator.content.decode()
    page = analyst.content.decode()
    assert ">37<" in exact and '">1</td>' in exact
    # The minutes in no text of the page (attributes such as the CSRF token may hold "37")
    assert not re.search(r">[^<]*\b37\b[^<]*<", page)
    assert ">1</td>" not in page and ">1<" not in page  # no count of one anywhere
    week = _week(analyst, when)
    assert week.contacts == "small" and week.minutes == "hidden" and week.regions == ["small"]
    assert analyst.context["stats"].total.caller_groups.count("small") == 1


@pytest.mark.parametrize("who", ["other_mentor", "other_coordinator", "retired_volunteer"])
def test_others_get_404(personas: Personas, line: Line, who: str) -> None:
    if who == "other_mentor":  # a mentor of the organisation, but not on the line
        user = member(personas.organisation, Role.MENTOR, username="mentor-2")
    elif who == "other_coordinator":
        user = member(OrganisationFactory(), Role.COORDINATOR, username="coordinator-2")
    else:
        user = member(personas.organisation, Role.MENTOR, username="mentor-3")
        volunteer = services.add_volunteer(line, user)
        volunteer.active = False
        volunteer.save()
    shift = shift_in(line, 30)
    client = client_for(user)
    for url in (
        f"/supportline/{line.pk}/",
        f"/supportline/{line.pk}/log/",
        f"/supportline/{line.pk}/statistics/",
        "/supportline/",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/supportline/shifts/{shift.pk}/sign-up/").status_code == 404
    assert not ShiftSignup.objects.exists()


def test_coordinator_adds_a_month_of_weekday_shifts(personas: Personas, line: Line) -> None:
    monday = timezone.localdate() + dt.timedelta(days=7 - timezone.localdate().weekday())
    response = client_for(personas.coordinator).post(
        f"/supportline/{line.pk}/shifts/new/",
        {
            "day": monday.isoformat(),
            "start": "17:00",
            "end": "20:00",
            "needed": "2",
            "repeat": "weekdays",
            "until": (monday + dt.timedelta(days=25)).isoformat(),
            "remote": "on",
        },
    )
    assert response.status_code == 302
    assert line.shifts.count() == 20


def test_home_section_of_a_volunteer(personas: Personas, line: Line) -> None:
    mine = shift_in(line, 30)
    ShiftSignup.objects.create(shift=mine, user=personas.mentor)
    gap = shift_in(line, 50)
    page = client_for(personas.mentor).get("/")
    html = page.content.decode()
    assert f"#shift-{mine.pk}" in html and f"#shift-{gap.pk}" in html
    assert f"/supportline/{line.pk}/log/" in html
    coach_home = client_for(personas.coach).get("/").content.decode()
    assert "/supportline/" not in coach_home


def _week_of(day: dt.date) -> str:
    week = day.isocalendar()
    return f"{week.year}-W{week.week:02d}"


def _at(day: dt.date, hour: int, ends: int) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    return (
        dt.datetime.combine(day, dt.time(hour), tzinfo=tz),
        dt.datetime.combine(day, dt.time(ends), tzinfo=tz),
    )


def test_calendar_lists_a_week_by_start_time_with_one_heading_per_day(
    personas: Personas, line: Line
) -> None:
    """Evening shifts made before the mornings of the same days still come after them."""
    today = timezone.localdate()
    tuesday = today + dt.timedelta(days=7 - today.weekday() + 1)
    thursday = tuesday + dt.timedelta(days=2)
    made = {}
    for name, day, hour, end in (
        ("tue-evening", tuesday, 17, 20),
        ("thu-evening", thursday, 17, 20),
        ("tue-morning", tuesday, 10, 13),
        ("thu-morning", thursday, 10, 13),
    ):
        starts, ends = _at(day, hour, end)
        made[name] = Shift.objects.create(line=line, starts=starts, ends=ends)
    html = (
        client_for(personas.mentor)
        .get(f"/supportline/{line.pk}/?week={_week_of(tuesday)}")
        .content.decode()
    )
    order = ["tue-morning", "tue-evening", "thu-morning", "thu-evening"]
    positions = [html.index(f'id="shift-{made[name].pk}"') for name in order]
    assert positions == sorted(positions)
    assert html.count('<section class="shift-day"') == 2


@pytest.mark.parametrize(
    ("language", "remote", "at"),
    [("fi", "Etäpäivystys", "klo"), ("sv", "På distans", "kl.")],
)
def test_times_are_written_the_finnish_way_in_finnish_and_swedish(
    personas: Personas, line: Line, language: str, remote: str, at: str
) -> None:
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    starts, ends = _at(tomorrow, 17, 20)
    shift = Shift.objects.create(line=line, starts=starts, ends=ends)
    ShiftSignup.objects.create(shift=shift, user=personas.mentor)
    client = client_for(personas.mentor, language)
    calendar = client.get(f"/supportline/{line.pk}/?week={_week_of(tomorrow)}").content.decode()
    assert ">17.00–20.00<" in calendar and "17:00" not in calendar
    assert remote in calendar
    assert "Etätyö" not in calendar and "Distansarbete" not in calendar
    home = client.get("/").content.decode()
    assert f"{at} 17.00–20.00" in home and "17:00" not in home


def test_calendar_opens_on_the_next_week_with_shifts(personas: Personas, line: Line) -> None:
    today = timezone.localdate()
    later = today + dt.timedelta(days=15)
    starts, ends = _at(later, 17, 20)
    far = Shift.objects.create(line=line, starts=starts, ends=ends)
    client = client_for(personas.mentor)
    page = client.get(f"/supportline/{line.pk}/")
    html = page.content.decode()
    assert page.context["monday"] == later - dt.timedelta(days=later.weekday())
    assert f'id="shift-{far.pk}"' in html
    assert "Tällä viikolla ei ole vuoroja" not in html
    # "This week" still shows this week, and the navigation goes week by week.
    assert f'href="?week={_week_of(today)}"' in html
    this_week = client.get(f"/supportline/{line.pk}/?week={_week_of(today)}")
    assert this_week.context["monday"] == today - dt.timedelta(days=today.weekday())
    soon = shift_in(line, 1)
    page = client.get(f"/supportline/{line.pk}/")
    soon_day = timezone.localtime(soon.starts).date()
    assert page.context["monday"] == soon_day - dt.timedelta(days=soon_day.weekday())
    assert f'id="shift-{soon.pk}"' in page.content.decode()


@pytest.mark.parametrize(
    ("language", "label", "period"),
    [("fi", "vk 42 (12.–18.10.)", "vk 40 (28.9.–4.10.)"), ("sv", "v. 42 (12–18.10)", "")],
)
def test_statistics_name_weeks_as_people_read_them(language: str, label: str, period: str) -> None:
    with translation.override(language):
        assert week_label("2026-W42", language) == label
        if period:
            assert week_label("2026-W40", language) == period
    with translation.override("en"):
        assert week_label("2026-W42", "en") == "week 42 (12–18 Oct)"


def test_statistics_tables_carry_labels_for_phones(personas: Personas, line: Line) -> None:
    services.log_contact(
        line,
        by=personas.mentor,
        channel="phone",
        duration_minutes=20,
        topics=["job_loss"],
        region="08",
        started_at=timezone.now() - dt.timedelta(days=1),
    )
    html = client_for(personas.coordinator).get(f"/supportline/{line.pk}/statistics/")
    page = html.content.decode()
    assert "-W" not in page  # no raw ISO weeks
    assert page.count('<th scope="row">vk ') >= 8
    # Every cell says what it is, so a row stacked as a card on a phone reads "label: value".
    assert '<td data-label="Yhteydenotot">' in page and '<td data-label="Kymenlaakso">' in page
    assert '<td data-label="Työn menetys">1</td>' in page
    assert page.count("<td>") == 0


def test_home_shifts_section_has_the_log_link_and_no_reminders_link(
    personas: Personas, line: Line
) -> None:
    client = client_for(personas.mentor)
    home = client.get("/").content.decode()
    start = home.index('aria-labelledby="shifts-title"')
    section = home[start : home.index("</section>", start)]
    assert f'href="/supportline/{line.pk}/log/"' in section  # one tap to the log form
    assert reverse("my_reminders") not in section  # "My account" links it already
    calendar = client.get(f"/supportline/{line.pk}/").content.decode()
    assert f'href="/supportline/{line.pk}/log/"' in calendar

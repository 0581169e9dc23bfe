"""The support line in a browser, in Finnish and in Swedish, on a 360 × 740 phone: a volunteer
sees their home section, opens the coverage calendar (a shift without volunteers within 24 hours
is warned about), signs up for a shift, and logs an anonymous contact in a few taps (the call-back
number field appears only when a call back is chosen, without JavaScript). Then an analyst reads
the statistics.

axe-core (WCAG 2.1 A/AA) on every page at desktop and phone size, no sideways scroll on the
phone; screenshots in `artifacts/supportline/`. A coordinator reads eight weeks of statistics on
the phone: every row of the wide tables is a card whose cells all fit the screen.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import timezone

from kohtaanto.supportline import services
from kohtaanto.supportline.models import CallbackRequest, Shift, ShiftSignup, SupportContact
from tests.e2e.conftest import PHONE, expect, new_context, page_checker
from tests.e2e.test_pages import log_in
from tests.factories import Personas

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TEXT = {
    "fi": {
        "section": "Tukipuhelin",
        "calendar": "Vuorot: Tukiluuri",
        "warning": "Vuorot ilman päivystäjää seuraavan 24 tunnin aikana",
        "sign_up": "Ilmoittaudu",
        "signed_up": "Olet ilmoittautunut vuoroon.",
        "on_shift": "Olet tässä vuorossa.",
        "log": "Kirjaa yhteydenotto",
        "duration": "Kesto minuutteina",
        "topic1": "Työn menetys",
        "topic2": "Työttömyysturva",
        "caller": "Irtisanovan yrityksen henkilöstöä",
        "referral": "Ammattiliitto tai työttömyyskassa",
        "callback": "Kyllä, soitto takaisin",
        "phone": "Puhelinnumero takaisinsoittoa varten",
        "save": "Tallenna yhteydenotto",
        "logged": "Yhteydenotto on kirjattu. Kiitos!",
        "statistics": "Tilastot: Tukiluuri",
    },
    "sv": {
        "section": "Stödtelefon",
        "calendar": "Pass: Tukiluuri",
        "warning": "Pass utan volontärer inom 24 timmar",
        "sign_up": "Anmäl dig",
        "signed_up": "Du är anmäld till passet.",
        "on_shift": "Du är med på det här passet.",
        "log": "Anteckna en kontakt",
        "duration": "Längd i minuter",
        "topic1": "Att förlora jobbet",
        "topic2": "Arbetslöshetsförmån",
        "caller": "Personal på ett företag som säger upp folk",
        "referral": "Fackförbund eller arbetslöshetskassa",
        "callback": "Ja, vi ringer upp",
        "phone": "Telefonnummer för uppringning",
        "save": "Spara kontakten",
        "logged": "Kontakten är antecknad. Tack!",
        "statistics": "Statistik: Tukiluuri",
    },
}


@pytest.fixture
def visit(check_axe: Any) -> Any:
    return page_checker(check_axe, "supportline")


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_volunteer_signs_up_and_logs_an_anonymous_contact(
    browser: Any, live_server: Any, personas: Personas, visit: Any, language: str
) -> None:
    text = TEXT[language]
    line = services.create_line(personas.organisation, name="Tukiluuri", regions=["08"])
    services.add_volunteer(line, personas.mentor)
    for user in (personas.mentor, personas.analyst):
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
    now = timezone.now()
    Shift.objects.create(  # nobody yet, within 24 hours: the warning
        line=line, starts=now + dt.timedelta(hours=4), ends=now + dt.timedelta(hours=7)
    )
    shift = Shift.objects.create(
        line=line,
        starts=now + dt.timedelta(hours=6),
        ends=now + dt.timedelta(hours=9),
        needed=2,
    )

    context = new_context(
        browser, viewport=PHONE, base_url=live_server.url, locale=f"{language}-FI"
    )
    me = context.new_page()
    me.goto("/login/")
    log_in(me, "mentor")
    expect(me.locator("#shifts-title")).to_have_text(text["section"])
    visit(me, "home-" + language)
    me.set_viewport_size(PHONE)

    # The coverage calendar of the shift's week, straight from the home page's link.
    with me.expect_navigation():
        me.locator("#shifts-title ~ ul").get_by_role("link", name=text["calendar"]).click()
    week = timezone.localtime(shift.starts).date().isocalendar()
    me.goto(f"/supportline/{line.pk}/?week={week.year}-W{week.week:02d}")
    expect(me.locator("h1")).to_have_text(text["calendar"])
    expect(me.get_by_text(text["warning"])).to_be_visible()
    item = me.locator(f"#shift-{shift.pk}")
    expect(item).to_contain_text("0")
    # Times the Finnish way in both languages: 17.00–20.00, never 17:00.
    expect(item.locator(".shift__time")).to_have_text(re.compile(r"^\d{2}\.\d{2}–\d{2}\.\d{2}$"))
    visit(me, "calendar-" + language)
    me.set_viewport_size(PHONE)

    with me.expect_navigation():
        item.get_by_role("button", name=text["sign_up"]).click()
    expect(me.get_by_text(text["signed_up"])).to_be_visible()
    expect(me.locator(f"#shift-{shift.pk}")).to_contain_text(text["on_shift"])
    assert ShiftSignup.objects.filter(shift=shift, user=personas.mentor).count() == 1
    visit(me, "calendar-signed-up-" + language)
    me.set_viewport_size(PHONE)

    # The anonymous contact log: a few taps.
    with me.expect_navigation():
        me.get_by_role("link", name=text["log"]).first.click()
    expect(me.locator("h1")).to_have_text(text["log"])
    phone_field = me.get_by_label(text["phone"])
    expect(phone_field).to_be_hidden()  # shown only when a call back is chosen
    visit(me, "log-" + language)
    me.set_viewport_size(PHONE)
    me.get_by_label(text["duration"]).fill("15")
    me.get_by_label(text["topic1"]).check()
    me.get_by_label(text["topic2"]).check()
    me.get_by_label(text["caller"]).check()
    me.get_by_label(text["referral"]).check()
    me.get_by_label(text["callback"]).check()
    expect(phone_field).to_be_visible()
    phone_field.fill("040 765 4321")
    visit(me, "log-callback-" + language)
    me.set_viewport_size(PHONE)
    with me.expect_navigation():
        me.get_by_role("button", name=text["save"]).click()
    expect(me.get_by_text(text["logged"])).to_be_visible()
    contact = SupportContact.objects.get()
    assert contact.topics == ["job_loss", "unemployment_benefit"]
    assert contact.caller_group == "dismissing_staff" and contact.referred_to == ["union"]
    assert contact.duration_minutes == 15 and contact.logged_by == personas.mentor
    assert CallbackRequest.objects.get(contact=contact).phone == "040 765 4321"
    context.close()

    # The analyst reads the statistics (counts only): the one contact is "< 5", and its 15
    # minutes are hidden too (they would tell the contact's length).
    context = new_context(
        browser, viewport=PHONE, base_url=live_server.url, locale=f"{language}-FI"
    )
    analyst = context.new_page()
    analyst.goto("/login/")
    log_in(analyst, "analyst")
    analyst.goto(f"/supportline/{line.pk}/statistics/")
    expect(analyst.locator("h1")).to_have_text(text["statistics"])
    summary = analyst.locator(".stat-summary")
    expect(summary).to_contain_text("< 5")
    expect(summary).to_contain_text("–")
    expect(summary).not_to_contain_text("15")
    assert "040 765 4321" not in analyst.content()
    visit(analyst, "statistics-" + language)
    context.close()


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_coordinator_reads_weeks_of_statistics_on_a_phone(
    browser: Any, live_server: Any, personas: Personas, visit: Any, language: str
) -> None:
    line = services.create_line(personas.organisation, name="Tukiluuri", regions=["08", "07"])
    services.add_volunteer(line, personas.mentor)
    personas.coordinator.preferred_language = language
    personas.coordinator.save(update_fields=["preferred_language"])
    now = timezone.now()
    for number in range(12):
        services.log_contact(
            line,
            by=personas.mentor,
            channel="phone",
            duration_minutes=15,
            topics=["job_loss", "other"],
            region=("08", "07")[number % 2],
            referred_to=["other"],
            started_at=now - dt.timedelta(days=1 + 4 * number),
        )
    context = new_context(
        browser, viewport=PHONE, base_url=live_server.url, locale=f"{language}-FI"
    )
    page = context.new_page()
    page.goto("/login/")
    log_in(page, "coordinator")
    page.goto(f"/supportline/{line.pk}/statistics/")
    week = {"fi": r"^vk \d+ \(", "sv": r"^v\. \d+ \("}[language]
    headers = page.locator("[aria-labelledby=topics] tbody th[scope=row]")
    expect(headers.first).to_have_text(re.compile(week))
    assert "-W" not in page.locator("main").inner_text()  # no raw ISO weeks
    # The last column of the widest table ("Something else") is on the screen, not off it;
    # the weekly cards leave the zeros out on a phone.
    expect(page.locator("[aria-labelledby=topics] td.stat-zero").first).to_be_hidden()
    last = page.locator("[aria-labelledby=topics] tbody tr").last.locator("td").last
    expect(last).to_have_text("12")
    expect(last).to_be_visible()
    box = last.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    visit(page, "statistics-coordinator-" + language)
    context.close()

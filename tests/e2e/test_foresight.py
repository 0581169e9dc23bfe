"""Regional foresight in a browser, in Finnish (issue 16, "Checked by"):

- the coordinator opens "Alueen ennakointi" from the menu: the region's chart (an SVG with
  role="img", a title and a description) with the sortable table of the same numbers under it,
  sorts it by a column heading (no JavaScript needed: a link with query parameters), opens a
  group's skills and downloads the CSV;
- the analyst sees supply under 5 as "alle 5" (and its complement hidden);
- an unknown region gives a form error in Finnish;
- the structural-change watch of a layoff shows the courses that bridge the gap;
- the coordinator starts a rebuild and sees its progress.

axe-core (WCAG 2.1 A/AA) finds no violations on any page, at 1280 px and at 360 × 740, and no
page scrolls sideways at 360 px. Screenshots: /tmp/shots16/.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from kohtaanto.foresight import services
from kohtaanto.foresight.tests.world import CLEANER, TAMPERE, make_world
from kohtaanto.outreach.models import Intervention
from tests.e2e.conftest import DESKTOP, PHONE, assert_no_horizontal_scroll, expect, new_context
from tests.e2e.test_pages import log_in
from tests.factories import Personas

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/shots16")


@pytest.fixture
def look(check_axe: Any) -> Any:
    def check(page: Any, name: str) -> None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        assert page.evaluate("() => document.documentElement.lang") == "fi", name
        page.set_viewport_size(DESKTOP)
        check_axe(page, f"foresight-{name}-desktop")
        page.screenshot(path=str(SHOTS / f"{name}-desktop.png"), full_page=True)
        page.set_viewport_size(PHONE)
        check_axe(page, f"foresight-{name}-phone")
        assert_no_horizontal_scroll(page, f"{name} at 360 px")
        page.screenshot(path=str(SHOTS / f"{name}-phone.png"), full_page=True)
        page.set_viewport_size(DESKTOP)

    return check


def _open(browser: Any, live_server: Any, username: str) -> Any:
    context = new_context(browser, viewport=DESKTOP, base_url=live_server.url, locale="fi-FI")
    page = context.new_page()
    page.goto("/login/")
    log_in(page, username)
    return page


def test_foresight_pages_in_finnish(
    browser: Any, live_server: Any, personas: Personas, look: Any
) -> None:
    make_world(personas.organisation)
    services.build_now(personas.organisation)
    intervention = Intervention.objects.create(
        organisation=personas.organisation,
        name="Siivousyhtiön irtisanomiset",
        municipality_code=TAMPERE,
        event_kind="layoff",
        company_name="Siivous Oy",
        event_date=timezone.localdate(),
        people_affected=30,
        affected_occupations=[CLEANER],
    )

    page = _open(browser, live_server, personas.coordinator.username)
    page.get_by_role("link", name="Alueen ennakointi").first.click()
    expect(page.locator("h1")).to_have_text("Alueen ennakointi")
    page.locator("#id_region").select_option("06")
    with page.expect_navigation():
        page.get_by_role("button", name="Näytä").click()
    expect(page.locator("h2#h-region")).to_have_text("Pirkanmaa")
    chart = page.locator("figure.fs-chart svg[role=img]").first
    expect(chart).to_be_visible()
    title = chart.locator("title#groups-chart-title").text_content()
    assert title.startswith("Kysyntä ja tarjonta")
    table = page.locator("table.fs-table").first
    expect(table.locator("tbody tr")).to_have_count(2)
    expect(table.locator("tbody tr").first.locator("th")).to_have_text("Logistiikka")
    look(page, "coordinator-region")

    # sorting by a column heading is a plain link (works without JavaScript)
    with page.expect_navigation():
        table.get_by_role("link", name="Ero").click()
    assert "sort=gap" in page.url and "dir=asc" in page.url
    expect(page.locator("table.fs-table tbody tr").first.locator("th")).to_have_text("Hoitotyö")

    with page.expect_download() as download:
        page.get_by_role("link", name="Lataa taulukko (CSV)").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert "Logistiikka" in text and "pulaa" in text

    with page.expect_navigation():
        page.locator("table.fs-table").get_by_role("link", name="Logistiikka").click()
    expect(page.locator("h1")).to_have_text("Logistiikka")
    # month by month: the group's new demand beside its newly counted people, as a chart
    # with the same numbers in a table (the world's people were confirmed this month)
    expect(page.locator("svg[role=img]:has(title#group-trend-chart-title)")).to_have_count(1)
    month_rows = page.locator("table:has(#h-group-trend-table) tbody tr")
    expect(month_rows).to_have_count(12)
    expect(month_rows.last.locator("td")).to_have_text(["3", "2", "1"])
    look(page, "coordinator-group")

    page.goto("/foresight/?region=99")
    expect(page.locator(".error-summary")).to_contain_text("Aluetta ei ole tällä koodilla")
    look(page, "bad-region")

    page.goto(f"/outreach/interventions/{intervention.pk}/")
    with page.expect_navigation():
        page.get_by_role("link", name="Rakennemuutoksen seuranta", exact=False).click()
    expect(page.locator("h1")).to_contain_text("Rakennemuutoksen seuranta")
    expect(page.locator("main")).to_contain_text("Varastotyön perusteet")
    look(page, "watch")

    page.goto("/foresight/")
    with page.expect_navigation():
        page.get_by_role("button", name="Kokoa lukumme uudelleen").click()
    expect(page.locator("h1")).to_have_text("Ennakointia kootaan")
    look(page, "rebuild")
    page.context.close()

    analyst = _open(browser, live_server, personas.analyst.username)
    analyst.goto("/foresight/?region=06")
    rows = analyst.locator("table.fs-table").first.locator("tbody tr")
    expect(rows.first).to_contain_text("alle 5")
    expect(analyst.locator("table.fs-table").first).to_contain_text("piilotettu")
    look(analyst, "analyst-region")
    analyst.context.close()

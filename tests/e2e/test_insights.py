"""The outcome and ESF+ pages in a browser, in Finnish (issue 16, "Checked by"): as the
coordinator (exact figures, marked for internal use) and as the analyst (small numbers
hidden), at desktop size and at 360 × 740: axe-core finds no WCAG 2.1 A/AA violation, every
chart is an image with a name and has its table alternative, the page does not scroll
sideways on a phone, and no number under 5 reaches the analyst's page. Screenshots go to
/tmp/shots16/ (`SHOTS`)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from kohtaanto.web.insights.tests.test_pages import _query, make_people
from tests.e2e.conftest import DESKTOP, PHONE, assert_no_horizontal_scroll, new_context
from tests.e2e.test_pages import log_in
from tests.factories import Personas

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/shots16")


@pytest.fixture
def open_as(browser: Any, live_server: Any) -> Any:
    contexts: list[Any] = []

    def make(username: str) -> Any:
        context = new_context(browser, viewport=DESKTOP, base_url=live_server.url, locale="fi-FI")
        contexts.append(context)
        page = context.new_page()
        page.goto("/login/")
        log_in(page, username)
        return page

    yield make
    for context in contexts:
        context.close()


def look(page: Any, check_axe: Any, name: str) -> None:
    """axe at desktop size and at 360 × 740, no sideways scroll on the phone, screenshots."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert page.evaluate("() => document.documentElement.lang") == "fi", name
    for label, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        check_axe(page, f"insights-{name}-{label}")
        if size == PHONE:
            assert_no_horizontal_scroll(page, f"{name} at 360 px")
        page.screenshot(path=str(SHOTS / f"{name}-{label}.png"), full_page=True)
    page.set_viewport_size(DESKTOP)


def charts_have_tables(page: Any) -> int:
    """Every chart is an image named by its title and followed by its table; returns how many."""
    figures = page.locator("figure.stat-figure")
    count = figures.count()
    for index in range(count):
        figure = figures.nth(index)
        svg = figure.locator("svg[role=img]")
        assert svg.count() == 1
        labelled = svg.get_attribute("aria-labelledby") or ""
        title_id = labelled.split()[0]
        assert (figure.locator(f"[id='{title_id}']").text_content() or "").strip()
        figure.locator("details summary").click()
        assert figure.locator("table tbody tr").count() >= 1
        assert figure.locator("a[download]").count() == 1
    return count


def query_string() -> str:
    return "&".join(f"{k}={v}" for k, v in _query().items())


def test_outcome_and_esf_pages_as_coordinator_and_analyst(
    open_as: Any, personas: Personas, check_axe: Any
) -> None:
    make_people(personas)
    assert timezone.localdate()  # the figures are relative to today (the test clock)
    coordinator = open_as(personas.coordinator.username)
    coordinator.goto(f"/insights/?{query_string()}")
    assert coordinator.locator("h1").inner_text() == "Tulokset"
    assert "Tarkat luvut sisäiseen käyttöön." in coordinator.locator("main").inner_text()
    assert charts_have_tables(coordinator) >= 3
    look(coordinator, check_axe, "outcomes-coordinator")
    coordinator.goto(f"/insights/esf/?{query_string()}")
    assert "EECO02" in coordinator.locator("main").inner_text()
    assert coordinator.locator("a.unverified").count() >= 1
    look(coordinator, check_axe, "esf-coordinator")

    analyst = open_as(personas.analyst.username)
    analyst.goto(f"/insights/?{query_string()}")
    main = analyst.locator("main")
    assert "Tarkat luvut sisäiseen käyttöön." not in main.inner_text()
    charts_have_tables(analyst)
    cells = analyst.locator("main td").all_inner_texts()
    assert "< 5" in cells
    for cell in cells:
        number = re.match(r"^(\d+)", cell.strip())
        assert number is None or not 0 < int(number.group(1)) < 5, cell
    look(analyst, check_axe, "outcomes-analyst")
    analyst.goto(f"/insights/esf/?{query_string()}")
    look(analyst, check_axe, "esf-analyst")

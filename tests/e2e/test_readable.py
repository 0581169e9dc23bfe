"""Issue 12, readable pages, in a browser in Finnish at 360 × 740 (a phone):

- the participant's data as a readable page: no sideways scroll, plain headings, labels (no
  URIs), Finnish dates;
- DigComp results: a level per area in plain words, chart text readable on the phone, the
  table alternative, the courses that raise an area;
- the story: the limit said before typing, the live counter, a too long text refused and kept;
- the end of service dated before the service started: the error, and the typed date kept.

axe-core (WCAG 2.1 A/AA) on every page at phone and desktop size; screenshots in
`artifacts/readable/`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import timezone

from kohtaanto.journeys import rules, services
from kohtaanto.journeys.models import Intake, Outcome
from kohtaanto.opportunities import services as opportunity_services
from kohtaanto.profiles.services import add_item
from kohtaanto.vocabularies import provider
from tests.e2e.conftest import PHONE, expect, new_context, page_checker
from tests.e2e.test_pages import log_in
from tests.factories import Personas

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ISO_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


@pytest.fixture
def visit(check_axe: Any) -> Any:
    return page_checker(check_axe, "readable")


def _digcomp_uri(code: str) -> str:
    return next(
        c.uri for c in provider.get_taxonomy() if "digcomp" in c.collections and c.code == code
    )


@pytest.fixture
def journey(personas: Personas) -> dict[str, Any]:
    participant, coach = personas.participant, personas.coach
    start = timezone.localdate() - dt.timedelta(days=30)
    services.update_intake(participant, by=coach, service_start=start)
    services.set_languages(participant, by=coach, languages=[("fi", "native")])
    services.log_session(
        participant,
        by=coach,
        kind="individual",
        starts_at=timezone.now() - dt.timedelta(days=2),
        done_together="Kävimme läpi työhistorian.",
    )
    services.add_goal(participant, by=coach, title="Työ varastossa", steps=["Tehdä CV"])
    skill = next(
        c
        for c in provider.get_taxonomy()
        if str(c.kind) == "skill" and not c.collections & {"digcomp", "language"}
    )
    add_item(participant, by=coach, uri=skill.uri)
    answers = dict.fromkeys(rules.digcomp().questions, 1)
    answers.update({"1.1": 3, "1.2": 3, "1.3": 5})
    services.submit_digcomp(participant, by=coach, answers=answers, with_coach=True)
    opportunity_services.create_course(
        organisation=None,
        title="Tiedonhaun kurssi",
        provider="Kansalaisopisto",
        hours=6,
        skills=[_digcomp_uri("1.2")],
    )
    return {"start": start, "skill": skill}


def test_readable_pages_on_a_phone(
    browser: Any,
    live_server: Any,
    personas: Personas,
    journey: dict[str, Any],
    visit: Any,
    frozen_clock: Any,
) -> None:
    participant = personas.participant
    start = journey["start"]
    coach = new_context(browser, viewport=PHONE, base_url=live_server.url, locale="fi-FI")
    try:
        page = coach.new_page()
        page.goto("/login/")
        log_in(page, "coach")

        # --- the story: limit said first, live counter, too long refused and kept ----------
        page.goto(f"/participants/{participant.pk}/story/")
        story = page.locator("#id_story")
        expect(page.locator("#id_story_helptext")).to_contain_text("20 000 merkkiä")
        counter = page.locator("#id_story_counter")
        story.fill("Olen ajanut trukkia.")
        expect(counter).to_have_text("20 / 20 000 merkkiä")
        assert "id_story_counter" in (story.get_attribute("aria-describedby") or "")
        assert page.locator("[role=status][aria-live=polite]").count() >= 1
        long_text = ("Olen kerännyt tilauksia varastossa. " * 700)[:20_010]
        story.fill(long_text)
        expect(counter).to_contain_text("10 merkkiä liian pitkä")
        expect(counter).to_have_class(re.compile("char-counter--over"))
        visit(page, "01-story-counter-over")
        with page.expect_navigation():
            page.locator("form:has(#id_story) button[type=submit]").click()
        expect(page.locator("#id_story_error")).to_contain_text("Tarina on liian pitkä")
        assert len(page.locator("#id_story").input_value()) == len(long_text.strip())
        assert not (Intake.objects.get(participant=participant).story or "").startswith(
            "Olen kerännyt"
        )
        visit(page, "02-story-too-long")

        # --- end of service before the start: the error, the date kept --------------------
        page.goto(f"/participants/{participant.pk}/end/")
        before = start - dt.timedelta(days=5)
        expect(page.locator("#id_date_helptext")).to_contain_text(
            f"{start.day}.{start.month}.{start.year}"
        )
        page.locator("#id_outcome_type").select_option("employment")
        page.locator("#id_date").fill(before.isoformat())
        page.locator("#id_note").fill("Aloittaa työt varastossa.")
        with page.expect_navigation(url="**/end/"):
            page.locator("form:has(input[name=form][value=outcome]) button[type=submit]").click()
        expect(page.locator("#id_date_error")).to_contain_text("ennen kuin palvelu alkoi")
        expect(page.locator("#id_date")).to_have_value(before.isoformat())
        expect(page.locator("#id_note")).to_have_value("Aloittaa työt varastossa.")
        assert not Outcome.objects.filter(participant=participant).exists()
        visit(page, "03-end-before-start")

        # --- DigComp: levels in words, readable chart, table, courses ---------------------
        page.goto(f"/participants/{participant.pk}/digcomp/")
        levels = page.locator(".digcomp-levels")
        expect(levels).to_contain_text("Keskitaso")
        expect(levels).to_contain_text("Perustaso")
        expect(levels).to_contain_text("keskiarvo 3,7 / 5")
        expect(levels).to_contain_text("Tiedonhaun kurssi")
        expect(page.locator("table.digcomp-table")).to_contain_text("Keskitaso")
        smallest = page.evaluate(
            """() => Math.min(...[...document.querySelectorAll('svg.bar-chart text')]
                .map(t => t.getBoundingClientRect().height))"""
        )
        assert smallest >= 12, f"chart text {smallest:.1f} px high on a phone"
        visit(page, "04-digcomp-coach")
    finally:
        coach.close()

    # --- the participant: my data, my DigComp -------------------------------------------------
    own = new_context(browser, viewport=PHONE, base_url=live_server.url, locale="fi-FI")
    try:
        page = own.new_page()
        page.goto("/login/")
        log_in(page, "participant")
        page.goto("/my/path/")
        expect(page.locator(".digcomp-levels")).to_contain_text("Keskitaso")
        expect(page.locator(".digcomp-levels")).to_contain_text("Tiedonhaun kurssi")
        visit(page, "05-my-path-digcomp", participant_page=True)
        page.goto("/my/data/")
        for heading in ("Minun tietoni", "Taidot", "Suunnitelma", "Tapaamiset", "Suostumukset"):
            expect(page.locator("h2", has_text=heading).first).to_be_visible()
        body = page.locator("main").inner_text()
        assert journey["skill"].label("fi") in body
        assert "http" not in body and not ISO_TIME.search(body)
        session_day = timezone.localtime() - dt.timedelta(days=2)
        assert f"{session_day.day}.{session_day.month}.{session_day.year} klo" in body
        assert "Yksilötapaaminen" in body
        visit(page, "06-my-data", participant_page=True)
    finally:
        own.close()

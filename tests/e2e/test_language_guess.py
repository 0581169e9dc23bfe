"""Bad input in a browser, in Finnish, on a 360 px phone (issue 13): a coach writes a Swedish
story with Finnish chosen and the page asks "Teksti näyttää ruotsinkieliseltä. Tunnistetaanko
taidot ruotsiksi?" with the text kept; "Tunnista ruotsiksi" saves and recognises it in Swedish,
"Pidä suomi" in Finnish; an empty story gets a plain answer; the opportunity skills page asks
the same before suggesting anything.

axe-core (WCAG 2.1 A/AA) at desktop and at 360×740, no sideways scroll on the phone;
screenshots in `artifacts/language-guess/`.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from kohtaanto.journeys.models import Intake
from kohtaanto.opportunities import services
from kohtaanto.opportunities.enums import OpportunityStatus
from kohtaanto.profiles.models import RecognitionRun
from tests.e2e.conftest import PHONE, expect, page_checker
from tests.e2e.test_pages import log_in
from tests.factories import Personas

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SWEDISH = "Jag har arbetat på ett lager i tio år och kört truck på nattskift. Jag sjunger i kör."
ENGLISH = "I have worked in a warehouse for ten years and driven a forklift on night shifts."
QUESTION_SV = "Teksti näyttää ruotsinkieliseltä. Tunnistetaanko taidot ruotsiksi?"


@pytest.fixture
def visit(check_axe: Any) -> Any:
    return page_checker(check_axe, "language-guess")


def test_story_in_another_language_is_asked_about_on_a_phone(
    page: Any, personas: Personas, visit: Any
) -> None:
    participant = personas.caseload_participant
    page.set_viewport_size(PHONE)
    page.goto("/login/")
    log_in(page, "coach")
    page.goto(f"/participants/{participant.pk}/story/")
    page.set_viewport_size(PHONE)

    # Empty: a plain answer, nothing recognised.
    page.locator("#id_story").fill("   ")
    with page.expect_navigation():
        page.locator("#story-form button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("Kirjoita ensin tarina. Se ei voi olla tyhjä.")
    assert not RecognitionRun.objects.filter(participant=participant).exists()

    # Swedish with Finnish chosen: the question, the text kept.
    page.locator("#id_story").fill(SWEDISH)
    page.locator("#id_language").select_option("fi")
    with page.expect_navigation():
        page.locator("#story-form button[type=submit]").click()
    check = page.locator("#language-check")
    expect(check).to_contain_text(QUESTION_SV)
    expect(check).to_contain_text("Tarinaa ei ole vielä tallennettu.")
    expect(page.locator("#id_story")).to_have_value(SWEDISH)
    assert not RecognitionRun.objects.filter(participant=participant).exists()
    visit(page, "story-question")
    page.set_viewport_size(PHONE)
    check.scroll_into_view_if_needed()
    page.screenshot(path="artifacts/language-guess/story-question-phone-viewport.png")

    # "Tunnista ruotsiksi": saved and recognised in Swedish.
    with page.expect_navigation():
        check.get_by_role("button", name="Tunnista ruotsiksi").click()
    expect(page.locator("main")).to_contain_text("Tarina on tallennettu.")
    intake = Intake.objects.get(participant=participant)
    assert (intake.story, intake.story_language) == (SWEDISH, "sv")
    assert RecognitionRun.objects.filter(participant=participant).latest("pk").language == "sv"

    # English with Finnish chosen, "Pidä suomi": saved and recognised in Finnish.
    page.locator("#id_story").fill(ENGLISH)
    page.locator("#id_language").select_option("fi")
    with page.expect_navigation():
        page.locator("#story-form button[type=submit]").click()
    expect(page.locator("#language-check")).to_contain_text(
        "Teksti näyttää englanninkieliseltä. Tunnistetaanko taidot englanniksi?"
    )
    with page.expect_navigation():
        page.locator("#language-check").get_by_role("button", name="Pidä suomi").click()
    intake.refresh_from_db()
    assert (intake.story, intake.story_language) == (ENGLISH, "fi")
    assert RecognitionRun.objects.filter(participant=participant).latest("pk").language == "fi"


def test_opportunity_skills_page_asks_before_suggesting(
    page: Any, personas: Personas, visit: Any
) -> None:
    services.save_employer_profile(
        personas.employer_organisation, service_organisation=personas.organisation
    )
    opportunity = services.create_opportunity(
        organisation=personas.organisation,
        employer=personas.employer_organisation,
        title="Lagerarbetare",
        description="Vi söker en lagerarbetare som kan köra truck. Truckkort är en fördel.",
        description_language="fi",
        status=OpportunityStatus.OPEN,
    )
    page.set_viewport_size(PHONE)
    page.goto("/login/")
    log_in(page, "coach")
    page.goto(f"/opportunities/{opportunity.pk}/skills/")
    check = page.locator("#language-check")
    expect(check).to_contain_text(QUESTION_SV)
    expect(page.locator("main")).to_contain_text("Valitse kieli yllä.")
    visit(page, "skills-question")
    with page.expect_navigation():
        check.get_by_role("link", name="Tunnista ruotsiksi").click()
    assert parse_qs(urlparse(page.url).query) == {"recognise_as": ["sv"]}
    expect(page.locator("#language-check")).to_have_count(0)
    visit(page, "skills-as-swedish")


def test_intake_story_step_asks_too(page: Any, personas: Personas, visit: Any) -> None:
    participant = personas.caseload_participant
    page.set_viewport_size(PHONE)
    page.goto("/login/")
    log_in(page, "coach")
    page.goto(f"/participants/{participant.pk}/intake/story/")
    page.locator("#id_story").fill(ENGLISH)
    page.locator("#id_language").select_option("fi")
    with page.expect_navigation():
        page.locator("main form .form-actions button[type=submit]").last.click()
    check = page.locator("#language-check")
    expect(check).to_contain_text(
        "Teksti näyttää englanninkieliseltä. Tunnistetaanko taidot englanniksi?"
    )
    expect(page.locator("#id_story")).to_have_value(ENGLISH)
    visit(page, "intake-question")
    with page.expect_navigation():
        check.get_by_role("button", name="Tunnista englanniksi").click()
    assert urlparse(page.url).path == f"/participants/{participant.pk}/intake/goals/"
    assert Intake.objects.get(participant=participant).story_language == "en"

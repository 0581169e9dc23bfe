"""Acting on a suggestion in a browser, in Finnish: the participant (on a 360 × 740 phone) opens a
suggested job, reads it and marks it interesting; the coach sees the badge in the caseload,
opens the participant's answers and proposes them in one step; the employer contact answers;
the coach sees the answer on their home page.

axe-core (WCAG 2.1 A/AA) on every page at desktop and phone size, no sideways scroll on the
phone, 44 px targets on the participant's pages; screenshots in `artifacts/interest/`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from kohtaanto.matches.models import Interest, Proposal
from tests.e2e.conftest import DESKTOP, PHONE, expect, new_context, page_checker
from tests.e2e.test_matching import prepare
from tests.e2e.test_pages import log_in
from tests.factories import Personas
from tests.factories_journeys import SessionFactory, TaskFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def visit(check_axe: Any) -> Any:
    return page_checker(check_axe, "interest")


def test_participant_marks_interest_coach_proposes_employer_answers(
    browser: Any, live_server: Any, personas: Personas, visit: Any
) -> None:
    participant, opportunity = prepare(personas)
    opportunity.description = "Keräilyä, trukkiajoa ja inventaariota. Aamuvuoro klo 7–15."
    opportunity.municipality_code = "091"
    opportunity.hours_per_week = 37.5
    opportunity.save()
    TaskFactory(participant=participant, title="Päivitä CV", due=timezone.localdate())
    SessionFactory(
        participant=participant,
        status="planned",
        starts_at=timezone.now() + dt.timedelta(days=2),
    )

    # 1. The participant, on a phone, in Finnish.
    phone = new_context(browser, viewport=PHONE, base_url=live_server.url, locale="fi-FI")
    me = phone.new_page()
    me.goto("/login/")
    log_in(me, "participant")
    steps = me.locator(".next-steps")
    expect(steps).to_contain_text("Päivitä CV")
    expect(steps).to_contain_text("Seuraava tapaamiseni")
    expect(steps).to_contain_text("1 työ odottaa vastaustasi.")
    visit(me, "participant-home", participant_page=True)
    me.set_viewport_size(PHONE)
    expect(me.get_by_role("link", name="Minulle sopivat työt ja koulutukset").first).to_be_visible()
    me.goto("/matches/my/")
    expect(me.locator("h1")).to_have_text("Minulle sopivat työt ja koulutukset")
    visit(me, "my-suggestions", participant_page=True)
    me.set_viewport_size(PHONE)
    with me.expect_navigation():
        me.get_by_role("link", name="Varastotyöntekijä", exact=True).click()
    expect(me.locator("h1")).to_have_text("Varastotyöntekijä")
    expect(me.get_by_text("37,5 tuntia viikossa")).to_be_visible()
    visit(me, "my-opportunity", participant_page=True)
    me.set_viewport_size(PHONE)
    me.locator("details.answer__reason summary").click()
    me.locator("textarea[name$='-reason']").fill("Olen ajanut trukkia kymmenen vuotta.")
    expect(me.locator(".answer__counter")).to_contain_text("36 / 500 merkkiä")
    me.locator("button[value=interested]").click()  # "Kiinnostaa minua" (HTMX)
    expect(
        me.get_by_text("Tallennettu. Valmentajasi näkee, että olet kiinnostunut.")
    ).to_be_visible()
    expect(me.locator(".answer .tag--ok")).to_have_text("Kiinnostaa sinua")
    assert Interest.objects.get().kind == "interested"
    visit(me, "my-opportunity-answered", participant_page=True)
    phone.close()

    # 2. The coach sees the badge in the caseload and proposes in one step.
    desk = new_context(browser, viewport=DESKTOP, base_url=live_server.url, locale="fi-FI")
    coach = desk.new_page()
    coach.goto("/login/")
    log_in(coach, "coach")
    coach.goto("/caseload/")
    badge = coach.get_by_role("link", name="1 uusi vastaus")
    expect(badge).to_be_visible()
    visit(coach, "caseload-badge")
    with coach.expect_navigation():
        badge.click()
    expect(coach.locator("#answers-title")).to_have_text("Osallistujan vastaukset")
    expect(coach.get_by_text("Olen ajanut trukkia kymmenen vuotta.")).to_be_visible()
    visit(coach, "coach-answers")
    with coach.expect_navigation():
        coach.locator("#answers button", has_text="Ehdota työnantajalle").click()
    expect(coach.get_by_text("Osallistuja ehdotettiin työnantajalle.")).to_be_visible()
    proposal = Proposal.objects.get()
    assert proposal.interest is not None and proposal.opportunity == opportunity
    visit(coach, "coach-proposed")

    # 3. The employer contact answers.
    employer_context = new_context(
        browser, viewport=DESKTOP, base_url=live_server.url, locale="fi-FI"
    )
    employer = employer_context.new_page()
    employer.goto("/login/")
    log_in(employer, "employer")
    employer.goto(f"/matches/opportunities/{opportunity.pk}/candidates/")
    with employer.expect_navigation():
        employer.locator("button[value=accept]").first.click()
    employer_context.close()
    proposal.refresh_from_db()
    assert proposal.status == "accepted"

    # 4. The coach sees the answer on the home page until they mark it read.
    coach.goto("/")
    expect(coach.locator("#employer-answers")).to_have_text("Työnantajien vastaukset")
    expect(coach.locator(".employer-answers")).to_contain_text("Varastotyöntekijä")
    visit(coach, "coach-home-answers")
    with coach.expect_navigation():
        coach.locator(".employer-answers button").first.click()
    expect(coach.locator("#employer-answers")).to_have_count(0)
    desk.close()

"""Matching that knows people, in a browser, in Finnish: an A2 learner on a 360 × 740 phone sees
"you would fit if …" with the Finnish B1 course instead of "no suitable opportunities"; the
coach records no_heavy_lifting on the limits page and sees the conflicting job marked and the
job that needs heavy lifting left out (coach only).

axe-core (WCAG 2.1 A/AA) on every page at desktop and phone size, no sideways scroll on the
phone, 44 px targets on the participant's page; screenshots in `artifacts/people-matching/`.
"""

from __future__ import annotations

from typing import Any

import pytest

from kohtaanto.opportunities.models import Course, CourseSkill, Opportunity, OpportunitySkill
from kohtaanto.people.consent import give_consent
from kohtaanto.people.enums import ConsentPurpose
from kohtaanto.profiles.models import ProfileItem
from tests.e2e.conftest import PHONE, expect, new_context, page_checker
from tests.e2e.test_pages import log_in
from tests.factories import Personas
from tests.factories_journeys import IntakeFactory, SpokenLanguageFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

E = "http://data.europa.eu/esco/skill/"
FINNISH = E + "0e3493f4-0cad-4fbc-8e02-025f169b8114"
SPEAK_FINNISH = E + "3048bf6d-27c7-4dc6-ae4b-e55094cec090"
LIFT_HEAVY = E + "ab2bb44a-3956-4028-8715-8b70b1960b99"
PICK = E + "ee5e2297-39cc-4ed6-89e5-d58016118a7f"
FORKLIFT = E + "28cb374e-6261-4133-8371-f9a5470145da"


@pytest.fixture
def visit(check_axe: Any) -> Any:
    return page_checker(check_axe, "people-matching")


def _job(personas: Personas, title: str, skills: list[str], **fields: Any) -> Opportunity:
    job = Opportunity.objects.create(
        organisation=personas.organisation,
        employer=personas.employer_organisation,
        title=title,
        status="open",
        municipality_code="091",
        region_code="01",
        **fields,
    )
    for uri in skills:
        OpportunitySkill.objects.create(opportunity=job, uri=uri, importance="required")
    return job


def _prepare(personas: Personas, level: str) -> Any:
    participant = personas.participant
    IntakeFactory(participant=participant, municipality_code="091")
    SpokenLanguageFactory(participant=participant, language="fi", level=level)
    for uri, label in ((PICK, "keräily"), (FORKLIFT, "trukin ajaminen")):
        ProfileItem.objects.create(
            participant=participant,
            uri=uri,
            kind="skill",
            group="work",
            label=label,
            status="confirmed",
            source="recognised",
        )
    for purpose in (ConsentPurpose.SERVICE_PROCESSING, ConsentPurpose.MATCHING):
        give_consent(participant, purpose, by=personas.coach)
    for title, uris in (
        ("Suomea aloittelijoille (A1)", [FINNISH, SPEAK_FINNISH]),
        ("Suomea työelämään B1", [FINNISH, SPEAK_FINNISH]),
    ):
        course = Course.objects.create(title=title, provider="Kielikoulu Sana", hours=120)
        for uri in uris:
            CourseSkill.objects.create(course=course, uri=uri)
    return participant


def test_an_a2_learner_sees_a_near_miss_with_the_course(
    browser: Any, live_server: Any, personas: Personas, visit: Any
) -> None:
    _prepare(personas, "A2")
    _job(personas, "Varastotyöntekijä", [PICK, FORKLIFT, FINNISH], languages={"fi": "B1"})
    phone = new_context(browser, viewport=PHONE, base_url=live_server.url, locale="fi-FI")
    me = phone.new_page()
    me.goto("/login/")
    log_in(me, "participant")
    me.goto("/matches/my/?lang=fi")
    results = me.locator("#suggestion-results")
    expect(results).to_contain_text("Juuri nyt mikään paikka ei sovi kokonaan.")
    expect(results).to_contain_text("Sopisit näihin, jos …")
    expect(results).to_contain_text("Työssä tarvitaan kieltä suomi tasolla B1.")
    expect(results).to_contain_text("Tämä kurssi auttaa: Suomea työelämään B1.")
    expect(results).not_to_contain_text("Suomea aloittelijoille")
    visit(me, "a2-learner-suggestions", participant_page=True)
    phone.close()


def test_a_native_speaker_is_not_sent_to_a_beginners_course(
    browser: Any, live_server: Any, personas: Personas, visit: Any
) -> None:
    _prepare(personas, "native")
    _job(personas, "Varastotyöntekijä", [PICK, FORKLIFT, FINNISH], languages={"fi": "B1"})
    phone = new_context(browser, viewport=PHONE, base_url=live_server.url, locale="fi-FI")
    me = phone.new_page()
    me.goto("/login/")
    log_in(me, "participant")
    me.goto("/matches/my/?lang=fi")
    card = me.locator(".match-card").first
    expect(card).to_contain_text("Varastotyöntekijä")
    expect(card).to_contain_text("kielet, joita osaan")
    expect(card).not_to_contain_text("Puuttuvat")
    expect(me.locator("#suggestion-results")).not_to_contain_text("Suomea aloittelijoille")
    visit(me, "native-speaker-suggestions", participant_page=True)
    phone.close()


def test_the_coach_records_no_heavy_lifting_and_sees_the_marks(
    page: Any, personas: Personas, visit: Any
) -> None:
    participant = _prepare(personas, "native")
    give_consent(participant, ConsentPurpose.RESTRICTED_HEALTH_CONSTRAINTS, by=personas.coach)
    _job(personas, "Terminaalityöntekijä", [PICK, FORKLIFT, LIFT_HEAVY])
    _job(personas, "Kantaja", [PICK, FORKLIFT], physical_demands=["heavy_lifting"])
    page.goto("/login/")
    log_in(page, "coach")
    page.goto(f"/matches/participants/{participant.pk}/?lang=fi")
    page.get_by_role("link", name="Työn rajoitukset sovitusta varten").click()
    expect(page.locator("h1")).to_have_text("Työn rajoitukset sovitusta varten")
    page.get_by_label("Ei raskaita nostoja").check()
    visit(page, "limits-page")
    with page.expect_navigation():
        page.get_by_role("button", name="Tallenna rajoitukset").click()
    expect(page.locator("body")).to_contain_text("Työn rajoitukset on tallennettu.")
    page.get_by_role("link", name="Takaisin ehdotuksiin").click()
    results = page.locator("#suggestion-results")
    expect(results).to_contain_text(
        "Ristiriidassa kirjattujen rajoitusten kanssa: Ei raskaita nostoja."
    )
    expect(results).to_contain_text("Jätetty pois työn rajoitusten takia")
    expect(results).to_contain_text("Kantaja")
    visit(page, "coach-suggestions-with-limits")

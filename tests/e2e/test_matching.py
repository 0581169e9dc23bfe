"""Matching in a browser: a coach opens a participant's suggested opportunities, sees the
explanation and the learning path, filters with HTMX and proposes the participant; the
employer contact then sees the proposed candidate (and no one else) and accepts; the
coordinator opens the fairness audit.

axe-core (WCAG 2.1 A/AA) runs on every page at desktop and at 360×740, the phone view must not
scroll sideways, and screenshots go to `artifacts/matching/`.
"""

from __future__ import annotations

from typing import Any

import pytest

from kohtaanto.matches.models import Proposal
from kohtaanto.opportunities.models import Course, CourseSkill, Opportunity, OpportunitySkill
from kohtaanto.people.consent import give_consent
from kohtaanto.people.enums import ConsentPurpose
from kohtaanto.profiles.models import ProfileItem
from tests.e2e.conftest import (
    DESKTOP,
    expect,
    new_context,
    page_checker,
)
from tests.e2e.test_pages import log_in
from tests.factories import ParticipantFactory, Personas
from tests.factories_journeys import IntakeFactory, SpokenLanguageFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

S = "http://example.org/skill/"
SKILLS = {
    S + "forklift": "trukin ajo",
    S + "inventory": "inventaario",
    S + "safety": "työturvallisuus",
    S + "excel": "taulukkolaskenta",
}


@pytest.fixture
def visit(check_axe: Any) -> Any:
    """Check a page at desktop and phone size: axe, no sideways scroll, screenshots."""
    return page_checker(check_axe, "matching")


def prepare(personas: Personas) -> tuple[Any, Opportunity]:
    participant = personas.participant
    IntakeFactory(participant=participant, municipality_code="091")
    SpokenLanguageFactory(participant=participant, language="fi", level="native")
    for uri in (S + "forklift", S + "inventory"):
        ProfileItem.objects.create(
            participant=participant,
            uri=uri,
            kind="skill",
            group="work",
            label=SKILLS[uri],
            status="confirmed",
            source="recognised",
        )
    for purpose in (
        ConsentPurpose.SERVICE_PROCESSING,
        ConsentPurpose.MATCHING,
        ConsentPurpose.SHARE_PROFILE_WITH_EMPLOYERS,
    ):
        give_consent(participant, purpose, by=personas.coach)
    # another participant with consent to matching only: never shown to the employer
    other = ParticipantFactory(organisation=personas.organisation, coaches=[personas.coach])
    give_consent(other, ConsentPurpose.SERVICE_PROCESSING, by=personas.coach)
    give_consent(other, ConsentPurpose.MATCHING, by=personas.coach)
    ProfileItem.objects.create(
        participant=other,
        uri=S + "forklift",
        kind="skill",
        group="work",
        label=SKILLS[S + "forklift"],
        status="confirmed",
        source="manual",
    )
    opportunity = Opportunity.objects.create(
        organisation=personas.organisation,
        employer=personas.employer_organisation,
        title="Varastotyöntekijä",
        status="open",
    )
    Opportunity.objects.create(
        organisation=personas.organisation,
        title="Kirjaston työkokeilu",
        kind="work_trial",
        status="open",
    )
    for uri, importance in (
        (S + "forklift", "required"),
        (S + "inventory", "required"),
        (S + "safety", "required"),
        (S + "excel", "nice_to_have"),
    ):
        OpportunitySkill.objects.create(
            opportunity=opportunity, uri=uri, label=SKILLS[uri], importance=importance
        )
    course = Course.objects.create(title="Työturvallisuuskortti", provider="Opisto", hours=8)
    CourseSkill.objects.create(course=course, uri=S + "safety", label=SKILLS[S + "safety"])
    return participant, opportunity


def add_audit_population(personas: Personas) -> None:
    """12 more participants with skills, ESF+ data and the statistics consent."""
    import datetime as dt

    from kohtaanto.journeys.models import EsfEntryData

    for i in range(12):
        person = ParticipantFactory(organisation=personas.organisation)
        for purpose in (
            ConsentPurpose.SERVICE_PROCESSING,
            ConsentPurpose.MATCHING,
            ConsentPurpose.ANONYMISED_STATISTICS,
        ):
            give_consent(person, purpose, by=personas.coach)
        for uri in list(SKILLS)[: 2 + i % 3]:
            ProfileItem.objects.create(
                participant=person,
                uri=uri,
                kind="skill",
                group="work",
                label=SKILLS[uri],
                status="confirmed",
                source="manual",
            )
        EsfEntryData.objects.create(
            participant=person,
            entry_date=dt.date(2026, 1, 1),
            age_band=("18_29", "30_54", "55_plus")[i % 3],
            gender_category=("women", "men")[i % 2],
        )


def test_coach_proposes_and_employer_sees_the_candidate(
    page: Any, browser: Any, live_server: Any, personas: Personas, visit: Any
) -> None:
    participant, opportunity = prepare(personas)
    page.goto("/login/")
    log_in(page, "coach")
    page.goto(f"/matches/participants/{participant.pk}/")
    card = page.locator(".match-card", has_text="Varastotyöntekijä")
    expect(card).to_be_visible()
    expect(card).to_contain_text("trukin ajo")
    expect(card).to_contain_text("työturvallisuus")  # missing main skill
    expect(card).to_contain_text("Työturvallisuuskortti")  # the learning path
    visit(page, "01-coach-suggestions")

    # HTMX filter: only work trials (the job disappears without a page load)
    page.evaluate("() => { window.notReloaded = true; }")
    page.locator("input[name=kind][value=work_trial]").check()
    expect(page.locator(".match-card", has_text="Varastotyöntekijä")).to_have_count(0)
    assert page.evaluate("() => window.notReloaded === true")
    page.locator("input[name=kind][value=work_trial]").uncheck()
    expect(page.locator(".match-card", has_text="Varastotyöntekijä")).to_have_count(1)

    with page.expect_navigation():
        page.locator(".match-card", has_text="Varastotyöntekijä").locator(
            "button.hds-button--primary"
        ).click()
    expect(page.locator(".messages")).not_to_be_empty()
    assert Proposal.objects.get().participant_id == participant.pk
    visit(page, "02-coach-proposed")

    page.goto(f"/matches/opportunities/{opportunity.pk}/candidates/")
    expect(page.locator(".match-card")).to_have_count(2)
    visit(page, "03-coach-candidates")

    # the employer contact
    employer = new_context(browser, viewport=DESKTOP, base_url=live_server.url, locale="fi-FI")
    other = employer.new_page()
    other.goto("/login/")
    log_in(other, "employer")
    other.goto(f"/matches/opportunities/{opportunity.pk}/candidates/")
    expect(other.locator(".match-card")).to_have_count(1)
    expect(other.locator(".match-card")).to_contain_text(participant.first_name)
    expect(other.locator(".match-card")).to_contain_text("trukin ajo")
    assert participant.last_name not in other.content()
    assert participant.email not in other.content()
    visit(other, "04-employer-candidates")
    with other.expect_navigation():
        other.locator("button[value=accept]").click()
    visit(other, "05-employer-accepted")
    assert Proposal.objects.get().status == "accepted"
    employer.close()


def test_participant_and_coordinator_pages(
    page: Any, browser: Any, live_server: Any, personas: Personas, visit: Any
) -> None:
    from kohtaanto.matches.services import propose

    participant, opportunity = prepare(personas)
    propose(personas.coach, participant.pk, opportunity.pk)
    add_audit_population(personas)
    page.goto("/login/")
    log_in(page, "participant")
    page.goto("/matches/my/")
    card = page.locator(".match-card", has_text="Varastotyöntekijä")
    expect(card).to_be_visible()
    expect(card.locator("form button")).to_have_count(1)  # withdraw the proposal
    visit(page, "06-my-suggestions", participant_page=True)

    context = new_context(browser, viewport=DESKTOP, base_url=live_server.url, locale="fi-FI")
    coordinator = context.new_page()
    coordinator.goto("/login/")
    log_in(coordinator, "coordinator")
    coordinator.goto("/matches/fairness/")
    expect(coordinator.locator("h1")).to_be_visible()
    visit(coordinator, "07-fairness")
    context.close()

"""Honest skill review in a browser, in Finnish, at 360 px and on the desktop: an employer contact
adds an opportunity whose text says "Trukkikortti on eduksi" and sees the forklift skill
suggested as nice to have with the reason, nothing preselected as required; their home page
lists the work waiting for them (a candidate to answer, skills of an imported job to review, a
work trial starting soon), and reviewing the imported job's skills takes it off the list.

axe-core (WCAG 2.1 A/AA) runs on every page at desktop and at 360×740, no page scrolls
sideways on the phone; screenshots go to `artifacts/skill-review/`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlparse

import pytest
from django.utils import timezone

from kohtaanto.matches.enums import ProposalStatus
from kohtaanto.matches.models import Proposal
from kohtaanto.opportunities import services
from kohtaanto.opportunities.enums import OpportunityKind, OpportunityStatus, SkillImportance
from kohtaanto.opportunities.models import Opportunity
from kohtaanto.people.consent import give_consent
from kohtaanto.people.enums import ConsentPurpose
from tests.e2e.conftest import expect, page_checker
from tests.e2e.test_pages import log_in
from tests.factories import Personas

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FORKLIFT = "http://data.europa.eu/esco/skill/28cb374e-6261-4133-8371-f9a5470145da"
PICKING = "http://data.europa.eu/esco/skill/ee5e2297-39cc-4ed6-89e5-d58016118a7f"


@pytest.fixture
def visit(check_axe: Any) -> Any:
    return page_checker(check_axe, "skill-review")


def _work_for_the_employer(personas: Personas) -> tuple[Opportunity, Opportunity]:
    """An imported job whose skills wait for review and with a candidate waiting for an answer,
    and a work trial starting in a week."""
    imported = services.create_opportunity(
        organisation=personas.organisation,
        employer=personas.employer_organisation,
        title="Keräilijä (tuotu)",
        description="Teet keräilyä. Edellytämme trukkikorttia.",
        status=OpportunityStatus.OPEN,
        source="csv",
        external_id="E2E-REVIEW-1",
    )
    services.store_skill_suggestions(
        imported,
        [
            services.SkillSuggestionRow(
                FORKLIFT, "trukin ajaminen", "skill", "required", "Edellytämme"
            ),
            services.SkillSuggestionRow(PICKING, "keräily", "skill", "undecided"),
        ],
    )
    for purpose in (
        ConsentPurpose.SERVICE_PROCESSING,
        ConsentPurpose.MATCHING,
        ConsentPurpose.SHARE_PROFILE_WITH_EMPLOYERS,
    ):
        give_consent(personas.participant, purpose, by=personas.coach)
    Proposal.objects.create(
        participant=personas.participant,
        opportunity=imported,
        status=ProposalStatus.PROPOSED,
        proposed_by=personas.coach,
    )
    trial = services.create_opportunity(
        organisation=personas.organisation,
        employer=personas.employer_organisation,
        title="Varaston työkokeilu",
        kind=OpportunityKind.WORK_TRIAL,
        status=OpportunityStatus.OPEN,
        start_date=timezone.localdate() + dt.timedelta(days=7),
    )
    return imported, trial


def test_employer_sees_honest_suggestions_and_the_work_on_the_home_page(
    page: Any, personas: Personas, visit: Any
) -> None:
    services.save_employer_profile(
        personas.employer_organisation, service_organisation=personas.organisation
    )
    imported, trial = _work_for_the_employer(personas)
    page.goto("/login/")
    log_in(page, "employer")

    # The home page lists the work, each with a link to act.
    expect(page.locator("#employer-answers")).to_contain_text("Keräilijä (tuotu)")
    expect(page.locator("#employer-answers")).to_contain_text("1 ehdokas")
    expect(page.locator("#employer-review")).to_contain_text("Keräilijä (tuotu)")
    expect(page.locator("#employer-trials")).to_contain_text("Varaston työkokeilu")
    start = trial.start_date
    assert start is not None
    expect(page.locator("#employer-trials")).to_contain_text(
        f"alkaa {start.day}.{start.month}.{start.year}"
    )
    expect(page.locator("#employer-open")).to_contain_text("taitoja ei tarkistettu")
    expect(page.locator("main")).not_to_contain_text(personas.participant.last_name)
    visit(page, "employer-home")

    # A new opportunity whose text says that a forklift licence is an advantage.
    page.locator("#employer-open a[href='/opportunities/new/']").click()
    page.locator("#id_kind").select_option("job")
    page.locator("#id_title").fill("Varastotyöntekijä")
    page.locator("#id_description").fill(
        "Työssä tehdään keräilyä varastossa. Trukkikortti on eduksi."
    )
    page.locator("#id_status").select_option("open")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert urlparse(page.url).path.endswith("/skills/")

    forklift = page.locator(f"input[type=hidden][value='{FORKLIFT}']")
    expect(forklift).to_have_count(1)
    i = forklift.get_attribute("name").split("_")[1]
    expect(page.locator(f"#importance_{i}_nice_to_have")).to_be_checked()
    expect(page.locator(f"#why_{i}")).to_contain_text("Ehdotetaan eduksi")
    expect(page.locator(f"#why_{i}")).to_contain_text("on eduksi")
    picking = page.locator(f"input[type=hidden][value='{PICKING}']")
    j = picking.get_attribute("name").split("_")[1]
    expect(page.locator(f"#importance_{j}_later")).to_be_checked()
    expect(page.locator(f"#why_{j}")).to_contain_text("Sinä päätät")
    # Nothing is preselected as required.
    expect(page.locator("input[type=radio][value=required]:checked")).to_have_count(0)
    visit(page, "new-opportunity-skills")
    page.locator(f"#importance_{j}_required").check()
    with page.expect_navigation():
        page.locator("#skill-form button[type=submit]").click()
    created = Opportunity.objects.get(title="Varastotyöntekijä")
    assert created.skills.get(uri=FORKLIFT).importance == SkillImportance.NICE_TO_HAVE
    assert created.skills.get(uri=PICKING).importance == SkillImportance.REQUIRED
    assert created.skills_reviewed_at is not None

    # The imported job is marked as not reviewed on its page and on its candidates page.
    page.goto(f"/opportunities/{imported.pk}/")
    expect(page.locator("#awaiting-review")).to_contain_text("Taitoja ei ole tarkistettu")
    visit(page, "imported-detail")
    page.goto(f"/matches/opportunities/{imported.pk}/candidates/")
    expect(page.locator("#skills-not-reviewed")).to_contain_text("vain suuntaa antavia")
    visit(page, "employer-candidates-not-reviewed")

    # The review list, then the imported job's review.
    page.goto("/opportunities/review/")
    expect(page.locator("#review-count")).to_contain_text("1 mahdollisuus odottaa tarkistusta")
    visit(page, "review-list")
    page.locator(f"a[href='/opportunities/{imported.pk}/skills/']").click()
    page.wait_for_url(f"**/opportunities/{imported.pk}/skills/")
    expect(page.locator("#awaiting-review")).to_be_visible()
    forklift = page.locator(f"input[type=hidden][value='{FORKLIFT}']")
    k = forklift.get_attribute("name").split("_")[1]
    expect(page.locator(f"#importance_{k}_required")).to_be_checked()  # the ad said so
    expect(page.locator(f"#why_{k}")).to_contain_text("Edellytämme")
    visit(page, "imported-skills")
    with page.expect_navigation():
        page.locator("#skill-form button[type=submit]").click()
    imported.refresh_from_db()
    assert not imported.skills_awaiting_review
    page.goto("/")
    expect(page.locator("#employer-review")).to_contain_text("Mitkään taidot eivät odota")
    visit(page, "employer-home-after-review")

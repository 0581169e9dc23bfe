"""The participant's whole loop in a browser, in Finnish, every party on a 360 × 740 phone:

the coach adds a person and records the consents given on a paper form, invites them by e-mail;
the person opens the link, makes a password, sees their home, confirms a skill found in their
story and marks a job as interesting; the coach sees the answer and proposes them in one step;
the employer contact sees the candidate — only the parts the person agreed to show (first name,
confirmed skills, languages), never the last name, contact details or story — and answers.

axe-core (WCAG 2.1 A/AA) on every page of it, no sideways scroll, 44 px targets on the person's
own pages; screenshots in `artifacts/loop/` (read them).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone, translation

from kohtaanto.matches.models import Interest, Proposal
from kohtaanto.opportunities.models import Opportunity, OpportunitySkill
from kohtaanto.people.consent import current_consents
from kohtaanto.people.enums import ConsentPurpose
from kohtaanto.people.models import Participant
from kohtaanto.profiles.adapters import recognise_story
from kohtaanto.profiles.enums import ItemStatus
from kohtaanto.profiles.models import ProfileItem
from tests.e2e.conftest import (
    PHONE,
    REPO,
    assert_big_targets,
    assert_no_horizontal_scroll,
    expect,
    new_context,
)
from tests.e2e.test_pages import log_in
from tests.factories import Personas

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

STORY = (
    "Olen ajanut trukkia varastossa kaksikymmentä vuotta ja tehnyt inventaarioita. "
    "Vapaa-ajalla laulan kuorossa."
)
EMAIL = "ritva.silmukka@example.fi"
PASSWORD = "Puolukka-kangas-1968"
LINK = re.compile(r"https?://\S+/invitation/[A-Za-z0-9_-]+/")
SHOTS = REPO / "artifacts" / "loop"


def fi(msgid: str) -> str:
    with translation.override("fi"):
        return translation.gettext(msgid)


@pytest.fixture
def phone_check(check_axe: Any) -> Any:
    """axe, no sideways scroll (and big targets on the person's pages) at 360 × 740."""

    def check(page: Any, name: str, *, own: bool = False) -> Path:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.set_viewport_size(PHONE)
        check_axe(page, f"loop-{name}")
        assert_no_horizontal_scroll(page, f"{name} at 360 px")
        if own:
            assert_big_targets(page, name)
        path = SHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return check


def forklift_job(personas: Personas) -> tuple[Opportunity, str, str]:
    """An open job of the employer whose one required skill the story's words give."""
    from kohtaanto.vocabularies.provider import get_taxonomy
    from kohtaanto.vocabularies.services import import_taxonomy

    import_taxonomy(get_taxonomy(), name="starter")
    found = [s for s in recognise_story(STORY, "fi") if "trukin" in s.label.lower()]
    assert found, [s.label for s in recognise_story(STORY, "fi")]
    uri, label = found[0].uri, found[0].label
    job = Opportunity.objects.create(
        organisation=personas.organisation,
        employer=personas.employer_organisation,
        title="Trukinkuljettaja",
        description="Trukilla ajoa ja keräilyä varastossa. Aamuvuoro.",
        municipality_code="091",
        status="open",
        skills_reviewed_at=timezone.now(),
    )
    OpportunitySkill.objects.create(opportunity=job, uri=uri, label=label, importance="required")
    return job, uri, label


def test_the_participants_whole_loop_on_phones(
    browser: Any, live_server: Any, personas: Personas, phone_check: Any
) -> None:
    job, skill_uri, skill_label = forklift_job(personas)
    mail.outbox.clear()

    def phone_page() -> tuple[Any, Any]:
        context = new_context(browser, viewport=PHONE, base_url=live_server.url, locale="fi-FI")
        return context, context.new_page()

    # --- 1. The coach adds the person and records the consents of the paper form. ------------
    coach_context, coach = phone_page()
    coach.goto("/login/")
    log_in(coach, "coach")
    coach.goto("/participants/new/")
    coach.locator("#id_first_name").fill("Ritva")
    coach.locator("#id_last_name").fill("Silmukka")
    coach.locator("#id_email").fill(EMAIL)
    coach.locator("#id_municipality_code").select_option("091")
    coach.locator("#id_language_1").select_option("fi")
    coach.locator("#id_level_1").select_option("native")
    phone_check(coach, "01-coach-intake-basic")
    coach.locator("main button[type=submit]").click()
    coach.wait_for_url("**/intake/consent/")
    person = Participant.objects.get(email=EMAIL)
    phone_check(coach, "02-coach-intake-consent")
    coach.locator("input[name=channel][value=paper]").check()
    for purpose in (
        ConsentPurpose.SERVICE_PROCESSING,
        ConsentPurpose.MATCHING,
        ConsentPurpose.SHARE_PROFILE_WITH_EMPLOYERS,
    ):
        coach.locator(f"input[name=consent_{purpose.value}][value=yes]").check()
    coach.locator("main button[type=submit]").click()
    coach.wait_for_url("**/intake/story/")
    assert current_consents(person)[ConsentPurpose.SHARE_PROFILE_WITH_EMPLOYERS].given
    coach.locator("#id_story").fill(STORY)
    phone_check(coach, "03-coach-intake-story")
    coach.locator("main button[type=submit]").click()
    coach.wait_for_url("**/intake/goals/")
    assert ProfileItem.objects.filter(
        participant=person, uri=skill_uri, status=ItemStatus.SUGGESTED
    ).exists()

    # --- 2. The coach invites the person by e-mail from the case file. ----------------------
    coach.goto(f"/participants/{person.pk}/")
    expect(coach.locator(".case-tabs a[aria-current=page]")).to_have_text(fi("Basic information"))
    with coach.expect_navigation():
        coach.get_by_role("button", name=fi("Invite by e-mail")).click()
    expect(coach.locator(".messages")).to_contain_text(fi("The invitation was sent by e-mail."))
    phone_check(coach, "04-coach-invited")
    assert [m.to for m in mail.outbox] == [[EMAIL]]
    link = LINK.search(mail.outbox[-1].body)
    assert link, mail.outbox[-1].body

    # --- 3. The person logs in from the link and sees their home. ---------------------------
    own_context, own = phone_page()
    own.goto(link.group(0))
    own.wait_for_url("**/invitation/")
    expect(own.locator("h1")).to_have_text(fi("Make your password"))
    phone_check(own, "05-person-password", own=True)
    own.locator("#id_password1").fill(PASSWORD)
    own.locator("#id_password2").fill(PASSWORD)
    own.locator("main button[type=submit]").click()
    own.wait_for_url("**/welcome/")
    phone_check(own, "06-person-welcome", own=True)
    own.locator("main button[type=submit]").click()  # keeps the consents of the paper form
    own.wait_for_url(f"{live_server.url}/")
    phone_check(own, "07-person-home", own=True)
    person.refresh_from_db()
    assert person.user is not None and person.user.username == EMAIL
    assert current_consents(person)[ConsentPurpose.MATCHING].given

    # --- 4. The person confirms a skill found in their story. --------------------------------
    own.goto("/my/path/")
    row = own.locator(".suggestion", has_text=skill_label).first
    expect(row).to_be_visible()
    phone_check(own, "08-person-my-path", own=True)
    row.locator("button[value=confirm]").click()
    expect(own.locator(".suggestion--decided", has_text=skill_label)).to_have_count(1)
    assert ProfileItem.objects.get(participant=person, uri=skill_uri).status == (
        ItemStatus.CONFIRMED
    )

    # --- 5. ... and marks the job as interesting. --------------------------------------------
    own.goto("/matches/my/")
    phone_check(own, "09-person-suggestions", own=True)
    with own.expect_navigation():
        own.get_by_role("link", name="Trukinkuljettaja", exact=True).click()
    expect(own.locator("h1")).to_have_text("Trukinkuljettaja")
    phone_check(own, "10-person-job", own=True)
    own.locator("button[value=interested]").click()
    expect(own.locator(".answer .tag--ok")).to_be_visible()
    phone_check(own, "11-person-job-interested", own=True)
    interest = Interest.objects.get(participant=person)
    assert interest.kind == "interested" and interest.opportunity == job

    # --- 6. The coach sees the answer and proposes the person in one step. --------------------
    coach.goto("/caseload/")
    badge = coach.get_by_role("link", name="1 uusi vastaus")
    expect(badge).to_be_visible()
    phone_check(coach, "12-coach-caseload-badge")
    with coach.expect_navigation():
        badge.click()
    phone_check(coach, "13-coach-answers")
    with coach.expect_navigation():
        coach.locator("#answers button", has_text="Ehdota työnantajalle").click()
    expect(coach.get_by_text("Osallistuja ehdotettiin työnantajalle.")).to_be_visible()
    proposal = Proposal.objects.get(participant=person)
    assert proposal.opportunity == job and proposal.interest == interest

    # --- 7. The employer sees only what the person agreed to show, and answers. ---------------
    employer_context, employer = phone_page()
    employer.goto("/login/")
    log_in(employer, "employer")
    phone_check(employer, "14-employer-home")
    employer.goto(f"/matches/opportunities/{job.pk}/candidates/")
    main = employer.locator("main")
    expect(main).to_contain_text("Ritva")
    expect(main).to_contain_text(skill_label)
    expect(main).to_contain_text("suomi: Äidinkieli")
    shown = main.inner_text()
    for private in ("Silmukka", EMAIL, "kuorossa", "inventaarioita"):
        assert private not in shown, f"the employer sees {private!r}"
    phone_check(employer, "15-employer-candidate")
    with employer.expect_navigation():
        employer.locator("button[value=accept]").first.click()
    proposal.refresh_from_db()
    assert proposal.status == "accepted"

    coach.goto("/")
    expect(coach.locator(".employer-answers")).to_contain_text("Trukinkuljettaja")
    phone_check(coach, "16-coach-home-answer")
    for context in (coach_context, own_context, employer_context):
        context.close()

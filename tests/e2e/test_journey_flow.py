"""The whole journey in a browser, in Finnish: a coach creates a participant, writes the
story, confirms suggested skills, records a session, runs DigComp with the participant,
makes the CV and ends the service with a continuation path; then the participant logs in,
sees it, answers the DigComp questions alone, suggests removing a skill (the coach accepts
it), downloads their data and withdraws one consent.

axe-core (WCAG 2.1 A/AA) runs on every page of the flow at desktop and at 360×740, the page
must not scroll sideways on the phone, and screenshots go to `artifacts/journey/`.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from django.utils import timezone, translation

from kohtaanto.journeys.models import CvDraft, DigCompAttempt, Outcome, Session
from kohtaanto.people.enums import ConsentPurpose
from kohtaanto.people.models import Participant
from kohtaanto.people.selectors import has_consent
from kohtaanto.people.services import give_consent
from kohtaanto.profiles.enums import ChangeStatus, ItemStatus
from kohtaanto.profiles.models import ChangeRequest, ProfileItem
from tests.e2e.conftest import (
    PHONE,
    expect,
    new_context,
    page_checker,
)
from tests.e2e.test_pages import log_in
from tests.factories import Personas, member

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

STORY = (
    "Olen 58-vuotias. Olen ajanut trukkia varastossa kaksikymmentä vuotta ja tehnyt "
    "inventaarioita. Lisäksi olen siivonnut toimistoja. Vapaa-ajalla laulan kuorossa ja "
    "korjaan polkupyöriä. Haluaisin oppia käyttämään tietokonetta paremmin."
)


def fi(msgid: str) -> str:
    with translation.override("fi"):
        return translation.gettext(msgid)


@pytest.fixture
def visit(check_axe: Any) -> Any:
    """Check a page at desktop and phone size: axe, no sideways scroll, screenshots."""
    return page_checker(check_axe, "journey")


def test_journey_from_intake_to_the_participants_own_pages(
    page: Any,
    browser: Any,
    live_server: Any,
    personas: Personas,
    visit: Any,
    tmp_path: Path,
    frozen_clock: Any,
) -> None:
    from kohtaanto.vocabularies.provider import get_taxonomy
    from kohtaanto.vocabularies.services import import_taxonomy

    import_taxonomy(get_taxonomy(), name="starter")  # the skill picker searches it
    # --- the coach: caseload and intake -------------------------------------------------------
    page.goto("/login/")
    log_in(page, "coach")
    page.goto("/caseload/")
    expect(page.locator("h1")).to_have_text(fi("Caseload"))
    visit(page, "01-caseload")
    page.locator("a[href='/participants/new/']").first.click()
    expect(page.locator("[aria-current=step]")).to_have_count(1)
    page.locator("#id_first_name").fill("Seppo")
    page.locator("#id_last_name").fill("Järvinen")
    page.locator("#id_birth_date").fill("1967-04-12")
    page.locator("#id_municipality_code").select_option("837")
    page.locator("#id_language_1").select_option("fi")
    page.locator("#id_level_1").select_option("native")
    page.locator("#id_language_2").select_option("ru")
    # A level is missing: an error, and what was typed stays.
    page.locator("main button[type=submit]").click()
    expect(page.locator("#id_level_2")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_first_name")).to_have_value("Seppo")
    visit(page, "02-intake-basic-error")
    page.locator("#id_level_2").select_option("A2")
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/intake/consent/")
    visit(page, "02-intake-consent")
    page.locator("main button[type=submit]").click()  # consents come later in this story
    page.wait_for_url("**/intake/story/")
    participant = Participant.objects.get(first_name="Seppo", last_name="Järvinen")
    assert str(participant.pk) in page.url and "Seppo" not in page.url
    page.locator("#id_story").fill(STORY)
    visit(page, "03-intake-story")
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/intake/goals/")
    page.locator("#id_goal").fill("Työ varastossa tai kiinteistöhuollossa")
    visit(page, "04-intake-goals")
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/intake/service/")
    visit(page, "05-intake-service")
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/intake/esf/")
    page.locator("#id_labour_market_status").select_option(index=1)
    visit(page, "06-intake-esf")
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/story/")

    # --- story review: confirm suggested skills with htmx ------------------------------------
    suggestions = ProfileItem.objects.filter(
        participant=participant, status=ItemStatus.SUGGESTED, goal=False
    )
    assert suggestions.count() >= 2, "recognition found nothing in the story"
    expect(page.locator(".suggestion mark").first).to_be_visible()
    visit(page, "07-story-review")
    page.evaluate("() => { window.notReloaded = true; }")
    show_all = page.locator("a[hx-get='?all=1']")
    if show_all.count():  # more suggestions than shown by default: htmx swaps the section in
        shown = page.locator(".suggestion").count()
        show_all.click()
        expect(page.locator("a[hx-get='?all=1']")).to_have_count(0)
        assert page.locator(".suggestion").count() > shown
        assert page.evaluate("() => window.notReloaded === true"), "show all reloaded the page"
    for _ in range(2):
        row = page.locator(".suggestion:not(.suggestion--decided)").first
        row_id = row.get_attribute("id")
        row.locator("button[value=confirm]").click()
        expect(page.locator(f"#{row_id}.suggestion--decided")).to_have_count(1)
    assert page.evaluate("() => window.notReloaded === true"), "the page was reloaded"
    confirmed = ProfileItem.objects.filter(participant=participant, status=ItemStatus.CONFIRMED)
    assert confirmed.count() == 2
    # Add a skill by hand: search as you type (htmx), then a plain form POST. (Not one the
    # story names: "korjaan polkupyöriä" is already suggested as bicycle repair.)
    page.locator("#skill-query").press_sequentially("ompel", delay=50)
    expect(page.locator("#skill-hits .hit-list li").first).to_be_visible()
    visit(page, "07b-skill-picker")
    page.locator("#skill-hits .hit-list button").first.click()
    page.wait_for_url("**/story/#add-skill")
    assert confirmed.count() == 3
    page.goto(f"/participants/{participant.pk}/profile/")
    expect(page.locator(".skill-chips li").first).to_be_visible()
    visit(page, "08-profile")

    # --- a session in the log ----------------------------------------------------------------
    page.goto(f"/participants/{participant.pk}/plan/")
    yesterday = timezone.localdate() - dt.timedelta(days=1)  # the server's day (frozen clock)
    page.locator("#id_date").fill(yesterday.isoformat())
    page.locator("#id_time").fill("10:00")
    page.locator("#id_done_together").fill("Kävimme yhdessä läpi työhistorian ja tarinan.")
    page.locator("#id_next_steps").fill("Seppo harjoittelee sähköpostia.")
    page.locator("form:has(input[name=form][value=session]) button[type=submit]").click()
    page.wait_for_url("**/plan/#meetings")
    assert Session.objects.filter(participant=participant).count() == 1
    visit(page, "09-plan")

    # --- DigComp together --------------------------------------------------------------------
    page.goto(f"/participants/{participant.pk}/digcomp/")
    page.locator("form[action$='/digcomp/start/'] button[type=submit]").click()
    for part in range(5):
        page.wait_for_url(f"**/digcomp/*/{part + 1}/")  # not the area just answered
        for group in page.locator("fieldset.digcomp-options").all():
            group.locator("label").nth(2).click()
        if part == 0:
            visit(page, "10-digcomp-question")
        page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**/participants/{participant.pk}/digcomp/")
    expect(page.locator("figure.chart svg[role=img]")).to_have_count(1)
    attempt = DigCompAttempt.objects.get(participant=participant)
    assert attempt.completed_at and attempt.with_coach
    visit(page, "11-digcomp-result")

    # --- CV ----------------------------------------------------------------------------------
    page.goto(f"/participants/{participant.pk}/documents/")
    page.locator("form:has(input[name=language][value=fi]) button").click()
    page.wait_for_url("**/documents/cv/*/")
    page.locator("#id_headline").fill("Kokenut varastotyöntekijä")
    visit(page, "12-cv-edit")
    page.locator("main form button[type=submit]:not([name=refresh])").click()
    page.wait_for_url("**/documents/")
    draft = CvDraft.objects.get(participant=participant, language="fi")
    assert draft.headline == "Kokenut varastotyöntekijä"
    with page.expect_download() as download:
        page.locator(f"a[href$='/documents/cv/{draft.pk}/pdf/']").click()
    pdf = tmp_path / "cv.pdf"
    download.value.save_as(pdf)
    assert pdf.read_bytes()[:4] == b"%PDF"
    expect(page.locator("[data-copy-target]")).to_be_visible()  # JS shows the copy button
    visit(page, "13-documents")

    # --- end of service ----------------------------------------------------------------------
    page.goto(f"/participants/{participant.pk}/end/")
    page.locator("#id_outcome_type").select_option("education_training")
    page.locator("#id_note").fill("Aloittaa logistiikan perustutkinnon.")
    with page.expect_navigation(url="**/end/"):  # the form posts to this page's own URL
        page.locator("form:has(input[name=form][value=outcome]) button[type=submit]").click()
    assert Outcome.objects.get(participant=participant).outcome_type == "education_training"
    visit(page, "14-end")

    # --- the participant's own pages ---------------------------------------------------------
    user = member(personas.organisation, "participant", username="seppo")
    Participant.objects.filter(pk=participant.pk).update(user=user)
    give_consent(participant, ConsentPurpose.SERVICE_PROCESSING, by=personas.coach)
    give_consent(participant, ConsentPurpose.MATCHING, by=personas.coach)
    context = new_context(
        browser, viewport=PHONE, base_url=live_server.url, locale="fi-FI", accept_downloads=True
    )
    try:
        own = context.new_page()
        own.goto("/login/")
        log_in(own, "seppo")
        own.goto("/my/path/")
        expect(own.locator("h1")).to_have_text(fi("My path"))
        expect(own.locator(".my-skill-list li").first).to_be_visible()
        visit(own, "15-my-path", participant_page=True)

        # The participant answers the DigComp questions alone, on the phone.
        own.locator("form[action='/my/digcomp/start/'] button[type=submit]").click()
        for part in range(5):
            own.wait_for_url(f"**/my/digcomp/*/{part + 1}/")
            for group in own.locator("fieldset.digcomp-options").all():
                group.locator("label").nth(1 + part % 2).click()
            if part == 0:
                visit(own, "15b-my-digcomp-question", participant_page=True)
            own.locator("main form button[type=submit]").click()
        own.wait_for_url("**/my/path/#my-digcomp")
        alone = DigCompAttempt.objects.filter(participant=participant).order_by("-id").first()
        assert alone and alone.completed_at and alone.self_assessed and not alone.with_coach
        expect(
            own.locator("#my-digcomp ~ figure.chart svg[role=img], figure.chart svg")
        ).to_have_count(1)

        # ... and suggests removing a skill, with a note to the coach.
        change_link = own.locator("a.my-skill-list__change").first
        change_link.click()
        own.wait_for_url("**/my/skills/suggest/*")
        removed_label = own.locator("main .change-box .big-fact").inner_text()
        own.locator("#change-note").fill("En ole tehnyt tätä töissä.")
        visit(own, "15c-my-suggest", participant_page=True)
        own.locator("main form button[type=submit]").click()
        own.wait_for_url("**/my/path/#my-changes")
        change = ChangeRequest.objects.get(participant=participant)
        assert change.status == ChangeStatus.PENDING and change.kind == "remove"
        assert change.item_label in removed_label
        expect(own.locator("#my-changes ~ ul li, #my-changes + ul li").first).to_be_visible()
        visit(own, "15d-my-path-suggestion-sent", participant_page=True)

        # The coach sees it in the caseload and on the skills profile, and accepts it.
        page.goto("/caseload/")
        expect(page.locator("#changes-waiting")).to_be_visible()
        page.locator(f"a[href='/participants/{participant.pk}/profile/#changes']").first.click()
        expect(page.locator(f"#change-{change.pk}")).to_contain_text("En ole tehnyt tätä töissä.")
        visit(page, "17-profile-suggested-change")
        with page.expect_navigation(url="**/profile/#changes"):  # already this page's URL
            page.locator(f"#change-{change.pk} button[value=accept]").click()
        change.refresh_from_db()
        assert change.status == ChangeStatus.ACCEPTED
        assert change.item is not None
        change.item.refresh_from_db()
        assert change.item.status == ItemStatus.REJECTED
        own.goto("/my/path/")
        expect(own.locator("#my-changes ~ ul .tag--ok, #my-changes + ul .tag--ok")).to_have_count(1)
        own.locator("a[href='/my/data/']").click()
        own.wait_for_url("**/my/data/")
        visit(own, "16-my-data", participant_page=True)
        with own.expect_download() as download:
            own.locator("a[href='/my/data/json/']").click()
        data_file = tmp_path / "data.json"
        download.value.save_as(data_file)
        data = json.loads(data_file.read_text(encoding="utf-8"))
        assert data["format"] == "kohtaanto-participant-export-1"
        with own.expect_download() as download:
            own.locator("a[href='/my/data/html/']").click()
        assert download.value.suggested_filename.endswith(".html")
        own.locator("main a[href='/my/consents/']").first.click()
        own.wait_for_url("**/my/consents/")
        own.locator("a[href='/my/consents/matching/']").click()
        own.wait_for_url("**/my/consents/matching/")
        own.get_by_role("button", name="Kyllä, perun suostumuksen").click()
        expect(own.get_by_role("status").first).to_contain_text("Suostumuksesi on nyt peruttu")
        assert not has_consent(participant, ConsentPurpose.MATCHING)
        assert has_consent(participant, ConsentPurpose.SERVICE_PROCESSING)
        assert urlparse(own.url).path == "/my/consents/"
    finally:
        context.close()


def test_story_review_and_digcomp_work_without_javascript(
    browser: Any, live_server: Any, personas: Personas
) -> None:
    from kohtaanto.web.tests.journeys_support import make_journey

    journey = make_journey(personas)
    pid = personas.participant.pk
    context = new_context(
        browser, viewport=PHONE, base_url=live_server.url, locale="fi-FI", java_script_enabled=False
    )
    try:
        page = context.new_page()
        page.goto("/login/")
        log_in(page, "coach")
        page.goto(f"/participants/{pid}/story/")
        page.locator(f"#item-{journey.item.pk} button[value=confirm]").click()
        page.wait_for_url(f"**/participants/{pid}/story/#suggestions")
        journey.item.refresh_from_db()
        assert journey.item.status == ItemStatus.CONFIRMED
        # The job-search text is a readonly textarea; the copy button stays hidden.
        page.goto(f"/participants/{pid}/documents/")
        assert page.locator("#job-search-text").get_attribute("readonly") is not None
        assert not page.locator("[data-copy-target]").is_visible()
        # A DigComp page: an unanswered question is an error, the chosen answers stay.
        page.goto(f"/participants/{pid}/digcomp/{journey.attempt.pk}/1/")
        page.locator("fieldset.digcomp-options").first.locator("label").nth(1).click()
        page.locator("main form button[type=submit]").click()
        expect(page.locator(".error-summary")).to_be_visible()
        checked = page.locator("fieldset.digcomp-options").first.locator("input:checked")
        expect(checked).to_have_value("1")
    finally:
        context.close()
    # The participant answers DigComp alone without JavaScript, too.
    context = new_context(
        browser, viewport=PHONE, base_url=live_server.url, locale="fi-FI", java_script_enabled=False
    )
    try:
        page = context.new_page()
        page.goto("/login/")
        log_in(page, "participant")
        page.goto("/my/path/")
        page.locator("form[action='/my/digcomp/start/'] button[type=submit]").click()
        page.wait_for_url("**/my/digcomp/*/1/")
        for group in page.locator("fieldset.digcomp-options").all():
            group.locator("label").nth(2).click()
        page.locator("main form button[type=submit]").click()
        page.wait_for_url("**/my/digcomp/*/2/")
        attempt = DigCompAttempt.objects.filter(participant=personas.participant).latest("id")
        assert attempt.self_assessed and attempt.answers.count() > 0
    finally:
        context.close()

"""Browser flows: consents on a phone, the participant page, the audit log with and without
JavaScript. axe-core (WCAG 2.1 A/AA) runs on every page; screenshots in artifacts/."""

from __future__ import annotations

from typing import Any

import pytest

from kohtaanto.people.access import access_participant
from kohtaanto.people.selectors import has_consent
from tests.e2e.conftest import (
    DESKTOP,
    PHONE,
    assert_big_targets,
    assert_no_horizontal_scroll,
    expect,
    new_context,
)
from tests.e2e.test_pages import log_in
from tests.factories import Personas

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_participant_gives_and_withdraws_consent_on_a_phone(
    page: Any, personas: Personas, check_axe: Any, screenshot: Any
) -> None:
    page.set_viewport_size(PHONE)
    page.goto("/login/")
    log_in(page, "participant")
    assert_big_targets(page, "participant home")
    page.get_by_role("link", name="Katso ja muuta suostumuksiani").click()
    expect(page.locator("h1")).to_have_text("Omat suostumukset")
    check_axe(page, "consents-fi-phone")
    assert_no_horizontal_scroll(page, "consents at 360 px")
    screenshot(page, "consents-fi-phone")
    assert_big_targets(page, "consents page")
    # Every button and link in the consent list is a big touch target.
    heights = page.locator(".consent-item .hds-button").evaluate_all(
        "els => els.map(e => e.getBoundingClientRect().height)"
    )
    assert heights and min(heights) >= 44

    page.locator("a[href='/my/consents/matching/']").click()
    expect(page.locator("h1")).to_have_text("Annatko suostumuksen?")
    check_axe(page, "consent-confirm-fi-phone")
    screenshot(page, "consent-confirm-fi-phone")
    assert_big_targets(page, "consent confirmation")
    page.get_by_role("button", name="Kyllä, annan suostumuksen").click()
    expect(page.get_by_role("status").first).to_contain_text("Suostumuksesi on nyt annettu")
    assert has_consent(personas.participant, "matching")
    check_axe(page, "consents-after-fi-phone")
    screenshot(page, "consents-after-fi-phone")

    page.locator("a[href='/my/consents/matching/']").click()
    expect(page.locator("h1")).to_have_text("Perutko suostumuksen?")
    page.get_by_role("button", name="Kyllä, perun suostumuksen").click()
    expect(page.get_by_role("status").first).to_contain_text("Suostumuksesi on nyt peruttu")
    assert not has_consent(personas.participant, "matching")


def test_coach_opens_a_participant_page(
    page: Any, personas: Personas, check_axe: Any, screenshot: Any
) -> None:
    page.goto("/login/")
    log_in(page, "coach")
    page.locator(f"a[href='/participants/{personas.caseload_participant.pk}/']").click()
    expect(page.locator("h1")).to_have_text(personas.caseload_participant.full_name)
    check_axe(page, "participant-detail-fi-desktop")
    screenshot(page, "participant-detail-fi-desktop")
    page.set_viewport_size(PHONE)
    check_axe(page, "participant-detail-fi-phone")
    assert_no_horizontal_scroll(page, "participant page at 360 px")
    screenshot(page, "participant-detail-fi-phone")


@pytest.fixture
def audit_trail(personas: Personas) -> Personas:
    for participant in (personas.participant, personas.caseload_participant):
        access_participant(personas.coach, participant.pk)
    access_participant(personas.coordinator, personas.unassigned_participant.pk)
    return personas


def test_audit_log_filters_update_in_place_with_htmx(
    page: Any, audit_trail: Personas, check_axe: Any, screenshot: Any
) -> None:
    page.goto("/login/?lang=sv")
    log_in(page, "coordinator")
    page.goto("/audit/")
    check_axe(page, "audit-sv-desktop")
    page.evaluate("() => { window.notReloaded = true; }")
    with page.expect_response(lambda r: "/audit/?" in r.url):
        page.locator("#id_action").select_option("view")
    page.wait_for_function(
        "() => document.querySelector('#audit-summary').textContent.includes('3 händelser')"
    )
    assert page.evaluate("() => window.notReloaded === true"), "the page was reloaded"
    assert page.evaluate("() => document.querySelectorAll('style').length") == 0, "inline styles"
    assert "action=view" in page.url
    with page.expect_response(lambda r: "/audit/?" in r.url):
        page.locator("#id_actor").select_option(str(audit_trail.coach.pk))
    page.wait_for_function(
        "() => document.querySelector('#audit-summary').textContent.includes('2 händelser')"
    )
    check_axe(page, "audit-filtered-sv-desktop")
    screenshot(page, "audit-sv-desktop")
    page.set_viewport_size(PHONE)
    check_axe(page, "audit-sv-phone")
    assert_no_horizontal_scroll(page, "audit log at 360 px")
    screenshot(page, "audit-sv-phone")
    page.set_viewport_size(DESKTOP)


def test_audit_log_works_without_javascript(
    browser: Any, live_server: Any, audit_trail: Personas
) -> None:
    context = new_context(
        browser, viewport=DESKTOP, base_url=live_server.url, java_script_enabled=False
    )
    try:
        page = context.new_page()
        page.goto("/login/")
        log_in(page, "coordinator")
        page.goto("/audit/")
        page.locator("#id_action").select_option("view")
        page.get_by_role("button", name="Näytä tapahtumat").click()
        page.wait_for_url("**/audit/?*action=view*")
        expect(page.locator("#audit-summary")).to_contain_text("3 tapahtumaa löytyi.")
        # The language switcher works without JavaScript, too.
        page.get_by_role("button", name="svenska", exact=True).click()
        expect(page.locator("h1")).to_have_text("Händelselogg")
    finally:
        context.close()


def test_keyboard_skip_link_and_language_switcher(page: Any, personas: Personas) -> None:
    page.goto("/login/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    assert skip.bounding_box()["y"] >= 0
    page.keyboard.press("Enter")
    expect(page.locator("#main")).to_be_focused()
    # The language buttons are reachable and usable with the keyboard alone.
    page.locator("button[lang=sv]").focus()
    expect(page.locator("button[lang=sv]")).to_be_focused()
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "focus is not visible"
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.documentElement.lang === 'sv'")


def test_lockout_page(page: Any, personas: Personas, check_axe: Any, screenshot: Any) -> None:
    page.goto("/login/?lang=sv")
    for _ in range(5):
        page.locator("#id_username").fill("coach")
        page.locator("#id_password").fill("wrong password")
        with page.expect_navigation():
            page.locator("main button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("För många försök")
    check_axe(page, "locked-out-sv-desktop")
    screenshot(page, "locked-out-sv-desktop")


def test_password_pages(page: Any, personas: Personas, check_axe: Any, screenshot: Any) -> None:
    page.goto("/password/reset/")
    check_axe(page, "password-reset-fi")
    page.goto("/login/")
    log_in(page, "mentor")
    page.goto("/password/change/")
    page.get_by_role("button", name="Tallenna uusi salasana").click()
    expect(page.locator("[aria-invalid=true]")).to_have_count(3)
    check_axe(page, "password-change-errors-fi")
    page.set_viewport_size(PHONE)
    assert_no_horizontal_scroll(page, "password change at 360 px")
    screenshot(page, "password-change-errors-fi-phone")


def test_organisation_switcher(
    page: Any, personas: Personas, check_axe: Any, screenshot: Any
) -> None:
    from tests.factories import MembershipFactory

    MembershipFactory(user=personas.coach, organisation=personas.other_organisation, role="mentor")
    page.set_viewport_size(PHONE)
    page.goto("/login/")
    log_in(page, "coach")
    check_axe(page, "organisation-switcher-fi-phone")
    page.locator("#organisation-choice").select_option(str(personas.other_organisation.pk))
    page.get_by_role("button", name="Vaihda organisaatio").click()
    expect(page.locator("main .muted").first).to_have_text(personas.other_organisation.name)
    expect(page.locator("#caseload")).to_have_count(0)
    screenshot(page, "organisation-switcher-fi-phone")

"""Every persona logs in (fi and sv), sees their role's home page, and axe finds no WCAG 2.1
A/AA violations on desktop and on a 360×740 phone. Screenshots: artifacts/screenshots/."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

import pytest

from tests.e2e.conftest import (
    DESKTOP,
    PHONE,
    assert_no_horizontal_scroll,
    assert_styles_loaded,
    expect,
)
from tests.factories import TEST_PASSWORD, Personas

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LANGUAGE_BUTTON = {"fi": "suomi", "sv": "svenska"}
LOGIN_HEADING = {"fi": "Kirjaudu sisään", "sv": "Logga in"}

# persona → (CSS selector of the role's own section, does the page list participants?)
ROLE_CONTENT = {
    "coordinator": ("#organisation-admin", False),  # counts; the caseload lists them
    "coach": ("#caseload", True),
    "participant": ("#my-path", False),
    "mentor": ("#volunteer-waiting", False),
    "employer_contact": ("#employer-work", False),
    "workplace_mentor": ("#workplace-mentor", False),
    "analyst": ("#coming-1", False),
    "outsider": ("#caseload", True),
}


def choose_language(page: Any, language: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=LANGUAGE_BUTTON[language], exact=True).click()
    assert page.evaluate("() => document.documentElement.lang") == language


def log_in(page: Any, username: str) -> None:
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(TEST_PASSWORD)
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()
    assert urlparse(page.url).path == "/", f"login as {username} failed: {page.url}"


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_login_page(page: Any, language: str, check_axe: Any, screenshot: Any) -> None:
    page.goto("/login/")
    choose_language(page, language)
    expect(page.locator("h1")).to_have_text(LOGIN_HEADING[language])
    assert_styles_loaded(page)
    check_axe(page, f"login-{language}-desktop")
    screenshot(page, f"login-{language}-desktop")
    page.set_viewport_size(PHONE)
    check_axe(page, f"login-{language}-phone")
    assert_no_horizontal_scroll(page, "login at 360 px")
    screenshot(page, f"login-{language}-phone")
    page.set_viewport_size({"width": 320, "height": 640})
    assert_no_horizontal_scroll(page, "login at 320 px")


def test_wrong_password_is_explained(
    page: Any, personas: Personas, check_axe: Any, screenshot: Any
) -> None:
    page.goto("/login/")
    choose_language(page, "sv")
    page.locator("#id_username").fill("coach")
    page.locator("#id_password").fill("wrong password")
    page.locator("main button[type=submit]").click()
    expect(page.get_by_role("alert")).to_contain_text("lösenordet är fel")
    check_axe(page, "login-error-sv")
    page.set_viewport_size(PHONE)
    screenshot(page, "login-error-sv-phone")


@pytest.mark.parametrize("language", ["fi", "sv"])
@pytest.mark.parametrize("persona", list(ROLE_CONTENT))
def test_home_page(
    page: Any, personas: Personas, persona: str, language: str, check_axe: Any, screenshot: Any
) -> None:
    page.goto("/login/")
    choose_language(page, language)
    log_in(page, personas.users()[persona].username)
    assert page.evaluate("() => document.documentElement.lang") == language
    section, lists_participants = ROLE_CONTENT[persona]
    expect(page.locator(section)).to_be_visible()

    def links_to(participant: Any) -> bool:
        return page.locator(f"main a[href='/participants/{participant.pk}/']").count() > 0

    assert links_to(personas.caseload_participant) == (persona == "coach")
    assert links_to(personas.other_participant) == (persona == "outsider")
    if not lists_participants:
        assert page.locator("main table").count() == 0
    assert_styles_loaded(page)
    check_axe(page, f"home-{persona}-{language}-desktop")
    screenshot(page, f"home-{persona}-{language}-desktop")
    page.set_viewport_size(PHONE)
    check_axe(page, f"home-{persona}-{language}-phone")
    assert_no_horizontal_scroll(page, f"home of {persona} at 360 px")
    screenshot(page, f"home-{persona}-{language}-phone")
    menu = page.locator(".site-nav__menu summary")
    if persona in {"coordinator", "coach", "outsider"}:  # many menu items: one button on a phone
        expect(page.locator(".site-nav__list")).to_be_hidden()
        menu.click()
        expect(page.locator(".site-nav__menu a[href='/groups/']")).to_be_visible()
        check_axe(page, f"home-{persona}-{language}-phone-menu")
        screenshot(page, f"home-{persona}-{language}-phone-menu")
    else:
        expect(menu).to_have_count(0)
    page.set_viewport_size({"width": 320, "height": 640})
    assert_no_horizontal_scroll(page, f"home of {persona} at 320 px")
    page.set_viewport_size(DESKTOP)

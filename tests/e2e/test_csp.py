"""The Content-Security-Policy in a real browser (issue 18, point 4): pages of every role load
with no violation of the policy (no 'unsafe-inline', no 'unsafe-eval'), htmx works under it,
and the caseload's name search never reaches the address bar or the history.

A violation is caught twice: the `securitypolicyviolation` events of each page (a listener put
in before any page script by `add_init_script`) and Chromium's console messages ("Refused to
…", Content Security Policy, Permissions-Policy errors). Screenshots (Finnish, desktop and a
360 px phone): artifacts/csp/.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote

import pytest

from kohtaanto.web.insights.tests.test_pages import _query, make_people
from kohtaanto.web.tests.journeys_support import make_journey
from tests.e2e.conftest import DESKTOP, PHONE, REPO, assert_styles_loaded, expect, new_context
from tests.e2e.test_pages import log_in
from tests.factories import ParticipantFactory, Personas
from tests.factories_trials import make_trial

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = REPO / "artifacts" / "csp"
LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} at ` +
    `${event.sourceFile}:${event.lineNumber} ${event.sample || ""}`
  );
});
"""
CONSOLE_SIGNS = (
    "Refused to",
    "Content Security Policy",
    "Content-Security-Policy",
    "Permissions-Policy",
    "Permissions policy",
)


class Watched:
    """A logged-in page whose policy violations are collected across navigations."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.problems: list[str] = []
        page.on("console", self._console)

    def _console(self, message: Any) -> None:
        text = message.text
        if any(sign in text for sign in CONSOLE_SIGNS):
            self.problems.append(f"{self.page.url}: console {message.type}: {text}")

    def collect(self) -> None:
        events = self.page.evaluate("() => window.__cspViolations || []")
        self.problems += [f"{self.page.url}: {event}" for event in events]

    def visit(self, url: str) -> Any:
        response = self.page.goto(url)
        assert response is not None and response.status == 200, (url, response and response.status)
        policy = response.headers.get("content-security-policy", "")
        assert "script-src 'self'" in policy and "style-src 'self'" in policy, url
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, url
        self.page.wait_for_load_state("load")
        self.collect()
        return response

    def shoot(self, name: str) -> None:
        """Finnish screenshots at desktop size and at 360 px; the styles did load."""
        assert_styles_loaded(self.page)
        SHOTS.mkdir(parents=True, exist_ok=True)
        for label, size in (("desktop", DESKTOP), ("phone", PHONE)):
            self.page.set_viewport_size(size)
            self.page.screenshot(path=str(SHOTS / f"{name}-{label}.png"), full_page=True)
        self.page.set_viewport_size(DESKTOP)
        self.collect()


@pytest.fixture
def open_as(browser: Any, live_server: Any) -> Iterator[Any]:
    contexts: list[Any] = []

    def make(username: str | None) -> Watched:
        context = new_context(browser, viewport=DESKTOP, base_url=live_server.url, locale="fi-FI")
        context.add_init_script(LISTEN)
        contexts.append(context)
        watched = Watched(context.new_page())
        watched.visit("/login/")
        if username:
            log_in(watched.page, username)
            watched.collect()
        return watched

    yield make
    for context in contexts:
        context.close()


def test_pages_of_every_role_load_without_a_policy_violation(
    open_as: Any, personas: Personas
) -> None:
    journey = make_journey(personas)
    make_people(personas)
    pid = personas.participant.pk
    insights = "&".join(f"{key}={value}" for key, value in _query().items())
    problems: list[str] = []

    anonymous = open_as(None)
    anonymous.shoot("login")
    anonymous.visit("/verify/")
    anonymous.visit("/password/reset/")
    problems += anonymous.problems

    coach = open_as(personas.coach.username)
    # htmx runs with the settings of <meta name="htmx-config">: it injects no <style>.
    assert coach.page.evaluate("() => window.htmx.config.includeIndicatorStyles") is False
    assert coach.page.evaluate("() => window.htmx.config.allowEval") is False
    assert coach.page.evaluate("() => document.querySelectorAll('style').length") == 0
    for url, shot in (
        ("/caseload/", "caseload"),
        (f"/participants/{pid}/", "casefile"),
        (f"/participants/{pid}/story/", "story"),
        (f"/participants/{pid}/plan/", "plan"),
        (f"/participants/{pid}/profile/", "profile"),
        (f"/participants/{pid}/documents/", None),
        (f"/participants/{pid}/documents/cv/{journey.draft.pk}/", "cv"),
        (f"/participants/{pid}/digcomp/", None),
        (f"/matches/participants/{pid}/", None),
        ("/opportunities/", None),
    ):
        coach.visit(url)
        if shot:
            coach.shoot(shot)
    problems += coach.problems

    participant = open_as(personas.participant_user.username)
    participant.shoot("participant-home")
    for url in ("/my/path/", "/my/data/", "/matches/my/", "/my/consents/"):
        participant.visit(url)
    problems += participant.problems

    mentor = open_as(personas.mentor.username)
    mentor.shoot("mentor-home")
    problems += mentor.problems

    employer = open_as(personas.employer_contact.username)
    employer.shoot("employer-home")
    employer.visit("/opportunities/")
    problems += employer.problems

    coordinator = open_as(personas.coordinator.username)
    coordinator.visit(f"/insights/?{insights}")
    assert coordinator.page.locator("figure.stat-figure svg").count() >= 3  # the SVG charts
    coordinator.shoot("insights-charts")
    coordinator.visit(f"/insights/esf/?{insights}")
    coordinator.visit("/audit/")
    coordinator.visit("/caseload/")
    problems += coordinator.problems

    assert not problems, "\n".join(problems)


def test_caseload_name_search_stays_out_of_the_address_and_history(
    open_as: Any, personas: Personas
) -> None:
    for number in range(55):
        ParticipantFactory(
            organisation=personas.organisation,
            last_name=f"Hakunen{number:02d}",
            coaches=[personas.coach],
        )
    coach = open_as(personas.coach.username)
    page = coach.page
    coach.visit("/caseload/")
    start_length = page.evaluate("() => history.length")
    # A filter that names nobody: htmx shows it in the address (bookmarkable).
    with page.expect_response(lambda response: response.request.method == "POST"):
        page.locator("#id_status").select_option("active")
    expect(page).to_have_url(re.compile(r"/caseload/\?status=active"))
    address = page.url
    # Typing a name: the list narrows, the address keeps only the other filters.
    page.locator("#id_q").press_sequentially("Hakunen")
    expect(page.locator("#caseload-summary")).to_contain_text("55")
    assert page.url == address and "Hakunen" not in unquote(page.url)
    # The next page of a name search: a button of the POST form, still no name in the address.
    with page.expect_response(lambda response: response.request.method == "POST"):
        page.locator("#caseload-results button[name=page][value='2']").click()
    expect(page.locator("#caseload-results tbody tr")).to_have_count(5)
    assert "Hakunen" not in unquote(page.url)
    coach.shoot("caseload-name-search-page-2")
    # Nothing in the history names the person: every entry is a caseload address without it.
    assert page.evaluate("() => history.length") >= start_length
    # htmx keeps no saved copy (historyCacheSize 0): going back reloads the page, which
    # happens after go_back() returns, so wait for the reloaded field instead of reading
    # the old page's at once.
    with page.expect_navigation():
        page.go_back()
    expect(page.locator("#id_q")).to_have_value("")
    assert "Hakunen" not in unquote(page.url)
    coach.collect()
    assert not coach.problems, "\n".join(coach.problems)
    coach.shoot("caseload-after-search")


def test_the_copy_button_of_a_workplace_link_works_from_its_static_script(
    open_as: Any, personas: Personas
) -> None:
    """Was an inline <script> in the trial page (trials/_workplace_panel.html); now
    trials/copy.js, driven by data-copy / data-copied."""
    trial = make_trial(personas)
    coach = open_as(personas.coach.username)
    page = coach.page
    coach.visit(f"/trials/{trial.pk}/")
    page.locator("#id_mentor_name").fill("Olli Ohjaaja")
    with page.expect_navigation():
        page.get_by_role("button", name="Tee linkki").click()
    coach.collect()
    expect(page.locator("#new-link")).to_be_visible()
    copy = page.locator("button[data-copy='new-link']")
    copy.click()
    expect(copy).to_have_text("Kopioitu")
    coach.shoot("trial-link-copied")
    assert not coach.problems, "\n".join(coach.problems)

"""Issuing a DigComp badge and verifying it on the public page, in a browser, in Finnish
(issue 17, "Checked by"):

- the coach opens the participant's DigComp page, follows "Myönnä osaamismerkki", issues the
  organisation's digital-skills badge from the completed self-assessment (the signing task runs
  at once here); the badge appears as issued;
- an anonymous visitor pastes the signed credential on /verify/ and reads, in Finnish, that it
  is genuine and valid, who issued it and for what; a tampered copy reads as changed;
- the coach revokes the badge with a reason; the verifier then says it is revoked.

axe-core (WCAG 2.1 A/AA) finds no violations on each page at 1280 px and 360 × 740; no page
scrolls sideways at 360 px. Screenshots: `artifacts/badges/`.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.utils import translation

from kohtaanto.achievements.models import IssuedCredential
from kohtaanto.achievements.tests.helpers import (
    IMMEDIATE,
    completed_digcomp,
    consenting,
    digcomp_badge,
)
from tests.e2e.conftest import (
    DESKTOP,
    PHONE,
    REPO,
    assert_no_horizontal_scroll,
    expect,
    new_context,
)
from tests.e2e.test_pages import log_in
from tests.factories import Personas

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = REPO / "artifacts" / "badges"


def tr(msgid: str) -> str:
    with translation.override("fi"):
        return translation.gettext(msgid)


@pytest.fixture
def look(check_axe: Any) -> Any:
    def check(page: Any, name: str) -> None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        assert page.evaluate("() => document.documentElement.lang") == "fi", name
        page.set_viewport_size(DESKTOP)
        check_axe(page, f"badges-{name}-desktop")
        page.screenshot(path=str(SHOTS / f"{name}-desktop.png"), full_page=True)
        page.set_viewport_size(PHONE)
        check_axe(page, f"badges-{name}-phone")
        assert_no_horizontal_scroll(page, f"{name} at 360 px")
        page.screenshot(path=str(SHOTS / f"{name}-phone.png"), full_page=True)
        page.set_viewport_size(DESKTOP)

    return check


def _verify(page: Any, credential: dict[str, Any]) -> None:
    page.goto("/verify/")
    page.get_by_label(tr("Paste the badge (JSON)")).fill(json.dumps(credential))
    with page.expect_navigation():
        page.get_by_role("button", name=tr("Check the badge")).click()


def test_coach_issues_a_digcomp_badge_and_anyone_verifies_it(
    browser: Any, live_server: Any, personas: Personas, look: Any, settings: Any, tmp_path: Any
) -> None:
    settings.TASKS = IMMEDIATE
    settings.BADGE_KEK = ""
    settings.BADGE_KEK_GENERATED_FILE = tmp_path / "badge_kek"
    digcomp_badge(personas)
    participant = consenting(personas)
    completed_digcomp(participant)

    coach_context = new_context(browser, viewport=DESKTOP, base_url=live_server.url, locale="fi-FI")
    coach = coach_context.new_page()
    coach.goto("/login/")
    log_in(coach, "coach")
    coach.goto(f"/participants/{participant.pk}/digcomp/")
    with coach.expect_navigation():
        coach.get_by_role("link", name=tr("Issue a badge")).click()
    expect(coach.locator("h1")).to_have_text(tr("Badges"))
    look(coach, "issue")
    with coach.expect_navigation():
        coach.get_by_role("button", name=tr("Issue a badge")).click()
    issued_list = coach.locator(".badge-list")
    expect(issued_list.get_by_role("heading", name="Digitaidot: tiedon etsiminen")).to_be_visible()
    expect(issued_list.get_by_text(tr("Issued"), exact=True)).to_be_visible()
    look(coach, "issued")
    issued = IssuedCredential.objects.get(participant=participant)
    assert issued.credential is not None

    visitor_context = new_context(
        browser, viewport=DESKTOP, base_url=live_server.url, locale="fi-FI"
    )
    visitor = visitor_context.new_page()
    _verify(visitor, issued.credential)
    expect(visitor.get_by_text(tr("The badge is genuine and valid."))).to_be_visible()
    expect(visitor.get_by_text("Digitaidot: tiedon etsiminen").first).to_be_visible()
    expect(visitor.get_by_text(personas.organisation.name).first).to_be_visible()
    assert participant.last_name not in visitor.content()
    look(visitor, "verified")

    tampered = json.loads(json.dumps(issued.credential))
    tampered["credentialSubject"]["achievement"]["name"] = "Digitaidot: edistynyt"
    _verify(visitor, tampered)
    expect(visitor.get_by_text(tr("The badge could not be confirmed."))).to_be_visible()
    look(visitor, "tampered")

    coach.get_by_label(tr("Why is the badge revoked? (Not shown to the public.)")).fill(
        "Myönnetty vahingossa"
    )
    with coach.expect_navigation():
        coach.get_by_role("button", name=tr("Revoke the badge")).click()
    issued.refresh_from_db()
    assert issued.revoked_at is not None, coach.locator("main").inner_text()
    _verify(visitor, issued.credential)
    expect(visitor.get_by_text(tr("The issuer has revoked the badge."))).to_be_visible()
    look(visitor, "revoked")
    coach_context.close()
    visitor_context.close()

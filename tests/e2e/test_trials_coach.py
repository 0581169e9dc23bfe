"""The coach's and the participant's trial pages in a browser, in Finnish, at desktop size and
on a 360 × 740 phone: the coach drafts an agreement that breaks a rule (the finding names the
rule, its source and what to change), fixes it, the participant and the employer contact
confirm on their phones, the coach records the authority's paper signature, starts the trial
and the workplace mentor marks a day attended with one tap.

axe-core (WCAG 2.1 A/AA) finds no violations on any page; no sideways scroll at 360 px.
Screenshots in `artifacts/trials-coach/`."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone, translation

from kohtaanto.trials.enums import AgreementStatus, DayStatus, TrialState
from kohtaanto.trials.services import lifecycle
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
from tests.factories_trials import trial_place

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = REPO / "artifacts" / "trials-coach"


def tr(msgid: str) -> str:
    with translation.override("fi"):
        return translation.gettext(msgid)


def _look(page: Any, axe: Any, name: str) -> None:
    """axe and a screenshot at desktop size and on the phone; no sideways scroll there."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size(DESKTOP)
    axe(page, f"trials-coach-{name}-desktop")
    page.screenshot(path=str(SHOTS / f"{name}-desktop.png"), full_page=True)
    page.set_viewport_size(PHONE)
    axe(page, f"trials-coach-{name}-phone")
    assert_no_horizontal_scroll(page, f"{name} at 360 px")
    page.screenshot(path=str(SHOTS / f"{name}-phone.png"), full_page=True)


def _session(chromium: Any, live_server: Any, username: str) -> Any:
    context = new_context(chromium, viewport=PHONE, base_url=live_server.url, locale="fi-FI")
    page = context.new_page()
    page.goto("/login/")
    log_in(page, username)
    return page


def _fill_agreement(page: Any, start: dt.date, hours: str) -> None:
    page.locator("#id_tasks").fill("Keräily, hyllytys ja inventaario.")
    page.locator("#id_place").fill("Konepaja Virtanen Oy, Kouvola")
    page.locator("#id_start_date").fill(start.isoformat())
    page.locator("#id_end_date").fill((start + dt.timedelta(weeks=6)).isoformat())
    page.locator("#id_days_per_week").fill("4")
    for day in ("0", "1", "2", "3"):
        page.locator(f"input[name=weekdays][value='{day}']").check()
    page.locator("input[name=weekdays][value='4']").uncheck()
    page.locator("#id_hours_per_day").fill(hours)
    page.locator("#id_employment_authority").fill("Kouvolan työllisyyspalvelut")
    page.locator("#id_goals").fill("Oppii keräilyn.\nAjaa trukkia turvallisesti.")


def test_a_trial_from_the_case_file_to_the_first_day(
    browser: Any,
    live_server: Any,
    personas: Personas,
    check_axe: Any,
) -> None:
    place = trial_place(personas)
    coach = _session(browser, live_server, "coach")
    coach.goto(f"/participants/{personas.participant.pk}/")
    coach.get_by_role("link", name=tr("New trial")).click()
    coach.wait_for_url("**/trials/new/")
    coach.locator("#id_place").select_option(str(place.pk))
    coach.locator("#id_title").fill("Varastotyö")
    _look(coach, check_axe, "new")
    with coach.expect_navigation():
        coach.get_by_role("button", name=tr("Start the trial")).click()
    coach.wait_for_url("**/agreement/")
    coach.locator("#id_workplace_mentor").select_option(str(personas.workplace_mentor.pk))
    # Ten hours a day breaks the rule of 4–8 hours: the draft is kept, the rule named.
    start = timezone.localdate() - dt.timedelta(days=7)
    _fill_agreement(coach, start, "10")
    with coach.expect_navigation():
        coach.get_by_role("button", name=tr("Save the draft")).click()
    trial = personas.participant.trials.get()
    finding = lifecycle.findings(trial)[0]
    expect(coach.locator("#findings")).to_contain_text(finding.title("fi"))
    expect(coach.locator("#findings")).to_contain_text(finding.fix("fi"))
    _look(coach, check_axe, "agreement-rule-broken")
    coach.locator("#id_hours_per_day").fill("6")
    with coach.expect_navigation():
        coach.get_by_role("button", name=tr("Save the draft")).click()
    expect(coach.locator("#findings")).to_have_count(0)
    _look(coach, check_axe, "agreement")

    # The participant confirms on their phone, then the employer contact.
    for username, label in (
        ("participant", "Participant"),
        ("employer", "Organiser (the workplace)"),
    ):
        party_page = _session(browser, live_server, username)
        party_page.goto(f"/trials/{trial.pk}/")
        _look(party_page, check_axe, f"detail-{username}")
        party_page.get_by_role("link", name=tr("Read and confirm the agreement")).click()
        party_page.wait_for_url("**/confirm/")
        _look(party_page, check_axe, f"confirm-{username}")
        with party_page.expect_navigation():
            party_page.locator("main form button[type=submit]").first.click()
        expect(party_page.locator(".party-list")).to_contain_text(tr(label))
        party_page.context.close()

    # The coach records the authority's paper signature; the agreement is agreed.
    coach.goto(f"/trials/{trial.pk}/confirm/")
    coach.locator("#id_paper-signer_name").fill("Kaisa Kuntalainen")
    _look(coach, check_axe, "confirm-coach")
    with coach.expect_navigation():
        coach.get_by_role("button", name=tr("Record the signature")).click()
    trial.refresh_from_db()
    assert trial.agreement.status == AgreementStatus.AGREED
    coach.goto(f"/trials/{trial.pk}/")
    with coach.expect_navigation():
        coach.get_by_role("button", name="Aloita kokeilu").click()
    trial.refresh_from_db()
    assert trial.state == TrialState.RUN
    _look(coach, check_axe, "detail-coach")

    # The workplace mentor marks the first day attended with one tap.
    mentor = _session(browser, live_server, "workplace-mentor")
    mentor.goto(f"/trials/{trial.pk}/days/")
    first = trial.days.order_by("date").first()
    row = mentor.locator(f"#day-{first.date.isoformat()}")
    with mentor.expect_navigation():
        row.get_by_role("button", name=tr("Attended")).click()
    first.refresh_from_db()
    assert first.status == DayStatus.ATTENDED
    _look(mentor, check_axe, "days-mentor")
    mentor.context.close()

    coach.goto("/trials/")
    _look(coach, check_axe, "list")
    coach.goto(f"/participants/{personas.participant.pk}/")
    expect(coach.locator("#trials")).to_contain_text("Varastotyö")
    coach.context.close()

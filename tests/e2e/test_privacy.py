"""The coordinator's privacy pages in a browser, in Finnish (issue 18.5):

- the coordinator opens /privacy/, lengthens the case files' retention to 7 years and saves
  (the field keeps the new length; the organisation's setting is stored), and sees the rules of
  the whole service (sessions, login attempts) listed without a field;
- makes a dry run and reads its report (nothing removed);
- on /privacy/erasures/ starts an erasure request with the participant's number, reviews what
  will be erased and what the funder's audit hold keeps (and until when), and confirms with the
  reason "the person asked for it";
- the erasure is listed, the held record is linked, and the participant's page is 404.

axe-core (WCAG 2.1 A/AA) finds no violations on each page at 1280 px and at 360 × 740; none
scrolls sideways at 360 px. Screenshots: `artifacts/privacy/<page>-desktop.png` and
`-phone.png`.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from kohtaanto.people.models import Participant
from kohtaanto.privacy import erasure
from kohtaanto.privacy.models import Erasure, HeldRecord, RetentionOverride, RetentionRun
from kohtaanto.privacy.tests import rich
from tests.e2e.conftest import expect, page_checker
from tests.e2e.test_pages import log_in
from tests.factories import Personas

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def tr(msgid: str) -> str:
    with translation.override("fi"):
        return translation.gettext(msgid)


@pytest.fixture
def look(check_axe: Any) -> Any:
    check = page_checker(check_axe, "privacy")

    def run(page: Any, name: str) -> None:
        assert page.evaluate("() => document.documentElement.lang") == "fi", name
        check(page, name)

    return run


def test_coordinator_sets_a_retention_length_and_erases_a_participant_on_request(
    page: Any, personas: Personas, look: Any
) -> None:
    person = personas.caseload_participant
    funded = rich.project(personas)
    rich.fill(personas, person, funded=funded)
    detail = reverse("participant_detail", args=[person.pk])
    the_plan = erasure.plan(person)
    kinds = len([item for item in the_plan.items if item.count and not item.held_by])
    assert kinds >= 10

    page.goto("/login/")
    log_in(page, "coordinator")
    opened = page.goto(detail)
    assert opened is not None and opened.status == 200  # the record is there before

    # retention: a longer length for case files, saved
    page.goto("/privacy/")
    expect(page.locator("h1")).to_have_text(tr("Retention of personal data"))
    case_files = page.locator("#id_case_files")
    expect(case_files).to_have_value("5")
    expect(page.get_by_role("heading", name=tr("The same for the whole service"))).to_be_visible()
    expect(page.locator("#id_sessions")).to_have_count(0)  # whole service: no field
    look(page, "overview")
    case_files.fill("7")
    with page.expect_navigation():
        page.get_by_role("button", name=tr("Save the retention periods")).click()
    expect(page.get_by_text(tr("The retention periods were saved."))).to_be_visible()
    expect(page.locator("#id_case_files")).to_have_value("7")
    assert RetentionOverride.objects.get(organisation=personas.organisation).value == 7

    # a dry run and its report
    with page.expect_navigation():
        page.get_by_role("button", name=tr("Make a dry run")).click()
    run = RetentionRun.objects.get()
    page.wait_for_url(f"**/privacy/runs/{run.pk}/")
    expect(page.locator("h1")).to_contain_text(tr("Retention run"))
    expect(
        page.get_by_text(
            tr("A dry run: nothing was removed. The figures tell what would have been removed.")
        )
    ).to_be_visible()
    expect(page.get_by_role("rowheader", name=tr("Total"))).to_be_visible()
    look(page, "dry-run")

    # the erasure request: number → review
    page.goto("/privacy/")
    with page.expect_navigation():
        page.get_by_role("link", name=tr("Erasures and legal holds")).click()
    expect(page.locator("h1")).to_have_text(tr("Erasures and legal holds"))
    look(page, "erasures")
    page.get_by_label(tr("Participant number")).fill(str(person.pk))
    with page.expect_navigation():
        page.get_by_role("button", name=tr("Review the erasure")).click()
    page.wait_for_url(f"**/privacy/erasures/participants/{person.pk}/")
    expect(page.locator("h1")).to_contain_text(person.full_name)
    erased = page.locator("h2", has_text=tr("What will be erased")).locator(
        "xpath=following-sibling::ul[1]"
    )
    # one line per kind of row: plan, sessions, trial, consents…
    expect(erased.locator("li")).to_have_count(kinds)
    kept = page.locator("h2", has_text=tr("What the law requires to be kept"))
    expect(kept).to_be_visible()
    expect(page.get_by_text(funded.name, exact=False).first).to_be_visible()
    expect(page.get_by_text("2021/1060", exact=False).first).to_be_visible()  # the hold's reason
    look(page, "review")

    # confirm with the reason
    page.get_by_label(tr("The person asked for it and the data is no longer needed")).check()
    page.get_by_label(
        tr("I have checked what will be erased and what is kept. This cannot be undone.")
    ).check()
    with page.expect_navigation():
        page.get_by_role("button", name=tr("Erase the data")).click()
    page.wait_for_url("**/privacy/erasures/")
    expect(page.get_by_text(tr("The participant's data was erased."))).to_be_visible()
    record = Erasure.objects.get()
    assert record.participant_ref == person.pk and record.reason == "request"
    assert record.by_id == personas.coordinator.pk
    assert not Participant.objects.filter(pk=person.pk).exists()
    done = page.locator("table tbody tr").first.locator("td")
    expect(done.nth(1)).to_have_text(str(person.pk))
    held = HeldRecord.objects.get()
    expect(page.get_by_role("link", name=funded.name)).to_have_attribute(
        "href", reverse("privacy:held", args=[held.pk])
    )
    look(page, "erasures-done")

    # the held record, and the participant's page is gone
    with page.expect_navigation():
        page.get_by_role("link", name=funded.name).click()
    expect(page.locator("h1")).to_contain_text(tr("Held record"))
    look(page, "held")
    gone = page.goto(detail)
    assert gone is not None and gone.status == 404

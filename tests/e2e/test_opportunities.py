"""Opportunities in a browser: an employer contact adds an opportunity and confirms the skills
recognised in its description; a coordinator imports a CSV file (check first, then import the
valid rows) and finds the result in the filtered list.

axe-core (WCAG 2.1 A/AA) runs on every page at desktop and at 360×740, the page must not
scroll sideways on the phone, and screenshots go to `artifacts/opportunities/`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from kohtaanto.opportunities import services
from kohtaanto.opportunities.enums import SkillImportance
from kohtaanto.opportunities.models import Opportunity
from tests.e2e.conftest import (
    expect,
    page_checker,
)
from tests.e2e.test_pages import log_in
from tests.factories import Personas

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FORKLIFT = "http://data.europa.eu/esco/skill/28cb374e-6261-4133-8371-f9a5470145da"
PICKING = "http://data.europa.eu/esco/skill/ee5e2297-39cc-4ed6-89e5-d58016118a7f"
CSV = (
    "external_id;title;kind;municipality;languages;hours_per_week;required_skills\n"
    f"E2E-1;Siivooja;job;Helsinki;fi:A2;30;{PICKING}\n"
    "E2E-2;Kokki;työkokeilu;Atlantis;;;\n"
    "E2E-3;Tarjoilija;job;Espoo;fi:B1;25;\n"
)


@pytest.fixture
def visit(check_axe: Any) -> Any:
    """Check a page at desktop and phone size: axe, no sideways scroll, screenshots."""
    return page_checker(check_axe, "opportunities")


def test_employer_contact_adds_an_opportunity_and_confirms_skills(
    page: Any, personas: Personas, visit: Any
) -> None:
    services.save_employer_profile(
        personas.employer_organisation, service_organisation=personas.organisation
    )
    page.goto("/login/")
    log_in(page, "employer")
    page.goto("/opportunities/")
    visit(page, "employer-list-empty")
    page.locator("a[href='/opportunities/new/']").first.click()
    page.locator("#id_kind").select_option("work_trial")
    page.locator("#id_title").fill("Varaston työkokeilu")
    page.locator("#id_description").fill(
        "Työssä tehdään keräilyä ja ajetaan trukilla. Asiakaspalvelua puhelimessa."
    )
    page.locator("#id_municipality_code").select_option("837")
    page.locator("#id_languages").fill("fi:A2")
    page.locator("#id_hours_per_week").fill("25")
    page.locator("input[name=physical_demands][value=standing]").check()
    visit(page, "employer-form")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert urlparse(page.url).path.endswith("/skills/")
    # The recognised skills are offered, each with required / nice to have / ignore.
    forklift_row = page.locator(f"input[type=hidden][value='{FORKLIFT}']")
    expect(forklift_row).to_have_count(1)
    index = forklift_row.get_attribute("name").split("_")[1]
    picking_index = (
        page.locator(f"input[type=hidden][value='{PICKING}']").get_attribute("name").split("_")[1]
    )
    visit(page, "employer-skills")
    page.locator(f"#importance_{index}_required").check()
    page.locator(f"#importance_{picking_index}_nice_to_have").check()
    with page.expect_navigation():
        page.locator("#skill-form button[type=submit]").click()
    visit(page, "employer-detail")
    opportunity = Opportunity.objects.get(title="Varaston työkokeilu")
    assert opportunity.employer == personas.employer_organisation
    assert opportunity.skills.get(uri=FORKLIFT).importance == SkillImportance.REQUIRED
    assert opportunity.skills.get(uri=PICKING).importance == SkillImportance.NICE_TO_HAVE
    assert opportunity.skills.get(uri=FORKLIFT).decided_by == personas.employer_contact
    expect(page.locator("main")).to_contain_text("trukin ajaminen")


def test_coordinator_imports_a_csv_file(
    page: Any, personas: Personas, visit: Any, tmp_path: Path
) -> None:
    upload = tmp_path / "tyopaikat.csv"
    upload.write_text(CSV, encoding="utf-8")
    page.goto("/login/")
    log_in(page, "coordinator")
    page.goto("/opportunities/import/")
    visit(page, "import-form")
    page.locator("#id_file").set_input_files(str(upload))
    with page.expect_navigation():
        page.locator("main form.journey-form button[type=submit]").click()
    expect(page.locator("#import-summary")).to_be_visible()
    expect(page.locator("table.import-errors")).to_contain_text("Atlantis")
    expect(page.locator("table.import-errors td").first).to_have_text("3")
    assert not Opportunity.objects.exists()
    visit(page, "import-preview")
    with page.expect_navigation():
        page.locator("button[name=action][value=import_valid]").click()
    visit(page, "import-result")
    assert sorted(Opportunity.objects.values_list("external_id", flat=True)) == ["E2E-1", "E2E-3"]
    page.goto("/opportunities/?municipality=049")
    expect(page.locator("#opportunity-results")).to_contain_text("Tarjoilija")
    expect(page.locator("#opportunity-results")).not_to_contain_text("Siivooja")
    visit(page, "coordinator-list")


def _run_worker() -> None:
    """The database queue's worker, run in a thread of this process (the live server's database
    lives here): it runs the tasks waiting now, then stops."""
    import threading

    from django.db import connections
    from django_tasks_db.management.commands.db_worker import Worker

    def run() -> None:
        try:
            Worker(
                queue_names=["default"],
                interval=0.1,
                batch=True,
                backend_name="default",
                startup_delay=False,
                max_tasks=None,
                worker_id="e2e-worker",
                excluded_queue_names=[],
            ).run()
        finally:
            connections.close_all()

    threading.Thread(target=run, name="e2e-worker", daemon=True).start()


def test_a_big_file_shows_its_progress(
    page: Any,
    personas: Personas,
    visit: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    settings: Any,
) -> None:
    """Every file counts as big here, and its task waits in the database queue until the test
    starts a worker, so that the progress page is seen; it then turns into the check and the
    result by itself."""
    from kohtaanto.opportunities import tasks

    monkeypatch.setattr(tasks, "INLINE_ROWS", 1)
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    upload = tmp_path / "tyopaikat.csv"
    upload.write_text(CSV, encoding="utf-8")
    page.goto("/login/")
    log_in(page, "coordinator")
    page.goto("/opportunities/import/")
    page.locator("#id_file").set_input_files(str(upload))
    with page.expect_navigation():
        page.locator("main form.journey-form button[type=submit]").click()
    expect(page.locator("#import-progress")).to_contain_text("0 / 2")
    visit(page, "import-progress")
    _run_worker()
    expect(page.locator("#import-summary")).to_be_visible(timeout=30_000)
    assert not Opportunity.objects.exists()
    with page.expect_navigation():
        page.locator("button[name=action][value=import_valid]").click()
    expect(page.locator("#import-progress")).to_contain_text("0 / 2")
    _run_worker()
    expect(page.locator("#h-result")).to_be_visible(timeout=30_000)
    assert sorted(Opportunity.objects.values_list("external_id", flat=True)) == ["E2E-1", "E2E-3"]

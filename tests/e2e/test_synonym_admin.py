"""A coordinator uploads the organisation's own synonyms in the admin, sees the rows and the
problems with their line numbers, and marks the set reviewed (Finnish, 360 px phone and
desktop). Screenshots: artifacts/screenshots/synonyms-*.png."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import PHONE, expect, new_context
from tests.e2e.test_pages import log_in
from tests.factories import Personas

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FORKLIFT = "http://data.europa.eu/esco/skill/28cb374e-6261-4133-8371-f9a5470145da"


def test_coordinator_uploads_and_reviews_synonyms(
    browser: Any, live_server: Any, personas: Personas, screenshot: Any, tmp_path: Path
) -> None:
    from kohtaanto.vocabularies.enums import SynonymSetStatus
    from kohtaanto.vocabularies.models import SynonymSet

    csv = tmp_path / "varasto.csv"
    csv.write_text(
        "# version: 1\nlabel,concept_uri,lang,kind,note\n"
        f"lavakiituri,{FORKLIFT},fi,,talon oma sana\n"
        f"pallkärra,{FORKLIFT},sv,,\n"
        "kiituri,http://example.org/none,fi,,\n",
        encoding="utf-8",
    )
    context = new_context(browser, viewport=PHONE, base_url=live_server.url, locale="fi-FI")
    page = context.new_page()
    page.goto("/login/")
    log_in(page, personas.coordinator.username)

    page.goto("/admin/vocabularies/synonymset/add/")
    page.locator("#id_organisation").select_option(str(personas.organisation.pk))
    page.locator("#id_name").fill("Varaston sanat")
    page.locator("#id_file").set_input_files(str(csv))
    screenshot(page, "synonyms-fi-phone-upload")
    with page.expect_navigation():
        page.locator("input[name=_save]").click()
    synonym_set = SynonymSet.objects.get()
    assert synonym_set.status == SynonymSetStatus.DRAFT

    page.goto(f"/admin/vocabularies/synonymset/{synonym_set.pk}/change/")
    expect(page.get_by_text("lavakiituri", exact=True).first).to_be_visible()
    expect(page.get_by_text("5: unknown concept http://example.org/none")).to_be_visible()
    screenshot(page, "synonyms-fi-phone-draft")

    page.goto("/admin/vocabularies/synonymset/")
    page.locator("input[name=_selected_action]").first.check()
    page.locator("select[name=action]").select_option("review_sets")
    with page.expect_navigation():
        page.locator("button[name=index]").click()
    expect(page.get_by_text("Tarkistettuja synonyymijoukkoja: 1.")).to_be_visible()
    screenshot(page, "synonyms-fi-phone-reviewed")
    synonym_set.refresh_from_db()
    assert synonym_set.status == SynonymSetStatus.REVIEWED
    context.close()

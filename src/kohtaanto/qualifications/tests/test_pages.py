"""The qualification pages: search, a unit in the reader's language with its ESCO skills
(suggest, confirm, reject, add from the search) and the coordinators' import page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from kohtaanto.qualifications import services
from kohtaanto.qualifications.enums import MappingStatus
from kohtaanto.qualifications.models import Qualification, QualificationUnit, RequirementSkill

DATA = Path(__file__).parents[1] / "data"
FIXTURES = Path(__file__).parent / "fixtures"

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit(coordinator: Any) -> QualificationUnit:
    services.import_document((DATA / "logistiikka.json").read_bytes(), by=coordinator)
    return QualificationUnit.objects.get(eperusteet_id=9900201)


def test_search_finds_units_and_qualifications(coach_client: Client, unit: Any) -> None:
    page = coach_client.get("/qualifications/", {"q": "varasto"}).content.decode()
    assert "Varastopalveluiden tuottaminen" in page
    assert "<td>9900201</td>" in page
    listing = coach_client.get("/qualifications/").content.decode()
    assert "Logistiikan perustutkinto" in listing and "DEMO-2/2025" in listing
    assert "/qualifications/import/" not in listing  # only coordinators import
    coach_client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    nothing = coach_client.get("/qualifications/", {"q": "zzzz"}).content.decode()
    assert "No units match the search." in nothing


def test_unit_page_in_the_readers_language(client_for: Any, coach: Any, unit: Any) -> None:
    client = client_for(coach)
    page = client.get(f"/qualifications/units/{unit.pk}/").content.decode()
    assert "käyttää trukkia ja muita varaston koneita turvallisesti" in page
    client.post("/i18n/setlang/", {"language": "sv", "next": "/"})
    swedish = client.get(f"/qualifications/units/{unit.pk}/").content.decode()
    assert "Produktion av lagertjänster" in swedish
    assert "använda truck och andra lagermaskiner på ett säkert sätt" in swedish


def test_suggest_confirm_reject_and_add(coach_client: Client, coach: Any, unit: Any) -> None:
    response = coach_client.post(f"/qualifications/units/{unit.pk}/suggest/")
    assert response.status_code == 302
    suggested = list(RequirementSkill.objects.filter(requirement__unit=unit))
    assert suggested and all(s.status == MappingStatus.SUGGESTED for s in suggested)
    page = coach_client.get(f"/qualifications/units/{unit.pk}/").content.decode()
    assert suggested[0].label in page
    first, last = suggested[0], suggested[-1]
    coach_client.post(f"/qualifications/skills/{first.pk}/decide/", {"status": "confirmed"})
    coach_client.post(f"/qualifications/skills/{last.pk}/decide/", {"status": "rejected"})
    first.refresh_from_db()
    last.refresh_from_db()
    assert (first.status, first.decided_by) == (MappingStatus.CONFIRMED, coach)
    assert last.status == MappingStatus.REJECTED
    bad = coach_client.post(f"/qualifications/skills/{first.pk}/decide/", {"status": "maybe"})
    assert bad.status_code == 302
    first.refresh_from_db()
    assert first.status == MappingStatus.CONFIRMED
    requirement = unit.requirements.get(ordinal=6)
    search = coach_client.get(
        f"/qualifications/units/{unit.pk}/", {"requirement": requirement.pk, "q": "var"}
    ).content.decode()
    assert 'name="uri"' in search
    uri = search.split('name="uri" value="')[1].split('"')[0]
    added = coach_client.post(
        f"/qualifications/requirements/{requirement.pk}/skills/", {"uri": uri}
    )
    assert added.status_code == 302
    assert requirement.skills.get(uri=uri).status == MappingStatus.CONFIRMED
    unknown = coach_client.post(
        f"/qualifications/requirements/{requirement.pk}/skills/", {"uri": "nope"}, follow=True
    )
    assert "Valitse taito hakutuloksista." in unknown.content.decode()


def test_import_page_reports_and_a_bad_file_imports_nothing(coordinator_client: Client) -> None:
    upload = SimpleUploadedFile("peruste.json", (FIXTURES / "peruste.json").read_bytes())
    page = coordinator_client.post("/qualifications/import/", {"file": upload}).content.decode()
    assert "Tiedosto tuotiin." in page
    assert Qualification.objects.filter(eperusteet_id=8800001).exists()
    bad = SimpleUploadedFile("rakenne.json", (FIXTURES / "rakenne.json").read_bytes())
    coordinator_client.post("/i18n/setlang/", {"language": "fi", "next": "/"})
    text = coordinator_client.post("/qualifications/import/", {"file": bad}).content.decode()
    assert "Tiedostoa ei voitu tuoda. Mitään ei tuotu." in text
    assert "Tämä on vain tutkinnon rakenne." in text
    assert "Kohta tiedostossa: $" in text
    assert Qualification.objects.count() == 1


def test_import_error_shows_the_path(coordinator_client: Client) -> None:
    data = (
        (FIXTURES / "peruste.json")
        .read_text(encoding="utf-8")
        .replace('"Varastossa toimiminen"', "17")
    )
    upload = SimpleUploadedFile("bad.json", data.encode())
    page = coordinator_client.post("/qualifications/import/", {"file": upload}).content.decode()
    assert "$.tutkinnonOsat[1].nimi.fi" in page
    assert not Qualification.objects.exists()

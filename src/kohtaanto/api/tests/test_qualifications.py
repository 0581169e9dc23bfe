"""`/api/v1/qualifications/` and `/api/v1/qualification-units/`: reference data for staff."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tests.factories import Personas

from kohtaanto.qualifications import services
from kohtaanto.qualifications.enums import MappingStatus
from kohtaanto.qualifications.models import QualificationUnit, RequirementSkill

DATA = Path(services.__file__).parent / "data"

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit(personas: Personas) -> QualificationUnit:
    services.import_document((DATA / "logistiikka.json").read_bytes(), by=personas.coordinator)
    found = QualificationUnit.objects.get(eperusteet_id=9900201)
    requirement = found.requirements.filter(active=True).order_by("ordinal").first()
    assert requirement is not None
    RequirementSkill.objects.create(
        requirement=requirement,
        uri="http://example.org/skill/forklift",
        label="trukin ajo",
        status=MappingStatus.CONFIRMED,
    )
    return found


@pytest.mark.parametrize("persona", ["coach", "coordinator"])
def test_staff_search_and_read(api_client_for, personas: Personas, unit: Any, persona: str) -> None:
    client = api_client_for(personas.users()[persona])
    qualifications = client.get("/api/v1/qualifications/").json()
    assert "Logistiikan perustutkinto" in [row["name"] for row in qualifications["results"]]
    found = client.get("/api/v1/qualification-units/", {"q": "varasto"}).json()
    assert unit.pk in [row["id"] for row in found["results"]]
    detail = client.get(f"/api/v1/qualification-units/{unit.pk}/").json()
    assert detail["name"] == "Varastopalveluiden tuottaminen"
    assert detail["qualifications"]
    texts = [r["text"] for r in detail["requirements"]]
    assert any("käyttää trukkia" in text for text in texts)
    assert detail["requirements"][0]["skills"] == [
        {"uri": "http://example.org/skill/forklift", "label": "trukin ajo", "status": "confirmed"}
    ]


def test_units_of_a_qualification_and_pagination(coach_api, unit: Any) -> None:
    qualification = unit.qualifications.first()
    rows = coach_api.get("/api/v1/qualification-units/", {"qualification": qualification.pk})
    body = rows.json()
    assert unit.pk in [row["id"] for row in body["results"]]
    page = coach_api.get("/api/v1/qualification-units/", {"limit": 1}).json()
    assert len(page["results"]) == 1 and page["count"] == body["count"]


@pytest.mark.parametrize(
    "params", [{"q": "x" * 101}, {"qualification": "AAA"}, {"qualification": "0"}]
)
def test_bad_filters_are_400(coach_api, unit: Any, params: dict[str, str]) -> None:
    response = coach_api.get("/api/v1/qualification-units/", params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert set(response.json()["errors"]) == set(params)


@pytest.mark.parametrize(
    "persona", ["participant", "mentor", "employer_contact", "workplace_mentor", "analyst"]
)
def test_others_get_404(api_client_for, personas: Personas, unit: Any, persona: str) -> None:
    client = api_client_for(personas.users()[persona])
    for target in (
        "/api/v1/qualifications/",
        "/api/v1/qualification-units/",
        f"/api/v1/qualification-units/{unit.pk}/",
    ):
        response = client.get(target)
        assert response.status_code == 404, target
        assert response["Content-Type"] == "application/problem+json"


def test_coach_of_another_organisation_reads_the_national_data(outsider_api, unit: Any) -> None:
    # Reference data of no organisation: every coach reads it, as on the pages.
    assert outsider_api.get(f"/api/v1/qualification-units/{unit.pk}/").status_code == 200


def test_unknown_unit_is_404(coach_api, unit: Any) -> None:
    assert coach_api.get("/api/v1/qualification-units/999999/").status_code == 404
    assert coach_api.get("/api/v1/qualifications/999999/").status_code == 404


def test_anonymous_is_refused(client, unit: Any) -> None:
    response = client.get("/api/v1/qualifications/")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


def test_read_only(coach_api, unit: Any) -> None:
    assert coach_api.delete(f"/api/v1/qualification-units/{unit.pk}/").status_code == 405

"""`/api/v1/foresight/`: the stored figures for coordinators (exact) and analysts (suppressed),
problem+json for bad input and for everyone else."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient
from tests.factories import Personas

from kohtaanto.foresight import services
from kohtaanto.foresight.tests.world import CARE, LOGISTICS, make_world

pytestmark = pytest.mark.django_db
URL = "/api/v1/foresight/"


@pytest.fixture
def built(personas: Personas) -> Personas:
    make_world(personas.organisation)
    services.build_now(personas.organisation)
    return personas


def _rows(body: dict) -> dict[str, dict]:  # type: ignore[type-arg]
    return {row["group"]: row for row in body["rows"]}


def test_analyst_gets_suppressed_figures(built: Personas, analyst_api: APIClient) -> None:
    response = analyst_api.get(URL, {"region": "06"})
    assert response.status_code == 200
    body = response.json()
    assert body["exact"] is False and body["people"] is None
    rows = _rows(body)
    assert rows[LOGISTICS]["demand"] == 3
    assert rows[LOGISTICS]["supply"] is None and rows[LOGISTICS]["supply_suppressed"] == "small"
    assert rows[CARE]["supply"] is None and rows[CARE]["supply_suppressed"] == "hidden"
    assert rows[CARE]["gap"] is None and rows[CARE]["status"] == "not_shown"


def test_coordinator_gets_exact_figures(built: Personas, coordinator_api: APIClient) -> None:
    body = coordinator_api.get(URL, {"region": "06"}).json()
    assert body["exact"] is True and body["people"] == 8
    assert _rows(body)[CARE]["supply"] == 6 and _rows(body)[CARE]["status"] == "surplus"
    assert body["build"]["checksum"] and body["trend"]


def test_bad_input_is_problem_json(built: Personas, analyst_api: APIClient) -> None:
    response = analyst_api.get(URL, {"region": "99", "mode": "colour"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert set(response.json()["errors"]) == {"region", "mode"}
    missing = analyst_api.get(URL, {"scope": "national"})
    assert missing.status_code == 404  # the whole country's figures are not built
    assert missing["Content-Type"] == "application/problem+json"


def test_others_get_404(built: Personas, coach_api: APIClient, outsider_api: APIClient) -> None:
    assert coach_api.get(URL).status_code == 404
    assert outsider_api.get(URL).status_code == 404
    other = outsider_api.get(URL, {"organisation": built.organisation.pk})
    assert other.status_code == 404
    assert APIClient().get(URL).status_code == 401

"""The participant's data export holds the projects they were enrolled in."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from tests.factories import Personas

from kohtaanto.insights import services
from kohtaanto.people import exports

pytestmark = pytest.mark.django_db


def test_the_export_has_the_projects_the_person_was_enrolled_in(personas: Personas) -> None:
    today = timezone.localdate()
    project = services.create_project(
        personas.coordinator,
        personas.organisation,
        name="Polku töihin (ESR+)",
        starts=today - dt.timedelta(days=30),
        code="S30123",
        funder="Euroopan sosiaalirahasto plus",
    )
    services.enrol(
        personas.coordinator, project, personas.participant, entered=today - dt.timedelta(days=3)
    )
    data = exports.collect(personas.participant)
    (row,) = data["project_enrolments"]
    assert row["project"] == "Polku töihin (ESR+)"
    assert row["project_code"] == "S30123"
    assert row["funder"] == "Euroopan sosiaalirahasto plus"
    assert row["entered"] == (today - dt.timedelta(days=3)).isoformat()
    assert row["left"] is None

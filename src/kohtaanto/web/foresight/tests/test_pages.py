"""Foresight pages: exact for coordinators, suppressed for analysts and the whole country,
sorting without JavaScript, drill-down, the audited CSV, bad input, the rebuild, the watch."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client
from django.utils import timezone
from tests.factories import Personas

from kohtaanto.core.enums import AuditAction
from kohtaanto.core.models import AuditEvent
from kohtaanto.foresight import services
from kohtaanto.foresight.models import BuildStatus, ForesightBuild
from kohtaanto.foresight.tests.world import CARE, CLEANER, LOGISTICS, PICK, TAMPERE, make_world
from kohtaanto.outreach.models import Intervention

pytestmark = pytest.mark.django_db


@pytest.fixture
def built(personas: Personas) -> Personas:
    make_world(personas.organisation)
    services.build_now(personas.organisation)
    return personas


def _rows(response) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    text = response.content.decode("utf-8-sig")
    return {row[2]: row for row in csv.reader(io.StringIO(text))}


def test_coordinator_sees_exact_supply(built: Personas, coordinator_client: Client) -> None:
    response = coordinator_client.get("/foresight/?region=06")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Pirkanmaa" in html and 'role="img"' in html
    rows = {r.key: r for r in response.context["rows"]}
    assert rows[LOGISTICS].supply.value == 2 and rows[LOGISTICS].status == "shortage"
    assert rows[CARE].supply.value == 6 and rows[CARE].status == "surplus"
    assert rows[CARE].gap == -5


def test_analyst_sees_small_and_complementary_cells_suppressed(
    built: Personas, analyst_client: Client
) -> None:
    response = analyst_client.get("/foresight/?region=06")
    assert response.status_code == 200
    rows = {r.key: r for r in response.context["rows"]}
    assert rows[LOGISTICS].supply.value is None and rows[LOGISTICS].supply.mark == "small"
    # 6 people in Tampere would give away Helsinki's 1 from the total 7: hidden too
    assert rows[CARE].supply.value is None and rows[CARE].supply.mark == "hidden"
    assert rows[CARE].gap is None
    assert response.context["summary"]["people"].value is None
    whole = analyst_client.get("/foresight/?region=all").context["rows"]
    assert {r.key: r.supply.value for r in whole}[CARE] == 7
    html = response.content.decode()
    assert ">6<" not in html.replace(" ", "")


def test_whole_country_is_suppressed_even_for_coordinators(
    built: Personas, coordinator_client: Client
) -> None:
    services.build_now(None)
    response = coordinator_client.get("/foresight/?scope=national&region=06")
    rows = {r.key: r for r in response.context["rows"]}
    assert rows[LOGISTICS].supply.mark == "small"


def test_sorting_by_query_parameters(built: Personas, coordinator_client: Client) -> None:
    ascending = coordinator_client.get("/foresight/?region=06&sort=gap&dir=asc").context["rows"]
    assert [r.key for r in ascending][:1] == [CARE]
    descending = coordinator_client.get("/foresight/?region=06&sort=gap&dir=desc")
    assert [r.key for r in descending.context["rows"]][:1] == [LOGISTICS]
    assert 'aria-sort="descending"' in descending.content.decode()


def test_drill_down_to_the_skills_of_a_group(built: Personas, coordinator_client: Client) -> None:
    response = coordinator_client.get(f"/foresight/group/?region=06&group={LOGISTICS}")
    assert response.status_code == 200
    rows = {r.key: r for r in response.context["rows"]}
    assert rows[PICK].demand == 3 and rows[PICK].supply.value == 2
    assert coordinator_client.get("/foresight/group/?region=06&group=nothing").status_code == 404


def test_csv_is_suppressed_for_analysts_and_audited(
    built: Personas, analyst_client: Client, coordinator_client: Client
) -> None:
    response = analyst_client.get("/foresight/export.csv?region=06")
    assert response.status_code == 200 and response["Content-Type"] == "text/csv"
    rows = _rows(response)
    assert rows[LOGISTICS][3:5] == ["3", "alle 5"]
    assert rows[CARE][4] == "piilotettu" and rows[CARE][5] == ""
    assert AuditEvent.objects.filter(
        action=AuditAction.EXPORT, object_type="foresight.foresightbuild"
    ).exists()
    exact = _rows(coordinator_client.get("/foresight/export.csv?region=06"))
    assert exact[CARE][4] == "6"
    skills = _rows(analyst_client.get(f"/foresight/export.csv?region=06&group={LOGISTICS}"))
    assert skills[PICK][4] == "alle 5"


def test_unknown_region_is_a_translated_error_and_no_file(
    built: Personas, coordinator_client: Client
) -> None:
    page = coordinator_client.get("/foresight/?region=99")
    assert page.status_code == 400
    assert "Aluetta ei ole" in page.content.decode()
    before = AuditEvent.objects.filter(action=AuditAction.EXPORT).count()
    export = coordinator_client.get("/foresight/export.csv?region=99")
    assert export.status_code == 404 and export["Content-Type"].startswith("text/html")
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT).count() == before


def test_rebuild_queues_and_shows_progress(built: Personas, coordinator_client: Client) -> None:
    response = coordinator_client.post("/foresight/rebuild/")
    build = ForesightBuild.objects.filter(status=BuildStatus.QUEUED).get()
    assert response.status_code == 302 and response["Location"] == f"/foresight/builds/{build.pk}/"
    page = coordinator_client.get(response["Location"])
    assert page.status_code == 200 and 'hx-trigger="every 2s"' in page.content.decode()


def test_the_watch_of_an_intervention(built: Personas, coordinator_client: Client) -> None:
    intervention = Intervention.objects.create(
        organisation=built.organisation,
        name="Siivousyhtiön irtisanomiset",
        municipality_code=TAMPERE,
        event_kind="layoff",
        company_name="Siivous Oy",
        event_date=timezone.localdate(),
        people_affected=30,
        affected_occupations=[CLEANER],
    )
    response = coordinator_client.get(f"/foresight/watch/{intervention.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Varastotyön perusteet" in html and "30 ihmistä" in html
    detail = coordinator_client.get(f"/outreach/interventions/{intervention.pk}/")
    assert f"/foresight/watch/{intervention.pk}/" in detail.content.decode()

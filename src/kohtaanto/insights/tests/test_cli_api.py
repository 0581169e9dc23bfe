"""`kohtaanto report` through CliRunner and the analysts' API, on the 60-person fixture."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kohtaanto.cli.report import report
from kohtaanto.core.enums import AuditAction
from kohtaanto.core.models import AuditEvent
from kohtaanto.insights.tests import fixture60

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture
def fx() -> fixture60.Fixture:
    return fixture60.build()


def _period() -> str:
    return f"{fixture60.period_start().isoformat()}..{fixture60.period_end().isoformat()}"


def test_cli_esf_json_suppressed_by_default(fx: fixture60.Fixture) -> None:
    before = AuditEvent.objects.filter(action=AuditAction.EXPORT).count()
    result = CliRunner().invoke(
        report,
        [
            "esf",
            "--organisation",
            str(fx.organisation.pk),
            "--period",
            _period(),
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["suppressed"] is True
    entry = next(t for t in data["tables"] if t["id"] == "entry")
    rows = {r["id"]: r for r in entry["rows"]}
    assert rows["age_below_18"]["cells"]["total"]["value"] == "small"
    assert rows["unemployed"]["cells"]["total"]["value"] == 30
    event = AuditEvent.objects.filter(action=AuditAction.EXPORT).latest("id")
    assert event.actor is None and event.organisation_id == fx.organisation.pk
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT).count() == before + 1


def test_cli_outcomes_exact_csv_to_file(fx: fixture60.Fixture, tmp_path: Path) -> None:
    out = tmp_path / "outcomes.csv"
    result = CliRunner().invoke(
        report,
        [
            "outcomes",
            "--organisation",
            str(fx.organisation.pk),
            "--period",
            _period(),
            "--format",
            "csv",
            "--exact",
            "--output",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    values = {(r["table"], r["row"]): r["value"] for r in rows}
    assert values[("paths", "other_service")] == "4"
    assert values[("headline", "found")] == "34"


def test_cli_table_marks_unverified_codes(fx: fixture60.Fixture) -> None:
    result = CliRunner().invoke(
        report, ["esf", "--organisation", str(fx.organisation.pk), "--period", _period()]
    )
    assert result.exit_code == 0, result.output
    assert "EECO03" in result.output and "< 5" in result.output
    line = next(x for x in result.output.splitlines() if "EECO03" in x)
    assert "*" in line
    line = next(x for x in result.output.splitlines() if x.startswith("EECO02"))
    assert "*" not in line
    assert "< 5 = fewer than 5 people; – = hidden" in result.output  # the legend of the marks


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (["--period", "2026-06-30..2026-01-01"], "--period"),
        (["--period", "2026-13-01..2026-12-31"], "--period"),
        (["--period", "2026-01-01"], "--period"),
    ],
)
def test_cli_bad_period(fx: fixture60.Fixture, tmp_path: Path, args: list[str], hint: str) -> None:
    out = tmp_path / "x.csv"
    result = CliRunner().invoke(
        report,
        ["esf", "--organisation", str(fx.organisation.pk), "--output", str(out), *args],
    )
    assert result.exit_code == 2
    assert hint in result.output
    assert not out.exists()


def test_cli_unknown_organisation(db: None, tmp_path: Path) -> None:
    out = tmp_path / "x.json"
    result = CliRunner().invoke(
        report,
        [
            "outcomes",
            "--organisation",
            "999999",
            "--period",
            "2026-01-01..2026-06-30",
            "--output",
            str(out),
        ],
    )
    assert result.exit_code == 2
    assert "no organisation 999999" in result.output
    assert not out.exists()


def test_api_always_suppressed(fx: fixture60.Fixture, api_client_for) -> None:  # type: ignore[no-untyped-def]
    start, end = fixture60.period_start().isoformat(), fixture60.period_end().isoformat()
    for user in (fx.coordinator, fx.analyst):
        response = api_client_for(user).get(
            "/api/v1/reports/outcomes/",
            {"organisation": fx.organisation.pk, "start": start, "end": end},
        )
        assert response.status_code == 200, response.content
        data = response.json()
        assert data["suppressed"] is True
        paths = next(t for t in data["tables"] if t["id"] == "paths")
        other = next(r for r in paths["rows"] if r["id"] == "other_service")
        assert other["cells"]["people"]["value"] == "small"
    response = api_client_for(fx.analyst).get(
        "/api/v1/reports/esf/", {"organisation": fx.organisation.pk, "start": start, "end": end}
    )
    assert response.status_code == 200
    assert response.json()["report"] == "esf"


def test_api_errors(fx: fixture60.Fixture, api_client_for) -> None:  # type: ignore[no-untyped-def]
    client = api_client_for(fx.analyst)
    response = client.get(
        "/api/v1/reports/esf/",
        {"organisation": fx.organisation.pk, "start": "2026-06-30", "end": "2026-01-01"},
        HTTP_ACCEPT_LANGUAGE="fi",
    )
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    assert "ennen" in response.json()["detail"]
    for user in (fx.coach1,):
        response = api_client_for(user).get(
            "/api/v1/reports/esf/",
            {"organisation": fx.organisation.pk, "start": "2026-01-01", "end": "2026-06-30"},
        )
        assert response.status_code == 404
    response = client.get(
        "/api/v1/reports/esf/", {"organisation": 999999, "start": "2026-01-01", "end": "2026-06-30"}
    )
    assert response.status_code == 404


def _funded(fx: fixture60.Fixture) -> list[object]:
    """Two projects of one funder with 8 people (3 of them in both) and one of another."""
    from kohtaanto.insights import services
    from kohtaanto.people.models import Participant

    start = fixture60.period_start()
    people = list(Participant.objects.filter(organisation=fx.organisation).order_by("pk")[:8])
    first, second = (
        services.create_project(
            fx.coordinator, fx.organisation, name=name, starts=start, funder="ESR+"
        )
        for name in ("A", "B")
    )
    services.create_project(fx.coordinator, fx.organisation, name="C", starts=start, funder="X")
    for person in people[:5]:
        services.enrol(fx.coordinator, first, person, entered=start)
    for person in people[2:]:
        services.enrol(fx.coordinator, second, person, entered=start)
    return people


def test_cli_and_api_report_a_funders_projects(fx: fixture60.Fixture, api_client_for) -> None:  # type: ignore[no-untyped-def]
    people = _funded(fx)
    args = ["--organisation", str(fx.organisation.pk), "--period", _period(), "--exact"]
    result = CliRunner().invoke(report, ["esf", *args, "--funder", "ESR+", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["funder"] == "ESR+"
    entry = next(t for t in data["tables"] if t["id"] == "entry")
    total = next(r for r in entry["rows"] if r["id"] == "total_participants")
    assert total["cells"]["total"]["value"] == len(people)  # each person once
    unknown = CliRunner().invoke(report, ["esf", *args, "--funder", "Muu"])
    assert unknown.exit_code == 2 and "--funder" in unknown.output
    start, end = fixture60.period_start().isoformat(), fixture60.period_end().isoformat()
    client = api_client_for(fx.analyst)
    query = {"organisation": fx.organisation.pk, "start": start, "end": end}
    response = client.get("/api/v1/reports/esf/", {**query, "funder": "ESR+"})
    assert response.status_code == 200, response.content
    assert response.json()["funder"] == "ESR+" and response.json()["suppressed"] is True
    assert client.get("/api/v1/reports/esf/", {**query, "funder": "Muu"}).status_code == 404

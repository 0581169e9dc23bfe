"""Parsers (JobPosting JSON-LD: object, @graph, JSON lines; CSV with a mapping) and the import:
line numbers and reasons for bad rows, all or nothing, valid rows only, re-import updates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import translation

from kohtaanto.core.enums import OrganisationKind
from kohtaanto.core.models import Organisation
from kohtaanto.opportunities.enums import OpportunityKind, OpportunityStatus, SkillImportance
from kohtaanto.opportunities.importers import ImportFileError, parse_opportunities
from kohtaanto.opportunities.importers.apply import import_courses, import_opportunities
from kohtaanto.opportunities.importers.csv_courses import parse_courses_csv
from kohtaanto.opportunities.importers.csv_opportunities import parse_csv
from kohtaanto.opportunities.importers.jsonld import parse_jsonld
from kohtaanto.opportunities.importers.tabular import load_mapping
from kohtaanto.opportunities.models import Course, ImportRun, Opportunity

from .conftest import CUSTOMER_SERVICE, FORKLIFT, PICKING

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Reasons are translated; these tests read the English ones."""
    with translation.override("en"):
        yield


WAREHOUSE_WORKER = "http://data.europa.eu/esco/occupation/bea705fe-06ac-4147-b8e0-6e8ac1208d8f"


def read(name: str) -> bytes:
    return (DATA / name).read_bytes()


# --- parsers (no database) --------------------------------------------------------------------


def test_single_jobposting_maps_every_field() -> None:
    result = parse_jsonld(read("jobposting_single.jsonld"))
    assert result.errors == []
    [row] = result.rows
    assert row.line == 1 and row.external_id == "KAU-2025-017"
    assert row.fields["title"] == "Varastotyöntekijä"
    assert (
        row.fields["description"] == "Työssä kerätään tilauksia ja ajetaan trukilla.\nKaksivuorotyö"
    )
    assert row.fields["municipality_code"] == "092"
    assert row.fields["hours_per_week"] == Decimal("37.5")
    assert row.fields["start_date"] == dt.date(2025, 4, 1)
    assert row.fields["status"] == OpportunityStatus.OPEN
    assert row.fields["physical_demands"] == ["heavy_lifting"]
    assert row.fields["occupation_uri"] == WAREHOUSE_WORKER
    assert row.employer is not None and row.employer.business_id == "2679126-9"
    assert row.required_skills == (PICKING, FORKLIFT)
    assert row.nice_to_have_skills == (CUSTOMER_SERVICE,)


def test_graph_skips_other_nodes_and_reports_lines() -> None:
    result = parse_jsonld(read("jobposting_graph.jsonld"))
    assert [r.external_id for r in result.rows] == [
        "https://rekry.demo.kohtaanto.invalid/jobs/101",
        "https://rekry.demo.kohtaanto.invalid/jobs/102",
    ]
    assert result.rows[0].line == 5
    assert result.rows[0].fields["municipality_code"] == "091"  # Helsingfors
    assert result.rows[1].fields["kind"] == OpportunityKind.VOLUNTEERING
    assert result.rows[1].fields["remote"] == "remote"
    [error] = result.errors
    assert error.line == 23 and "Atlantis" in error.reason


def test_array_of_postings_has_item_lines() -> None:
    text = (
        '[\n  {"@type": "JobPosting", "identifier": "a", "title": "A"},\n'
        '  {"@type": "Product", "name": "x"},\n'
        '  {"@type": "JobPosting", "identifier": "b", "title": "B"}\n]'
    )
    result = parse_jsonld(text)
    assert [(r.line, r.external_id) for r in result.rows] == [(2, "a"), (4, "b")]
    assert [(e.line, e.reason) for e in result.errors] == [(3, "The item is not a JobPosting.")]


def test_json_lines_feed_reports_bad_lines_and_continues() -> None:
    result = parse_jsonld(read("jobpostings.jsonl"))
    assert [r.external_id for r in result.rows] == ["F-1", "F-2", "F-4"]
    assert [r.line for r in result.rows] == [1, 2, 5]
    assert [e.line for e in result.errors] == [4]


@pytest.mark.parametrize(
    ("text", "line"),
    [("", 1), ("{\n\n  broken", 3), ("42", 1), ('"just a string"', 1), (b"\xff\xfe{}", 1)],
)
def test_unreadable_jsonld_raises_file_error_with_line(text: str | bytes, line: int) -> None:
    with pytest.raises(ImportFileError) as info:
        parse_jsonld(text)
    assert info.value.line == line


def test_csv_with_mapping_file() -> None:
    mapping = load_mapping(DATA / "mapping.json")
    result = parse_csv(read("opportunities.csv"), mapping)
    assert [r.external_id for r in result.rows] == ["R-1", "R-2"]
    first = result.rows[0]
    assert (
        first.line == 2
        and first.fields["description"] == "Työmaan siivousta ja\ntavaroiden siirtoa"
    )
    assert first.fields["start_date"] == dt.date(2025, 4, 1)
    assert first.fields["hours_per_week"] == Decimal("37.5")
    assert result.rows[1].line == 4  # the quoted cell of R-1 spans two lines
    assert result.rows[1].fields["kind"] == OpportunityKind.WORK_TRIAL
    assert [(e.line, e.external_id) for e in result.errors] == [(5, "R-3"), (6, "R-4"), (7, "R-5")]
    assert "fi:B1" in result.errors[0].reason
    assert "title" in result.errors[1].reason
    assert "32.13.2025" in result.errors[2].reason


def test_csv_mapping_options_and_missing_columns() -> None:
    text = "id;name\nx;Siivooja\n"
    result = parse_csv(text, load_mapping(None, ["external_id=id", "title=name"]))
    assert result.rows[0].fields["title"] == "Siivooja"
    with pytest.raises(ImportFileError) as info:
        parse_csv(text)
    assert info.value.line == 1 and "external_id" in info.value.reason
    with pytest.raises(ImportFileError):
        parse_csv(text, {"external_id": "id", "title": "Otsikko"})
    with pytest.raises(ImportFileError):
        load_mapping(None, ["no-equals-sign"])
    with pytest.raises(ImportFileError):
        parse_csv(text, {"salary": "id"})


@pytest.mark.django_db  # DigComp codes come from the taxonomy in use (vocabularies.provider)
def test_courses_csv() -> None:
    result = parse_courses_csv(read("courses.csv"))
    assert [r.external_id for r in result.rows] == ["C-1", "C-2"]
    first, second = result.rows
    assert first.fields["cost_eur"] == Decimal("60.00") and first.fields["format"] == "classroom"
    assert second.fields["open_material"] is True and len(second.skills) == 2
    assert [e.line for e in result.errors] == [4, 5]


def test_unknown_format() -> None:
    with pytest.raises(ImportFileError):
        parse_opportunities("x", "xml")


# --- import into the database -------------------------------------------------------------------

pytestmark_db = pytest.mark.django_db


@pytestmark_db
def test_jsonld_import_creates_employer_and_skills(personas) -> None:
    report = import_opportunities(
        parse_jsonld(read("jobposting_single.jsonld")),
        organisation=personas.organisation,
        by=personas.coordinator,
        file_format="jsonld",
    )
    assert report.applied and report.created == 1 and report.errors == []
    opportunity = Opportunity.objects.get()
    assert opportunity.source == "jsonld" and opportunity.region_code == "01"
    assert opportunity.employer is not None
    assert opportunity.employer.business_id == "2679126-9"
    assert opportunity.employer.kind == OrganisationKind.EMPLOYER
    assert opportunity.employer.employer_profile.service_organisation == personas.organisation
    assert opportunity.required_skill_uris() == {PICKING, FORKLIFT}
    assert opportunity.nice_to_have_skill_uris() == {CUSTOMER_SERVICE}
    assert ImportRun.objects.get().created_count == 1


@pytestmark_db
def test_reimport_updates_instead_of_duplicating(personas) -> None:
    parsed = parse_jsonld(read("jobposting_single.jsonld"))
    import_opportunities(parsed, organisation=personas.organisation, file_format="jsonld")
    changed = read("jobposting_single.jsonld").replace(
        b'"title": "Varastoty\xc3\xb6ntekij\xc3\xa4"', b'"title": "Varastomies"'
    )
    report = import_opportunities(
        parse_jsonld(changed), organisation=personas.organisation, file_format="jsonld"
    )
    assert (report.created, report.updated) == (0, 1)
    assert Opportunity.objects.get().title == "Varastomies"
    assert Organisation.objects.filter(business_id="2679126-9").count() == 1


@pytestmark_db
def test_reimport_keeps_skills_confirmed_by_hand(personas) -> None:
    from kohtaanto.opportunities.services import SkillDecision, set_skills

    import_opportunities(
        parse_jsonld(read("jobposting_single.jsonld")),
        organisation=personas.organisation,
        file_format="jsonld",
    )
    opportunity = Opportunity.objects.get()
    cleaning = "http://data.europa.eu/esco/skill/4f1b6304-f54a-42f0-9604-5427a28d240f"
    set_skills(opportunity, [SkillDecision(cleaning, SkillImportance.NICE_TO_HAVE)])
    import_opportunities(
        parse_jsonld(read("jobposting_single.jsonld")),
        organisation=personas.organisation,
        file_format="jsonld",
    )
    assert cleaning in opportunity.nice_to_have_skill_uris()


@pytestmark_db
def test_reimport_drops_stale_imported_skills_through_the_service(personas, monkeypatch) -> None:
    """A skill the feed no longer lists goes away through `services.set_skills` (the one write
    path, audited), not by a delete behind the service's back; skills decided by hand stay."""
    from kohtaanto.opportunities import services

    import_opportunities(
        parse_jsonld(read("jobposting_single.jsonld")),
        organisation=personas.organisation,
        by=personas.coordinator,
        file_format="jsonld",
    )
    opportunity = Opportunity.objects.get()
    assert FORKLIFT in opportunity.required_skill_uris()
    without_forklift = read("jobposting_single.jsonld").replace(
        b',\n    "' + FORKLIFT.encode() + b'"', b""
    )
    assert without_forklift != read("jobposting_single.jsonld")
    calls = []
    real = services.set_skills

    def spy(*args, **kwargs):
        calls.append(kwargs.get("replace_source"))
        return real(*args, **kwargs)

    monkeypatch.setattr(services, "set_skills", spy)
    import_opportunities(
        parse_jsonld(without_forklift),
        organisation=personas.organisation,
        by=personas.coordinator,
        file_format="jsonld",
    )
    assert calls == ["imported"]
    assert FORKLIFT not in opportunity.required_skill_uris()
    assert PICKING in opportunity.required_skill_uris()


@pytestmark_db
def test_all_or_nothing_by_default(personas) -> None:
    parsed = parse_csv(read("opportunities.csv"), load_mapping(DATA / "mapping.json"))
    report = import_opportunities(parsed, organisation=personas.organisation, file_format="csv")
    assert not report.applied
    assert (report.created, report.updated) == (0, 0)
    assert [e.line for e in report.errors] == [5, 6, 7]
    assert not Opportunity.objects.exists()
    assert not Organisation.objects.filter(name="Rakennus Harjula Oy").exists()
    assert not ImportRun.objects.exists()


@pytestmark_db
def test_valid_only_imports_the_good_rows(personas) -> None:
    parsed = parse_csv(read("opportunities.csv"), load_mapping(DATA / "mapping.json"))
    report = import_opportunities(
        parsed, organisation=personas.organisation, valid_only=True, file_format="csv"
    )
    assert report.applied and report.created == 2 and len(report.errors) == 3
    assert sorted(Opportunity.objects.values_list("external_id", flat=True)) == ["R-1", "R-2"]
    # Both rows name the same employer: one organisation.
    assert Organisation.objects.filter(business_id="3123826-5").count() == 1


@pytestmark_db
def test_row_errors_from_services_and_database(personas) -> None:
    text = (
        "external_id,title,required_skills,employer,employer_business_id,start_date,end_date\n"
        "a,OK,,,,,\n"
        "b,Bad skill,http://example.com/nope,,,,\n"
        "c,Bad Y-tunnus,,Väärä Oy,1234567-8,,\n"
        "d,Ends before start,,,,2025-05-01,2025-04-01\n"
        "a,Duplicate id,,,,,\n"
    )
    report = import_opportunities(
        parse_csv(text), organisation=personas.organisation, valid_only=True
    )
    reasons = {e.line: e.reason for e in report.errors}
    assert set(reasons) == {3, 4, 5, 6}
    assert "http://example.com/nope" in reasons[3]
    assert "1234567-8" in reasons[4]
    assert "line 2" in reasons[6]
    assert list(Opportunity.objects.values_list("external_id", flat=True)) == ["a"]


@pytestmark_db
def test_dry_run_writes_nothing_and_progress_is_reported(personas) -> None:
    seen: list[tuple[int, int]] = []
    report = import_opportunities(
        parse_jsonld(read("jobposting_graph.jsonld")),
        organisation=personas.organisation,
        dry_run=True,
        valid_only=True,
        progress=lambda done, total: seen.append((done, total)),
    )
    assert report.dry_run and not report.applied and report.created == 2
    assert seen == [(1, 2), (2, 2)]
    assert not Opportunity.objects.exists()


@pytestmark_db
def test_course_import_and_reimport(personas) -> None:
    report = import_courses(
        parse_courses_csv(read("courses.csv")), organisation=None, valid_only=True
    )
    assert report.created == 2 and len(report.errors) == 2
    digital = Course.objects.get(external_id="C-2")
    assert {s.framework for s in digital.skills.all()} == {"digcomp"}
    again = import_courses(
        parse_courses_csv(read("courses.csv")), organisation=None, valid_only=True
    )
    assert (again.created, again.updated) == (0, 2)
    assert Course.objects.count() == 2

"""Import hardening (issue 18, probe 4): a dry run that checks without writing gives the
same report as the import itself; strict CSV; every truncation reported; size limits."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.utils import translation

from kohtaanto.opportunities.importers import ImportFileError
from kohtaanto.opportunities.importers.apply import import_opportunities
from kohtaanto.opportunities.importers.csv_opportunities import parse_csv
from kohtaanto.opportunities.importers.jsonld import parse_jsonld
from kohtaanto.opportunities.models import Opportunity
from kohtaanto.opportunities.tests.conftest import FORKLIFT

pytestmark = pytest.mark.django_db

MIXED = (
    "external_id,title,required_skills,employer,employer_business_id,start_date,end_date,"
    "municipality\n"
    "a,OK,,,,,,Helsinki\n"
    f"b,With a skill,{FORKLIFT},Konepaja Virtanen Oy,1572860-0,1.9.2026,,Helsingfors\n"
    "c,Bad skill,http://example.com/nope,,,,,\n"
    "d,Bad Y-tunnus,,Väärä Oy,1234567-8,,,\n"
    "e,Ends before start,,,,2025-05-01,2025-04-01,\n"
    "a,Duplicate id,,,,,,\n"
    f"f,New employer,{FORKLIFT},Uusi Firma Oy,,,,091\n"
    "g,Again the new employer,,Uusi Firma Oy,,,,\n"
)


def _summary(report):
    return report.created, report.updated, [(e.line, e.reason) for e in report.errors]


@pytest.mark.parametrize("valid_only", [False, True])
def test_a_dry_run_reports_what_the_import_does(personas, valid_only) -> None:
    with translation.override("en"):
        dry = import_opportunities(
            parse_csv(MIXED), organisation=personas.organisation, dry_run=True, valid_only=True
        )
        assert not Opportunity.objects.exists()
        real = import_opportunities(
            parse_csv(MIXED), organisation=personas.organisation, valid_only=valid_only
        )
    if valid_only:
        assert _summary(dry) == _summary(real)
        assert (dry.created, dry.updated) == (4, 0)
    else:
        assert not real.applied and [e.line for e in dry.errors] == [e.line for e in real.errors]


def test_a_dry_run_after_an_import_counts_updates(personas) -> None:
    import_opportunities(parse_csv(MIXED), organisation=personas.organisation, valid_only=True)
    again = import_opportunities(
        parse_csv(MIXED), organisation=personas.organisation, dry_run=True, valid_only=True
    )
    assert (again.created, again.updated) == (0, 4)


# --- strict CSV -------------------------------------------------------------------------------


def _cli(*args: str, env: dict[str, str] | None = None):
    from click.testing import CliRunner

    from kohtaanto.cli.main import cli

    return CliRunner().invoke(cli, ["opportunities", *args], env=env)


def _file(tmp_path, text: str | bytes, name: str = "jobs.csv"):
    path = tmp_path / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


def test_an_unclosed_quote_fails_the_file_naming_row_and_column(personas, tmp_path) -> None:
    text = (
        "external_id,title,description\n"
        "1,Siivooja,Siistiä työtä\n"
        '2,Kokki,"Ruoanlaittoa ja\n'
        "3,Myyjä,Kassatyötä\n"
        "4,Hitsaaja,Hitsausta\n"
    )
    with translation.override("en"), pytest.raises(ImportFileError) as raised:
        parse_csv(text)
    assert raised.value.line == 3
    assert "3 (description)" in raised.value.reason and "not closed" in raised.value.reason
    args = ["import", str(_file(tmp_path, text)), "--format", "csv"]
    result = _cli(*args, "--organisation", str(personas.organisation.pk), "--lang", "en")
    assert result.exit_code == 2
    assert "line 3: Column 3 (description): a quoted cell is not closed" in result.output
    assert not Opportunity.objects.exists()


def test_text_after_a_closing_quote_is_an_error(tmp_path) -> None:
    with translation.override("en"), pytest.raises(ImportFileError) as raised:
        parse_csv('external_id,title\n1,"Kokki"x\n')
    assert raised.value.line == 2 and "2 (title)" in raised.value.reason


@pytest.mark.parametrize(
    ("row", "column"), [("1,Kokki", "3 (description)"), ("1,Kokki,Ruokaa,extra", "4")]
)
def test_a_wrong_number_of_cells_is_a_row_error_naming_the_column(row, column) -> None:
    with translation.override("en"):
        parsed = parse_csv(f"external_id,title,description\n{row}\n2,Myyjä,Kassa\n")
    assert [e.line for e in parsed.errors] == [2] and len(parsed.rows) == 1
    assert f"column {column}" in parsed.errors[0].reason


def test_a_one_megabyte_cell_fails_with_a_translated_message(personas, tmp_path) -> None:
    text = "external_id,title,description\n1,Kokki,Lyhyt\n2,Myyjä," + "x" * 1_000_000 + "\n"
    path = _file(tmp_path, text)
    args = ["import", str(path), "--format", "csv", "--organisation", str(personas.organisation.pk)]
    result = _cli(*args, "--lang", "fi")
    assert result.exit_code == 2
    assert "rivi 3" in result.output and "3 (description)" in result.output
    assert "100 000" in result.output and "field larger" not in result.output
    assert not Opportunity.objects.exists()


def test_the_cell_limit_is_configurable(monkeypatch) -> None:
    monkeypatch.setenv("KOHTAANTO_IMPORT_MAX_CELL", "50")
    with translation.override("en"), pytest.raises(ImportFileError) as raised:
        parse_csv("external_id,title,description\n1,Kokki," + "y" * 60 + "\n")
    assert raised.value.line == 2 and "longer than 50 characters" in raised.value.reason


def test_a_low_cell_limit_leaves_other_csv_readers_alone(monkeypatch) -> None:
    """The csv module's field limit is shared by the whole process: an import with a low cell
    limit must not lower it for the next reader (the vocabulary files, other imports)."""
    before = csv.field_size_limit()
    monkeypatch.setenv("KOHTAANTO_IMPORT_MAX_CELL", "50")
    with pytest.raises(ImportFileError):
        parse_csv("external_id,title,description\n1,Kokki," + "y" * 60 + "\n")
    parsed = parse_csv("external_id,title,description\n1,Kokki,Lyhyt\n")
    assert len(parsed.rows) == 1 and not parsed.errors
    assert csv.field_size_limit() == before
    row = next(csv.reader(io.StringIO("a," + "z" * 5_000 + "\n")))
    assert len(row[1]) == 5_000


def test_a_long_header_cell_fails_with_the_cell_message(monkeypatch) -> None:
    monkeypatch.setenv("KOHTAANTO_IMPORT_MAX_CELL", "50")
    with translation.override("en"), pytest.raises(ImportFileError) as raised:
        parse_csv("external_id,title," + "h" * 60 + "\n1,Kokki,Lyhyt\n")
    assert raised.value.line == 1 and "longer than 50 characters" in raised.value.reason


def test_the_cli_refuses_a_too_big_file_before_reading_it(personas, tmp_path) -> None:
    path = _file(tmp_path, b"external_id,title\n" + b"1,Kokki\n" * 300_000)  # 2.4 MB
    args = ["import", str(path), "--format", "csv", "--organisation", str(personas.organisation.pk)]
    result = _cli(*args, "--lang", "en", "--dry-run", env={"KOHTAANTO_IMPORT_MAX_MB": "1"})
    assert result.exit_code == 2
    assert "the limit is 1 MB (KOHTAANTO_IMPORT_MAX_MB)" in result.output
    bad = _cli(*args, env={"KOHTAANTO_IMPORT_MAX_MB": "many"})
    assert bad.exit_code == 2 and "KOHTAANTO_IMPORT_MAX_MB" in bad.output


# --- every cut reported ------------------------------------------------------------------------


def test_a_one_megabyte_jsonld_description_is_cut_with_a_word(personas, tmp_path) -> None:
    posting = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "identifier": "J-1",
        "title": "Kokki",
        "description": "Ruoanlaittoa. " * 80_000,
    }
    path = _file(tmp_path, json.dumps(posting), "jobs.jsonld")
    with translation.override("en"):
        parsed = parse_jsonld(path.read_bytes())
    assert len(parsed.rows[0].fields["description"]) == 20_000
    [warning] = parsed.warnings
    assert warning.line == 1 and warning.external_id == "J-1"
    assert "description was cut to 20 000 characters" in warning.reason
    args = ["import", str(path), "--format", "jsonld", "--organisation"]
    result = _cli(*args, str(personas.organisation.pk), "--lang", "fi", "--dry-run", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["warnings"][0]["line"] == 1
    assert "description" in report["warnings"][0]["reason"]
    assert "lyhennettiin" in report["warnings"][0]["reason"]  # in Finnish
    plain = _cli(*args, str(personas.organisation.pk), "--lang", "en", "--dry-run")
    assert "line 1 [J-1]: description was cut to 20 000 characters" in plain.output


def test_a_cut_title_in_csv_is_reported_and_imported(personas) -> None:
    with translation.override("en"):
        parsed = parse_csv("external_id,title\n1," + "T" * 250 + "\n")
        report = import_opportunities(parsed, organisation=personas.organisation)
    assert report.applied and report.created == 1
    assert [w.line for w in report.warnings] == [2]
    assert "title was cut to 200 characters (it had 250)" in report.warnings[0].reason
    assert report.as_dict()["warnings"][0]["line"] == 2


def test_the_import_page_lists_cut_values(coordinator_client, personas) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    csv_text = "external_id,title\nT-1," + "T" * 250 + "\n"
    with translation.override("en"):
        response = coordinator_client.post(
            reverse("opportunities:import"),
            {
                "action": "check",
                "organisation": personas.organisation.pk,
                "target": "opportunities",
                "file_format": "csv",
                "file": SimpleUploadedFile("o.csv", csv_text.encode()),
            },
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Values cut to their limit" in html or "Enimmäispituuteensa" in html
    assert "T-1" in html and ("250" in html)


COURSES = (
    "external_id,title,provider,url,hours,language,skills\n"
    f"k1,Trukkikortti,Koulutus Oy,https://example.fi/trukki,8,fi,{FORKLIFT}\n"
    "k2,Excel alkeet,,,12,fi,\n"
    "k3,Bad skill,,,4,fi,http://example.com/nope\n"
    "k1,Duplicate id,,,2,fi,\n"
    "k4,Language not known,,,3,xx,\n"
)


def _course_summary(report):
    return report.created, report.updated, [(e.line, e.reason) for e in report.errors]


@pytest.mark.parametrize("organisation", ["shared", "own"])
def test_a_course_dry_run_checks_without_writing_and_reports_what_the_import_does(
    personas, organisation
) -> None:
    """A course dry run goes through the same checks as the import (no savepoint per row, no
    write): the same counts and the same errors, before and after a first import."""
    from kohtaanto.opportunities.importers.apply import import_courses
    from kohtaanto.opportunities.importers.csv_courses import parse_courses_csv
    from kohtaanto.opportunities.models import Course

    owner = None if organisation == "shared" else personas.organisation
    with translation.override("en"):
        dry = import_courses(
            parse_courses_csv(COURSES), organisation=owner, dry_run=True, valid_only=True
        )
        assert not Course.objects.exists()
        real = import_courses(parse_courses_csv(COURSES), organisation=owner, valid_only=True)
        assert _course_summary(dry) == _course_summary(real)
        assert real.created >= 2 and real.errors
        again = import_courses(
            parse_courses_csv(COURSES), organisation=owner, dry_run=True, valid_only=True
        )
        assert not again.applied
        assert (again.created, again.updated) == (0, real.created)
        assert [e.line for e in again.errors] == [e.line for e in real.errors]
    assert Course.objects.count() == real.created

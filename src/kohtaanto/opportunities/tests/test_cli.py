"""`kohtaanto opportunities import` and `import-courses` through the real console group."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kohtaanto.cli.main import cli
from kohtaanto.opportunities.models import Course, ImportJob, Opportunity

DATA = Path(__file__).parent / "data"
pytestmark = pytest.mark.django_db


def run(*args: str) -> object:
    return CliRunner().invoke(cli, ["opportunities", *args])


def test_help_lists_the_group() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert "opportunities" in result.output
    result = run("import", "--help")
    assert "--valid-only" in result.output and "--mapping" in result.output


def test_csv_all_or_nothing_then_valid_only(personas) -> None:
    args = (
        "import",
        str(DATA / "opportunities.csv"),
        "--format",
        "csv",
        "--mapping",
        str(DATA / "mapping.json"),
        "--organisation",
        str(personas.organisation.pk),
    )
    refused = run(*args)
    assert refused.exit_code == 2
    assert "line 5 [R-3]" in refused.output and "line 7 [R-5]" in refused.output
    assert "nothing imported" in refused.output
    assert not Opportunity.objects.exists()

    dry = run(*args, "--valid-only", "--dry-run", "--json")
    assert dry.exit_code == 0
    report = json.loads(dry.stdout)
    assert report["created"] == 2 and report["dry_run"] and not report["applied"]
    assert not Opportunity.objects.exists()

    done = run(*args, "--valid-only")
    assert done.exit_code == 0, done.output
    assert "2 new, 0 updated, 3 with errors; imported" in done.output
    # One imported job came without skills: the queue recognises it, and it waits for a review.
    assert "Recognising the skills of 1 imported job in the background" in done.output
    job = ImportJob.objects.get(kind=ImportJob.Kind.SKILLS)
    assert job.total == 1 and job.organisation_id == personas.organisation.pk
    without_skills = [o.pk for o in Opportunity.objects.order_by("pk") if not o.skills.exists()]
    assert job.meta["opportunities"] == without_skills and job.status == "queued"
    again = run(*args, "--valid-only")
    assert "0 new, 2 updated" in again.output
    assert Opportunity.objects.count() == 2


def test_jsonld_import_with_map_option(personas) -> None:
    result = run(
        "import",
        str(DATA / "jobposting_single.jsonld"),
        "--format",
        "jsonld",
        "--organisation",
        str(personas.organisation.pk),
    )
    assert result.exit_code == 0, result.output
    assert Opportunity.objects.get().external_id == "KAU-2025-017"


def test_unreadable_file_and_unknown_organisation(personas, tmp_path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{\n  "@type": \n')
    result = run(
        "import", str(broken), "--format", "jsonld", "--organisation", str(personas.organisation.pk)
    )
    assert result.exit_code == 2 and "line 3" in result.output
    missing = run("import", str(broken), "--format", "jsonld", "--organisation", "999999")
    assert missing.exit_code == 3
    employer = run(
        "import",
        str(broken),
        "--format",
        "jsonld",
        "--organisation",
        str(personas.employer_organisation.pk),
    )
    assert employer.exit_code == 3


def test_import_courses(personas) -> None:
    result = run("import-courses", str(DATA / "courses.csv"), "--valid-only")
    assert result.exit_code == 0, result.output
    assert "line 4 [C-3]" in result.output and "line 5 [C-4]" in result.output
    assert Course.objects.filter(organisation=None).count() == 2
    own = run(
        "import-courses",
        str(DATA / "courses.csv"),
        "--valid-only",
        "--organisation",
        str(personas.organisation.pk),
    )
    assert own.exit_code == 0
    assert Course.objects.filter(organisation=personas.organisation).count() == 2

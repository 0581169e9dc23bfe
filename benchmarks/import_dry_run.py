"""`kohtaanto bench import`: a dry run of an opportunity CSV of `--rows` (10,000) rows.

The file is what a job board's export looks like (fictional, deterministic with `--seed`):
external id, title, a description of a few sentences, kind, municipality (a name), languages,
hours, start date, an employer of 200 with a Y-tunnus, and required skills (1–3 concept URIs of
the configured vocabulary). It goes through the product's own path, as `kohtaanto
opportunities import FILE --format csv --dry-run` runs it: `parse_opportunities` (strict CSV,
every cell converted) and `apply.import_opportunities(..., dry_run=True)` (every row written
through the services in savepoints, then rolled back).

Baselines in the same run: reading the CSV alone with the standard library (`csv.reader`, the
floor for any parser) and our parser alone (no database). Each stage runs `--repeat` times;
the JSON gives the median and every run's seconds. Target (issue 18): the dry run of 10,000
rows within 5 s.
"""

from __future__ import annotations

import csv
import io
import json
import random
import statistics
import time
from collections.abc import Callable
from contextlib import ExitStack
from typing import Any

import click

from benchmarks.caseload import setup_database

TITLES = ["Varastotyöntekijä", "Siivooja", "Kokki", "Myyjä", "Lähihoitaja", "Hitsaaja"]
SENTENCES = [
    "Työhön kuuluu tavaroiden vastaanottoa, keräilyä ja pakkaamista.",
    "Edellytämme hygieniapassia ja hyvää asiakaspalveluasennetta.",
    "Trukkikortti on eduksi.",
    "Toivomme kokemusta kassatyöstä tai myynnistä.",
    "Tarjoamme perehdytyksen ja mukavan työyhteisön.",
    "Työ on vuorotyötä ja sisältää myös viikonloppuja.",
]
MUNICIPALITIES = ["Helsinki", "Espoo", "Vantaa", "Tampere", "Turku", "Hämeenlinna", "Oulu"]
HEADER = [
    "external_id",
    "title",
    "description",
    "kind",
    "municipality",
    "languages",
    "hours_per_week",
    "start_date",
    "employer",
    "employer_business_id",
    "required_skills",
]


def business_id(number: int) -> str:
    """A valid Finnish Y-tunnus (check digit by the official weights)."""
    digits = f"{number:07d}"
    weights = (7, 9, 10, 5, 8, 4, 2)
    remainder = sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
    if remainder == 1:
        return business_id(number + 1)
    check = 0 if remainder == 0 else 11 - remainder
    return f"{digits}-{check}"


def rows_csv(rows: int, skills: list[str], seed: int = 18) -> bytes:
    rng = random.Random(seed)
    employers = [(f"Yritys {n} Oy", business_id(1_000_000 + n * 37)) for n in range(200)]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for n in range(rows):
        employer, y_tunnus = rng.choice(employers)
        writer.writerow(
            [
                f"J{n:06d}",
                rng.choice(TITLES),
                " ".join(rng.sample(SENTENCES, 3)),
                "job",
                rng.choice(MUNICIPALITIES),
                "fi:B1; en:A2",
                "37,5",
                "1.9.2026",
                employer,
                y_tunnus,
                "; ".join(rng.sample(skills, min(len(skills), rng.randint(1, 3))))
                if skills
                else "",
            ]
        )
    return out.getvalue().encode("utf-8")


COURSE_HEADER = ("external_id", "title", "provider", "description", "language", "hours", "skills")


def course_rows_csv(rows: int, skills: list[str], seed: int = 18) -> bytes:
    """A course catalogue export: id, title, provider, a description, language, hours and
    1–3 skill URIs (deterministic with `seed`)."""
    rng = random.Random(seed)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COURSE_HEADER)
    for n in range(rows):
        writer.writerow(
            [
                f"C{n:06d}",
                f"{rng.choice(TITLES)}: kurssi {n % 97 + 1}",
                f"Oppilaitos {n % 40 + 1}",
                " ".join(rng.sample(SENTENCES, 2)),
                "fi",
                str(rng.choice((4, 8, 16, 24, 40, 80))),
                "; ".join(rng.sample(skills, min(len(skills), rng.randint(1, 3))))
                if skills
                else "",
            ]
        )
    return out.getvalue().encode("utf-8")


def _runs(function: Callable[[], Any], repeat: int) -> tuple[Any, list[float]]:
    seconds = []
    value = None
    for _ in range(repeat):
        start = time.perf_counter()
        value = function()
        seconds.append(round(time.perf_counter() - start, 4))
    return value, seconds


def _stage(seconds: list[float], rows: int) -> dict[str, Any]:
    median = statistics.median(seconds)
    return {
        "median_s": round(median, 4),
        "runs_s": seconds,
        "rows_per_s": round(rows / median) if median else None,
    }


@click.command()
@click.option("--rows", default=10_000, show_default=True, help="Rows in the generated CSV.")
@click.option("--repeat", default=3, show_default=True, help="Runs of each stage (median).")
@click.option("--seed", default=18, show_default=True)
@click.option(
    "--kind",
    type=click.Choice(["opportunities", "courses"]),
    default="opportunities",
    show_default=True,
    help="What the file holds: opportunities, or courses for the organisation's catalogue.",
)
@click.option("--json", "as_json", is_flag=True, help="JSON only (it always is).")
def command(rows: int, repeat: int, seed: int, kind: str, as_json: bool) -> None:
    """Dry run of a 10,000-row opportunity (or course) CSV against reading the CSV alone."""
    with ExitStack() as stack:
        database = setup_database(stack)
        from kohtaanto.core.services import create_organisation
        from kohtaanto.opportunities.importers import parse_opportunities
        from kohtaanto.opportunities.importers.apply import import_courses, import_opportunities
        from kohtaanto.opportunities.importers.csv_courses import parse_courses_csv
        from kohtaanto.opportunities.models import Course, Opportunity
        from kohtaanto.vocabularies.provider import get_taxonomy

        skills = sorted(c.uri for c in get_taxonomy() if c.kind == "skill")[:300]
        organisation = create_organisation(name=f"bench-import-{time.time_ns() % 10**8}")
        courses = kind == "courses"
        data = (course_rows_csv if courses else rows_csv)(rows, skills, seed)

        def read_only() -> int:
            return sum(1 for _ in csv.reader(io.StringIO(data.decode("utf-8"), newline="")))

        def parse() -> Any:
            return parse_courses_csv(data) if courses else parse_opportunities(data, "csv")

        def dry_run() -> Any:
            # What `kohtaanto opportunities import FILE --format csv --dry-run` (or `kohtaanto
            # opportunities import-courses FILE --organisation ID --dry-run`) runs.
            if courses:
                return import_courses(
                    parse_courses_csv(data), organisation=organisation, dry_run=True
                )
            parsed = parse_opportunities(data, "csv")
            return import_opportunities(
                parsed, organisation=organisation, dry_run=True, file_format="csv"
            )

        read, read_s = _runs(read_only, repeat)
        parsed, parse_s = _runs(parse, repeat)
        report, dry_s = _runs(dry_run, repeat)
        if parsed.errors or report.errors or report.created != rows:
            raise click.ClickException(
                f"the generated file did not check cleanly: {report.as_dict()['errors'][:3]}"
            )
        written = Course if courses else Opportunity
        if written.objects.filter(organisation=organisation).exists():
            raise click.ClickException("the dry run wrote rows")
        result = {
            "benchmark": "import",
            "kind": kind,
            "database": database,
            "rows": rows,
            "bytes": len(data),
            "repeat": repeat,
            "baseline_csv_reader": _stage(read_s, read - 1),
            "parse_only": _stage(parse_s, rows),
            "dry_run": _stage(dry_s, rows),
            "dry_run_vs_csv_reader": round(
                statistics.median(dry_s) / max(statistics.median(read_s), 1e-9), 1
            ),
            "target_s": 5.0,
            "within_target": statistics.median(dry_s) <= 5.0,
        }
        click.echo(json.dumps(result, indent=2))

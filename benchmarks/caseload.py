"""`kohtaanto bench caseload`: server time of the caseload page with a big caseload.

The database is a fresh SQLite file in a temporary folder, or, when `DATABASE_URL` is set, that
database (use a scratch one: it is migrated and demo data is added to it). The demo data
(`load_demo`) is loaded once and the demo user `coach`'s caseload is topped up with synthetic
participants (bulk inserts with intake, held and planned sessions, tasks) to `--participants`.
Then the caseload page is requested in-process with Django's test client (server time: URL
routing, middleware, queries, template rendering; no network): the first page in the default
order, sorted by last contact, a name search, a filter and a page in the middle. The baseline,
measured in the same run, is the anonymous login page; the small caseload of the demo user
`coach2` is reported too. Budget (issue 4): 150 ms per caseload page with 2,000 participants.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import tempfile
from contextlib import ExitStack
from typing import Any

import click

from benchmarks.runtime import peak_rss_mb
from benchmarks.web_home import _summary, _timings

BUDGET_MS = 150.0
PAGES = {
    "first_page": "/caseload/",
    "sort_last_contact": "/caseload/?sort=-last_contact",
    "search_name": "/caseload/?q=Aino",
    "filter_next_meeting_week": "/caseload/?next_meeting=week",
    "page_20": "/caseload/?page=20",
}


MIGRATED_SQLITE = "KOHTAANTO_BENCH_MIGRATED_SQLITE"
"""An environment variable naming an SQLite file migrated by this same checkout: a fresh
temporary database starts as a copy of it, and `migrate` then has nothing left to do (the
benchmarks' own tests build one per test run instead of migrating for every benchmark, about
15 s each). Nothing that a benchmark times is changed by it."""


def seed_sqlite(data_dir: str) -> None:
    """Copy the migrated SQLite file named by `MIGRATED_SQLITE`, if any, into `data_dir` as the
    database the settings open there (`kohtaanto.sqlite3`)."""
    template = os.environ.get(MIGRATED_SQLITE, "")
    if template and os.path.isfile(template):
        shutil.copyfile(template, os.path.join(data_dir, "kohtaanto.sqlite3"))


def setup_database(stack: ExitStack) -> str:
    """Point Django at a temporary SQLite file (or `DATABASE_URL`), migrate, set up Django."""
    if not os.environ.get("DATABASE_URL"):
        data_dir = stack.enter_context(tempfile.TemporaryDirectory())
        os.environ["KOHTAANTO_DATA_DIR"] = data_dir
        seed_sqlite(data_dir)
    os.environ["KOHTAANTO_DEMO"] = "1"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kohtaanto.config.settings")
    import logging

    import django
    from django.core.management import call_command
    from django.db import connection

    django.setup()
    logging.disable(logging.INFO)
    call_command("migrate", verbosity=0, interactive=False)
    return str(connection.vendor)


def fill_caseload(participants: int) -> int:
    """The demo data, then the demo coach's caseload topped up to `participants`."""
    from django.core.management import call_command

    from kohtaanto.core.models import Organisation, User
    from kohtaanto.journeys.management.commands.load_demo_journeys import (
        ORGANISATIONS,
        Command,
    )
    from kohtaanto.people.models import Participant

    if not User.objects.filter(username="coach").exists():
        call_command("load_demo", verbosity=0, stdout=io.StringIO())
    coach = User.objects.get(username="coach")
    organisation = Organisation.objects.get(name=ORGANISATIONS["coach"])
    Command()._synthetic(participants, organisation, coach)
    return Participant.objects.filter(coaches=coach).count()


def _queries(client: Any, path: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(path)
    return len(captured)


@click.command("caseload")
@click.option(
    "--participants",
    default=2000,
    show_default=True,
    help="Size of the demo coach's caseload.",
)
@click.option("--repeat", default=30, show_default=True, help="Requests per page.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON only.")
def command(participants: int, repeat: int, as_json: bool) -> None:
    """Caseload page server time with a big caseload, against the login page."""
    with ExitStack() as stack:
        database = setup_database(stack)
        size = fill_caseload(participants)
        from django.contrib.auth import get_user_model
        from django.test import Client

        from kohtaanto.journeys.selectors import caseload

        users = get_user_model().objects
        baseline = _summary(_timings(Client(), "/login/", repeat))
        client = Client()
        client.force_login(users.get(username="coach"))
        pages = {name: _summary(_timings(client, path, repeat)) for name, path in PAGES.items()}
        queries = {name: _queries(client, path) for name, path in PAGES.items()}
        small_user = users.get(username="coach2")
        small_client = Client()
        small_client.force_login(small_user)
        small = _summary(_timings(small_client, "/caseload/", repeat))
        small_size = caseload(small_user).count()
    worst = max(s["median_ms"] for s in pages.values())
    result = {
        "database": database,
        "participants": size,
        "repeat": repeat,
        "caseload": {name: {**s, "queries": queries[name]} for name, s in pages.items()},
        "baseline": {"page": "anonymous /login/", **baseline},
        "small_caseload": {"participants": small_size, **small},
        "ratio_median_vs_baseline": {
            name: round(s["median_ms"] / baseline["median_ms"], 2) for name, s in pages.items()
        },
        "budget_ms": BUDGET_MS,
        "worst_median_ms": worst,
        "within_budget": worst <= BUDGET_MS,
        "peak_rss_mb": peak_rss_mb(),
    }
    if as_json:
        click.echo(json.dumps(result, indent=2))
        return
    click.echo(f"{database}, {size} participants; baseline (login) {baseline['median_ms']} ms")
    for name, s in pages.items():
        click.echo(f"{name:26s} median {s['median_ms']} ms  p95 {s['p95_ms']} ms")
    click.echo(f"small caseload ({small_size}) median {small['median_ms']} ms")

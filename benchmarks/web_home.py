"""`kohtaanto bench home`: server time of the role-aware home page on the demo data.

A fresh SQLite database in a temporary data folder is migrated and loaded with the demo data
(`load_demo`), then each persona's home page is requested in-process with Django's test client
(server time: URL routing, middleware, queries, template rendering; no network). The baseline,
measured in the same run, is the anonymous login page.
"""

from __future__ import annotations

import json
import math
import os
import statistics
import tempfile
import time
from typing import Any

import click

from benchmarks.runtime import peak_rss_mb

PERSONAS = ("coach", "participant", "coordinator", "mentor", "employer")


def _timings(client: Any, path: str, repeat: int) -> list[float]:
    client.get(path)  # warm-up: template loading, lazy imports
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(path)
        samples.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise click.ClickException(f"{path} answered {response.status_code}")
    return samples


def _summary(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "median_ms": round(statistics.median(ordered), 2),
        # nearest rank: the smallest sample with at least 95 % of the samples at or below it
        "p95_ms": round(ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)], 2),
        "max_ms": round(ordered[-1], 2),
    }


def _setup_demo_database(data_dir: str) -> None:
    from benchmarks.caseload import seed_sqlite

    os.environ["KOHTAANTO_DATA_DIR"] = data_dir
    os.environ["KOHTAANTO_DEMO"] = "1"
    os.environ.pop("DATABASE_URL", None)
    seed_sqlite(data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kohtaanto.config.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_demo", verbosity=0)


@click.command("home")
@click.option("--repeat", default=50, show_default=True, help="Requests per persona.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON only.")
def command(repeat: int, as_json: bool) -> None:
    """Home page server time per persona on the demo data, against the login page."""
    with tempfile.TemporaryDirectory() as data_dir:
        _setup_demo_database(data_dir)
        from django.contrib.auth import get_user_model
        from django.test import Client

        baseline = _summary(_timings(Client(), "/login/", repeat))
        personas: dict[str, dict[str, float]] = {}
        users = get_user_model().objects
        for username in PERSONAS:
            client = Client()
            client.force_login(users.get(username=username))
            personas[username] = _summary(_timings(client, "/", repeat))
    result = {
        "repeat": repeat,
        "home": personas,
        "baseline": {"page": "anonymous /login/", **baseline},
        "ratio_median_vs_baseline": {
            name: round(s["median_ms"] / baseline["median_ms"], 2) for name, s in personas.items()
        },
        "peak_rss_mb": peak_rss_mb(),
    }
    if as_json:
        click.echo(json.dumps(result, indent=2))
        return
    click.echo(f"baseline (login page): median {baseline['median_ms']} ms")
    for name, s in personas.items():
        click.echo(f"home as {name:12s} median {s['median_ms']} ms  p95 {s['p95_ms']} ms")

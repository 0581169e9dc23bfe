"""The web benchmarks (`home`, `caseload`, `story`) run end to end on a tiny scale and print
the JSON they promise. Each sets up Django itself, on a temporary SQLite database, so it runs
in a child process, never inside the test process's Django."""

from __future__ import annotations

import atexit
import functools
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.caseload import MIGRATED_SQLITE

ROOT = Path(__file__).resolve().parents[2]
SKIP = {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "KOHTAANTO_DATA_DIR"}


@functools.cache
def migrated_sqlite() -> str:
    """An SQLite file migrated once per test run by this checkout (`manage.py migrate` in a
    child process, as the benchmarks would): every benchmark below starts from a copy of it
    (`benchmarks.caseload.MIGRATED_SQLITE`) instead of migrating again."""
    folder = tempfile.mkdtemp(prefix="bench-migrated-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    env = {k: v for k, v in os.environ.items() if k not in SKIP and k != MIGRATED_SQLITE}
    env.update(KOHTAANTO_DATA_DIR=folder, KOHTAANTO_DEMO="1")
    run_child([sys.executable, str(ROOT / "manage.py"), "migrate", "--noinput", "-v", "0"], env)
    path = os.path.join(folder, "kohtaanto.sqlite3")
    with sqlite3.connect(path) as connection:  # the write-ahead log into the file itself
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    return path


def bench_env(*, skip: frozenset[str] = frozenset()) -> dict[str, str]:
    """The environment of a benchmark's child process: no database or data folder of the
    test run's own, and the migrated SQLite file to start from."""
    env = {k: v for k, v in os.environ.items() if k not in SKIP | skip}
    env[MIGRATED_SQLITE] = migrated_sqlite()
    return env


def run_child(argv: list[str], env: dict[str, str], *, timeout: float = 300) -> str:
    """Run `argv` from the repository's root with `env`; its standard output (the test fails
    with the end of its error output when it does not exit 0)."""
    completed = subprocess.run(
        argv, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    return completed.stdout


def run_bench(*args: str, skip: frozenset[str] = frozenset(), timeout: float = 300) -> Any:
    """`kohtaanto bench ARGS --json` in a child process (`bench_env`): its JSON."""
    kohtaanto = str(Path(sys.executable).with_name("kohtaanto"))
    argv = [kohtaanto, "bench", *args, "--json"]
    return json.loads(run_child(argv, bench_env(skip=skip), timeout=timeout))


def _ordered(summary: object) -> None:
    assert isinstance(summary, dict)
    assert 0 < summary["median_ms"] <= summary["p95_ms"] <= summary["max_ms"]


def test_caseload_bench_small() -> None:
    data = run_bench("caseload", "--participants", "30", "--repeat", "3")
    assert data["database"] == "sqlite"
    assert data["participants"] == 30
    pages = data["caseload"]
    assert isinstance(pages, dict) and set(pages) >= {"first_page", "search_name", "page_20"}
    for summary in pages.values():
        _ordered(summary)
        assert summary["queries"] > 0
    _ordered(data["baseline"])
    assert data["within_budget"] in (True, False)


def test_story_bench_small() -> None:
    data = run_bench("story", "--words", "60", "--repeat", "3")
    assert data["words"] == 60
    _ordered(data["save_and_show"])
    _ordered(data["baseline_engine_alone"])
    assert data["taxonomy_concepts"] > 0

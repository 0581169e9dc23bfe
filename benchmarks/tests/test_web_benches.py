"""The web benchmarks (`home`, `caseload`, `story`) run end to end on a tiny scale and print
the JSON they promise. Each sets up Django itself, on a temporary SQLite database, so it runs
in a child process, never inside the test process's Django."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_bench(*args: str) -> dict[str, object]:
    skip = {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "KOHTAANTO_DATA_DIR"}
    env = {k: v for k, v in os.environ.items() if k not in skip}
    completed = subprocess.run(
        [str(Path(sys.executable).with_name("kohtaanto")), "bench", *args, "--json"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    data: dict[str, object] = json.loads(completed.stdout)
    return data


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

"""`kohtaanto bench matching` on a tiny size (starter vocabulary)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from benchmarks.matching import command

KEYS = {
    "seekers",
    "openings",
    "k",
    "seconds",
    "peak_rss_mb",
    "checksum",
    "baseline",
    "speedup_vs_baseline",
    "recall_at_k_vs_exact",
    "single_seeker_ms",
}


def run(*args: str) -> dict[str, object]:
    result = CliRunner().invoke(command, [*args, "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads(result.stdout)
    return data


def test_tiny_run_is_exact_and_reproducible() -> None:
    args = ("--seekers", "300", "--openings", "200", "--k", "5", "--sample", "40")
    first = run(*args)
    assert set(first) >= KEYS
    assert first["recall_at_k_vs_exact"] == 1.0
    assert first["identical_top_k_share"] == 1.0 and first["max_abs_score_diff"] == 0.0
    baseline = first["baseline"]
    assert isinstance(baseline, dict) and baseline["sample"] == 40
    assert set(first["single_seeker_ms"]) >= {"p50", "p95", "max"}  # type: ignore[arg-type]
    again = run(*args, "--chunk-size", "17")
    assert again["checksum"] == first["checksum"]

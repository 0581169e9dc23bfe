"""`kohtaanto bench import-jobs` runs end to end on a tiny scale (in a child process, like the
other web benchmarks) and its job ads are realistic and deterministic."""

from __future__ import annotations

from benchmarks.import_jobs import REQUIREMENTS, job_ads
from benchmarks.tests.test_web_benches import run_bench


def test_job_ads_are_deterministic_and_carry_requirement_sentences() -> None:
    ads = job_ads(50, seed=3)
    assert ads == job_ads(50, seed=3)
    assert len({ad["external_id"] for ad in ads}) == 50
    assert all(any(r in ad["description"] for r in REQUIREMENTS) for ad in ads)
    assert any("on eduksi" in ad["description"] for ad in ads)


def test_import_jobs_bench_small() -> None:
    data = run_bench("import-jobs", "--jobs", "8")
    assert data["jobs"] == 8
    recognition = data["recognition"]
    assert isinstance(recognition, dict)
    assert recognition["run_status"] == "done"
    assert recognition["jobs_per_s"] > 0
    assert recognition["opportunities_with_suggestions"] == 8
    preselected = recognition["preselected"]
    assert sum(preselected.values()) == recognition["suggestions_stored"]
    baseline = data["baseline_import_only"]
    assert isinstance(baseline, dict) and baseline["jobs_per_s"] > 0
    memory = data["memory"]
    assert isinstance(memory, dict) and memory["peak_rss_mb_at_end"] > 0
    assert set(memory["python_heap_peak"]) == {"import_only_mb", "recognition_mb"}

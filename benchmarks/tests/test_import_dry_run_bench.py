"""`kohtaanto bench import` runs end to end on a tiny input (in a child process, like the
other web benchmarks); its generated file is deterministic and reads cleanly."""

from __future__ import annotations

from benchmarks.import_dry_run import HEADER, business_id, rows_csv
from benchmarks.tests.test_web_benches import run_bench


def test_generated_rows_are_deterministic_with_valid_business_ids() -> None:
    from kohtaanto.core.validators import is_valid_business_id

    assert rows_csv(20, ["http://x.invalid/s"], seed=4) == rows_csv(20, ["http://x.invalid/s"], 4)
    text = rows_csv(20, [], seed=4).decode()
    assert text.splitlines()[0] == ",".join(HEADER) and len(text.splitlines()) == 21
    assert all(is_valid_business_id(business_id(n)) for n in range(1_000_000, 1_000_300))


def test_import_bench_small() -> None:
    data = run_bench("import", "--rows", "40", "--repeat", "2")
    assert data["rows"] == 40 and data["repeat"] == 2
    for stage in ("baseline_csv_reader", "parse_only", "dry_run"):
        figures = data[stage]
        assert isinstance(figures, dict)
        assert len(figures["runs_s"]) == 2 and figures["median_s"] > 0
    assert data["dry_run"]["median_s"] >= data["baseline_csv_reader"]["median_s"]
    assert isinstance(data["within_target"], bool) and data["target_s"] == 5.0


def test_import_bench_of_courses_small() -> None:
    from benchmarks.import_dry_run import COURSE_HEADER, course_rows_csv

    text = course_rows_csv(5, [], seed=4).decode()
    assert text.splitlines()[0] == ",".join(COURSE_HEADER) and len(text.splitlines()) == 6
    data = run_bench("import", "--kind", "courses", "--rows", "30", "--repeat", "1")
    assert data["kind"] == "courses" and data["rows"] == 30
    assert data["dry_run"]["runs_s"] and data["parse_only"]["runs_s"]

"""`kohtaanto bench roll-call` runs end to end on a small group and prints its JSON (in a child
process: it sets up Django itself, on a temporary SQLite database)."""

from __future__ import annotations

from .test_web_benches import _ordered, run_bench


def test_roll_call_bench_small() -> None:
    data = run_bench("roll-call", "--members", "6", "--repeat", "3")
    assert data["database"] == "sqlite"
    assert data["members"] == 6
    page = data["page"]
    _ordered(page)
    assert isinstance(page, dict) and page["queries"] > 0
    # Reading the roll call is a read of each member's data: one audit event per member.
    assert data["audit_events_per_page_view"] == 6
    _ordered(data["post_changed_marks"])
    _ordered(data["post_same_marks_again"])
    assert data["attendance_rows_saved"] == 6
    _ordered(data["baseline"])
    assert data["within_budget"] in (True, False)

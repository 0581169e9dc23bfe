"""`kohtaanto bench suggestions-page` runs end to end on a tiny scale and prints its JSON (in a
child process: it sets up Django itself, on a temporary SQLite database)."""

from __future__ import annotations

from .test_web_benches import _ordered, run_bench


def test_suggestions_page_bench_small() -> None:
    data = run_bench("suggestions-page", "--opportunities", "120", "--repeat", "3")
    assert data["database"] == "sqlite"
    assert data["open_opportunities"] == 120
    page = data["page"]
    _ordered(page)
    assert isinstance(page, dict) and page["queries"] > 0
    _ordered(data["baseline"])
    result = data["result"]
    assert isinstance(result, dict) and result["considered"] == 120
    assert result["suggestions"] > 0 and result["near_misses"] > 0
    assert data["within_budget"] in (True, False)

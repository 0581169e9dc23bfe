"""Complementary suppression (property-tested), periods and the pure ESF+ validation rules."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kohtaanto.stats import esf
from kohtaanto.stats.periods import Period, PeriodError, month_starts
from kohtaanto.stats.suppression import HIDDEN, SMALL, SMALL_CELL, protect, protect_table


def _unknown(value: object) -> bool:
    return value in (SMALL, HIDDEN)


tables = st.dictionaries(
    st.sampled_from(["r1", "r2", "r3", "r4"]),
    st.dictionaries(st.sampled_from(["c1", "c2", "c3"]), st.integers(0, 30), min_size=1),
    min_size=1,
)


@settings(max_examples=300, deadline=None)
@given(tables)
def test_protected_table_lines_never_have_one_unknown(rows: dict[str, dict[str, int]]) -> None:
    t = protect_table(rows)
    shown = [*t.cells.values(), *t.row_totals.values(), *t.column_totals.values(), t.grand_total]
    assert not any(isinstance(v, int) and 0 < v < SMALL_CELL for v in shown)
    lines = [[t.cells[(r, c)] for c in t.columns] + [t.row_totals[r]] for r in t.rows]
    lines += [[t.cells[(r, c)] for r in t.rows] + [t.column_totals[c]] for c in t.columns]
    lines.append([*t.row_totals.values(), t.grand_total])
    lines.append([*t.column_totals.values(), t.grand_total])
    for line in lines:
        assert sum(1 for v in line if _unknown(v)) != 1
    # every shown value is the true one
    for r in t.rows:
        for c in t.columns:
            v = t.cells[(r, c)]
            assert _unknown(v) or v == rows[r].get(c, 0)


def test_a_single_small_cell_is_not_recoverable_from_the_total() -> None:
    # 3 + 12 = 15: showing 12 and 15 would give the 3 away
    t = protect_table({"a": {"x": 3, "y": 12}, "b": {"x": 20, "y": 25}})
    assert t.cell("a", "x") == SMALL
    row_a = [t.cell("a", "x"), t.cell("a", "y"), t.row_totals["a"]]
    col_x = [t.cell("a", "x"), t.cell("b", "x"), t.column_totals["x"]]
    assert sum(_unknown(v) for v in row_a) >= 2
    assert sum(_unknown(v) for v in col_x) >= 2
    assert t.grand_total == 60


def test_exact_table_keeps_everything() -> None:
    t = protect_table({"a": {"x": 3, "y": 12}}, suppress=False)
    assert t.cell("a", "x") == 3 and t.row_totals["a"] == 15


def test_unshown_member_is_protected_too() -> None:
    # x shown, "not x" never shown, total shown: a small "not x" must not follow
    cells = protect({"x": 10, "not": 2, "t": 12}, [["x", "not", "t"]], {"x", "t"})
    assert HIDDEN in (cells["x"], cells["t"])


def test_period_errors() -> None:
    with pytest.raises(PeriodError) as error:
        Period.parse("2026-06-30", "2026-01-01")
    assert error.value.code == "end_before_start"
    with pytest.raises(PeriodError) as error:
        Period.parse("2026-02-30", "2026-03-01")
    assert error.value.code == "bad_date"
    with pytest.raises(PeriodError) as error:
        Period.parse_range("2026-01-01")
    assert error.value.code == "bad_date"
    p = Period.parse_range("2024-02-29..2024-04-01")
    assert p.days == 33 and dt.date(2024, 3, 1) in p
    assert list(month_starts(p.start, p.end)) == [
        dt.date(2024, 2, 1),
        dt.date(2024, 3, 1),
        dt.date(2024, 4, 1),
    ]
    assert list(Period.parse("2025-12-31", "2026-01-01").months()) == [
        dt.date(2025, 12, 1),
        dt.date(2026, 1, 1),
    ]


def test_validation_violations_are_found() -> None:
    """Definitions that overlap (as a wrong data file or inconsistent data would) are
    reported: exclusive, subset and gender sum."""
    day = dt.date(2026, 3, 1)
    period = Period(dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    defs = [
        esf.IndicatorDef("total", "EECO01", esf.ENTRY, {"all": True}),
        esf.IndicatorDef(
            "unemployed", "EECO02", esf.ENTRY, {"field": "labour_market_status", "in": ["u", "x"]}
        ),
        esf.IndicatorDef(
            "ltu", "EECO03", esf.ENTRY, {"field": "labour_market_status", "in": ["l"]}
        ),
        esf.IndicatorDef(
            "inactive", "EECO04", esf.ENTRY, {"field": "labour_market_status", "in": ["i", "x"]}
        ),
    ]
    rules = [
        esf.ValidationDef("excl", "exclusive", ("EECO02", "EECO04")),
        esf.ValidationDef("sub", "subset", ("EECO03", "EECO02")),
        esf.ValidationDef("gender", "gender_sum"),
    ]
    records = [
        esf.EsfRecord(1, entered=day, labour_market_status="x", gender="women"),  # both
        esf.EsfRecord(2, entered=day, labour_market_status="x", gender="men"),  # both
        esf.EsfRecord(3, entered=day, labour_market_status="l", gender=""),  # ltu, not u
        esf.EsfRecord(4, entered=day, labour_market_status="u", gender="non_binary"),
        esf.EsfRecord(5, entered=dt.date(2025, 1, 1), labour_market_status="x", gender=""),
    ]
    figures = esf.compute_esf(records, period, defs, validation=rules)
    found = {f.id: f.people for f in figures.findings}
    assert found == {"excl": 2, "sub": 1, "gender": 1}
    cells = figures.cells(suppress=False)
    assert cells[("ind", "total", "total")] == 4
    assert cells[("ind", "unemployed", "total")] == 3
    assert figures.finding_people(figures.findings[0], suppress=True) == SMALL


def test_special_categories_need_consent() -> None:
    day = dt.date(2026, 3, 1)
    period = Period(dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    defs = [
        esf.IndicatorDef("total", "EECO01", esf.ENTRY, {"all": True}),
        esf.IndicatorDef("dis", "EECO12", esf.ENTRY, {"field": "disability", "is": True}, True),
    ]
    records = [
        esf.EsfRecord(1, entered=day, special_consent=True, disability=True),
        esf.EsfRecord(2, entered=day, special_consent=True, disability=None),  # declined
        esf.EsfRecord(3, entered=day, special_consent=True, disability=False),
        esf.EsfRecord(4, entered=day, special_consent=False, disability=True),  # not asked
        esf.EsfRecord(5, entered=day, special_consent=False, disability=None),  # not asked
    ]
    figures = esf.compute_esf(records, period, defs)
    cells = figures.cells(suppress=False)
    assert cells[("ind", "dis", "total")] == 1
    assert cells[("special", "dis", esf.DECLINED, "total")] == 1
    assert cells[("special", "dis", esf.NOT_ASKED, "total")] == 2
    assert ("special", "dis", "no", "total") not in cells  # never shown
    assert [f.id for f in figures.findings] == ["special_without_consent"]

"""Small cells that tables of one report could give away together (review of issue 16)."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from kohtaanto.stats import esf
from kohtaanto.stats.outcomes import OutcomeRecord, compute_outcomes
from kohtaanto.stats.periods import Period
from kohtaanto.stats.suppression import HIDDEN, SMALL, ProtectedTable, protect_table

Key = tuple[str, str, str]


def _unknown(value: object) -> bool:
    return value in (SMALL, HIDDEN)


def _people(first_id: int, count: int, started: dt.date) -> list[OutcomeRecord]:
    return [OutcomeRecord(id=first_id + n, started=started) for n in range(count)]


def test_cohort_started_in_the_period_hides_started_and_in_service_together() -> None:
    # Cohorts 2026-02 (3 people) and 2026-03 (10 people) began inside the period, so their
    # "started" is their "in service". The started column hides 2026-03's 10 to protect the
    # 3; the in-service column would rather hide the older cohort's 8. Showing 2026-03's
    # in-service 10 would then give away 13 - 10 = 3.
    period = Period(dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    records = [
        *_people(0, 8, dt.date(2025, 12, 10)),
        *_people(100, 3, dt.date(2026, 2, 10)),
        *_people(200, 10, dt.date(2026, 3, 10)),
    ]
    cells = compute_outcomes(records, period).cells(suppress=True)
    assert cells[("started",)] == 13
    assert cells[("by", "cohort", "2026-02", "started")] == SMALL
    for month in ("2026-02", "2026-03"):
        started = cells[("by", "cohort", month, "started")]
        active = cells[("by", "cohort", month, "active")]
        assert _unknown(started) == _unknown(active), month
    # the started column cannot be solved: at least two unknowns
    column = [cells[("by", "cohort", m, "started")] for m in ("2025-12", "2026-02", "2026-03")]
    assert sum(_unknown(v) for v in column) >= 2


def test_a_cohort_month_cut_by_the_period_start_is_not_tied() -> None:
    # The period starts on 15 March: March's cohort has people who started before the period,
    # so its started and in service differ and nothing ties them.
    period = Period(dt.date(2026, 3, 15), dt.date(2026, 6, 30))
    records = [*_people(0, 6, dt.date(2026, 3, 2)), *_people(100, 7, dt.date(2026, 3, 20))]
    figures = compute_outcomes(records, period)
    tied = [
        line
        for line in figures.lines
        if len(line) == 2 and all(key[1:2] == ("cohort",) for key in line)
    ]
    assert tied == []
    exact = figures.cells(suppress=False)
    assert exact[("by", "cohort", "2026-03", "started")] == 7
    assert exact[("by", "cohort", "2026-03", "active")] == 13


def test_a_finding_count_does_not_give_away_a_hidden_gender_column() -> None:
    # 30 entered: 3 women, 20 men, 7 of gender other or not known. The row hides the 7 to
    # protect the 3; the finding "gender is other or not known" counts the same 7 people,
    # and 30 - 20 - 7 would give the 3 away.
    day = dt.date(2026, 3, 1)
    period = Period(dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    defs = [esf.IndicatorDef("total", "EECO01", esf.ENTRY, {"all": True})]
    genders = ["women"] * 3 + ["men"] * 20 + [""] * 7
    records = [esf.EsfRecord(n, entered=day, gender=g) for n, g in enumerate(genders)]
    figures = esf.compute_esf(
        records, period, defs, validation=[esf.ValidationDef("gender", "gender_sum")]
    )
    cells = figures.cells(suppress=True)
    assert cells[("ind", "total", "women")] == SMALL
    assert cells[("ind", "total", "other_or_unknown")] == HIDDEN
    (finding,) = figures.findings
    assert figures.finding_people(finding, suppress=False) == 7
    assert figures.finding_people(finding, suppress=True) == HIDDEN
    few = esf.Finding("gender", "gender_sum", (), 2)
    assert figures.finding_people(few, suppress=True) == SMALL


def _pinned(lines: list[list[Key]], unknown: list[Key], key: Key) -> bool:
    """Whether `key` follows from the lines over the rationals (an elimination of its own,
    independent of the one in `suppression`): its unit vector is in the lines' row space."""

    def rank(matrix: list[list[Fraction]]) -> int:
        m = [row[:] for row in matrix]
        r = 0
        for c in range(len(unknown)):
            pivot = next((i for i in range(r, len(m)) if m[i][c] != 0), None)
            if pivot is None:
                continue
            m[r], m[pivot] = m[pivot], m[r]
            for i in range(len(m)):
                if i != r and m[i][c] != 0:
                    f = m[i][c] / m[r][c]
                    m[i] = [a - f * b for a, b in zip(m[i], m[r], strict=True)]
            r += 1
        return r

    index = {k: i for i, k in enumerate(unknown)}
    matrix = []
    for line in lines:
        row = [Fraction(0)] * len(unknown)
        for position, k in enumerate(line):
            if k in index:
                row[index[k]] += -1 if position == len(line) - 1 else 1
        matrix.append(row)
    unit = [Fraction(1 if k == key else 0) for k in unknown]
    return rank([*matrix, unit]) == rank(matrix)


def test_a_small_cell_that_only_the_whole_system_gives_away_is_protected() -> None:
    # Every line has two unknowns, yet the column totals against the row totals give the 1 of
    # (r1, c3) away: c0 + c1 = 30 - 14 - 6 = 10 = (r1, c0) + (r1, c1), so (r1, c3) = 11 - 10.
    rows = {
        "r0": {"c0": 0, "c1": 0, "c2": 2, "c3": 5},
        "r1": {"c0": 4, "c1": 6, "c2": 0, "c3": 1},
        "r2": {"c0": 0, "c1": 0, "c2": 12, "c3": 0},
    }
    t = protect_table(rows)
    _assert_no_small_pinned(rows, t)


def _assert_no_small_pinned(rows: dict[str, dict[str, int]], t: ProtectedTable) -> None:
    lines: list[list[Key]] = []
    for r in t.rows:
        lines.append([("cell", r, c) for c in t.columns] + [("row", r, "")])
    for c in t.columns:
        lines.append([("cell", r, c) for r in t.rows] + [("col", "", c)])
    lines.append([*(("row", r, "") for r in t.rows), ("all", "", "")])
    lines.append([*(("col", "", c) for c in t.columns), ("all", "", "")])
    shown: dict[Key, object] = {("cell", r, c): t.cells[(r, c)] for r in t.rows for c in t.columns}
    shown.update({("row", r, ""): t.row_totals[r] for r in t.rows})
    shown.update({("col", "", c): t.column_totals[c] for c in t.columns})
    shown[("all", "", "")] = t.grand_total
    unknown = [k for k, v in shown.items() if _unknown(v)]
    for key, value in shown.items():
        if value == SMALL:
            assert not _pinned(lines, unknown, key), key


@settings(max_examples=150, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["r0", "r1", "r2", "r3"]),
        st.dictionaries(
            st.sampled_from(["c0", "c1", "c2", "c3", "c4"]),
            st.sampled_from([0, 0, 1, 2, 3, 4, 5, 6, 8, 12, 20]),
            min_size=1,
        ),
        min_size=2,
    )
)
def test_no_small_cell_follows_from_all_lines_together(rows: dict[str, dict[str, int]]) -> None:
    t = protect_table(rows)
    _assert_no_small_pinned(rows, t)

"""Small cells that tables of one report could give away together (review of issue 16)."""

from __future__ import annotations

import datetime as dt

from kohtaanto.stats import esf
from kohtaanto.stats.outcomes import OutcomeRecord, compute_outcomes
from kohtaanto.stats.periods import Period
from kohtaanto.stats.suppression import HIDDEN, SMALL


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

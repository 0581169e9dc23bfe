"""The outcome report and the ESF+ report shown together (the funder report, the "all
tables" download, the pages side by side): protected apart, a count hidden in one only to
protect a small one is shown in the other; protected together, it is not."""

from __future__ import annotations

import datetime as dt

from kohtaanto.stats import esf, joint
from kohtaanto.stats.outcomes import OutcomeRecord, compute_outcomes
from kohtaanto.stats.periods import Period
from kohtaanto.stats.suppression import HIDDEN, SMALL, SMALL_CELL, Cell
from kohtaanto.stats.tests.test_cross_table_leaks import _pinned

Key = tuple[str, ...]

DEFS = [
    esf.IndicatorDef("total", "EECO01", esf.ENTRY, {"all": True}),
    esf.IndicatorDef("emp6", "EECR05", esf.SIX_MONTHS, {"follow_up_result_in": ["employed"]}),
    esf.IndicatorDef("imp6", "EECR06", esf.SIX_MONTHS, {"follow_up_result_in": ["improved"]}),
]


def _fixture() -> tuple[list[OutcomeRecord], list[esf.EsfRecord], Period]:
    # 18 follow-ups due in the period: 2 employed (women), 6 improved (3 women, 3 men),
    # 10 not reached. The outcome report hides the 6 improved to protect the 2 employed; the
    # ESF+ report has no reason to hide its 6 (its genders are both small, two unknowns), and
    # 18 - 10 - 6 would give the 2 away.
    today = dt.date(2026, 3, 15)  # the figures are of a fixed period: no wall clock
    period = Period(dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    started = dt.date(2024, 11, 1)
    left = dt.date(2025, 9, 1)
    spec = (
        [("employed", "women")] * 2
        + [("improved", "women")] * 3
        + [("improved", "men")] * 3
        + [("not_reached", "men")] * 5
        + [("not_reached", "women")] * 5
    )
    outcomes = [
        OutcomeRecord(n, started, left, "work", True, follow_up_due=today, follow_up_result=r)
        for n, (r, _g) in enumerate(spec)
    ]
    records = [
        esf.EsfRecord(
            n,
            entered=started,
            gender=g,
            left=left,
            left_recorded=left,
            follow_up_due=today,
            follow_up_result=r,
        )
        for n, (r, g) in enumerate(spec)
    ]
    return outcomes, records, period


def _leaks(
    values: dict[Key, int], lines: list[list[Key]], shown: set[Key], cells: dict[Key, Cell]
) -> list[Key]:
    """Small counts that follow from everything shown in both reports together (the
    independent rational elimination of the stats tests)."""
    unknown = [k for k in values if k not in shown or cells[k] in (SMALL, HIDDEN)]
    small = [k for k in shown if 0 < values[k] < SMALL_CELL]
    return [k for k in small if _pinned(lines, unknown, k)]  # type: ignore[arg-type]


def test_apart_the_reports_give_a_small_count_away_together_they_do_not() -> None:
    outcome_records, esf_records, period = _fixture()
    figures_o = compute_outcomes(outcome_records, period)
    figures_e = esf.compute_esf(esf_records, period, DEFS)
    values, lines, shown = joint.joint_figures(figures_o, figures_e, DEFS)

    apart_o, apart_e = figures_o.cells(True), figures_e.cells(True)
    apart = {("outcomes", *k): v for k, v in apart_o.items()}
    apart.update({("esf", *k): v for k, v in apart_e.items()})
    assert apart_o[("follow_up", "improved")] == HIDDEN
    assert apart_e[("ind", "imp6", "total")] == 6  # the same 6, shown
    assert ("outcomes", "follow_up", "employed") in _leaks(values, lines, shown, apart)

    together_o, together_e = joint.protect_reports(figures_o, figures_e, DEFS)
    together = {("outcomes", *k): v for k, v in together_o.items()}
    together.update({("esf", *k): v for k, v in together_e.items()})
    assert _leaks(values, lines, shown, together) == []
    assert together_e[("ind", "imp6", "total")] == HIDDEN
    assert together_o[("follow_up", "employed")] == SMALL
    # the same quantity has the same mark in both reports
    pairs = [
        (("ended",), ("base", "left", "total")),
        (("follow_ups",), ("base", "follow_up_due", "total")),
        (("follow_up", "employed"), ("ind", "emp6", "total")),
        (("follow_up", "improved"), ("ind", "imp6", "total")),
    ]
    for key_o, key_e in pairs:
        assert together_o[key_o] == together_e[key_e], key_o


def test_joint_cells_keep_each_reports_shape() -> None:
    outcome_records, esf_records, period = _fixture()
    figures_o = compute_outcomes(outcome_records, period)
    figures_e = esf.compute_esf(esf_records, period, DEFS)
    together_o, together_e = joint.protect_reports(figures_o, figures_e, DEFS)
    assert set(together_o) == set(figures_o.cells(True))
    assert set(together_e) == set(figures_e.cells(True))


def test_six_month_results_the_outcome_report_does_not_count_apart_are_not_tied() -> None:
    defs = [
        esf.IndicatorDef("q", "EECR03", esf.SIX_MONTHS, {"qualification_gained": True}),
        esf.IndicatorDef("x", "EECR99", esf.SIX_MONTHS, {"follow_up_result_in": ["other"]}),
    ]
    tied = joint.links(defs)
    assert len(tied) == 2  # ended = left, follow-ups due = follow-ups due

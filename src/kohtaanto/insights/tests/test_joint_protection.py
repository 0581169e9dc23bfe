"""The outcome report and the ESF+ report are protected together wherever outsiders get
them (the funder report PDF, the analyst's pages and downloads, the API): a count hidden in
one only to protect a small one is hidden in the other too."""

from __future__ import annotations

import datetime as dt

import pytest

from kohtaanto.insights import selectors
from kohtaanto.insights.tests import fixture60
from kohtaanto.stats import esf as esf_stats
from kohtaanto.stats.outcomes import OutcomeRecord
from kohtaanto.stats.periods import Period
from kohtaanto.stats.suppression import HIDDEN, SMALL


def _records() -> tuple[list[OutcomeRecord], list[esf_stats.EsfRecord], Period]:
    # 18 six-month follow-ups due: 2 employed (women), 6 improved (3 women, 3 men), 10 not
    # reached. Apart, the outcome report hides the 6 improved to protect the 2 employed while
    # the ESF+ report shows its 6 "improved situation six months after" (18 - 10 - 6 = 2).
    due = dt.date(2026, 3, 15)
    period = Period(dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    started, left = dt.date(2024, 11, 1), dt.date(2025, 9, 1)
    spec = (
        [("employed", "women")] * 2
        + [("improved", "women")] * 3
        + [("improved", "men")] * 3
        + [("not_reached", "men")] * 5
        + [("not_reached", "women")] * 5
    )
    outcomes = [
        OutcomeRecord(n, started, left, "work", True, follow_up_due=due, follow_up_result=r)
        for n, (r, _g) in enumerate(spec)
    ]
    esf = [
        esf_stats.EsfRecord(
            n,
            entered=started,
            gender=g,
            left=left,
            left_recorded=left,
            follow_up_due=due,
            follow_up_result=r,
        )
        for n, (r, g) in enumerate(spec)
    ]
    return outcomes, esf, period


@pytest.mark.django_db
def test_the_funder_reports_hide_the_shared_count_in_both() -> None:
    from tests.factories import OrganisationFactory

    organisation = OrganisationFactory()
    outcomes, esf, period = _records()
    common = {"project": None, "funder": "", "suppress": True}
    apart_o = selectors.build_outcome_report(outcomes, organisation, period, **common)
    apart_e = selectors.build_esf_report(esf, organisation, period, **common)
    assert apart_o.follow_ups.cell("improved").value == HIDDEN
    assert apart_e.results.cell("improved_situation_six_months", "total").value == 6

    together_o, together_e = selectors.build_funder_reports(
        outcomes, esf, organisation, period, **common
    )
    assert together_o.follow_ups.cell("employed").value == SMALL
    assert together_o.follow_ups.cell("improved").value == HIDDEN
    assert together_e.results.cell("improved_situation_six_months", "total").value == HIDDEN
    assert together_e.results.cell("employment_six_months", "total").value == SMALL
    assert together_o.follow_ups.cell("due").value == 18
    assert together_e.results.cell("follow_up_due", "total").value == 18


@pytest.mark.django_db
def test_every_suppressed_reading_has_the_joint_marks() -> None:
    fx = fixture60.build()
    period = Period(fixture60.period_start(), fixture60.period_end())
    joint_o, joint_e = selectors.funder_reports(fx.analyst, fx.organisation, period)
    # the analyst's pages, downloads and API read outcome_report / esf_report one at a time
    assert selectors.outcome_report(fx.analyst, fx.organisation, period, suppress=False) == joint_o
    assert selectors.esf_report(fx.analyst, fx.organisation, period, suppress=True) == joint_e
    # and so does the operator's `kohtaanto report`
    assert selectors.system_report("esf", fx.organisation, period) == joint_e
    # shared quantities: the same mark in both
    assert joint_o.headline.cell("ended").value == joint_e.results.cell("left", "total").value
    assert (
        joint_o.follow_ups.cell("due").value == joint_e.results.cell("follow_up_due", "total").value
    )
    # insiders still get exact figures of each report
    exact_o, exact_e = selectors.funder_reports(
        fx.coordinator, fx.organisation, period, suppress=False
    )
    assert not exact_o.suppressed and not exact_e.suppressed
    assert exact_o.headline.cell("ended").value == 42

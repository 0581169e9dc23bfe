"""Every outcome figure and ESF+ indicator of the 60-person fixture (see fixture60.py), with
the answers worked out by hand from the fixture's description."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from kohtaanto.core.models import AuditEvent
from kohtaanto.insights import selectors
from kohtaanto.insights.access import ReportNotFound
from kohtaanto.insights.tests import fixture60
from kohtaanto.stats.periods import Period
from kohtaanto.stats.suppression import HIDDEN, SMALL, SMALL_CELL

pytestmark = pytest.mark.django_db

COLS = ("total", "women", "men", "non_binary", "other_or_unknown")


@pytest.fixture
def fx() -> fixture60.Fixture:
    return fixture60.build()


@pytest.fixture
def period() -> Period:
    return Period(fixture60.period_start(), fixture60.period_end())


def values(table: selectors.FigureTable, row_id: str) -> tuple[object, ...]:
    return tuple(c.value for c in table.row(row_id).cells)


def test_the_fixture_has_sixty_people(fx: fixture60.Fixture) -> None:
    assert sum(len(group) for group in fx.people.values()) == 60


def test_outcome_figures_exact(fx: fixture60.Fixture, period: Period) -> None:
    with translation.override("en"):
        report = selectors.outcome_report(fx.coordinator, fx.organisation, period, suppress=False)
    assert not report.suppressed
    h = report.headline
    assert h.cell("started").value == 42  # A 20 + B 10 + C 8 + F 4
    assert h.cell("active").value == 54  # + D 12; E ended before the period
    assert h.cell("ended").value == 42
    assert h.cell("found").value == 34  # A, B, F
    assert report.summary == (
        "42 people started in the period.",
        "34 of 42 people who ended in the period found a continuation path.",
    )
    p = report.paths
    assert [(r.id, r.cells[0].value) for r in p.rows] == [
        ("work", 20),
        ("education", 10),
        ("other_service", 4),
        ("none", 8),
    ]
    assert p.total is not None and p.total.cells[0].value == 42
    assert p.cell("work").share == pytest.approx(100 * 20 / 42)
    f = report.follow_ups
    assert [(r.id, r.cells[0].value) for r in f.rows] == [
        ("employed", 3),
        ("improved", 2),
        ("not_improved", 0),
        ("not_reached", 1),
        ("pending", 0),
    ]
    assert f.total is not None and f.total.cells[0].value == 6
    t = report.time_in_service
    # A 90 days, F 20 days (under 3 months); B 100, C 120 days (3–6 months)
    assert [(r.id, r.cells[0].value) for r in t.rows] == [
        ("under_3_months", 24),
        ("3_6_months", 18),
        ("6_12_months", 0),
        ("over_12_months", 0),
    ]
    assert report.median_days == 90
    coach = {r.id: tuple(c.value for c in r.cells) for r in report.by_coach.rows}
    assert coach == {
        str(fx.coach1.pk): (28, 28, 28, 20),  # A + C
        str(fx.coach2.pk): (10, 22, 10, 10),  # B + D
        "none": (4, 4, 4, 4),  # F
    }
    labels = {r.id: r.label for r in report.by_coach.rows}
    assert labels[str(fx.coach1.pk)] == "Aino Aalto"
    region = {r.id: tuple(c.value for c in r.cells) for r in report.by_region.rows}
    assert region == {"01": (28, 28, 28, 20), "06": (10, 22, 10, 10), "": (4, 4, 4, 4)}
    group = {r.id: tuple(c.value for c in r.cells) for r in report.by_group.rows}
    assert group == {
        str(fx.group1.pk): (10, 10, 10, 10),
        str(fx.group2.pk): (10, 10, 10, 10),
        "none": (22, 34, 22, 14),  # A 10-19, C, F (+ D while in service)
    }
    s = fixture60.period_start()
    expected: dict[str, list[int]] = {}
    for started, counts in (
        (s + dt.timedelta(10), (20, 20, 20, 20)),
        (s + dt.timedelta(20), (10, 10, 10, 10)),
        (s + dt.timedelta(30), (8, 8, 8, 0)),
        (s - dt.timedelta(100), (0, 12, 0, 0)),
        (s + dt.timedelta(40), (4, 4, 4, 4)),
    ):
        key = f"{started.year}-{started.month:02d}"
        row = expected.setdefault(key, [0, 0, 0, 0])
        for i, n in enumerate(counts):
            row[i] += n
    cohort = {r.id: [c.value for c in r.cells] for r in report.by_cohort.rows}
    assert cohort == expected


def test_esf_indicators_exact(fx: fixture60.Fixture, period: Period) -> None:
    with translation.override("en"):
        report = selectors.esf_report(fx.coordinator, fx.organisation, period, suppress=False)
    e = report.entry
    expected = {
        # id: (total, women, men, non-binary, other or unknown)
        "total_participants": (42, 17, 18, 3, 4),
        "unemployed": (30, 12, 18, 0, 0),
        "long_term_unemployed": (10, 0, 10, 0, 0),
        "inactive": (12, 5, 0, 3, 4),
        "employed": (0, 0, 0, 0, 0),
        "age_below_18": (4, 0, 0, 0, 4),
        "age_18_29": (20, 12, 8, 0, 0),
        "age_55_plus": (10, 0, 10, 0, 0),
        "isced_0_2": (10, 0, 10, 0, 0),
        "isced_3_4": (20, 12, 8, 0, 0),
        "isced_5_8": (8, 5, 0, 3, 0),
        "disabilities": (5, 3, 2, 0, 0),
        "third_country_nationals": (5, 0, 5, 0, 0),
        "foreign_background": (11, 6, 5, 0, 0),
        "minorities": (1, 1, 0, 0, 0),
        "homeless": (2, 2, 0, 0, 0),
        "rural_areas": (4, 0, 4, 0, 0),
    }
    assert {r.id: values(e, r.id) for r in e.rows} == expected
    assert [c.id for c in e.columns] == list(COLS)
    verified = {r.code for r in e.rows if r.code_verified}
    assert verified == {"EECO02", "EECO12", "EECO13", "EECO14", "EECO15"}
    assert e.row("long_term_unemployed").note == "Code not verified"
    assert e.row("unemployed").note == ""
    sp = report.special
    assert values(sp, "disabilities_declined") == (2, 2, 0, 0, 0)
    assert values(sp, "disabilities_not_asked") == (24, 9, 8, 3, 4)
    assert values(sp, "minorities_declined") == (2, 2, 0, 0, 0)
    assert values(sp, "minorities_not_asked") == (24, 9, 8, 3, 4)
    r = report.results
    assert values(r, "left") == (42, 17, 18, 3, 4)
    assert values(r, "left_in_time") == (34, 12, 18, 0, 4)
    assert values(r, "left_late") == (8, 5, 0, 3, 0)
    assert values(r, "job_searching_on_leaving") == (4, 0, 0, 0, 4)  # F; C is late
    assert values(r, "education_training_on_leaving") == (10, 0, 10, 0, 0)
    assert values(r, "qualification_on_leaving") == (5, 0, 3, 0, 2)
    assert values(r, "employment_on_leaving") == (20, 12, 8, 0, 0)
    assert values(r, "follow_up_due") == (6, 6, 0, 0, 0)
    assert values(r, "employment_six_months") == (3, 3, 0, 0, 0)
    assert values(r, "improved_situation_six_months") == (2, 2, 0, 0, 0)
    codes = {row.id: (row.code, row.code_verified) for row in r.rows if row.code}
    assert codes["employment_six_months"] == ("EECR05", False)
    assert codes["job_searching_on_leaving"] == ("EECR01", True)
    assert codes["employment_on_leaving"] == ("EECR04", True)
    assert report.reference_period_days == 28
    findings = {f.id: f.people for f in report.findings}
    assert findings == {"gender_sum": 4, "special_without_consent": 1}
    # the finding says what is wrong, then names the rule it breaks as a rule (not as a fact)
    message = next(f.message for f in report.findings if f.id == "gender_sum")
    assert message.index("do not add up") < message.index("The rule: Women, men and non-binary")


def test_suppressed_for_the_analyst(fx: fixture60.Fixture, period: Period) -> None:
    report = selectors.outcome_report(fx.analyst, fx.organisation, period, suppress=False)
    assert report.suppressed  # forced for an analyst
    p = report.paths
    assert p.cell("other_service").value == SMALL  # 4
    assert p.cell("other_service").share is None
    assert p.cell("work").value == 20
    # the small 4 cannot be worked out: another member of each of its lines is hidden
    assert HIDDEN in (p.cell("none").value, p.cell("education").value, p.total.cells[0].value)
    for table in report.tables:
        for row in (*table.rows, *([table.total] if table.total else [])):
            for cell in row.cells:
                assert not (isinstance(cell.value, int) and 0 < cell.value < SMALL_CELL)
    coach_none = report.by_coach.row("none")
    assert {c.value for c in coach_none.cells} == {SMALL}
    labels = {r.label for r in report.by_coach.rows}
    assert "Aino Aalto" not in labels  # no staff names for outsiders
    esf = selectors.esf_report(fx.analyst, fx.organisation, period, suppress=False)
    assert esf.suppressed
    assert esf.entry.cell("age_below_18", "total").value == SMALL
    assert esf.entry.cell("total_participants", "other_or_unknown").value == SMALL
    assert {f.id: f.people for f in esf.findings}["gender_sum"] == SMALL


@pytest.mark.parametrize("who", ["coach1", "coach2"])
def test_coaches_are_refused(fx: fixture60.Fixture, period: Period, who: str) -> None:
    with pytest.raises(ReportNotFound):
        selectors.outcome_report(getattr(fx, who), fx.organisation, period, suppress=True)
    with pytest.raises(ReportNotFound):
        selectors.esf_report(getattr(fx, who), fx.organisation, period, suppress=True)


def test_monitoring_rows_coordinator_only(fx: fixture60.Fixture, period: Period) -> None:
    rows = selectors.monitoring_rows(fx.coordinator, fx.organisation, period)
    assert len(rows) == 42  # entered or left in the period: A, B, C, F
    assert set(rows[0]) == set(selectors.MONITORING_FIELDS)
    assert not {"first_name", "last_name", "email", "phone", "birth_date"} & set(rows[0])
    by_id = {r["participant_id"]: r for r in rows}
    a8 = by_id[fx.people["A"][8].pk]
    assert a8["disability"] == "not_asked"  # stored without consent: not given out
    assert by_id[fx.people["A"][6].pk]["disability"] == "declined"
    assert by_id[fx.people["A"][0].pk]["result_codes_on_leaving"] == "EECR04"
    assert by_id[fx.people["C"][0].pk]["result_codes_on_leaving"] == ""  # late
    with pytest.raises(ReportNotFound):
        selectors.monitoring_rows(fx.analyst, fx.organisation, period)


def test_reading_aggregates_is_not_audited_per_person(
    fx: fixture60.Fixture, period: Period
) -> None:
    before = AuditEvent.objects.count()
    selectors.outcome_report(fx.coordinator, fx.organisation, period, suppress=False)
    selectors.esf_report(fx.coordinator, fx.organisation, period, suppress=False)
    assert AuditEvent.objects.count() == before


def test_few_queries(fx: fixture60.Fixture, period: Period) -> None:
    with CaptureQueriesContext(connection) as outcome_queries:
        selectors.outcome_report(fx.coordinator, fx.organisation, period, suppress=False)
    with CaptureQueriesContext(connection) as esf_queries:
        selectors.esf_report(fx.coordinator, fx.organisation, period, suppress=False)
    with CaptureQueriesContext(connection) as joint_queries:
        selectors.funder_reports(fx.coordinator, fx.organisation, period, suppress=True)
    # roles + participants + coaches + groups + group names (coaches are numbered)
    # + the pseudonymised rows of erased participants (insights.pseudonymised)
    assert len(outcome_queries) <= 7
    # roles + participants + consents + pseudonymised rows
    assert len(esf_queries) <= 5
    # suppressed, both reports are read for one protection: roles and participants once
    # (roles + participants + coaches + groups + group names + consents + pseudonymised rows)
    assert len(joint_queries) <= 8

"""The words of the reports match what the tables show (review of issue 16)."""

from __future__ import annotations

from django.utils import translation

from kohtaanto.insights import selectors
from kohtaanto.insights.exports.content import gap_label
from kohtaanto.stats.suppression import HIDDEN


def test_method_names_the_hidden_mark_the_tables_use() -> None:
    for language in ("fi", "sv", "en"):
        with translation.override(language):
            mark = str(gap_label(HIDDEN))
            method = selectors._method_outcomes(True)[-1]
            assert mark in method, language
            assert "–" not in method, language


def test_finnish_summary_says_whose_service_ended() -> None:
    with translation.override("fi"):
        cells = {("started",): 61, ("ended",): 47, ("found",): 34}
        assert selectors._summary(cells) == (
            "61 ihmistä aloitti jakson aikana.",
            "47 ihmisestä, joiden palvelu päättyi jakson aikana, 34 löysi jatkopolun.",
        )


def test_start_months_read_as_people_write_them() -> None:
    import datetime as dt

    from kohtaanto.stats.outcomes import OutcomeRecord
    from kohtaanto.stats.periods import Period

    assert selectors.month_label("2026-03") == "3/2026"
    assert selectors.month_label("2025-12") == "12/2025"
    start = dt.date(2026, 1, 1)
    records = [OutcomeRecord(n, dt.date(2026, 3, 2)) for n in range(6)]

    class Org:
        pk = 1
        name = "Org"

    report = selectors.build_outcome_report(
        records,
        Org(),  # type: ignore[arg-type]
        Period(start, dt.date(2026, 6, 30)),
        project=None,
        funder="",
        suppress=False,
    )
    assert [(r.id, r.label) for r in report.by_cohort.rows] == [("2026-03", "3/2026")]


def test_a_finding_without_codes_reads_without_an_empty_code_list() -> None:
    from kohtaanto.insights.exports.content import finding_text
    from kohtaanto.stats.suppression import SMALL

    with translation.override("fi"):
        plain = selectors.ValidationFinding("gender", "gender_sum", (), HIDDEN, "Sääntö.")
        assert finding_text(plain) == "Sääntö. (henkilöitä: piilotettu)"
        coded = selectors.ValidationFinding("x", "exclusive", ("EECO02", "EECO04"), SMALL, "M.")
        assert finding_text(coded) == "M. (EECO02, EECO04; henkilöitä: < 5)"

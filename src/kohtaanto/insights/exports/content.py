"""The reports as export content: `Table`s for CSV and XLSX, the funder report PDF's text and
charts, and the participant-level monitoring file. Funder files are made from suppressed
reports only (`require_suppressed`): they are read by outsiders, whoever downloads them.

Texts are in the active language (the caller sets it: the request's, or the export job's)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from kohtaanto.insights.exports.documents.funder_report import Bars, FunderReport, Section
from kohtaanto.insights.exports.tables import Cell, Table
from kohtaanto.insights.selectors import (
    HIDDEN,
    SMALL,
    EsfReport,
    FigureTable,
    OutcomeReport,
    ReportCell,
    ValidationFinding,
)
from kohtaanto.stats.suppression import SMALL_CELL


class ExactFiguresError(ValueError):
    """A funder file was asked from a report with exact figures (a programming error)."""


def require_suppressed(report: OutcomeReport | EsfReport) -> None:
    if not report.suppressed:
        raise ExactFiguresError("funder files are made from suppressed figures only")


def gap_label(value: str) -> str:
    return {SMALL: _("< 5"), HIDDEN: _("hidden")}.get(value, value)


def export_cell(cell: ReportCell) -> Cell:
    """A count as a number, a suppressed cell as its label."""
    value = cell.value
    return gap_label(value) if isinstance(value, str) else value


def share_cell(cell: ReportCell) -> Cell:
    if cell.share is None or cell.suppressed:
        return "" if not cell.suppressed else gap_label(str(cell.value))
    return round(cell.share, 1)


def day_text(day: dt.date) -> str:
    """A date as the reader writes it: 31.12.2026 in Finnish and Swedish."""
    if (translation.get_language() or "fi")[:2] in ("fi", "sv"):
        return f"{day.day}.{day.month}.{day.year}"
    return formats.date_format(day, "j M Y")


def period_text(report: OutcomeReport | EsfReport) -> str:
    return f"{day_text(report.period.start)}–{day_text(report.period.end)}"


def suppression_note() -> str:
    return _(
        "Small numbers are hidden to protect privacy: a number of fewer than %(n)s people is "
        "shown as “< %(n)s”, and a number that would let someone work such a number out (from "
        "a total, for example) is shown as “hidden”."
    ) % {"n": SMALL_CELL}


def figure_table(table: FigureTable, *, extra_notes: Sequence[str] = ()) -> Table:
    """One report table as an export table: a row per report row (and the total), a column
    per report column, and a share column after each when the table has shares. ESF+ rows
    get their code and whether it is verified."""
    coded = any(r.code for r in table.rows)
    header: list[str] = []
    if coded:
        header += [_("Code"), _("Code checked")]
    header.append(table.row_header)
    for column in table.columns:
        header.append(column.label)
        if table.with_shares:
            header.append(_("%(column)s, share %%") % {"column": column.label})
    rows: list[list[Cell]] = []
    for row in [*table.rows, *([table.total] if table.total is not None else [])]:
        line: list[Cell] = []
        if coded:
            line += [row.code, (_("yes") if row.code_verified else _("no")) if row.code else ""]
        line.append(row.label)
        for cell in row.cells:
            line.append(export_cell(cell))
            if table.with_shares:
                line.append(share_cell(cell) if row is not table.total else "")
        rows.append(line)
    return Table(
        title=table.title,
        header=header,
        rows=rows,
        notes=[*table.notes, *extra_notes],
    )  # the sheet is named by the title, in the reader's language (not "by_coach")


def heading_lines(report: OutcomeReport | EsfReport) -> list[str]:
    lines = [report.organisation_name]
    if report.project_name:
        lines.append(_("Project: %(name)s") % {"name": report.project_name})
    if report.funder:
        lines.append(_("Funder: %(name)s") % {"name": report.funder})
    lines.append(_("Period: %(period)s") % {"period": period_text(report)})
    if report.suppressed:
        lines.append(suppression_note())
    else:
        lines.append(_("Exact figures for internal use only: do not pass them on."))
    return lines


def report_tables(report: OutcomeReport | EsfReport, table_id: str = "") -> list[Table]:
    """The tables of a report (or the one named `table_id`; unknown: none)."""
    tables = report.tables
    if table_id:
        tables = [t for t in tables if t.id == table_id]
    return [figure_table(t) for t in tables]


def file_stem(report: OutcomeReport | EsfReport, kind: str, table_id: str = "") -> str:
    """A file name without personal data: kind, organisation id, project id, period."""
    parts = [kind, f"org{report.organisation_id}"]
    if report.project_id:
        parts.append(f"project{report.project_id}")
    parts.append(f"{report.period.start:%Y%m%d}-{report.period.end:%Y%m%d}")
    if table_id:
        parts.append(table_id)
    return "_".join(parts)


def finding_text(finding: ValidationFinding) -> str:
    people = gap_label(finding.people) if isinstance(finding.people, str) else finding.people
    if not finding.codes:  # a rule of no code (genders add up): not "(; people: …)"
        return _("%(message)s (people: %(people)s)") % {
            "message": finding.message,
            "people": people,
        }
    return _("%(message)s (%(codes)s; people: %(people)s)") % {
        "message": finding.message,
        "codes": ", ".join(finding.codes),
        "people": people,
    }


# --- the funder report PDF ---------------------------------------------------------------------


def _bars(table: FigureTable, column: int = 0) -> Bars:
    values: list[Any] = []
    for row in table.rows:
        cell = row.cells[column] if column < len(row.cells) else None
        values.append(None if cell is None else export_cell(cell))
    name = table.columns[column].label if column < len(table.columns) else ""
    return Bars(
        title=table.title, categories=[r.label for r in table.rows], series=[(name, values)]
    )


def funder_report(
    outcomes: OutcomeReport, esf: EsfReport, *, language: str, made_by: str = ""
) -> FunderReport:
    """The PDF's content from the (suppressed) outcome and ESF+ reports of one period."""
    require_suppressed(outcomes)
    require_suppressed(esf)
    facts = [(_("Organisation"), outcomes.organisation_name)]
    if outcomes.project_name:
        facts.append((_("Project"), outcomes.project_name))
    if outcomes.funder:
        facts.append((_("Funder"), outcomes.funder))
    facts.append((_("Period"), period_text(outcomes)))
    facts.append((_("Made"), formats.date_format(timezone.localtime(), "SHORT_DATETIME_FORMAT")))
    if made_by:
        facts.append((_("Made by"), made_by))
    # Both reports explain small numbers (and the ESF+ one the 4-week rule and the unchecked
    # codes): each sentence once.
    method = list(dict.fromkeys([*outcomes.method, *esf.method]))
    sections = [
        Section(
            heading=_("Outcomes"),
            summary=list(outcomes.summary),
            tables=[figure_table(outcomes.headline), figure_table(outcomes.paths)],
            chart=_bars(outcomes.paths),
        ),
        Section(
            heading=_("Six-month follow-up"),
            summary=list(outcomes.follow_ups.summary),
            tables=[figure_table(outcomes.follow_ups)],
            chart=_bars(outcomes.follow_ups),
        ),
        Section(
            heading=_("Time in service"),
            tables=[figure_table(outcomes.time_in_service)],
            chart=_bars(outcomes.time_in_service),
        ),
        Section(
            heading=_("ESF+ common indicators"),
            summary=list(esf.summary),
            tables=[figure_table(t) for t in esf.tables],
        ),
    ]
    if esf.findings:
        sections.append(
            Section(
                heading=_("Checks of the indicator data"),
                summary=[finding_text(f) for f in esf.findings],
            )
        )
    title = _("Outcome report for the funder")
    return FunderReport(
        language=language,
        title=title,
        facts=facts,
        method_heading=_("How the figures are counted"),
        method=method,
        suppression_note=suppression_note(),
        sections=sections,
        footer=f"{title} · {outcomes.organisation_name} · {period_text(outcomes)}",
        number=language,
    )

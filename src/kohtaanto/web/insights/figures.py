"""What the insights pages show, built from the reports of `kohtaanto.insights.selectors`:
tables as rows of text (a count in the reader's number format, a share, "< 5" or "hidden"),
charts as accessible SVG (`kohtaanto.stats.charts`) each with its table alternative and the
link to download that table. The one place that reads the report shapes for the pages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import formats
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from kohtaanto.insights.selectors import (
    HIDDEN,
    SMALL,
    Cell,
    EsfReport,
    FigureTable,
    OutcomeReport,
    ReportCell,
    ReportRow,
)
from kohtaanto.stats import charts
from kohtaanto.web.pages import lang


def gaps() -> dict[str, str]:
    """How a suppressed cell is written, in the reader's language."""
    return {SMALL: _("< 5"), HIDDEN: _("hidden")}


def number(value: float) -> str:
    """A count or a figure the way the reader writes numbers (1 234 and 3,5 in Finnish)."""
    if float(value).is_integer():
        return str(formats.number_format(int(value), force_grouping=True))
    return str(formats.number_format(round(value, 1), decimal_pos=1, force_grouping=True))


def share_text(share: float) -> str:
    return charts.percent_text(share, number)


def cell_text(cell: ReportCell | Cell | None, *, with_share: bool = False) -> str:
    """ "12", "12 (45 %)", "< 5", "hidden" or "–"."""
    if isinstance(cell, ReportCell):
        text = charts.cell_text(cell.value, number, gaps())
        if with_share and cell.share is not None and not cell.suppressed:
            text = f"{text} ({share_text(cell.share)})"
        return text
    return charts.cell_text(cell, number, gaps())


@dataclass
class TableView:
    """A figure table as the page renders it (and the exports write it)."""

    id: str
    title: str
    header: list[str]
    rows: list[dict[str, Any]]
    """{label, code, code_verified, note, cells: [(column label, text)]}"""
    summary: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    csv_url: str = ""


def _row(row: ReportRow, columns: list[str], with_shares: bool) -> dict[str, Any]:
    return {
        "id": row.id,
        "label": row.label,
        "code": row.code,
        "code_verified": row.code_verified,
        "note": row.note,
        "cells": [
            (column, cell_text(cell, with_share=with_shares))
            for column, cell in zip(columns, row.cells, strict=False)
        ],
    }


def table_view(table: FigureTable) -> TableView:
    columns = [c.label for c in table.columns]
    rows = [_row(r, columns, table.with_shares) for r in table.rows]
    if table.total is not None:
        total = _row(table.total, columns, False)
        total["total"] = True
        rows.append(total)
    return TableView(
        id=table.id,
        title=table.title,
        header=[table.row_header, *columns],
        rows=rows,
        summary=list(table.summary),
        notes=list(table.notes),
    )


def download_url(report: str, fmt: str, query: dict[str, str], table: str = "") -> str:
    params = {k: v for k, v in query.items() if v}
    if table:
        params["table"] = table
    url = reverse("insights:download", args=[report, fmt])
    return f"{url}?{urlencode(params)}" if params else url


def _chart(
    table: FigureTable, svg: str, query: dict[str, str], report: str, caption: str = ""
) -> dict[str, Any]:
    view = table_view(table)
    return {
        "id": f"chart-{table.id}",
        "caption": caption or table.title,
        "svg": mark_safe(svg),  # noqa: S308 - charts escape every text they write
        "header": view.header,
        "rows": [{"label": r["label"], "cells": r["cells"]} for r in view.rows],
        "csv_url": download_url(report, "csv", query, table.id),
    }


def _values(table: FigureTable, column: int = 0) -> list[charts.Value]:
    return [r.cells[column].value if column < len(r.cells) else None for r in table.rows]


def _describe(table: FigureTable, column: int = 0) -> str:
    """The chart's text description: every row with its figure (the same as the table)."""
    parts = [
        f"{r.label}: {cell_text(r.cells[column], with_share=table.with_shares)}"
        for r in table.rows
        if column < len(r.cells)
    ]
    return "; ".join(parts) + "." if parts else _("No figures in this period.")


def bar(table: FigureTable, query: dict[str, str], report: str = "outcomes") -> dict[str, Any]:
    """A table of one column as a bar chart (a bar per row)."""
    series = [charts.Series(table.columns[0].label if table.columns else "", _values(table))]
    svg = charts.bar_chart_svg(
        [r.label for r in table.rows],
        series,
        title=table.title,
        description=_describe(table),
        chart_id=f"chart-{table.id}",
        number=number,
        gaps=gaps(),
    )
    return _chart(table, svg, query, report)


def grouped_bar(
    table: FigureTable, columns: list[str], query: dict[str, str], report: str = "outcomes"
) -> dict[str, Any]:
    """A breakdown as bars: a group per row, a bar per chosen column."""
    ids = [c.id for c in table.columns]
    series = [
        charts.Series(table.columns[ids.index(c)].label, _values(table, ids.index(c)))
        for c in columns
        if c in ids
    ]
    description = "; ".join(
        f"{r.label}: "
        + ", ".join(f"{s.name} {charts.cell_text(s.values[i], number, gaps())}" for s in series)
        for i, r in enumerate(table.rows)
    )
    svg = charts.bar_chart_svg(
        [r.label for r in table.rows],
        series,
        title=table.title,
        description=description or _("No figures in this period."),
        chart_id=f"chart-{table.id}",
        number=number,
        gaps=gaps(),
    )
    return _chart(table, svg, query, report)


def shares_chart(table: FigureTable, query: dict[str, str]) -> dict[str, Any]:
    """Continuation paths as one 100 % bar of those who ended (parts by kind)."""
    total = table.total.cells[0].value if table.total is not None else None
    label = table.total.label if table.total is not None else table.title
    parts = [charts.Series(r.label, [r.cells[0].value]) for r in table.rows]
    svg = charts.share_chart_svg(
        [label],
        parts,
        totals=[total],
        title=table.title,
        description=_describe(table),
        chart_id=f"chart-{table.id}",
        number=number,
        gaps=gaps(),
    )
    return _chart(table, svg, query, "outcomes")


def trend(table: FigureTable, columns: list[str], query: dict[str, str]) -> dict[str, Any]:
    """The cohorts (start months) as a line over the months."""
    ids = [c.id for c in table.columns]
    series = [
        charts.Series(table.columns[ids.index(c)].label, _values(table, ids.index(c)))
        for c in columns
        if c in ids
    ]
    svg = charts.line_chart_svg(
        [r.label for r in table.rows],
        series,
        title=table.title,
        description=_describe(table),
        chart_id=f"chart-{table.id}",
        number=number,
        gaps=gaps(),
        gap_note=_("Shaded month: fewer than 5 people or hidden"),
    )
    return _chart(table, svg, query, "outcomes")


def outcome_page(report: OutcomeReport, query: dict[str, str]) -> dict[str, Any]:
    """The outcome page's figures, charts and tables."""
    headline = {row.id: cell_text(row.cells[0]) for row in report.headline.rows}
    charts_ = [shares_chart(report.paths, query), bar(report.follow_ups, query)]
    charts_.append(bar(report.time_in_service, query))
    if report.by_cohort.rows:
        # in service and ended: "started in the period" is 0 for every month before it
        charts_.append(trend(report.by_cohort, ["active", "ended"], query))
    # nobody in service and no follow-up due: a note instead of charts and tables of zeros
    empty = report.headline.cell("active").value == 0 and (
        report.follow_ups.total is None or report.follow_ups.total.cells[0].value == 0
    )
    return {
        "empty": empty,
        "headline": [(row.label, headline[row.id]) for row in report.headline.rows],
        "median_days": None if report.median_days is None else cell_text(report.median_days),
        "charts": charts_,
        "paths": table_view(report.paths),
        "follow_ups": table_view(report.follow_ups),
        "time_in_service": table_view(report.time_in_service),
        "breakdowns": [
            table_view(t)
            for t in (report.by_coach, report.by_group, report.by_region, report.by_cohort)
        ],
        "summary": list(report.summary),
        "method": list(report.method),
    }


def esf_page(report: EsfReport, query: dict[str, str]) -> dict[str, Any]:
    tables = [table_view(t) for t in report.tables]
    for table in tables:
        table.csv_url = download_url("esf", "csv", query, table.id)
    unverified = any(
        not row["code_verified"] and row["code"] for table in tables for row in table.rows
    )
    return {
        "tables": tables,
        "findings": [
            {"message": f.message, "codes": list(f.codes), "people": cell_text(f.people)}
            for f in report.findings
        ],
        "unverified": unverified,
        "summary": list(report.summary),
        "method": list(report.method),
        "reference_days": report.reference_period_days,
        "language": lang(),
    }

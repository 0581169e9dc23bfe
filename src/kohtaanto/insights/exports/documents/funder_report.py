"""The funder report as PDF (reportlab): the organisation, the project, the period, the method,
the figures as tables and bar charts, and the small-number note.

Pure layout: every text comes translated in `FunderReport` (built by
`kohtaanto.insights.exports.content.funder_report`, from figures that are always suppressed:
outsiders read this file). The charts are drawn with reportlab's own shapes (bars with the
value written beside each, a suppressed value written as its label with no bar), the same
picture as `kohtaanto.stats.charts.bar_chart_svg` on the pages; each chart sits right after
its table, so the numbers are in the text as well."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer

from kohtaanto.insights.exports.tables import Table
from kohtaanto.stats.charts import MUTED, PALETTE
from kohtaanto.trials.documents import layout

Value = int | float | str | None


@dataclass(frozen=True)
class Bars:
    """A horizontal bar chart: a group per category, a bar per series (name, values); a str
    value is a suppressed cell's label ("< 5")."""

    title: str
    categories: Sequence[str]
    series: Sequence[tuple[str, Sequence[Value]]]
    suffix: str = ""
    max_value: float | None = None


@dataclass(frozen=True)
class Section:
    heading: str
    summary: Sequence[str] = ()
    tables: Sequence[Table] = ()
    chart: Bars | None = None


@dataclass(frozen=True)
class FunderReport:
    language: str
    title: str
    facts: Sequence[tuple[str, str]]
    """Label–value lines at the top: organisation, project, period, made on, by whom."""
    method_heading: str
    method: Sequence[str]
    suppression_note: str
    sections: Sequence[Section] = field(default_factory=tuple)
    footer: str = ""
    number: str = "fi"
    """"fi"/"sv": decimal comma in the chart's values."""


def _value_text(value: Value, comma: bool, suffix: str) -> str:
    if value is None:
        return "–"
    if isinstance(value, str):
        return value
    text = str(int(value)) if float(value).is_integer() else f"{value:.1f}"
    return (text.replace(".", ",") if comma else text) + suffix


def bar_drawing(chart: Bars, *, font: str, bold: str, width: float, comma: bool) -> Drawing:
    """The chart as reportlab shapes (vector, in the PDF)."""
    size, bar_h, gap = 9.0, 11.0, 7.0
    many = len(chart.series) > 1
    texts = [
        _value_text(v, comma, chart.suffix if isinstance(v, int | float) else "")
        + (f"  {name}" if many else "")
        for name, values in chart.series
        for v in values
    ]
    text_w = max([stringWidth(t, font, size) for t in texts] or [0.0]) + 8
    label_h = size + 5
    group_h = label_h + bar_h * max(len(chart.series), 1) + gap
    height = group_h * len(chart.categories) + 4
    plot_w = max(width - text_w, width * 0.4)
    numbers = [
        float(v)
        for _name, values in chart.series
        for v in values
        if isinstance(v, int | float) and not isinstance(v, bool)
    ]
    top = chart.max_value or max(numbers, default=0.0) or 1.0
    drawing = Drawing(width, height)
    for row, category in enumerate(chart.categories):
        y_top = height - row * group_h
        drawing.add(String(0, y_top - size, category, fontName=bold, fontSize=size))
        for index, (name, values) in enumerate(chart.series):
            value = values[row] if row < len(values) else None
            y = y_top - label_h - (index + 1) * bar_h
            colour = colors.HexColor(PALETTE[index % len(PALETTE)])
            suffix = f"  {name}" if many else ""
            if isinstance(value, int | float) and not isinstance(value, bool):
                w = max(0.0, min(float(value), top)) / top * plot_w
                drawing.add(Rect(0, y + 1.5, w, bar_h - 3, fillColor=colour, strokeColor=None))
                drawing.add(
                    String(
                        w + 4,
                        y + 3,
                        _value_text(value, comma, chart.suffix) + suffix,
                        fontName=font,
                        fontSize=size,
                    )
                )
            else:
                drawing.add(
                    String(
                        4,
                        y + 3,
                        _value_text(value, comma, "") + suffix,
                        fontName=font,
                        fontSize=size,
                        fillColor=colors.HexColor(MUTED),
                    )
                )
        y_axis = y_top - label_h
        drawing.add(Line(0, y_axis, 0, y_axis - bar_h * max(len(chart.series), 1), strokeWidth=0.6))
    return drawing


def _cell_text(cell: Value, comma: bool) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float):
        return _value_text(cell, comma, "")
    return str(cell)


_PAD = 8.0
"""Left and right padding of a grid cell, together (points)."""
_WIDE = 70 * mm
"""The most a column asks for before its text wraps."""


def compact(s: layout.Styles) -> layout.Styles:
    """Smaller cells for a table whose longest words do not fit the page side by side (the
    ESF+ tables: eight columns, long Finnish words)."""
    return replace(
        s,
        cell=ParagraphStyle("cell_compact", parent=s.cell, fontSize=8, leading=10.5),
        cell_head=ParagraphStyle("cell_head_compact", parent=s.cell_head, fontSize=7.5, leading=10),
    )


def _fits(header: Sequence[str], rows: Sequence[Sequence[str]], s: layout.Styles) -> bool:
    least = 0.0
    for index in range(len(header)):
        words = header[index].split() + [w for row in rows for w in row[index].split()]
        least += max((stringWidth(w, s.bold, s.cell_head.fontSize) for w in words), default=0.0)
        least += _PAD
    return bool(least <= layout.CONTENT_WIDTH)


def column_widths(
    header: Sequence[str], rows: Sequence[Sequence[str]], s: layout.Styles
) -> list[float]:
    """Widths that fit the content: every column gets at least its longest word (so no word
    is broken in the middle, "Miehe-t"), and the rest of the page goes to the columns whose
    whole text does not fit yet (the indicator's name, not its code)."""
    columns = max(len(header), 1)
    least = [0.0] * columns
    want = [0.0] * columns
    for index in range(columns):
        texts = [(header[index], s.bold, s.cell_head.fontSize)] if index < len(header) else []
        texts += [(row[index], s.regular, s.cell.fontSize) for row in rows if index < len(row)]
        for position, (text, font, size) in enumerate(texts):
            words = text.split() or [""]
            least[index] = max(least[index], *(stringWidth(w, font, size) + _PAD for w in words))
            if position or not rows:  # a header may wrap between its words
                want[index] = max(want[index], min(stringWidth(text, font, size) + _PAD, _WIDE))
    total = layout.CONTENT_WIDTH
    if sum(least) >= total:
        return [total * w / sum(least) for w in least]
    extra = [max(w - m, 0.0) for w, m in zip(want, least, strict=True)]
    room = total - sum(least)
    if sum(extra) <= room:  # everything fits on one line: the rest to the first column
        widths = [max(w, m) for w, m in zip(want, least, strict=True)]
        widths[0] += total - sum(widths)
        return widths
    return [m + room * e / sum(extra) for m, e in zip(least, extra, strict=True)]


def _table(table: Table, s: layout.Styles, comma: bool) -> list[Flowable]:
    header = [str(h) for h in table.header]
    columns = max(len(header), 1)
    rows = [[_cell_text(c, comma) for c in row] for row in table.rows]
    cells = s if _fits(header, rows, s) else compact(s)
    widths = column_widths(header, rows, cells)
    extra = [("ALIGN", (1, 1), (-1, -1), "RIGHT")] if columns > 1 else []
    story: list[Flowable] = [
        Paragraph(escape(table.title), s.subheading),
        layout.grid(header, rows, widths, cells, extra=extra),
    ]
    story += [layout.para(note, s.small) for note in table.notes]
    return story


_PAGE_ROOM = 230 * mm
"""About the height of a page's frame (A4 less the margins and the footer)."""


def _height(flowables: Sequence[Flowable]) -> float:
    """The room `flowables` take, or a start's worth when they are taller than a page (a
    table that long runs onto the next page anyway)."""
    need = sum(f.wrap(layout.CONTENT_WIDTH, _PAGE_ROOM)[1] for f in flowables)
    return float(need) if need <= _PAGE_ROOM else 60 * mm


def _has_bars(chart: Bars) -> bool:
    """A chart is drawn only when some bar has a length (all zeros or hidden: the table says
    it all)."""
    return any(
        isinstance(v, int | float) and not isinstance(v, bool) and v > 0
        for _name, values in chart.series
        for v in values
    )


def render(report: FunderReport, *, compress: bool = True) -> bytes:
    """The PDF's bytes."""
    s = layout.styles()
    comma = report.number in ("fi", "sv")
    story: list[Flowable] = [
        layout.para(report.title, s.title),
        Spacer(1, 3 * mm),
        layout.fields(list(report.facts), s),
        Spacer(1, 2 * mm),
        layout.para(report.suppression_note, s.banner),
        layout.heading(report.method_heading, s),
        *[layout.para(line, s.body) for line in report.method],
    ]
    for section in report.sections:
        opening: list[Flowable] = [layout.heading(section.heading, s)]
        opening += [layout.para(line, s.body) for line in section.summary]
        tables = [_table(table, s, comma) for table in section.tables]
        # A section's heading is not left alone at the foot of a page: when its start (and
        # its first table, if that fits a page) does not fit, it begins a new page.
        story.append(CondPageBreak(_height([*opening, *(tables[0][:2] if tables else [])])))
        story += opening
        for flowables in tables:
            story += flowables
        if section.chart is not None and _has_bars(section.chart):
            story.append(Paragraph(escape(section.chart.title), s.subheading))
            story.append(
                bar_drawing(
                    section.chart,
                    font=s.regular,
                    bold=s.bold,
                    width=layout.CONTENT_WIDTH * 0.85,
                    comma=comma,
                )
            )
            story.append(Spacer(1, 3 * mm))
    return layout.build(
        story,
        s=s,
        language=report.language,
        title=report.title,
        author="Kohtaanto",
        footer=report.footer or report.title,
        compress=compress,
    )

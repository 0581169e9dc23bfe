"""Accessible SVG bar charts for DigComp results, with a text-table alternative.

Pure functions (no Django): `bar_chart_svg(...)` returns an SVG string with `role="img"`,
`<title>` and `<desc>` (referenced by `aria-labelledby`), and a value written next to every
bar; `chart_table(...)` returns the same numbers as rows for an HTML table or plain text.
One series is one attempt, so several series show progress over time.

Readable on a phone: the chart is drawn for a narrow width (`width`, 360 units) with each
category's label on its own line above its bars, and the SVG has no fixed size (a viewBox
only), so the page scales it to the column; at 360 px the text stays at about its nominal
size (`FONT_SIZE`), never the 7 px of a wide chart shrunk to a phone. Numbers are written by
`number` (the page passes one with the decimal comma of Finnish and Swedish).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from xml.sax.saxutils import escape

PALETTE = ("#1f4e79", "#c55a11", "#548235", "#7030a0", "#bf9000")
FONT_SIZE = 16
"""Text size in SVG units; one unit is about one CSS pixel on a 360 px phone."""

Number = Callable[[float], str]


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float | None]


def dot_number(value: float) -> str:
    """1 decimal, trailing zero dropped: 3.5, 3."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _fmt(value: float | None, number: Number = dot_number, empty: str = "–") -> str:
    return empty if value is None else number(value)


def bar_chart_svg(
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    description: str,
    max_value: float = 5.0,
    chart_id: str = "chart",
    width: int = 360,
    number: Number = dot_number,
) -> str:
    """A horizontal grouped bar chart: one group per category (DigComp area) with its label
    above, one bar per series (attempt). Values are on a 0…`max_value` scale; None is drawn
    as "–"."""
    size = FONT_SIZE
    margin, value_w, bar_h, gap = 4, 48, 22, 18
    plot_w = width - 2 * margin - value_w
    legend_row = size + 10
    legend_h = legend_row * len(series) + 6 if len(series) > 1 else 0
    label_h = size + 8
    group_h = label_h + bar_h * max(len(series), 1) + gap
    height = legend_h + group_h * len(categories) + margin
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'class="bar-chart" role="img" aria-labelledby="{title_id} {desc_id}" '
        f'font-family="sans-serif" font-size="{size}">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{desc_id}">{escape(description)}</desc>',
    ]
    if legend_h:
        for index, item in enumerate(series):
            colour = PALETTE[index % len(PALETTE)]
            y = 4 + index * legend_row
            out.append(
                f'<rect x="{margin}" y="{y}" width="{size}" height="{size}" fill="{colour}"/>'
            )
            out.append(
                f'<text x="{margin + size + 8}" y="{y + size - 3}">{escape(item.name)}</text>'
            )
    for row, category in enumerate(categories):
        y0 = legend_h + row * group_h
        out.append(
            f'<text x="{margin}" y="{y0 + size}" font-weight="bold">{escape(category)}</text>'
        )
        for index, item in enumerate(series):
            value = item.values[row] if row < len(item.values) else None
            y = y0 + label_h + index * bar_h
            w = 0.0 if value is None else max(0.0, min(value, max_value)) / max_value * plot_w
            colour = PALETTE[index % len(PALETTE)]
            out.append(
                f'<rect x="{margin}" y="{y}" width="{w:.1f}" height="{bar_h - 4}" '
                f'fill="{colour}"><title>{escape(category)}, {escape(item.name)}: '
                f"{_fmt(value, number)}</title></rect>"
            )
            out.append(
                f'<text x="{margin + w + 6:.1f}" y="{y + bar_h - 8}">{_fmt(value, number)}</text>'
            )
        out.append(
            f'<line x1="{margin}" y1="{y0 + label_h - 2}" x2="{margin}" '
            f'y2="{y0 + label_h + bar_h * max(len(series), 1) - 2}" stroke="#333"/>'
        )
    out.append("</svg>")
    return "".join(out)


def chart_table(
    categories: Sequence[str], series: Sequence[Series], *, number: Number = dot_number
) -> tuple[list[str], list[list[str]]]:
    """(header, rows) with the same numbers as the chart: a row per category, a column per
    series. Render it as an HTML table or with `table_text`."""
    header = ["", *(s.name for s in series)]
    rows = [
        [category, *(_fmt(s.values[i] if i < len(s.values) else None, number) for s in series)]
        for i, category in enumerate(categories)
    ]
    return header, rows


def table_text(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A plain-text table (for screen readers without SVG support, e-mail, the CLI)."""
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    lines = [
        " | ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)) for r in [header, *rows]
    ]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(line.rstrip() for line in lines)


def finnish_day(moment: date) -> str:
    """The date of a datetime or date as in Finland and Sweden: 23.11.2026."""
    day = moment.date() if isinstance(moment, datetime) else moment
    return f"{day.day}.{day.month}.{day.year}"


def digcomp_chart(
    results: Sequence[object],
    *,
    title: str,
    description: str,
    lang: str = "fi",
    series_name: str = "{date}",
    number: Number = dot_number,
) -> tuple[str, tuple[list[str], list[list[str]]]]:
    """SVG + table for `journeys.selectors.DigCompResult`s (one series per attempt, named by
    its date as d.m.yyyy)."""
    from kohtaanto.journeys.rules import digcomp

    areas = list(digcomp().areas.values())
    categories = [area.name.get(lang) for area in areas]
    series: list[Series] = []
    for result in results:
        means = {a.area: a.mean for a in result.areas}  # type: ignore[attr-defined]
        name = series_name.format(date=finnish_day(result.completed_at))  # type: ignore[attr-defined]
        taken = sum(1 for s in series if s.name == name or s.name.startswith(f"{name} ("))
        if taken:  # answered twice on one day: keep the legend and table apart
            name = f"{name} ({taken + 1})"
        series.append(Series(name, [means.get(area.id) for area in areas]))
    svg = bar_chart_svg(categories, series, title=title, description=description, number=number)
    return svg, chart_table(categories, series, number=number)

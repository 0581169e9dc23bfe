"""Accessible SVG bar charts for DigComp results, with a text-table alternative.

Pure functions (no Django): `bar_chart_svg(...)` returns an SVG string with `role="img"`,
`<title>` and `<desc>` (referenced by `aria-labelledby`), and a value written next to every
bar; `chart_table(...)` returns the same numbers as rows for an HTML table or plain text.
One series is one attempt, so several series show progress over time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

PALETTE = ("#1f4e79", "#c55a11", "#548235", "#7030a0", "#bf9000")


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float | None]


def _fmt(value: float | None, empty: str = "–") -> str:
    if value is None:
        return empty
    return f"{value:.1f}".rstrip("0").rstrip(".")


def bar_chart_svg(
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    description: str,
    max_value: float = 5.0,
    chart_id: str = "chart",
    width: int = 640,
) -> str:
    """A horizontal grouped bar chart: one group per category (DigComp area), one bar per
    series (attempt). Values are on a 0…`max_value` scale; None is drawn as "–"."""
    label_w, value_w, bar_h, gap = 230, 40, 18, 14
    plot_w = width - label_w - value_w - 20
    group_h = bar_h * max(len(series), 1) + gap
    legend_h = 24 if len(series) > 1 else 0
    height = 20 + legend_h + group_h * len(categories) + 10
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" '
        f'aria-labelledby="{title_id} {desc_id}" font-family="sans-serif" font-size="14">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{desc_id}">{escape(description)}</desc>',
    ]
    if legend_h:
        x = label_w
        for index, item in enumerate(series):
            colour = PALETTE[index % len(PALETTE)]
            out.append(f'<rect x="{x}" y="6" width="12" height="12" fill="{colour}"/>')
            out.append(f'<text x="{x + 16}" y="17">{escape(item.name)}</text>')
            x += 24 + 8 * len(item.name)
    top = 20 + legend_h
    for row, category in enumerate(categories):
        y0 = top + row * group_h
        label_y = y0 + bar_h * max(len(series), 1) / 2 + 5
        out.append(
            f'<text x="{label_w - 8}" y="{label_y:.0f}" text-anchor="end">{escape(category)}</text>'
        )
        for index, item in enumerate(series):
            value = item.values[row] if row < len(item.values) else None
            y = y0 + index * bar_h
            w = 0.0 if value is None else max(0.0, min(value, max_value)) / max_value * plot_w
            colour = PALETTE[index % len(PALETTE)]
            out.append(
                f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h - 3}" fill="{colour}">'
                f"<title>{escape(category)}, {escape(item.name)}: {_fmt(value)}</title></rect>"
            )
            out.append(f'<text x="{label_w + w + 6:.1f}" y="{y + bar_h - 6}">{_fmt(value)}</text>')
    axis_bottom = top + group_h * len(categories) - gap + 4
    out.append(
        f'<line x1="{label_w}" y1="{top - 4}" x2="{label_w}" y2="{axis_bottom}" stroke="#333"/>'
    )
    out.append("</svg>")
    return "".join(out)


def chart_table(
    categories: Sequence[str], series: Sequence[Series]
) -> tuple[list[str], list[list[str]]]:
    """(header, rows) with the same numbers as the chart: a row per category, a column per
    series. Render it as an HTML table or with `table_text`."""
    header = ["", *(s.name for s in series)]
    rows = [
        [category, *(_fmt(s.values[i] if i < len(s.values) else None) for s in series)]
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


def digcomp_chart(
    results: Sequence[object],
    *,
    title: str,
    description: str,
    lang: str = "fi",
    series_name: str = "{date}",
) -> tuple[str, tuple[list[str], list[list[str]]]]:
    """SVG + table for `journeys.selectors.DigCompResult`s (one series per attempt)."""
    from kohtaanto.journeys.rules import digcomp

    areas = list(digcomp().areas.values())
    categories = [area.name.get(lang) for area in areas]
    series: list[Series] = []
    for result in results:
        means = {a.area: a.mean for a in result.areas}  # type: ignore[attr-defined]
        name = series_name.format(date=result.completed_at.date().isoformat())  # type: ignore[attr-defined]
        taken = sum(1 for s in series if s.name == name or s.name.startswith(f"{name} ("))
        if taken:  # answered twice on one day: keep the legend and table apart
            name = f"{name} ({taken + 1})"
        series.append(Series(name, [means.get(area.id) for area in areas]))
    svg = bar_chart_svg(categories, series, title=title, description=description)
    return svg, chart_table(categories, series)

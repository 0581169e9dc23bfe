"""Accessible server-rendered SVG charts for statistics pages, exports and reports.

Pure functions (no Django), used by the outcome and ESF+ pages (insights) and the regional
foresight pages. Each chart function returns an SVG string:

- `bar_chart_svg` — horizontal bars, one group per category, one bar per series, the value
  written beside every bar (and the series' name when there are several, so colour is never
  the only way to tell them apart);
- `share_chart_svg` — a 100 % bar per category split into parts (shares), with every part's
  name, count and share written under the bar;
- `line_chart_svg` — a trend over months, one line per series with its own marker shape and
  dash pattern, values at the first and last point and at the highest one.

Every chart has `role="img"` and `aria-labelledby` pointing at its `<title>` and `<desc>`, a
viewBox only (no fixed size: the page scales it to its column, and at 360 px wide the text is
about `FONT_SIZE` px), and colours from `PALETTE`, each with a contrast of at least 4.5:1
against white. `chart_table` gives the same numbers as (header, rows) for the table
alternative shown under each chart, `table_csv` the same table as a CSV download and
`table_text` as plain text.

Small-number protection: a value may be a string instead of a number — the marker of a
suppressed cell (`kohtaanto.stats.suppression`'s "small" / "hidden"). It is never drawn as
zero: a bar chart writes its label (`gaps`, e.g. {"small": "< 5", "hidden": "hidden"} in
the reader's language) where the bar would be, a share chart leaves the unknown part as a
hatched "hidden" segment, and a line chart breaks the line and shades that month.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

PALETTE = ("#1f4e79", "#9c4306", "#386b1f", "#6a2c91", "#705400", "#005f6b")
"""Bar and line colours, in order of the series; each has at least 4.5:1 contrast against
white (so white text on them and them on white are both readable)."""
TEXT = "#1a1a1a"
MUTED = "#4d4d4d"
"""Gap labels and axis text (7.8:1 on white)."""
GRID = "#b3b3b3"
FONT_SIZE = 16
"""Text size in SVG units; one unit is about one CSS pixel on a 360 px phone."""
SMALL_FONT = 14
DASHES = ("", "6 4", "2 4", "10 4 2 4", "1 6", "12 6")
"""Line dash patterns per series (line charts), so lines differ in more than colour."""
MARKERS = ("circle", "square", "triangle", "diamond", "circle", "square")

Value = float | str | None
"""A number, the marker of a suppressed cell (a string, see `gaps`), or None (no figure)."""
Number = Callable[[float], str]

DEFAULT_GAPS: Mapping[str, str] = {"small": "< 5", "hidden": "hidden"}


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[Value]


def dot_number(value: float) -> str:
    """An integer as is, otherwise 1 decimal with a dot: 12, 3.5."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.1f}"


def comma_number(value: float) -> str:
    """As `dot_number` but with the decimal comma of Finnish and Swedish: 3,5."""
    return dot_number(value).replace(".", ",")


def percent_text(value: float, number: Number = dot_number) -> str:
    """A share 0…100 written with its sign after a (narrow) space: 45 %."""
    return f"{number(round(value))}\u00a0%"


def _value(values: Sequence[Value], index: int) -> Value:
    return values[index] if index < len(values) else None


def _num(value: Value) -> float | None:
    """The value as a float, or None for a gap or no figure."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return None


def _is_number(value: Value) -> bool:
    return _num(value) is not None


def cell_text(
    value: Value, number: Number = dot_number, gaps: Mapping[str, str] = DEFAULT_GAPS
) -> str:
    """A value as written in a chart or table: the number, the gap's label, or "–"."""
    if value is None:
        return "–"
    if isinstance(value, str):
        return gaps.get(value, value)
    return number(value)


def _text_width(text: str, size: int = FONT_SIZE) -> float:
    """A rough width of `text` in a sans-serif font (for layout only)."""
    return len(text) * size * 0.56


def _nice_step(least: float) -> float:
    """The smallest 1, 2 or 5 × 10^n (n ≥ 0: counts have whole-number ticks) at least
    `least`."""
    if least <= 1:
        return 1.0
    power = 10 ** math.floor(math.log10(least))
    for step in (1, 2, 5, 10):
        if step * power >= least:
            return float(step * power)
    return float(10 * power)  # pragma: no cover - the loop always returns


def _open(chart_id: str, width: int, height: float, title: str, description: str, kind: str) -> str:
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height:.0f}" '
        f'class="stat-chart stat-chart--{kind}" role="img" '
        f'aria-labelledby="{title_id} {desc_id}" font-family="sans-serif" '
        f'font-size="{FONT_SIZE}" fill="{TEXT}">'
        f'<title id="{title_id}">{escape(title)}</title>'
        f'<desc id="{desc_id}">{escape(description)}</desc>'
    )


def _hatch(chart_id: str) -> str:
    return (
        f'<defs><pattern id="{chart_id}-hatch" width="8" height="8" '
        f'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        f'<rect width="8" height="8" fill="#ffffff"/>'
        f'<line x1="0" y1="0" x2="0" y2="8" stroke="{MUTED}" stroke-width="3"/>'
        f"</pattern></defs>"
    )


def _wrap(widths: Sequence[float], width: float, space: float) -> list[list[int]]:
    """Indexes of items of the given widths laid out on lines no wider than `width` (an item
    wider than a line gets a line of its own)."""
    lines: list[list[int]] = [[]]
    used = 0.0
    for index, item_w in enumerate(widths):
        need = item_w + (space if lines[-1] else 0)
        if lines[-1] and used + need > width:
            lines.append([])
            used = 0.0
            need = item_w
        lines[-1].append(index)
        used += need
    return [line for line in lines if line]


def bar_chart_svg(
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    description: str,
    chart_id: str = "chart",
    max_value: float | None = None,
    width: int = 360,
    number: Number = dot_number,
    gaps: Mapping[str, str] = DEFAULT_GAPS,
    suffix: str = "",
) -> str:
    """Horizontal bars: one group per category with its label on its own line above, one bar
    per series. The value (and, with several series, the series' name) is written beside each
    bar; a suppressed value is written as its gap label with no bar. The scale runs from 0 to
    `max_value` (default: a round number at or above the largest value). `suffix` follows
    every value ("\u00a0%" for shares)."""
    size = FONT_SIZE
    margin, bar_h, gap = 4, 24, 14
    many = len(series) > 1
    texts = [
        f"{cell_text(_value(s.values, i), number, gaps)}"
        f"{suffix if _is_number(_value(s.values, i)) else ''}"
        f"{'  ' + s.name if many else ''}"
        for s in series
        for i in range(len(categories))
    ]
    text_w = max([_text_width(t) for t in texts] or [0.0]) + 8
    plot_w = max(width - 2 * margin - text_w, width * 0.4)
    numbers = [float(v) for s in series for v in s.values if isinstance(v, int | float)]
    top = max_value if max_value is not None else max(numbers, default=0.0) or 1.0
    label_h = size + 8
    group_h = label_h + bar_h * max(len(series), 1) + gap
    height = group_h * len(categories) + margin
    out = [_open(chart_id, width, max(height, size + 8), title, description, "bar")]
    for row, category in enumerate(categories):
        y0 = row * group_h
        out.append(
            f'<text x="{margin}" y="{y0 + size}" font-weight="bold">{escape(category)}</text>'
        )
        for index, item in enumerate(series):
            value = _value(item.values, row)
            y = y0 + label_h + index * bar_h
            colour = PALETTE[index % len(PALETTE)]
            text = cell_text(value, number, gaps)
            name = f"  {item.name}" if many else ""
            amount = _num(value)
            if amount is not None:
                w = max(0.0, min(amount, top)) / top * plot_w if top else 0.0
                out.append(
                    f'<rect x="{margin}" y="{y}" width="{w:.1f}" height="{bar_h - 6}" '
                    f'fill="{colour}"><title>{escape(category)}, {escape(item.name)}: '
                    f"{escape(text + suffix)}</title></rect>"
                )
                out.append(
                    f'<text x="{margin + w + 6:.1f}" y="{y + bar_h - 10}">'
                    f"{escape(text + suffix + name)}</text>"
                )
            else:
                out.append(
                    f'<text x="{margin + 6}" y="{y + bar_h - 10}" fill="{MUTED}" '
                    f'font-style="italic" class="stat-chart__gap">{escape(text + name)}</text>'
                )
        out.append(
            f'<line x1="{margin}" y1="{y0 + label_h - 3}" x2="{margin}" '
            f'y2="{y0 + label_h + bar_h * max(len(series), 1) - 4}" stroke="{TEXT}"/>'
        )
    out.append("</svg>")
    return "".join(out)


def shares(values: Sequence[Value], total: Value = None) -> list[float | None]:
    """Each numeric value's share (0…100) of `total` (default: the sum of the numeric values;
    None when the total is not a number or 0); a suppressed value has no share (None)."""
    whole: Value = total
    if whole is None:
        whole = sum(float(v) for v in values if isinstance(v, int | float))
    if not isinstance(whole, int | float) or whole <= 0:
        return [None for _ in values]
    return [float(v) / float(whole) * 100 if isinstance(v, int | float) else None for v in values]


def share_chart_svg(
    categories: Sequence[str],
    parts: Sequence[Series],
    *,
    title: str,
    description: str,
    chart_id: str = "chart",
    totals: Sequence[Value] | None = None,
    width: int = 360,
    number: Number = dot_number,
    gaps: Mapping[str, str] = DEFAULT_GAPS,
) -> str:
    """A 100 % bar per category split into `parts` (each part a Series with one value per
    category: continuation paths by kind, say). Under each bar every part is written with a
    swatch of its colour, its count and share ("■ Work 12 (45 %)"), so the reader needs no
    colour to read it. `totals` (default: the sum of the numeric parts) are the 100 %; when a
    part is suppressed, the rest of a known total is a hatched segment and the part is
    written with its gap label; when the total itself is suppressed, the row says so."""
    size = FONT_SIZE
    margin, bar_h, gap, line_h = 4, 28, 16, size + 8
    plot_w = width - 2 * margin
    rows: list[tuple[str, Value, list[float | None], list[str]]] = []
    for row, category in enumerate(categories):
        values = [_value(p.values, row) for p in parts]
        total = _value(totals, row) if totals is not None else None
        if totals is None:
            total = sum(float(v) for v in values if isinstance(v, int | float))
        part_shares = shares(values, total)
        items = [
            f"{p.name} {cell_text(v, number, gaps)}"
            + (f" ({percent_text(s, number)})" if s is not None else "")
            for p, v, s in zip(parts, values, part_shares, strict=True)
        ]
        rows.append((category, total, part_shares, items))
    swatch = size + 6  # a colour square and a space before each item's text
    layouts = [
        _wrap([swatch + _text_width(item) for item in items], plot_w, size)
        for _c, _t, _s, items in rows
    ]
    heights = [line_h + bar_h + 6 + line_h * len(lines) + gap for lines in layouts]
    height = sum(heights) + margin
    out = [_open(chart_id, width, max(height, size + 8), title, description, "share")]
    out.append(_hatch(chart_id))
    y0 = 0.0
    for (category, total, part_shares, items), lines, row_h in zip(
        rows, layouts, heights, strict=True
    ):
        out.append(
            f'<text x="{margin}" y="{y0 + size}" font-weight="bold">{escape(category)}</text>'
        )
        bar_y = y0 + line_h
        whole = _num(total)
        if whole is None or whole <= 0:
            label = cell_text(total, number, gaps) if total not in (None, 0) else "–"
            out.append(
                f'<rect x="{margin}" y="{bar_y}" width="{plot_w}" height="{bar_h}" '
                f'fill="url(#{chart_id}-hatch)" stroke="{MUTED}"/>'
            )
            out.append(
                f'<text x="{margin + 8}" y="{bar_y + bar_h - 8}" fill="{TEXT}" '
                f'font-style="italic" paint-order="stroke" stroke="#ffffff" stroke-width="4">'
                f"{escape(label)}</text>"
            )
        else:
            x = float(margin)
            for index, share in enumerate(part_shares):
                if share is None or share <= 0:
                    continue
                w = share / 100 * plot_w
                out.append(
                    f'<rect x="{x:.1f}" y="{bar_y}" width="{w:.1f}" height="{bar_h}" '
                    f'fill="{PALETTE[index % len(PALETTE)]}" stroke="#ffffff" stroke-width="1.5">'
                    f"<title>{escape(items[index])}</title></rect>"
                )
                if w >= _text_width(percent_text(share, number), SMALL_FONT) + 8:
                    out.append(
                        f'<text x="{x + w / 2:.1f}" y="{bar_y + bar_h - 9}" fill="#ffffff" '
                        f'font-size="{SMALL_FONT}" font-weight="bold" text-anchor="middle">'
                        f"{escape(percent_text(share, number))}</text>"
                    )
                x += w
            if x < margin + plot_w - 0.5:  # the suppressed parts: unknown, not zero
                out.append(
                    f'<rect x="{x:.1f}" y="{bar_y}" width="{margin + plot_w - x:.1f}" '
                    f'height="{bar_h}" fill="url(#{chart_id}-hatch)" stroke="{MUTED}"/>'
                )
        y = bar_y + bar_h + 6
        for line in lines:
            x = float(margin)
            for index in line:
                out.append(
                    f'<rect x="{x:.1f}" y="{y + 4}" width="{size - 2}" height="{size - 2}" '
                    f'fill="{PALETTE[index % len(PALETTE)]}"/>'
                )
                out.append(
                    f'<text x="{x + swatch:.1f}" y="{y + size}">{escape(items[index])}</text>'
                )
                x += swatch + _text_width(items[index]) + size
            y += line_h
        y0 += row_h
    out.append("</svg>")
    return "".join(out)


def _marker(kind: str, x: float, y: float, colour: str) -> str:
    if kind == "square":
        return f'<rect x="{x - 5:.1f}" y="{y - 5:.1f}" width="10" height="10" fill="{colour}"/>'
    if kind == "triangle":
        return (
            f'<polygon points="{x:.1f},{y - 6:.1f} {x + 6:.1f},{y + 5:.1f} '
            f'{x - 6:.1f},{y + 5:.1f}" fill="{colour}"/>'
        )
    if kind == "diamond":
        return (
            f'<polygon points="{x:.1f},{y - 6:.1f} {x + 6:.1f},{y:.1f} {x:.1f},{y + 6:.1f} '
            f'{x - 6:.1f},{y:.1f}" fill="{colour}"/>'
        )
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{colour}"/>'


def line_chart_svg(
    labels: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    description: str,
    chart_id: str = "chart",
    width: int = 360,
    height: int = 240,
    number: Number = dot_number,
    gaps: Mapping[str, str] = DEFAULT_GAPS,
    gap_note: str = "",
) -> str:
    """A trend: `labels` along the bottom (months, say "1/26"; only as many as fit are
    written), one line per series with its own colour, dash pattern and marker shape and a
    legend above. The first, the last and the highest value of each line are written beside
    the point. A suppressed value breaks the line and shades its column; `gap_note` (say
    "Shaded: fewer than 5 or hidden") is written under the chart when there is such a gap."""
    size = FONT_SIZE
    small = SMALL_FONT
    margin = 4
    legend_h = (size + 8) * len(series) if len(series) > 1 else 0
    numbers = [float(v) for s in series for v in s.values if isinstance(v, int | float)]
    tick = _nice_step(max(numbers, default=0.0) / 4)
    top = tick * max(1, math.ceil(max(numbers, default=0.0) / tick))
    ticks = [tick * i for i in range(round(top / tick) + 1)]
    axis_w = max(_text_width(number(t), small) for t in ticks) + 8
    left = margin + axis_w
    right = width - margin - 8
    plot_top = legend_h + 14
    plot_h = height - plot_top - (small + 14)
    has_gap = any(isinstance(v, str) for s in series for v in s.values)
    total_h = height + ((small + 10) if has_gap and gap_note else 0)
    out = [_open(chart_id, width, total_h, title, description, "line")]
    out.append(_hatch(chart_id))
    count = max(len(labels), 1)
    step = (right - left) / max(count - 1, 1)

    def x_of(index: int) -> float:
        return left + (index * step if count > 1 else (right - left) / 2)

    def y_of(value: float) -> float:
        return plot_top + plot_h - (value / top * plot_h if top else 0.0)

    for index, item in enumerate(series if legend_h else []):
        colour = PALETTE[index % len(PALETTE)]
        y = 4 + index * (size + 8) + size / 2
        dash = DASHES[index % len(DASHES)]
        out.append(
            f'<line x1="{margin}" y1="{y:.1f}" x2="{margin + 30}" y2="{y:.1f}" stroke="{colour}" '
            f'stroke-width="3"{f" stroke-dasharray={chr(34)}{dash}{chr(34)}" if dash else ""}/>'
        )
        out.append(_marker(MARKERS[index % len(MARKERS)], margin + 15, y, colour))
        out.append(f'<text x="{margin + 38}" y="{y + size / 2 - 2:.1f}">{escape(item.name)}</text>')
    for tick in ticks:
        y = y_of(tick)
        out.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}" stroke="{GRID}" '
            f'stroke-width="1"/>'
        )
        out.append(
            f'<text x="{left - 6}" y="{y + small / 3:.1f}" font-size="{small}" fill="{MUTED}" '
            f'text-anchor="end">{escape(number(tick))}</text>'
        )
    label_w = max((_text_width(label, small) for label in labels), default=0.0) + 6
    every = max(1, math.ceil(label_w / step)) if count > 1 else 1
    for index, label in enumerate(labels):
        if index % every and index != count - 1:
            continue
        if index != count - 1 and x_of(count - 1) - x_of(index) < 1.5 * label_w:
            continue  # the last label (its right end at the last point) stays clear of it
        if 0 < index < count - 1 and x_of(index) - x_of(0) < 1.5 * label_w:
            continue  # so does the first (its left end at the first point)
        anchor = "middle"
        if count > 1 and index in (0, count - 1):
            anchor = "start" if index == 0 else "end"  # inside the picture, not cut off
        out.append(
            f'<text x="{x_of(index):.1f}" y="{plot_top + plot_h + small + 6:.1f}" '
            f'font-size="{small}" fill="{MUTED}" text-anchor="{anchor}">{escape(label)}</text>'
        )
    shaded = sorted({i for s in series for i, v in enumerate(s.values) if isinstance(v, str)})
    for index in shaded:
        half = step / 2 if count > 1 else (right - left) / 2
        out.append(
            f'<rect x="{max(left, x_of(index) - half):.1f}" y="{plot_top}" '
            f'width="{min(right, x_of(index) + half) - max(left, x_of(index) - half):.1f}" '
            f'height="{plot_h}" fill="url(#{chart_id}-hatch)" opacity="0.5">'
            f"<title>{escape(labels[index] if index < len(labels) else '')}: "
            f"{escape(', '.join(cell_text(_value(s.values, index), number, gaps) for s in series))}"
            f"</title></rect>"
        )
    for index, item in enumerate(series):
        colour = PALETTE[index % len(PALETTE)]
        dash = DASHES[index % len(DASHES)]
        runs: list[list[tuple[float, float]]] = [[]]
        for i in range(len(labels)):
            value = _value(item.values, i)
            if isinstance(value, int | float):
                runs[-1].append((x_of(i), y_of(float(value))))
            elif runs[-1]:
                runs.append([])
        for run in runs:
            if len(run) > 1:
                points = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
                out.append(
                    f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="3"'
                    f"{f' stroke-dasharray={chr(34)}{dash}{chr(34)}' if dash else ''}/>"
                )
        present = [
            (i, amount)
            for i, v in enumerate(item.values[: len(labels)])
            if (amount := _num(v)) is not None
        ]
        for i, value in present:
            out.append(_marker(MARKERS[index % len(MARKERS)], x_of(i), y_of(value), colour))
        if present:
            peak = max(present, key=lambda p: p[1])[0]
            for i in sorted({present[0][0], present[-1][0], peak}):
                value = dict(present)[i]
                anchor = "start" if i == 0 else "end" if i == count - 1 else "middle"
                out.append(
                    f'<text x="{x_of(i):.1f}" y="{y_of(value) - 10:.1f}" font-size="{small}" '
                    f'font-weight="bold" text-anchor="{anchor}" paint-order="stroke" '
                    f'stroke="#ffffff" stroke-width="4" fill="{TEXT}">'
                    f"{escape(number(value))}</text>"
                )
    out.append(
        f'<line x1="{left}" y1="{plot_top + plot_h}" x2="{right}" y2="{plot_top + plot_h}" '
        f'stroke="{TEXT}"/>'
    )
    if has_gap and gap_note:
        out.append(
            f'<rect x="{margin}" y="{height + 1}" width="{small}" height="{small}" '
            f'fill="url(#{chart_id}-hatch)" stroke="{MUTED}"/>'
            f'<text x="{margin + small + 6}" y="{height + small - 1}" font-size="{small}" '
            f'fill="{MUTED}">{escape(gap_note)}</text>'
        )
    out.append("</svg>")
    return "".join(out)


def chart_table(
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    number: Number = dot_number,
    gaps: Mapping[str, str] = DEFAULT_GAPS,
    corner: str = "",
    with_shares: bool = False,
    totals: Sequence[Value] | None = None,
) -> tuple[list[str], list[list[str]]]:
    """(header, rows) with the same numbers as the chart: a row per category, a column per
    series, suppressed cells written with their gap label. `with_shares` writes each count
    with its share of the row's total as in `share_chart_svg` ("12 (45 %)")."""
    header = [corner, *(s.name for s in series)]
    rows: list[list[str]] = []
    for i, category in enumerate(categories):
        values = [_value(s.values, i) for s in series]
        texts = [cell_text(v, number, gaps) for v in values]
        if with_shares:
            total = _value(totals, i) if totals is not None else None
            part_shares = shares(values, total)
            texts = [
                text if share is None else f"{text} ({percent_text(share, number)})"
                for text, share in zip(texts, part_shares, strict=True)
            ]
        rows.append([category, *texts])
    return header, rows


def table_text(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A plain-text table (e-mail, the CLI, a screen reader without SVG)."""
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    lines = [
        " | ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)) for r in [header, *rows]
    ]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(line.rstrip() for line in lines)


def table_csv(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """The table as CSV text (the chart's download), cells as written in the table."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def contrast_ratio(foreground: str, background: str = "#ffffff") -> float:
    """WCAG contrast ratio of two "#rrggbb" colours (1…21)."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)

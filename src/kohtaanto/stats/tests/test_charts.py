from __future__ import annotations

import csv
import io
import itertools
import xml.etree.ElementTree as ET

from kohtaanto.stats.charts import (
    GRID,
    MUTED,
    PALETTE,
    TEXT,
    Series,
    bar_chart_svg,
    cell_text,
    chart_table,
    comma_number,
    contrast_ratio,
    line_chart_svg,
    share_chart_svg,
    shares,
    table_csv,
    table_text,
)

SVG = "{http://www.w3.org/2000/svg}"
GAPS = {"small": "alle 5", "hidden": "piilotettu"}


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own output


def texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{SVG}text")]


def assert_accessible(root: ET.Element, chart_id: str, title: str) -> None:
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert root.get("aria-labelledby") == f"{chart_id}-title {chart_id}-desc"
    assert root.find(f"{SVG}title").get("id") == f"{chart_id}-title"
    assert root.find(f"{SVG}title").text == title
    assert root.find(f"{SVG}desc").get("id") == f"{chart_id}-desc"
    assert root.get("width") is None and root.get("height") is None  # a viewBox only
    x0, y0, width, height = (float(v) for v in root.get("viewBox").split())
    assert (x0, y0, width) == (0, 0, 360) and height > 0


def test_bar_chart_writes_values_and_draws_suppressed_cells_as_labelled_gaps():
    svg = bar_chart_svg(
        ["Työ", "Koulutus <ammatti>", "Muu"],
        [Series("Naiset", [12, "small", 30]), Series("Miehet", [8, "hidden", None])],
        title="Jatkopolut",
        description="Jatkopolun saaneet sukupuolen mukaan",
        chart_id="paths",
        gaps=GAPS,
    )
    root = parse(svg)
    assert_accessible(root, "paths", "Jatkopolut")
    bars = [r for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    # Only numbers get a bar; a gap gets no bar at all (not a zero-width one)
    assert [r.find(f"{SVG}title").text for r in bars] == [
        "Työ, Naiset: 12",
        "Työ, Miehet: 8",
        "Muu, Naiset: 30",
    ]
    widths = [float(r.get("width")) for r in bars]
    assert widths[2] > widths[0] > widths[1] > 0
    written = texts(root)
    # Several series: each value says whose it is (colour is not the only carrier)
    assert "12  Naiset" in written and "8  Miehet" in written
    assert "alle 5  Naiset" in written and "piilotettu  Miehet" in written
    assert "–  Miehet" in written  # no figure at all
    assert "Koulutus <ammatti>" in written  # escaped in the SVG, read back as text
    assert "0" not in " ".join(written).split()


def test_bar_chart_scale_and_suffix():
    root = parse(
        bar_chart_svg(
            ["A", "B"],
            [Series("Osuus", [45.5, 100])],
            title="t",
            description="d",
            max_value=100,
            suffix="\u00a0%",
            number=comma_number,
        )
    )
    bars = [r for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    assert float(bars[1].get("width")) > float(bars[0].get("width"))
    assert "45,5\u00a0%" in texts(root)  # one series: no name beside the value
    assert abs(float(bars[0].get("width")) / float(bars[1].get("width")) - 0.455) < 0.01


def test_share_chart_parts_named_in_text_and_unknown_part_hatched():
    root = parse(
        share_chart_svg(
            ["Kevät", "Syksy", "Talvi"],
            [
                Series("Työ", [20, 10, "small"]),
                Series("Koulutus", [10, "small", 2]),
                Series("Ei jatkoa", [10, 20, 1]),
            ],
            totals=[40, 33, "hidden"],
            title="Jatkopolut",
            description="d",
            chart_id="share",
            gaps=GAPS,
        )
    )
    assert_accessible(root, "share", "Jatkopolut")
    written = texts(root)
    assert "Työ 20 (50\u00a0%)" in written and "Ei jatkoa 10 (25\u00a0%)" in written
    assert "Koulutus alle 5" in written  # a suppressed part: its label, no share
    assert "piilotettu" in written  # the whole total unknown: the row says so
    hatched = [r for r in root.iter(f"{SVG}rect") if r.get("fill") == "url(#share-hatch)"]
    # Syksy: 10 + 20 of 33 known, the rest hatched; Talvi: the whole bar hatched
    assert len(hatched) == 2
    segment = next(
        r
        for r in root.iter(f"{SVG}rect")
        if r.find(f"{SVG}title") is not None and r.find(f"{SVG}title").text.startswith("Työ 20")
    )
    assert abs(float(segment.get("width")) - 352 * 0.5) < 0.2


def test_shares():
    assert shares([1, 3]) == [25.0, 75.0]
    assert shares([1, "small"], total=10) == [10.0, None]
    assert shares([1, 2], total="hidden") == [None, None]
    assert shares([0, 0]) == [None, None]


def test_line_chart_breaks_at_gaps_and_marks_them():
    months = ["1/26", "2/26", "3/26", "4/26", "5/26", "6/26"]
    root = parse(
        line_chart_svg(
            months,
            [Series("Aloittaneet", [10, 12, "small", 15, 9, 20]), Series("Päättyneet", [5] * 6)],
            title="Kuukausittain",
            description="d",
            chart_id="trend",
            gaps=GAPS,
            gap_note="Varjostettu kuukausi: alle 5 tai piilotettu",
        )
    )
    assert_accessible(root, "trend", "Kuukausittain")
    lines = list(root.iter(f"{SVG}polyline"))
    # "Aloittaneet" is broken in two runs around March; "Päättyneet" is one dashed line
    assert len(lines) == 3
    assert lines[2].get("stroke-dasharray") and not lines[0].get("stroke-dasharray")
    hatched = [r for r in root.iter(f"{SVG}rect") if r.get("fill") == "url(#trend-hatch)"]
    assert len(hatched) == 2  # the March column and the note's swatch
    assert "3/26: alle 5, 5" in hatched[0].find(f"{SVG}title").text
    written = texts(root)
    assert "Varjostettu kuukausi: alle 5 tai piilotettu" in written
    assert "20" in written and "10" in written  # last/peak and first of the first line
    assert "Aloittaneet" in written and "Päättyneet" in written  # a legend with two lines


def test_line_chart_with_many_months_writes_labels_that_fit():
    months = [f"{m}/25" for m in range(1, 13)] + [f"{m}/26" for m in range(1, 13)]
    root = parse(line_chart_svg(months, [Series("s", list(range(24)))], title="t", description="d"))
    shown = [t for t in texts(root) if "/" in t]
    assert 3 <= len(shown) < 24 and shown[-1] == "12/26"
    xs = [
        float(t.get("x")) for t in root.iter(f"{SVG}text") if t.text and "/" in t.text
    ]  # labels do not overlap: at least a label's width apart
    assert all(b - a >= 5 * 14 * 0.56 for a, b in itertools.pairwise(xs[:-1]))
    assert xs[-1] - xs[-2] >= 1.5 * 5 * 14 * 0.56  # the last one is anchored at its end


def test_empty_charts_are_still_valid():
    for svg in (
        bar_chart_svg([], [], title="t", description="d"),
        share_chart_svg([], [], title="t", description="d"),
        line_chart_svg([], [], title="t", description="d"),
    ):
        assert parse(svg).get("role") == "img"


def test_table_alternative_and_downloads():
    series = [Series("Naiset", [12, "small"]), Series("Miehet", [8, "hidden"])]
    header, rows = chart_table(["Työ", "Muu"], series, gaps=GAPS, corner="Jatkopolku")
    assert header == ["Jatkopolku", "Naiset", "Miehet"]
    assert rows == [["Työ", "12", "8"], ["Muu", "alle 5", "piilotettu"]]
    header, rows = chart_table(
        ["Kevät"], [Series("Työ", [3]), Series("Muu", [1])], with_shares=True
    )
    assert rows == [["Kevät", "3 (75\u00a0%)", "1 (25\u00a0%)"]]
    assert "alle 5" in table_text(*chart_table(["Työ", "Muu"], [series[0]], gaps=GAPS))
    parsed = list(csv.reader(io.StringIO(table_csv(["a", "b"], [["x", "1"], ["y, z", "< 5"]]))))
    assert parsed == [["a", "b"], ["x", "1"], ["y, z", "< 5"]]
    assert cell_text(None) == "–" and cell_text(3.25, comma_number) == "3,2"


def test_colours_have_enough_contrast():
    for colour in (*PALETTE, TEXT, MUTED):
        assert contrast_ratio(colour) >= 4.5, colour
    assert contrast_ratio(GRID) >= 1.5  # grid lines only guide the eye
    assert round(contrast_ratio("#000000"), 1) == 21.0


def test_line_chart_first_label_is_not_cut_off_at_the_left():
    # "2025-06" centred on the first point ran past the picture's left edge (walkthrough)
    months = [f"{m}/2025" for m in range(6, 13)] + [f"{m}/2026" for m in range(1, 13)]
    root = parse(line_chart_svg(months, [Series("s", list(range(19)))], title="t", description="d"))
    labels = [t for t in root.iter(f"{SVG}text") if t.text and "/" in t.text]
    assert labels[0].text == "6/2025" and labels[0].get("text-anchor") == "start"
    assert labels[-1].get("text-anchor") == "end"
    xs = [float(t.get("x")) for t in labels]
    assert xs[1] - xs[0] >= 1.5 * 6 * 14 * 0.56  # the next label stays clear of the first

from __future__ import annotations

import xml.etree.ElementTree as ET

from kohtaanto.journeys.charts import Series, bar_chart_svg, chart_table, table_text

SVG = "{http://www.w3.org/2000/svg}"


def test_svg_is_valid_and_accessible():
    svg = bar_chart_svg(
        ["Tieto & data", "Viestintä <netissä>"],
        [Series("2026-01-10", [1.0, None]), Series("2026-03-01", [3.0, 5.0])],
        title="Digitaidot",
        description="Keskiarvo alueittain, asteikko 0–5",
    )
    root = ET.fromstring(svg)  # noqa: S314 - our own output
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Digitaidot"
    assert root.find(f"{SVG}desc").text.startswith("Keskiarvo")
    assert root.get("aria-labelledby") == "chart-title chart-desc"
    bars = [r for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    assert len(bars) == 4
    widths = [float(r.get("width")) for r in bars]
    assert widths[2] == 0.0 and widths[3] > widths[1] > widths[0] > 0  # A:s1,s2 B:s1,s2


def test_table_alternative():
    header, rows = chart_table(["A", "B"], [Series("s1", [1.0, 3.5])])
    assert header == ["", "s1"] and rows == [["A", "1"], ["B", "3.5"]]
    assert "3.5" in table_text(header, rows)


def test_two_results_on_one_day_are_told_apart():
    import datetime as dt
    from types import SimpleNamespace

    from kohtaanto.journeys import rules
    from kohtaanto.journeys.charts import digcomp_chart

    areas = tuple(SimpleNamespace(area=a, mean=3.0) for a in rules.digcomp().areas)
    day = dt.datetime(2026, 11, 23, 10, tzinfo=dt.UTC)
    results = [SimpleNamespace(completed_at=day, areas=areas) for _ in range(3)]
    _svg, (header, _rows) = digcomp_chart(results, title="t", description="d")
    assert header[1:] == ["23.11.2026", "23.11.2026 (2)", "23.11.2026 (3)"]


def test_labels_are_readable_on_a_phone_and_numbers_localised():
    svg = bar_chart_svg(
        ["Tieto ja tiedon etsiminen", "Viestintä ja yhteistyö"],
        [Series("1.3.2026", [4.5, 2.0])],
        title="Digitaidot",
        description="d",
        number=lambda v: f"{v:.1f}".replace(".", ","),
    )
    root = ET.fromstring(svg)  # noqa: S314 - our own output
    # no fixed size: the page scales the viewBox to the column
    assert root.get("width") is None and root.get("height") is None
    view_width = float(root.get("viewBox").split()[2])
    font = float(root.get("font-size"))
    # drawn for a phone: at 320 px of column the text is still at least 13 px
    assert font * 320 / view_width >= 13
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "4,5" in texts and "2,0" in texts and "4.5" not in texts
    _header, rows = chart_table(
        ["A"], [Series("s", [3.25])], number=lambda v: f"{v:.1f}".replace(".", ",")
    )
    assert rows == [["A", "3,2"]] or rows == [["A", "3,3"]]

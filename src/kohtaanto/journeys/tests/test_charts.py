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
    assert header[1:] == ["2026-11-23", "2026-11-23 (2)", "2026-11-23 (3)"]

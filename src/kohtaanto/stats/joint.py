"""The outcome report and the ESF+ report protected together.

The two reports count the same people: "ended in the period" of the outcome report is the
ESF+ "left in the period" (its total column), the six-month follow-ups due are in both, and
each six-month ESF+ result is the sum of some follow-up results ("in employment six months
after" = the follow-ups with the result "employed"). Protected apart, a count hidden in one
report only to protect a small one could be shown in the other, and the small one worked out
from the two together. `protect_reports` runs one `protect` over the lines of both, with
these shared quantities tied by lines of their own, so the same quantity gets the same mark
in both. Pure: no Django."""

from __future__ import annotations

from collections.abc import Sequence

from kohtaanto.stats import esf as esf_stats
from kohtaanto.stats import outcomes as outcome_stats
from kohtaanto.stats.suppression import Cell, protect

Key = tuple[str, ...]

OUTCOMES = "outcomes"
ESF = "esf"


def links(indicators: Sequence[esf_stats.IndicatorDef]) -> list[list[Key]]:
    """The lines that tie the two reports, on the prefixed keys of `joint_figures`."""
    tied: list[list[Key]] = [
        [(OUTCOMES, "ended"), (ESF, "base", "left", esf_stats.TOTAL)],
        [(OUTCOMES, "follow_ups"), (ESF, "base", "follow_up_due", esf_stats.TOTAL)],
    ]
    known = {*outcome_stats.FOLLOW_UP_RESULTS, outcome_stats.PENDING}
    for ind in indicators:
        results = ind.rule.get("follow_up_result_in")
        if ind.timing != esf_stats.SIX_MONTHS or not results:
            continue
        parts = [str(r) for r in results if str(r) in known]
        if len(parts) != len(results):  # a result the outcome report does not count apart
            continue
        tied.append(
            [*((OUTCOMES, "follow_up", r) for r in parts), (ESF, "ind", ind.id, esf_stats.TOTAL)]
        )
    return tied


def joint_figures(
    outcomes: outcome_stats.OutcomeFigures,
    esf: esf_stats.EsfFigures,
    indicators: Sequence[esf_stats.IndicatorDef],
) -> tuple[dict[Key, int], list[list[Key]], set[Key]]:
    """The values, lines and shown keys of both reports (keys prefixed with `OUTCOMES` or
    `ESF`) and the lines that tie them."""
    values: dict[Key, int] = {}
    lines: list[list[Key]] = []
    shown: set[Key] = set()
    for prefix, part in ((OUTCOMES, outcomes), (ESF, esf)):
        values.update({(prefix, *k): v for k, v in part.values.items()})
        lines.extend([(prefix, *k) for k in line] for line in part.lines)
        shown.update((prefix, *k) for k in part.values if k not in part.hidden)
    lines.extend(links(indicators))
    return values, lines, shown


def protect_reports(
    outcomes: outcome_stats.OutcomeFigures,
    esf: esf_stats.EsfFigures,
    indicators: Sequence[esf_stats.IndicatorDef],
) -> tuple[dict[Key, Cell], dict[Key, Cell]]:
    """The protected cells of the outcome report and of the ESF+ report, from one `protect`
    over both (the same shape as `OutcomeFigures.cells` and `EsfFigures.cells`)."""
    values, lines, shown = joint_figures(outcomes, esf, indicators)
    cells = protect(values, lines, shown)
    split: dict[str, dict[Key, Cell]] = {OUTCOMES: {}, ESF: {}}
    for key, cell in cells.items():
        split[key[0]][key[1:]] = cell
    return split[OUTCOMES], split[ESF]

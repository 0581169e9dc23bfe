"""Outcome figures from plain records: who started, was in service and ended in a period,
their continuation paths, the six-month follow-ups, time in service, and the same by coach,
peer group, region and cohort (start month).

Every figure is a count under a key (a tuple of strings) and every sum relation between
figures is a "line", so the whole report is protected at once (`OutcomeFigures.cells`) and a
total shared by two tables is hidden in both or in neither. Pure: no Django."""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from kohtaanto.stats.periods import Period, month_key
from kohtaanto.stats.suppression import HIDDEN, SMALL_CELL, Cell, exact, protect

Key = tuple[str, ...]

PATH_KINDS: tuple[str, ...] = ("work", "education", "other_service", "none")
FOLLOW_UP_RESULTS: tuple[str, ...] = ("employed", "improved", "not_improved", "not_reached")
PENDING = "pending"
TIME_BANDS: tuple[tuple[str, int | None], ...] = (
    ("under_3_months", 91),
    ("3_6_months", 183),
    ("6_12_months", 366),
    ("over_12_months", None),
)
"""Days in service: a band holds days below its upper limit (None = no limit)."""
MEASURES: tuple[str, ...] = ("started", "active", "ended", "found")
DIMENSIONS: tuple[str, ...] = ("coach", "group", "region", "cohort")
NONE = "none"
"""The member of the coach and group breakdowns for people without one."""


@dataclass(frozen=True)
class OutcomeRecord:
    """One participant, as the figures need them (no names)."""

    id: int
    started: date
    """Service start."""
    ended: date | None = None
    """End of service (the Outcome's date), None while in service."""
    path_kind: str = ""
    """"work", "education", "other_service" or "none" when ended."""
    continuation: bool = False
    """The outcome counts as a continuation path."""
    region: str = ""
    coaches: tuple[int, ...] = ()
    groups: tuple[int, ...] = ()
    follow_up_due: date | None = None
    follow_up_result: str = ""
    """"" when not done yet."""


def band_of(days: int) -> str:
    for band, limit in TIME_BANDS:
        if limit is None or days < limit:
            return band
    return TIME_BANDS[-1][0]  # pragma: no cover - the last band has no limit


@dataclass(frozen=True)
class OutcomeFigures:
    values: dict[Key, int]
    lines: list[list[Key]]
    hidden: frozenset[Key]
    """Members of lines that are never shown (say "ended without a path" of a coach)."""
    members: dict[str, tuple[str, ...]]
    """Rows of each breakdown: coach / group ids as strings (and "none"), region codes, cohort
    months "2026-03"."""
    days: tuple[int, ...]
    """Days in service of those who ended in the period (for the median)."""

    def cells(self, suppress: bool) -> dict[Key, Cell]:
        shown = set(self.values) - set(self.hidden)
        if suppress:
            return protect(self.values, self.lines, shown)
        return exact(self.values, shown)

    def median_days(self, suppress: bool) -> Cell | None:
        if not self.days:
            return None
        if suppress and len(self.days) < SMALL_CELL:
            return HIDDEN
        return math.floor(statistics.median(self.days) + 0.5)  # half up


def _active(record: OutcomeRecord, period: Period) -> bool:
    return period.overlaps(record.started, record.ended)


def compute_outcomes(records: Iterable[OutcomeRecord], period: Period) -> OutcomeFigures:
    values: Counter[Key] = Counter()
    members: dict[str, set[str]] = {d: set() for d in DIMENSIONS}
    days: list[int] = []
    for record in records:
        started = record.started in period
        active = _active(record, period)
        ended = record.ended is not None and record.ended in period
        found = ended and record.continuation
        if record.follow_up_due is not None and record.follow_up_due in period:
            values[("follow_ups",)] += 1
            values[("follow_up", record.follow_up_result or PENDING)] += 1
        if not active:
            continue
        flags = {"started": started, "active": active, "ended": ended, "found": found}
        for measure, on in flags.items():
            if on:
                values[(measure,)] += 1
        if ended:
            assert record.ended is not None
            values[("path", record.path_kind or NONE)] += 1
            span = (record.ended - record.started).days
            days.append(span)
            values[("band", band_of(span))] += 1
        rows = {
            "coach": [str(c) for c in record.coaches] or [NONE],
            "group": [str(g) for g in record.groups] or [NONE],
            "region": [record.region],
            "cohort": [month_key(record.started)],
        }
        for dimension, keys in rows.items():
            for key in keys:
                members[dimension].add(key)
                for measure, on in flags.items():
                    if on:
                        values[("by", dimension, key, measure)] += 1
                if ended and not found:
                    values[("by", dimension, key, "not_found")] += 1
    ordered = {d: tuple(sorted(members[d])) for d in DIMENSIONS}
    return _complete(values, ordered, tuple(days), period)


def _complete(
    counts: Counter[Key],
    members: dict[str, tuple[str, ...]],
    days: tuple[int, ...],
    period: Period | None = None,
) -> OutcomeFigures:
    """Every key with its count (0 when none) and the lines between them.

    A cohort whose month begins inside the period started in the period to the last person,
    so its "started" and "in service" are the same number, which any reader knows: the two
    make a line of their own (hide one, hide the other), or a hidden "started" could be read
    from a shown "in service"."""
    values: dict[Key, int] = {}
    lines: list[list[Key]] = []
    hidden: set[Key] = set()

    def put(key: Key) -> Key:
        values[key] = counts.get(key, 0)
        return key

    for measure in MEASURES:
        put((measure,))
    paths = [put(("path", kind)) for kind in PATH_KINDS]
    lines.append([*paths, ("ended",)])
    lines.append([*(("path", k) for k in PATH_KINDS if k != NONE), ("found",)])
    lines.append([("found",), ("path", NONE), ("ended",)])
    follow = [put(("follow_up", r)) for r in (*FOLLOW_UP_RESULTS, PENDING)]
    lines.append([*follow, put(("follow_ups",))])
    bands = [put(("band", band)) for band, _limit in TIME_BANDS]
    lines.append([*bands, ("ended",)])
    for dimension, rows in members.items():
        for measure in MEASURES:
            lines.append([*(put(("by", dimension, m, measure)) for m in rows), (measure,)])
        for m in rows:
            not_found = put(("by", dimension, m, "not_found"))
            hidden.add(not_found)
            lines.append([("by", dimension, m, "found"), not_found, ("by", dimension, m, "ended")])
    if period is not None:
        first = month_key(period.start)
        for m in members.get("cohort", ()):
            if m > first or (m == first and period.start.day == 1):
                lines.append([("by", "cohort", m, "started"), ("by", "cohort", m, "active")])
    return OutcomeFigures(values, lines, frozenset(hidden), members, days)


def share(part: Cell | None, whole: Cell | None) -> float | None:
    """Per cent of `whole`, when both are known numbers and `whole` is not 0."""
    if isinstance(part, int) and isinstance(whole, int) and whole > 0:
        return 100.0 * part / whole
    return None


def keys_of(figures: OutcomeFigures, dimension: str) -> Sequence[str]:
    return figures.members.get(dimension, ())

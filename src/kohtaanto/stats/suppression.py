"""Small-number protection with complementary suppression: the ONE implementation.

A count from 1 to `SMALL_CELL` - 1 is never shown (it becomes `SMALL`, shown as "< 5"), and
no such count may be worked out from the figures that are shown: wherever a "line" (members
that add up to a total, the total being one of the members) would have exactly one unknown
member, another member of that line is hidden too (`HIDDEN`, shown as "–"). Zero is shown:
a count is never negative, so a 0 reveals nothing to split.

`protect` works on any set of cells and lines (so several tables that share totals are
protected together and stay consistent); `protect_table` is the common case of a 2-D table
with row totals, column totals and a grand total. Pure: no Django."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

SMALL_CELL = 5
"""Counts under this (and above 0) are never shown to outsiders."""
SMALL = "small"
"""A cell with 1 to `SMALL_CELL` - 1 people (shown as "< 5")."""
HIDDEN = "hidden"
"""A cell hidden so that a small cell cannot be worked out from the others (shown as "–")."""
Cell = int | str
"""A count, or `SMALL` / `HIDDEN`."""

K = TypeVar("K", bound=Hashable)
R = TypeVar("R", bound=Hashable)
C = TypeVar("C", bound=Hashable)


def is_suppressed(value: object) -> bool:
    return value in (SMALL, HIDDEN)


def protect(
    values: Mapping[K, int], lines: Sequence[Sequence[K]], shown: set[K] | None = None
) -> dict[K, Cell]:
    """Hide small counts so that none of them can be worked out, in tables whose `lines` each
    say "the members add up" (a row of cells and its total).

    Every shown count from 1 to `SMALL_CELL` - 1 becomes `SMALL`. Members not in `shown` (say
    "contacts without this topic") are never shown, so they are unknown to the reader unless
    they are 0; when such a member is small it must not be computable either. Then, as long as
    some line has exactly one unknown member that must be protected (a small or hidden one),
    the smallest non-zero shown member of that line becomes `HIDDEN` too. A line thus ends with
    no unknown member or at least two.

    Two unknowns per line are not enough: lines can be combined (row totals against column
    totals), and a small count may still follow from the system of lines as a whole. So the
    whole system is then solved (`_determined`, the last member of each line being its
    total); while it pins down a small count, the smallest non-zero shown member of a line
    through that count is hidden too and the lines are checked again. Returns the shown
    members."""
    shown = set(values) if shown is None else shown
    small = {k for k, v in values.items() if 0 < v < SMALL_CELL}
    unknown = small | {k for k in set(values) - shown if values[k] > 0}
    guarded = set(small)
    while True:
        changed = True
        while changed:
            changed = False
            for line in lines:
                missing = [k for k in line if k in unknown]
                if len(missing) != 1 or missing[0] not in guarded:
                    continue
                pick = _smallest_shown(values, line, unknown)
                if pick is None:  # cannot happen: the line's total is then the hidden count
                    continue
                unknown.add(pick)
                guarded.add(pick)
                changed = True
        exposed = {k for k in _determined(lines, unknown) if k in small}
        pick = _nearest_shown(values, lines, unknown, exposed) if exposed else None
        if pick is None:
            break
        unknown.add(pick)
        guarded.add(pick)
    result: dict[K, Cell] = {}
    for key in values:
        if key not in shown:
            continue
        if key in small:
            result[key] = SMALL
        elif key in unknown:
            result[key] = HIDDEN
        else:
            result[key] = values[key]
    return result


def _smallest_shown(values: Mapping[K, int], line: Sequence[K], unknown: set[K]) -> K | None:
    """The line's smallest non-zero member that is still shown (None when there is none)."""
    best: K | None = None
    for key in line:
        if key not in unknown and values[key] > 0 and (best is None or values[key] < values[best]):
            best = key
    return best


def _nearest_shown(
    values: Mapping[K, int], lines: Sequence[Sequence[K]], unknown: set[K], exposed: set[K]
) -> K | None:
    """A shown non-zero member to hide next to `exposed` counts: the smallest in the lines
    through them (shortest line first), else in the lines through the unknown members of
    those lines, and so on outwards."""
    reached = set(exposed)
    seen: set[int] = set()
    while True:
        ring = [
            i for i, line in enumerate(lines) if i not in seen and any(k in reached for k in line)
        ]
        if not ring:
            return None
        for i in sorted(ring, key=lambda i: len(lines[i])):
            pick = _smallest_shown(values, lines[i], unknown)
            if pick is not None:
                return pick
        seen.update(ring)
        reached.update(k for i in ring for k in lines[i] if k in unknown)


_PRIME = 2_147_483_647
"""Lines are solved modulo this prime: their coefficients are 1 and -1, so a count is pinned
down over the rationals exactly when it is modulo a prime this large (barring a determinant
that is a multiple of it, which tables of this size cannot reach)."""


def _determined(lines: Sequence[Sequence[K]], unknown: set[K]) -> set[K]:
    """The unknown members whose value follows from the lines (each: the members before the
    last add up to the last) and the shown members, by Gauss-Jordan elimination."""
    columns: dict[K, int] = {}
    rows: list[dict[int, int]] = []
    for line in lines:
        row: dict[int, int] = {}
        for position, key in enumerate(line):
            if key not in unknown:
                continue
            index = columns.setdefault(key, len(columns))
            coefficient = -1 if position == len(line) - 1 else 1
            row[index] = (row.get(index, 0) + coefficient) % _PRIME
        row = {i: c for i, c in row.items() if c}
        if row:
            rows.append(row)
    pivots: dict[int, dict[int, int]] = {}
    for row in rows:
        for pivot, pivot_row in pivots.items():
            factor = row.get(pivot, 0)
            if factor:
                for i, c in pivot_row.items():
                    row[i] = (row.get(i, 0) - factor * c) % _PRIME
                row = {i: c for i, c in row.items() if c}
        if not row:
            continue
        lead = min(row)
        inverse = pow(row[lead], _PRIME - 2, _PRIME)
        row = {i: c * inverse % _PRIME for i, c in row.items()}
        for pivot_row in pivots.values():
            factor = pivot_row.get(lead, 0)
            if factor:
                for i, c in row.items():
                    pivot_row[i] = (pivot_row.get(i, 0) - factor * c) % _PRIME
                for i in [i for i, c in pivot_row.items() if not c]:
                    del pivot_row[i]
        pivots[lead] = row
    keys = {index: key for key, index in columns.items()}
    return {keys[pivot] for pivot, row in pivots.items() if len(row) == 1}


def exact(values: Mapping[K, int], shown: set[K] | None = None) -> dict[K, Cell]:
    """The same shape as `protect` with every figure as it is (for insiders)."""
    return {k: v for k, v in values.items() if shown is None or k in shown}


@dataclass(frozen=True)
class ProtectedTable:
    """A 2-D table after protection: cells by (row, column), the row totals, the column
    totals and the grand total (totals are absent when the table was built without them)."""

    rows: tuple[Hashable, ...]
    columns: tuple[Hashable, ...]
    cells: dict[tuple[Hashable, Hashable], Cell]
    row_totals: dict[Hashable, Cell]
    column_totals: dict[Hashable, Cell]
    grand_total: Cell | None

    def cell(self, row: Hashable, column: Hashable) -> Cell:
        return self.cells[(row, column)]


def _table_keys(
    rows: Sequence[Hashable], columns: Sequence[Hashable]
) -> tuple[list[tuple[str, Hashable, Hashable]], list[list[tuple[str, Hashable, Hashable]]]]:
    keys: list[tuple[str, Hashable, Hashable]] = []
    lines: list[list[tuple[str, Hashable, Hashable]]] = []
    for r in rows:
        line = [("cell", r, c) for c in columns]
        keys.extend(line)
        lines.append([*line, ("row", r, None)])
    for c in columns:
        lines.append([*(("cell", r, c) for r in rows), ("col", None, c)])
    lines.append([*(("row", r, None) for r in rows), ("all", None, None)])
    lines.append([*(("col", None, c) for c in columns), ("all", None, None)])
    return keys, lines


def protect_table(
    rows: Mapping[R, Mapping[C, int]],
    with_totals: bool = True,
    *,
    columns: Sequence[C] | None = None,
    suppress: bool = True,
) -> ProtectedTable:
    """Protect a table of counts (`rows[row][column]`, a missing cell is 0). With totals, each
    row and each column is a line with its total, and the row totals and the column totals
    are lines with the grand total; without totals the cells are the only figures shown
    (and still no small one is shown). `suppress=False` gives the exact table in the same
    shape."""
    row_keys = list(rows)
    col_keys: list[C] = list(columns) if columns is not None else []
    if columns is None:
        for row in rows.values():
            for c in row:
                if c not in col_keys:
                    col_keys.append(c)
    values: dict[tuple[str, Hashable, Hashable], int] = {}
    for r in row_keys:
        for c in col_keys:
            values[("cell", r, c)] = int(rows[r].get(c, 0))
    for r in row_keys:
        values[("row", r, None)] = sum(values[("cell", r, c)] for c in col_keys)
    for c in col_keys:
        values[("col", None, c)] = sum(values[("cell", r, c)] for r in row_keys)
    values[("all", None, None)] = sum(values[("row", r, None)] for r in row_keys)
    _keys, lines = _table_keys(row_keys, col_keys)
    if not with_totals:
        shown = {k for k in values if k[0] == "cell"}
        # the totals are not shown: only the small cells themselves are protected
        cells = protect(values, [], shown) if suppress else exact(values, shown)
    else:
        cells = protect(values, lines) if suppress else exact(values)
    return ProtectedTable(
        rows=tuple(row_keys),
        columns=tuple(col_keys),
        cells={(k[1], k[2]): v for k, v in cells.items() if k[0] == "cell"},
        row_totals={k[1]: v for k, v in cells.items() if k[0] == "row"},
        column_totals={k[2]: v for k, v in cells.items() if k[0] == "col"},
        grand_total=cells.get(("all", None, None)),
    )

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
    no unknown member or at least two. Returns the shown members."""
    shown = set(values) if shown is None else shown
    small = {k for k, v in values.items() if 0 < v < SMALL_CELL}
    unknown = small | {k for k in set(values) - shown if values[k] > 0}
    guarded = set(small)
    changed = True
    while changed:
        changed = False
        for line in lines:
            missing = [k for k in line if k in unknown]
            if len(missing) != 1 or missing[0] not in guarded:
                continue
            candidates = sorted(
                ((values[k], index) for index, k in enumerate(line) if k not in unknown),
                key=lambda pair: pair[0],
            )
            candidates = [c for c in candidates if c[0] > 0]
            if not candidates:  # cannot happen: the line's total is then the hidden count
                continue
            pick = line[candidates[0][1]]
            unknown.add(pick)
            guarded.add(pick)
            changed = True
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

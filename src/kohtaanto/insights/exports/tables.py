"""Tables of figures as files: CSV (one file, the tables one after another with a blank row
between them) and XLSX (openpyxl; one sheet per table, counts as numbers, suppressed cells as
their label so a spreadsheet never sums a hidden cell as 0).

A `Table` holds what the reader sees: a title, a header, rows of cells (a number, or a text
such as "< 5") and notes (the period, the suppression rule). The writers know nothing of
outcomes or ESF+; `kohtaanto.insights.exports.content` builds the tables."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

Cell = int | float | str | None


@dataclass(frozen=True)
class Table:
    title: str
    header: Sequence[str]
    rows: Sequence[Sequence[Cell]]
    notes: Sequence[str] = field(default_factory=tuple)
    sheet: str = ""
    """A short name for the XLSX sheet (default: from the title)."""


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and not cell.is_integer():
        return f"{cell:.1f}"
    if isinstance(cell, float):
        return str(int(cell))
    return str(cell)


def _safe(text: str) -> str:
    """A cell that a spreadsheet would read as a formula ("=…", "+…", "-…", "@…") gets a
    leading apostrophe (CSV injection)."""
    return (
        f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not _number(text) else text
    )


def _number(text: str) -> bool:
    return re.fullmatch(r"-?\d+(\.\d+)?", text) is not None


def to_csv(tables: Sequence[Table], *, heading: Sequence[str] = ()) -> bytes:
    """UTF-8 with a byte-order mark (Excel opens ä and ö right), `;`-free standard commas."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for line in heading:
        writer.writerow([_safe(line)])
    if heading:
        writer.writerow([])
    for number, table in enumerate(tables):
        if number:
            writer.writerow([])
        writer.writerow([_safe(table.title)])
        writer.writerow([_safe(h) for h in table.header])
        for row in table.rows:
            writer.writerow([_safe(_text(c)) for c in row])
        for note in table.notes:
            writer.writerow([_safe(note)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def sheet_name(title: str, taken: set[str]) -> str:
    """An Excel sheet name: at most 31 characters, none of []:*?/\\, unique in the book."""
    base = re.sub(r"[\[\]:*?/\\]", " ", title).strip()[:31] or "Sheet"
    name, counter = base, 2
    while name.lower() in taken:
        suffix = f" ({counter})"
        name = f"{base[: 31 - len(suffix)]}{suffix}"
        counter += 1
    taken.add(name.lower())
    return name


def to_xlsx(tables: Sequence[Table], *, heading: Sequence[str] = ()) -> bytes:
    """One sheet per table: the heading lines, the title, the header (bold, frozen), the rows
    (numbers as numbers) and the notes."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    bold = Font(bold=True)
    for table in tables or [Table("–", [], [])]:
        sheet = book.create_sheet(sheet_name(table.sheet or table.title, taken))
        for line in heading:
            sheet.append([_safe(line)])
        if heading:
            sheet.append([])
        sheet.append([_safe(table.title)])
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True, size=13)
        sheet.append([_safe(h) for h in table.header])
        header_row = sheet.max_row
        for cell in sheet[header_row]:
            cell.font = bold
        # by name: sheet.cell() would create the row and push the figures one row down
        sheet.freeze_panes = f"A{header_row + 1}"
        for row in table.rows:
            sheet.append(
                [
                    c if isinstance(c, int | float) and not isinstance(c, bool) else _safe(_text(c))
                    for c in row
                ]
            )
        for note in table.notes:
            sheet.append([_safe(note)])
        for index, _h in enumerate(table.header, start=1):
            widest = max(
                [len(_text(table.header[index - 1]))]
                + [len(_text(r[index - 1])) for r in table.rows if index - 1 < len(r)]
            )
            sheet.column_dimensions[get_column_letter(index)].width = min(60, max(10, widest + 2))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

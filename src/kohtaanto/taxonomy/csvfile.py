"""A strict RFC 4180 CSV reader whose errors name the file, line and column.

`csv` from the standard library reports neither the column of a quoting error nor the line of
an encoding error, so this module parses with a few compiled regular expressions instead. Rows
without quotes take a fast path (`str.split`); quoted rows go field by field.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from kohtaanto.taxonomy.errors import TaxonomyFormatError

_PLAIN_ROW = re.compile(r'[^"\r\n]*+')
_QUOTED = re.compile(r'"([^"]*+(?:""[^"]*+)*+)"')
_PLAIN = re.compile(r'[^,"\r\n]*+')

Row = tuple[int, list[str]]
"""A row: its line number (1-based) and its fields."""


def decode(data: bytes, name: str) -> str:
    """Decode UTF-8 (with or without a byte-order mark), or raise with the line and column."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        start = exc.start
        line_start = data.rfind(b"\n", 0, start) + 1
        prefix = data[line_start:start].decode("utf-8", errors="replace")
        raise TaxonomyFormatError(
            name,
            f"not valid UTF-8 (byte 0x{data[start]:02x}); save the file as UTF-8",
            line=data.count(b"\n", 0, start) + 1,
            column=len(prefix) + 1,
        ) from None


def _position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset (\\r\\n, \\n and \\r end a line)."""
    head = text[:offset]
    line = head.count("\n") + head.count("\r") - head.count("\r\n") + 1
    line_start = max(head.rfind("\n"), head.rfind("\r")) + 1
    return line, offset - line_start + 1


def _error(text: str, name: str, offset: int, message: str) -> TaxonomyFormatError:
    line, column = _position(text, offset)
    return TaxonomyFormatError(name, message, line=line, column=column)


def _parse_fields(text: str, pos: int, name: str) -> tuple[list[str], list[int], int]:
    """Parse one row from `pos`; return its fields, their offsets and the end offset."""
    fields: list[str] = []
    offsets: list[int] = []
    size = len(text)
    while True:
        offsets.append(pos)
        if pos < size and text[pos] == '"':
            match = _QUOTED.match(text, pos)
            if match is None:
                raise _error(text, name, pos, "quoted field is never closed (missing '\"')")
            fields.append(match.group(1).replace('""', '"'))
            pos = match.end()
            if pos < size and text[pos] not in ",\r\n":
                raise _error(text, name, pos, "expected ',' or end of line after closing '\"'")
        else:
            plain = _PLAIN.match(text, pos)
            assert plain is not None  # the pattern matches the empty string
            pos = plain.end()
            if pos < size and text[pos] == '"':
                raise _error(text, name, pos, "'\"' inside an unquoted field")
            fields.append(plain.group())
        if pos < size and text[pos] == ",":
            pos += 1
            continue
        return fields, offsets, pos


def iter_rows(text: str, name: str) -> Iterator[Row]:
    """Yield (line, fields) for every non-blank row of `text`."""
    pos, line, size = 0, 1, len(text)
    while pos < size:
        start = pos
        plain = _PLAIN_ROW.match(text, pos)
        assert plain is not None
        end = plain.end()
        if end == size or text[end] != '"':
            fields, pos = plain.group().split(","), end
        else:
            fields, _, pos = _parse_fields(text, pos, name)
        blank = pos == start
        pos += 2 if text.startswith("\r\n", pos) else 1
        if not blank:
            yield line, fields
        chunk = text[start:pos]
        line += chunk.count("\n") + chunk.count("\r") - chunk.count("\r\n")


def field_offset(text: str, name: str, line: int, index: int) -> int:
    """Column of field `index` on `line` (used only to report errors)."""
    pos = 0
    for _ in range(line - 1):
        nxt = min((i for i in (text.find("\n", pos), text.find("\r", pos)) if i >= 0), default=-1)
        if nxt < 0:
            return 1
        pos = nxt + (2 if text.startswith("\r\n", nxt) else 1)
    try:
        _, offsets, _ = _parse_fields(text, pos, name)
    except TaxonomyFormatError:
        return 1
    return offsets[min(index, len(offsets) - 1)] - pos + 1


class CsvTable:
    """A decoded CSV file with a header row; look columns up by name, case-insensitively."""

    def __init__(self, data: bytes | str, name: str) -> None:
        self.name = name
        self.text = data if isinstance(data, str) else decode(data, name)
        self._rows = iter_rows(self.text, name)
        first = next(self._rows, None)
        if first is None:
            raise TaxonomyFormatError(name, "the file is empty (no header row)", line=1)
        self.header = [column.strip() for column in first[1]]
        self._lookup = {column.lower(): i for i, column in reversed(list(enumerate(self.header)))}

    def column(self, *names: str) -> int | None:
        """Index of the first of `names` present in the header, or None."""
        for column in names:
            index = self._lookup.get(column.lower())
            if index is not None:
                return index
        return None

    def require(self, *names: str) -> int:
        """Like `column`, but a missing column is a format error."""
        index = self.column(*names)
        if index is None:
            raise TaxonomyFormatError(
                self.name, f"missing required column {names[0]!r}", line=1, column=1
            )
        return index

    def rows(self) -> Iterator[Row]:
        """Data rows. Short rows are padded (official ESCO files have some); long ones fail."""
        width = len(self.header)
        for line, fields in self._rows:
            if len(fields) < width:
                fields.extend([""] * (width - len(fields)))
            elif len(fields) > width:
                raise TaxonomyFormatError(
                    self.name,
                    f"expected at most {width} fields as in the header, found {len(fields)}",
                    line=line,
                    column=field_offset(self.text, self.name, line, width),
                )
            yield line, fields


def write_rows(rows: Sequence[Sequence[str]]) -> str:
    """Serialise rows as RFC 4180 CSV (quotes only where needed, CRLF line ends)."""
    out: list[str] = []
    for row in rows:
        cells = []
        for value in row:
            if (value == "" and len(row) == 1) or any(ch in value for ch in ',"\r\n'):
                value = '"' + value.replace('"', '""') + '"'
            cells.append(value)
        out.append(",".join(cells) + "\r\n")
    return "".join(out)

"""Reading CSV files with a header row and a column mapping (opportunities and courses)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

from django.utils.translation import gettext as _

from kohtaanto.core.limits import import_max_bytes, import_max_cell
from kohtaanto.opportunities.importers import values
from kohtaanto.opportunities.importers.types import ImportFileError, ParseResult, Row, RowError


def check_size(size: int) -> None:
    """Refuse a file over KOHTAANTO_IMPORT_MAX_MB (before reading it, where the size is
    known)."""
    limit = import_max_bytes()
    if size > limit:
        raise ImportFileError(
            _("The file is %(size)s MB; the limit is %(limit)s MB (KOHTAANTO_IMPORT_MAX_MB).")
            % {"size": f"{size / 2**20:.1f}", "limit": f"{limit / 2**20:.0f}"}
        )


def decode(data: bytes | str) -> str:
    """UTF-8 (with or without BOM); a decoding error names its line. A file over the size
    limit is refused."""
    check_size(len(data))
    if isinstance(data, str):
        return data.lstrip("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportFileError(_("The file is not UTF-8 text."), line=line) from None


def load_mapping(path: str | Path | None, options: Sequence[str] = ()) -> dict[str, str]:
    """A column mapping: a JSON file `{"field": "Column in the file", …}` and/or options
    `field=Column`. Options win."""
    mapping: dict[str, str] = {}
    if path:
        try:
            raw = json.loads(Path(path).read_text(encoding="utf-8-sig"))
        except (OSError, ValueError) as exc:
            line = getattr(exc, "lineno", 1)
            raise ImportFileError(_("The mapping file is not valid JSON."), line=line) from None
        if not isinstance(raw, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in raw.items()
        ):
            raise ImportFileError(_("The mapping file must map field names to column names."))
        mapping.update(raw)
    for option in options:
        field, sep, column = option.partition("=")
        if not sep or not field.strip() or not column.strip():
            raise ImportFileError(
                _("Write a mapping as field=Column (not %(value)s).") % {"value": option[:40]}
            )
        mapping[field.strip()] = column.strip()
    return mapping


def _dialect(sample: str) -> type[csv.Dialect] | csv.Dialect:
    first = sample.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    delimiter = max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","

    class Dialect(csv.excel):
        strict = True  # a stray or unclosed quote is an error, not a garbled row

    Dialect.delimiter = delimiter
    return Dialect


def _column(header: Sequence[str], index: int) -> str:
    name = header[index].strip() if index < len(header) else ""
    return f"{index + 1} ({name[:60]})" if name else str(index + 1)


def _diagnose(text: str, line: int, delimiter: str, limit: int) -> tuple[int, int, str]:
    """Where and why the record starting on `line` cannot be read: (line, column index,
    "unclosed" | "after_quote" | "too_long" | ""), by walking its characters as the reader
    does. Only on the error path."""
    pos = 0
    for _skipped in range(line - 1):
        found = text.find("\n", pos)
        if found < 0:
            return line, 0, ""
        pos = found + 1
    column = length = 0
    quoted = False
    quote_line = current = line
    at_start = True
    end = len(text)
    while pos < end:
        char = text[pos]
        if quoted:
            if char == '"':
                if pos + 1 < end and text[pos + 1] == '"':
                    pos += 2
                    length += 1
                    continue
                quoted = False
                pos += 1
                if pos < end and text[pos] not in (delimiter, "\r", "\n"):
                    return current, column, "after_quote"
                continue
            if char == "\n":
                current += 1
        elif char == '"' and at_start:
            quoted, at_start, quote_line = True, False, current
            pos += 1
            continue
        elif char == delimiter:
            column, length, at_start = column + 1, 0, True
            pos += 1
            continue
        elif char in "\r\n":
            return line, column, ""
        at_start = False
        length += 1
        if length > limit:
            return (quote_line if quoted else current), column, "too_long"
        pos += 1
    if quoted:
        return quote_line, column, "unclosed"
    return line, column, ""


def _unreadable(
    text: str, line: int, dialect: type[csv.Dialect] | csv.Dialect, header: Sequence[str]
) -> ImportFileError:
    limit = import_max_cell()
    where, index, why = _diagnose(text, line, str(dialect.delimiter), limit)
    column = _column(header, index)
    if why == "unclosed":
        reason = _(
            "Column %(column)s: a quoted cell is not closed (a closing quote mark is missing); "
            "nothing was imported."
        )
    elif why == "after_quote":
        reason = _(
            "Column %(column)s: there is text after the closing quote mark of a cell; "
            "nothing was imported."
        )
    elif why == "too_long":
        reason = _(
            "Column %(column)s: the cell is longer than %(limit)s characters; nothing was imported."
        )
    else:
        reason = _("Column %(column)s: the row cannot be read as CSV; nothing was imported.")
    return ImportFileError(
        reason % {"column": column, "limit": f"{limit:,}".replace(",", " ")}, line=where
    )


def read_rows(
    data: bytes | str,
    *,
    fields: Sequence[str],
    required: Sequence[str],
    mapping: Mapping[str, str] | None = None,
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line, {field: value}) for each non-empty record. `mapping` maps a field to the
    file's column name; unmapped fields use a column of the field's own name (any case)."""
    text = decode(data)
    mapping = dict(mapping or {})
    unknown = sorted(set(mapping) - set(fields))
    if unknown:
        raise ImportFileError(
            _("The mapping names unknown fields: %(fields)s") % {"fields": ", ".join(unknown)[:200]}
        )
    limit = import_max_cell()
    # The csv module's limit is one setting for the whole process: raise it when the import's
    # limit is higher, never lower it (other readers share it), and check each cell here.
    if csv.field_size_limit() < limit:
        csv.field_size_limit(limit)
    dialect = _dialect(text[:10_000])
    reader = csv.reader(io.StringIO(text, newline=""), dialect=dialect)
    try:
        header = next(reader, None)
    except csv.Error:
        raise _unreadable(text, 1, dialect, []) from None
    if header and any(len(cell) > limit for cell in header):
        raise _unreadable(text, 1, dialect, [])
    if not header or not any(h.strip() for h in header):
        raise ImportFileError(_("The file has no header row."), line=1)
    columns = {h.strip().casefold(): i for i, h in reversed(list(enumerate(header)))}
    index: dict[str, int] = {}
    for field in fields:
        column = mapping.get(field, field).strip().casefold()
        if column in columns:
            index[field] = columns[column]
        elif field in mapping:
            raise ImportFileError(
                _("The column %(column)s is not in the file.") % {"column": mapping[field][:60]},
                line=1,
            )
    missing = [f for f in required if f not in index]
    if missing:
        raise ImportFileError(
            _("Required columns are missing: %(columns)s")
            % {"columns": ", ".join(mapping.get(f, f) for f in missing)[:200]},
            line=1,
        )
    previous_end = reader.line_num
    while True:
        start = previous_end + 1
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error:
            raise _unreadable(text, start, dialect, header) from None
        previous_end = reader.line_num
        if any(len(cell) > limit for cell in record):
            raise _unreadable(text, start, dialect, header)
        if not any(cell.strip() for cell in record):
            continue
        if len(record) != len(header):
            counts = {"found": len(record), "expected": len(header)}
            if len(record) > len(header):
                message = _(
                    "The row has %(found)s cells and the header %(expected)s: column "
                    "%(column)s has no heading."
                )
            else:
                message = _(
                    "The row has %(found)s cells and the header %(expected)s: column "
                    "%(column)s is missing (a separator or a quote mark?)."
                )
            column = _column(header, min(len(record), len(header)))
            yield start, {"__error__": message % {**counts, "column": column}}
            continue
        yield start, {f: record[i] for f, i in index.items()}


def parse_rows(
    data: bytes | str,
    convert: Callable[[int, dict[str, str]], Row],
    *,
    fields: Sequence[str],
    required: Sequence[str],
    mapping: Mapping[str, str] | None = None,
) -> ParseResult[Row]:
    """Every record through `convert(line, row)`; a record that cannot be read, or whose cell
    `convert` rejects (`values.ValueProblem`), becomes a `RowError` with its line."""
    result: ParseResult[Row] = ParseResult()
    for line, row in read_rows(data, fields=fields, required=required, mapping=mapping):
        if "__error__" in row:
            result.errors.append(RowError(line, row["__error__"]))
            continue
        try:
            with values.noting_cuts() as cuts:
                converted = convert(line, row)
        except values.ValueProblem as exc:
            result.errors.append(RowError(line, str(exc), values.text(row.get("external_id"), 200)))
        else:
            result.rows.append(converted)
            result.warnings.extend(
                RowError(line, values.cut_message(*cut), converted.external_id) for cut in cuts
            )
    return result

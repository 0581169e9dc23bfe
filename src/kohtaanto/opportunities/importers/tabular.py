"""Reading CSV files with a header row and a column mapping (opportunities and courses)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

from django.utils.translation import gettext as _

from kohtaanto.opportunities.importers import values
from kohtaanto.opportunities.importers.types import ImportFileError, ParseResult, Row, RowError

MAX_FIELD = 100_000


def decode(data: bytes | str) -> str:
    """UTF-8 (with or without BOM); a decoding error names its line."""
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
        pass

    Dialect.delimiter = delimiter
    return Dialect


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
    csv.field_size_limit(MAX_FIELD)
    reader = csv.reader(io.StringIO(text, newline=""), dialect=_dialect(text[:10_000]))
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise ImportFileError(str(exc)[:200], line=1) from None
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
        except csv.Error as exc:
            raise ImportFileError(str(exc)[:200], line=reader.line_num or start) from None
        previous_end = reader.line_num
        if not any(cell.strip() for cell in record):
            continue
        if len(record) > len(header):
            extra = record[len(header) :]
            if any(cell.strip() for cell in extra):
                yield start, {"__error__": _("The row has more cells than the header.")}
                continue
        yield start, {f: (record[i] if i < len(record) else "") for f, i in index.items()}


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
            result.rows.append(convert(line, row))
        except values.ValueProblem as exc:
            result.errors.append(RowError(line, str(exc), values.text(row.get("external_id"), 200)))
    return result

"""Imports of opportunities (schema.org JobPosting JSON-LD, CSV with a column mapping) and of
courses (CSV).

Two steps: a *parser* turns a file into plain `ParsedOpportunity`/`ParsedCourse` rows and
`RowError`s without touching the database (it raises only `ImportFileError`, which carries a line
number, when the file as a whole cannot be read); `apply.import_opportunities` /
`apply.import_courses` then write the rows through the services in one transaction.
"""

from kohtaanto.opportunities.importers.types import (
    ImportFileError,
    ImportReport,
    ParsedCourse,
    ParsedOpportunity,
    ParseResult,
    RowError,
)

__all__ = [
    "ImportFileError",
    "ImportReport",
    "ParseResult",
    "ParsedCourse",
    "ParsedOpportunity",
    "RowError",
]


def parse_opportunities(
    data: bytes | str, file_format: str, mapping: dict[str, str] | None = None
) -> ParseResult[ParsedOpportunity]:
    """`file_format` is "jsonld" or "csv"."""
    if file_format == "jsonld":
        from kohtaanto.opportunities.importers.jsonld import parse_jsonld

        return parse_jsonld(data)
    if file_format == "csv":
        from kohtaanto.opportunities.importers.csv_opportunities import parse_csv

        return parse_csv(data, mapping)
    raise ImportFileError(f"unknown format {file_format[:20]}")

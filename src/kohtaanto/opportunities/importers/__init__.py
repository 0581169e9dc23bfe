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

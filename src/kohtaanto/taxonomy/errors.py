"""The taxonomy exception family, understood by the CLI and the API alike."""

from __future__ import annotations


class TaxonomyError(Exception):
    """Base class of every error raised by `kohtaanto.taxonomy`."""


class TaxonomyFormatError(TaxonomyError):
    """A source file is malformed. The message names the file, line and column."""

    def __init__(
        self, file: str, message: str, *, line: int | None = None, column: int | None = None
    ) -> None:
        self.file = file
        self.line = line
        self.column = column
        self.reason = message
        where = file
        if line is not None:
            where += f", line {line}"
            if column is not None:
                where += f", column {column}"
        super().__init__(f"{where}: {message}")


class UnknownSourceError(TaxonomyError):
    """A source name or path that no importer understands."""


class IndexFormatError(TaxonomyError):
    """A compiled index file that is not an index, or one of another format version."""

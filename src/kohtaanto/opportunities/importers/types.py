"""The plain data that flows from the parsers to `apply` (no Django models)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar


class ImportFileError(Exception):
    """The file as a whole cannot be read. `line` is 1-based; `reason` is user-facing."""

    def __init__(self, reason: str, *, line: int = 1) -> None:
        self.reason = reason
        self.line = max(1, int(line))
        super().__init__(f"line {self.line}: {reason}")


@dataclass(frozen=True)
class RowError:
    line: int
    reason: str
    external_id: str = ""


@dataclass(frozen=True)
class EmployerRef:
    name: str
    business_id: str = ""


@dataclass
class ParsedOpportunity:
    line: int
    external_id: str
    fields: dict[str, Any]
    """Keyword arguments of `services.create_opportunity` (without organisation/employer)."""
    employer: EmployerRef | None = None
    required_skills: tuple[str, ...] = ()
    nice_to_have_skills: tuple[str, ...] = ()


@dataclass
class ParsedCourse:
    line: int
    external_id: str
    fields: dict[str, Any]
    skills: tuple[str, ...] = ()


Row = TypeVar("Row", ParsedOpportunity, ParsedCourse)


@dataclass
class ParseResult(Generic[Row]):
    rows: list[Row] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[RowError] = field(default_factory=list)
    """What was read with a change the file did not ask for (a value cut to its limit)."""

    @property
    def total(self) -> int:
        return len(self.rows) + len(self.errors)


@dataclass
class ImportReport:
    total: int = 0
    created: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)
    warnings: list[RowError] = field(default_factory=list)
    """Rows read with a change (e.g. a description cut to its limit); imported all the same."""
    applied: bool = False
    """True when the changes were committed (False for a dry run or a refused import)."""
    dry_run: bool = False
    opportunity_ids: list[int] = field(default_factory=list)
    """The opportunities written (created or updated) by an applied import; not stored."""

    @property
    def valid(self) -> int:
        return self.created + self.updated

    def as_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "created": self.created,
            "updated": self.updated,
            "errors": [
                {"line": e.line, "reason": e.reason, "external_id": e.external_id}
                for e in self.errors
            ],
            "warnings": [
                {"line": w.line, "reason": w.reason, "external_id": w.external_id}
                for w in self.warnings
            ],
            "applied": self.applied,
            "dry_run": self.dry_run,
        }

"""Reads of the outcome and ESF+ reports: load the records in as few queries as possible,
hand them to the pure counting code (`kohtaanto.stats.outcomes`, `kohtaanto.stats.esf`),
protect small numbers (`kohtaanto.stats.suppression`) and label everything in the active
language. Every function goes through `kohtaanto.insights.access`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kohtaanto.core.models import Organisation
from kohtaanto.insights.models import Project
from kohtaanto.stats.periods import Period
from kohtaanto.stats.suppression import HIDDEN, SMALL, Cell

__all__ = [
    "HIDDEN",
    "SMALL",
    "Cell",
    "EsfReport",
    "FigureTable",
    "OutcomeReport",
    "ReportCell",
    "ReportColumn",
    "ReportRow",
    "ValidationFinding",
    "esf_report",
    "monitoring_rows",
    "outcome_report",
]


# --- the report shapes (what pages, exports, the CLI and the API show) ----------------------


@dataclass(frozen=True)
class ReportCell:
    value: Cell
    """A count, or `SMALL` ("< 5") / `HIDDEN` ("–") when suppressed."""
    share: float | None = None
    """Per cent (0–100) of the table's base when the table has shares and both figures are
    known; None otherwise."""

    @property
    def suppressed(self) -> bool:
        return self.value in (SMALL, HIDDEN)


@dataclass(frozen=True)
class ReportColumn:
    id: str
    label: str


@dataclass(frozen=True)
class ReportRow:
    id: str
    label: str
    cells: tuple[ReportCell, ...]
    """One per column of the table, in the column order."""
    code: str = ""
    """The official indicator code (ESF+ rows), "" for other rows."""
    code_verified: bool = True
    """False: the code is not yet checked against the official list (show the mark)."""
    note: str = ""


@dataclass(frozen=True)
class FigureTable:
    id: str
    title: str
    row_header: str
    columns: tuple[ReportColumn, ...]
    rows: tuple[ReportRow, ...]
    total: ReportRow | None = None
    """The total row (same columns), when the rows add up or have one base."""
    summary: tuple[str, ...] = ()
    """Plain-language sentences about the table (never revealing a suppressed figure)."""
    notes: tuple[str, ...] = ()
    with_shares: bool = False

    def row(self, row_id: str) -> ReportRow:
        if self.total is not None and row_id == self.total.id:
            return self.total
        return next(r for r in self.rows if r.id == row_id)

    def cell(self, row_id: str, column_id: str = "") -> ReportCell:
        """The cell of `row_id` in `column_id` (the first column when not given)."""
        index = 0 if not column_id else [c.id for c in self.columns].index(column_id)
        return self.row(row_id).cells[index]


@dataclass(frozen=True)
class OutcomeReport:
    organisation_id: int
    organisation_name: str
    project_id: int | None
    project_name: str
    funder: str
    period: Period
    suppressed: bool
    language: str
    headline: FigureTable
    """Rows "started", "active" (in service at some time in the period), "ended", "found"
    (ended with a continuation path); one column "people"."""
    paths: FigureTable
    """Continuation paths of those who ended: rows "work", "education", "other_service",
    "none"; column "people" with shares of those who ended; total "ended"."""
    follow_ups: FigureTable
    """Six-month follow-ups due in the period: rows per result ("employed", "improved",
    "not_improved", "not_reached") and "pending" (not done yet); total "due"."""
    time_in_service: FigureTable
    """Those who ended, by time in service: rows "under_3_months", "3_6_months",
    "6_12_months", "over_12_months"; total "ended"."""
    median_days: Cell | None
    """Median days in service of those who ended (`HIDDEN` when too few, None when none)."""
    by_coach: FigureTable
    by_group: FigureTable
    by_region: FigureTable
    by_cohort: FigureTable
    """Breakdowns: one row per coach / peer group / region (maakunta) / cohort (start month
    "2026-03"), columns "started", "active", "ended", "found"; total row = the headline."""
    summary: tuple[str, ...] = ()
    method: tuple[str, ...] = ()

    @property
    def tables(self) -> list[FigureTable]:
        return [
            self.headline,
            self.paths,
            self.follow_ups,
            self.time_in_service,
            self.by_coach,
            self.by_group,
            self.by_region,
            self.by_cohort,
        ]


@dataclass(frozen=True)
class ValidationFinding:
    id: str
    """The rule's id in the data file (say "labour_status_exclusive")."""
    kind: str
    """"exclusive", "subset", "gender_sum" or "special_without_consent"."""
    codes: tuple[str, ...]
    people: Cell
    """How many people break the rule (protected like any count)."""
    message: str


@dataclass(frozen=True)
class EsfReport:
    organisation_id: int
    organisation_name: str
    project_id: int | None
    project_name: str
    funder: str
    period: Period
    suppressed: bool
    language: str
    reference_period_days: int
    """Immediate results: the situation must begin within this many days of leaving (28)."""
    entry: FigureTable
    """Participants on entry (entered in the period): one row per indicator of
    esf_entry_indicators.json (code, code_verified), columns "total", "women", "men",
    "non_binary", "other_or_unknown"."""
    special: FigureTable
    """Special categories: rows "<indicator>_declined" and "<indicator>_not_asked" for
    disability and minority, same columns."""
    results: FigureTable
    """Results: a base row "left" (left in the period), the immediate results (EECR01–04),
    a base row "follow_up_due" and the six-month results (EECR05–06); same columns."""
    findings: tuple[ValidationFinding, ...] = ()
    method: tuple[str, ...] = ()
    summary: tuple[str, ...] = ()

    @property
    def tables(self) -> list[FigureTable]:
        return [self.entry, self.special, self.results]

    @property
    def rows(self) -> list[ReportRow]:
        return [*self.entry.rows, *self.results.rows]


# --- the reads --------------------------------------------------------------------------------


def outcome_report(
    user: Any,
    organisation: Organisation,
    period: Period,
    *,
    project: Project | None = None,
    funder: str | None = None,
    suppress: bool,
) -> OutcomeReport:
    """Outcome figures of the organisation (all its participants), of one project (its
    enrolled participants) or of a funder (the participants enrolled in the organisation's
    projects with that funder). Analysts always get suppressed figures."""
    raise NotImplementedError


def esf_report(
    user: Any,
    organisation: Organisation,
    period: Period,
    *,
    project: Project | None = None,
    funder: str | None = None,
    suppress: bool,
) -> EsfReport:
    """ESF+ common indicators of the same population as `outcome_report`."""
    raise NotImplementedError


MONITORING_FIELDS: tuple[str, ...] = ()


def monitoring_rows(
    user: Any,
    organisation: Organisation,
    period: Period,
    *,
    project: Project | None = None,
) -> list[dict[str, Any]]:
    """Coordinators only: one dict per participant (keys `MONITORING_FIELDS`)."""
    raise NotImplementedError

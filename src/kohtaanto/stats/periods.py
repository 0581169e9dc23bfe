"""Reporting periods: a start and an end date, both inclusive.

`Period.parse("2026-01-01", "2026-06-30")` reads ISO dates; a bad date or an end before the
start raises `PeriodError` (a `ValueError`) whose `code` ("bad_date", "end_before_start") the
Django side turns into a translated message. Pure: no Django."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date


class PeriodError(ValueError):
    """A period that cannot be used. `code`: "bad_date" or "end_before_start"."""

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(code)


@dataclass(frozen=True, order=True)
class Period:
    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise PeriodError("end_before_start")

    @classmethod
    def parse(cls, start: str | date | None, end: str | date | None) -> Period:
        """A period from two ISO dates (strings or dates)."""
        return cls(_date(start), _date(end))

    @classmethod
    def parse_range(cls, text: str) -> Period:
        """A period from "2026-01-01..2026-06-30" (the CLI's form)."""
        first, sep, last = (text or "").partition("..")
        if not sep:
            raise PeriodError("bad_date")
        return cls.parse(first.strip(), last.strip())

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def overlaps(self, start: date, end: date | None) -> bool:
        """Whether [start, end] (end None = still open) meets this period."""
        return start <= self.end and (end is None or end >= self.start)

    def months(self) -> Iterator[date]:
        """The first day of every month the period touches, in order."""
        return month_starts(self.start, self.end)

    def __str__(self) -> str:
        return f"{self.start.isoformat()}..{self.end.isoformat()}"


def _date(value: str | date | None) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat((value or "").strip())
    except ValueError:
        raise PeriodError("bad_date") from None


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_starts(start: date, end: date) -> Iterator[date]:
    """The first day of each month from `start`'s month to `end`'s month, inclusive."""
    current = month_start(start)
    while current <= end:
        yield current
        current = (
            date(current.year + 1, 1, 1)
            if current.month == 12
            else date(current.year, current.month + 1, 1)
        )


def month_key(day: date) -> str:
    """ "2026-03" for any day of March 2026."""
    return f"{day.year:04d}-{day.month:02d}"

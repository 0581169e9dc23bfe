"""Reads of the support line: the coverage calendar, a volunteer's next shifts and gaps, and
the statistics per ISO week and region. The statistics read `SupportContact` only, never
`CallbackRequest`."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from kohtaanto.supportline.enums import COVERING, CallerGroup, Referral, SignupStatus, Topic
from kohtaanto.supportline.models import Line, Shift, SupportContact

WARNING_HOURS = 24
"""A shift without any volunteer this close to its start is warned about."""
SMALL_CELL = 5
"""Per-region-per-week cells with fewer contacts than this are hidden from analysts."""


def with_cover(shifts: QuerySet[Shift]) -> QuerySet[Shift]:
    return shifts.annotate(
        cover=Count("signups", filter=Q(signups__status__in=COVERING), distinct=True)
    )


@dataclass
class ShiftRow:
    shift: Shift
    cover: int
    mine: str = ""  # the user's own sign-up status ("" when not on it)
    swap_open: bool = False  # someone else offers a swap
    names: list[str] = field(default_factory=list)
    region_label: str = ""

    @property
    def gap(self) -> int:
        return max(self.shift.needed - self.cover, 0)

    @property
    def full(self) -> bool:
        return self.cover >= self.shift.needed

    @property
    def unstaffed_soon(self) -> bool:
        now = timezone.now()
        return self.cover == 0 and now < self.shift.starts <= now + dt.timedelta(
            hours=WARNING_HOURS
        )

    @property
    def over(self) -> bool:
        return self.shift.ends <= timezone.now()


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def parse_week(value: str | None, today: dt.date) -> dt.date:
    """Monday of the ISO week "2026-W45" (today's week for anything else)."""
    if value:
        try:
            year, week = value.upper().split("-W")
            return dt.date.fromisocalendar(int(year), int(week), 1)
        except ValueError:
            pass
    return week_start(today)


def iso_week(day: dt.date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def _rows(shifts: QuerySet[Shift], user: Any, *, names: bool) -> list[ShiftRow]:
    rows = []
    for shift in with_cover(shifts).prefetch_related("signups__user"):
        signups = [s for s in shift.signups.all() if s.status in COVERING]
        mine = next((str(s.status) for s in signups if s.user_id == user.pk), "")
        rows.append(
            ShiftRow(
                shift=shift,
                cover=shift.cover,  # type: ignore[attr-defined]
                mine=mine,
                swap_open=any(
                    s.status == SignupStatus.SWAP_OFFERED and s.user_id != user.pk for s in signups
                ),
                names=[s.user.first_name or s.user.get_username() for s in signups]
                if names
                else [],
            )
        )
    return rows


def calendar(line: Line, user: Any, monday: dt.date, *, names: bool = True) -> list[ShiftRow]:
    """The shifts of the week starting `monday` (local time), with their cover and the user's
    own part. `names`: the first names of the volunteers on each shift (shown to the line's
    own volunteers and coordinators only)."""
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(monday, dt.time(0), tzinfo=tz)
    shifts = line.shifts.filter(starts__gte=start, starts__lt=start + dt.timedelta(days=7))
    return _rows(shifts, user, names=names)


def warnings(line: Line, now: dt.datetime | None = None) -> list[Shift]:
    """Shifts starting within `WARNING_HOURS` that nobody has signed up for."""
    now = now or timezone.now()
    soon = line.shifts.filter(starts__gt=now, starts__lte=now + dt.timedelta(hours=WARNING_HOURS))
    return [shift for shift in with_cover(soon) if shift.cover == 0]  # type: ignore[attr-defined]


def my_next_shifts(user: Any, lines: QuerySet[Line], limit: int = 5) -> list[Shift]:
    now = timezone.now()
    return list(
        Shift.objects.filter(
            line__in=lines, ends__gt=now, signups__user=user, signups__status__in=COVERING
        )
        .select_related("line")
        .distinct()
        .order_by("starts")[:limit]
    )


def gaps(lines: QuerySet[Line], days: int = 7) -> list[ShiftRow]:
    """Shifts in the next `days` days that need more volunteers."""
    now = timezone.now()
    shifts = with_cover(
        Shift.objects.filter(
            line__in=lines, starts__gt=now, starts__lte=now + dt.timedelta(days=days)
        ).select_related("line")
    )
    return [
        ShiftRow(shift=s, cover=s.cover)  # type: ignore[attr-defined]
        for s in shifts
        if s.cover < s.needed  # type: ignore[attr-defined]
    ]


# --- statistics -------------------------------------------------------------------------


@dataclass
class WeekStats:
    week: str
    contacts: int = 0
    minutes: int = 0
    topics: Counter[str] = field(default_factory=Counter)
    referrals: Counter[str] = field(default_factory=Counter)
    caller_groups: Counter[str] = field(default_factory=Counter)
    follow_ups: int = 0


@dataclass
class Statistics:
    weeks: list[WeekStats]
    total: WeekStats
    regions: list[str]
    """Region codes with contacts ("" = not told), in the order of the table."""
    by_region: dict[tuple[str, str], int | None]
    """(week, region) → contacts; None when hidden (fewer than `SMALL_CELL`)."""
    suppressed: bool
    topic_codes: list[tuple[str, str]]
    referral_codes: list[tuple[str, str]]
    caller_group_codes: list[tuple[str, str]]

    def region_row(self, week: str) -> list[int | None]:
        return [self.by_region.get((week, region), 0) for region in self.regions]


def statistics(line: Line, *, since: dt.date, until: dt.date, suppress_small: bool) -> Statistics:
    """Counts per ISO week of contacts between `since` and `until` (inclusive, local dates):
    contacts, minutes, topics, referrals, caller groups, follow-ups asked; and contacts per
    week and region. With `suppress_small` (analysts), a week × region cell with fewer than
    `SMALL_CELL` contacts is None (shown as "fewer than 5"), and so is any other cell of that
    week whose hiding would otherwise be undone by subtracting from the week's total."""
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(since, dt.time(0), tzinfo=tz)
    end = dt.datetime.combine(until + dt.timedelta(days=1), dt.time(0), tzinfo=tz)
    contacts = SupportContact.objects.filter(
        line=line, started_at__gte=start, started_at__lt=end
    ).values(
        "started_at",
        "duration_minutes",
        "topics",
        "referred_to",
        "caller_group",
        "region",
        "follow_up_requested",
    )
    weeks: dict[str, WeekStats] = {}
    monday = week_start(since)
    while monday <= until:
        weeks[iso_week(monday)] = WeekStats(iso_week(monday))
        monday += dt.timedelta(days=7)
    total = WeekStats("")
    region_counts: Counter[tuple[str, str]] = Counter()
    for row in contacts:
        week = iso_week(timezone.localtime(row["started_at"], tz).date())
        for stats in (weeks.setdefault(week, WeekStats(week)), total):
            stats.contacts += 1
            stats.minutes += row["duration_minutes"]
            stats.topics.update(row["topics"] or [])
            stats.referrals.update(row["referred_to"] or [])
            stats.caller_groups[row["caller_group"] or "unknown"] += 1
            stats.follow_ups += bool(row["follow_up_requested"])
        region_counts[(week, row["region"] or "")] += 1
    regions = sorted({region for _week, region in region_counts}, key=lambda r: (r == "", r))
    by_region: dict[tuple[str, str], int | None] = dict(region_counts)
    if suppress_small:
        for week in weeks:
            small = [r for r in regions if 0 < region_counts.get((week, r), 0) < SMALL_CELL]
            for region in small:
                by_region[(week, region)] = None
            if len(small) == 1:
                # One hidden cell could be worked out from the week's total: hide the next
                # smallest shown cell of the week too.
                shown = sorted(
                    (region_counts[(week, r)], r)
                    for r in regions
                    if region_counts.get((week, r), 0) >= SMALL_CELL
                )
                if shown:
                    by_region[(week, shown[0][1])] = None
    return Statistics(
        weeks=list(weeks.values()),
        total=total,
        regions=regions,
        by_region=by_region,
        suppressed=suppress_small,
        topic_codes=[(str(c.value), str(c.label)) for c in Topic],
        referral_codes=[(str(c.value), str(c.label)) for c in Referral],
        caller_group_codes=[(str(c.value), str(c.label)) for c in CallerGroup],
    )

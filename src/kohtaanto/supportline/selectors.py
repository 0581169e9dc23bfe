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

# The one implementation of small-number protection (re-exported for the pages and tests).
from kohtaanto.stats.suppression import HIDDEN as HIDDEN
from kohtaanto.stats.suppression import SMALL as SMALL
from kohtaanto.stats.suppression import SMALL_CELL as SMALL_CELL
from kohtaanto.stats.suppression import Cell as Cell
from kohtaanto.stats.suppression import protect as protect
from kohtaanto.supportline.enums import COVERING, CallerGroup, Referral, SignupStatus, Topic
from kohtaanto.supportline.models import Line, Shift, SupportContact

WARNING_HOURS = 24
"""A shift without any volunteer this close to its start is warned about."""


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


def default_week(line: Line, today: dt.date) -> dt.date:
    """The Monday of the week a calendar opens on: this week when it still has a shift from
    today on, else the next week that has shifts (this week when no shift is coming)."""
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(today, dt.time(0), tzinfo=tz)
    upcoming = line.shifts.filter(starts__gte=start).order_by("starts").first()
    if upcoming is None:
        return week_start(today)
    return week_start(timezone.localtime(upcoming.starts, tz).date())


def iso_week(day: dt.date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def _rows(shifts: QuerySet[Shift], user: Any, *, names: bool) -> list[ShiftRow]:
    rows = []
    # An annotated (GROUP BY) query drops the model's default ordering: order it here.
    ordered = with_cover(shifts).order_by("starts", "pk").prefetch_related("signups__user")
    for shift in ordered:
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
    return [
        shift
        for shift in with_cover(soon).order_by("starts", "pk")
        if shift.cover == 0  # type: ignore[attr-defined]
    ]


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
    ).order_by("starts", "pk")
    return [
        ShiftRow(shift=s, cover=s.cover)  # type: ignore[attr-defined]
        for s in shifts
        if s.cover < s.needed  # type: ignore[attr-defined]
    ]


# --- statistics -------------------------------------------------------------------------


@dataclass
class WeekStats:
    """Exact counts of one ISO week (or of the whole period: `week` ""). Never given to
    analysts' pages as such: `statistics` turns them into shown cells."""

    week: str
    contacts: int = 0
    minutes: int = 0
    topics: Counter[str] = field(default_factory=Counter)
    referrals: Counter[str] = field(default_factory=Counter)
    caller_groups: Counter[str] = field(default_factory=Counter)
    follow_ups: int = 0


@dataclass
class StatRow:
    """One row of the statistics page as it may be shown: `week` "" is the whole period.
    For analysts the per-week rows carry no follow-ups, topics, referrals or caller groups
    (those are shown for the whole period only)."""

    week: str
    contacts: Cell
    minutes: Cell
    follow_ups: Cell | None = None
    regions: list[Cell] = field(default_factory=list)
    topics: list[Cell] = field(default_factory=list)
    referrals: list[Cell] = field(default_factory=list)
    caller_groups: list[Cell] = field(default_factory=list)


@dataclass
class Statistics:
    weeks: list[StatRow]
    total: StatRow
    regions: list[str]
    """Region codes with contacts ("" = not told), in the order of the row's `regions`."""
    exact: bool
    """False for analysts: small cells hidden, breakdowns for the whole period only."""
    topic_codes: list[tuple[str, str]]
    referral_codes: list[tuple[str, str]]
    caller_group_codes: list[tuple[str, str]]

    def week(self, week: str) -> StatRow:
        return next(row for row in self.weeks if row.week == week)

    def region(self, week: str, region: str) -> Cell:
        return self.week(week).regions[self.regions.index(region)]


Key = tuple[str, ...]


def _exact(
    weeks: dict[str, WeekStats],
    total: WeekStats,
    regions: list[str],
    region_counts: Counter[tuple[str, str]],
    codes: tuple[list[str], list[str], list[str]],
) -> tuple[list[StatRow], StatRow]:
    topic_codes, referral_codes, group_codes = codes

    def row(stats: WeekStats, region_row: list[Cell]) -> StatRow:
        return StatRow(
            week=stats.week,
            contacts=stats.contacts,
            minutes=stats.minutes,
            follow_ups=stats.follow_ups,
            regions=region_row,
            topics=[stats.topics.get(c, 0) for c in topic_codes],
            referrals=[stats.referrals.get(c, 0) for c in referral_codes],
            caller_groups=[stats.caller_groups.get(c, 0) for c in group_codes],
        )

    rows = [
        row(stats, [region_counts.get((week, r), 0) for r in regions])
        for week, stats in weeks.items()
    ]
    return rows, row(total, [])


def _suppressed(
    weeks: dict[str, WeekStats],
    total: WeekStats,
    regions: list[str],
    region_counts: Counter[tuple[str, str]],
    codes: tuple[list[str], list[str], list[str]],
) -> tuple[list[StatRow], StatRow]:
    """The analysts' cells: contacts per week, per week × region, and for the whole period
    follow-ups, topics, referrals and caller groups, all through `protect` at once (they share
    the period's total)."""
    topic_codes, referral_codes, group_codes = codes
    values: dict[Key, int] = {("total",): total.contacts}
    hidden_members: set[Key] = set()
    lines: list[list[Key]] = []
    for week, stats in weeks.items():
        values[("week", week)] = stats.contacts
        region_keys: list[Key] = [("region", week, r) for r in regions]
        for r in regions:
            values[("region", week, r)] = region_counts.get((week, r), 0)
        lines.append([*region_keys, ("week", week)])
    lines.append([*(("week", week) for week in weeks), ("total",)])
    values[("follow_ups",)] = total.follow_ups
    values[("no_follow_up",)] = total.contacts - total.follow_ups
    hidden_members.add(("no_follow_up",))
    lines.append([("follow_ups",), ("no_follow_up",), ("total",)])
    for kind, counter, kind_codes in (
        ("topic", total.topics, topic_codes),
        ("referral", total.referrals, referral_codes),
    ):
        for code in kind_codes:  # a contact has several: each code against its complement
            values[(kind, code)] = counter.get(code, 0)
            values[("not_" + kind, code)] = total.contacts - counter.get(code, 0)
            hidden_members.add(("not_" + kind, code))
            lines.append([(kind, code), ("not_" + kind, code), ("total",)])
    group_keys: list[Key] = [("group", c) for c in group_codes]
    for code in group_codes:
        values[("group", code)] = total.caller_groups.get(code, 0)
    values[("group", "unknown")] = total.caller_groups.get("unknown", 0)
    hidden_members.add(("group", "unknown"))
    lines.append([*group_keys, ("group", "unknown"), ("total",)])
    cells = protect(values, lines, set(values) - hidden_members)

    def minutes(contacts: Cell, exact: int) -> Cell:
        # Minutes of a hidden count would tell its size (and one call's length): hidden too.
        return exact if isinstance(contacts, int) else HIDDEN

    rows = []
    for week, stats in weeks.items():
        contacts = cells[("week", week)]
        rows.append(
            StatRow(
                week=week,
                contacts=contacts,
                minutes=minutes(contacts, stats.minutes),
                regions=[cells[("region", week, r)] for r in regions],
            )
        )
    contacts = cells[("total",)]
    total_row = StatRow(
        week="",
        contacts=contacts,
        minutes=minutes(contacts, total.minutes),
        follow_ups=cells[("follow_ups",)],
        topics=[cells[("topic", c)] for c in topic_codes],
        referrals=[cells[("referral", c)] for c in referral_codes],
        caller_groups=[cells[("group", c)] for c in group_codes],
    )
    return rows, total_row


def statistics(line: Line, *, since: dt.date, until: dt.date, suppress_small: bool) -> Statistics:
    """Counts of contacts between `since` and `until` (inclusive, local dates) per ISO week:
    contacts, minutes, follow-ups asked, topics, referrals, caller groups, and contacts per
    week and region; and the same for the whole period.

    Coordinators (`suppress_small` False) get exact counts. Analysts get the contacts and
    minutes per week and per week × region, and the other counts for the whole period only,
    with every count under `SMALL_CELL` shown as `SMALL` and, through `protect`, any count
    that would let one work a small one out (a week's total, another region of that week,
    another week, the period's total, a count against "contacts without it") as `HIDDEN`."""
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
    codes = (
        [str(c.value) for c in Topic],
        [str(c.value) for c in Referral],
        [str(c.value) for c in CallerGroup],
    )
    build = _suppressed if suppress_small else _exact
    rows, total_row = build(weeks, total, regions, region_counts, codes)
    return Statistics(
        weeks=rows,
        total=total_row,
        regions=regions,
        exact=not suppress_small,
        topic_codes=[(str(c.value), str(c.label)) for c in Topic],
        referral_codes=[(str(c.value), str(c.label)) for c in Referral],
        caller_group_codes=[(str(c.value), str(c.label)) for c in CallerGroup],
    )

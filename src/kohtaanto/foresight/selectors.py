"""Reads of stored foresight builds, shaped for the pages, the API, the CSV and the CLI.

Nothing here computes the aggregation: everything reads `ForesightBuild.result`. Supply counts
are people: for readers who must not see exact figures (`exact=False`: analysts, and everyone
reading the whole country's build) every supply count from 1 to 4 is suppressed, and so is any
count that would let a suppressed one be worked out from the others (complementary
suppression, `kohtaanto.stats.suppression.protect`). One group is protected at a time, all its
people counts together (`group_protection`), so the main table, the trend, the group's skills
(or occupations) and the reachable skills always agree:
- each line of regions and their sum "all regions": the group's supply, its supply of each
  month, each of its skills' (occupations') supply;
- per region, the months' newly counted people, those counted before the months (never shown)
  and the group's supply;
- a skill whose count equals the group's in a region is the same cell (all of the group's
  people there have it: otherwise a group of one skill would give away the hidden one);
- reading the whole country's build, a count is hidden when the reader's own organisation's
  latest build differs from it by 1 to 4 (national − own = the other organisations' people).
Demand counts are postings and needs, not people, and are shown as they are.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from kohtaanto.core.models import Organisation
from kohtaanto.foresight.labels import concept_label, group_label, region_codes, region_label
from kohtaanto.foresight.models import BuildStatus, ForesightBuild, Scope
from kohtaanto.matching import foresight as fs
from kohtaanto.stats.suppression import SMALL_CELL, protect

SORTS = ("label", "demand", "supply", "gap")
DIRECTIONS = ("asc", "desc")
ALL_REGIONS, UNKNOWN_REGION = "all", "unknown"


class UnknownRegionError(ValueError):
    """A region code that is not one of the 19 regions, "all" or "unknown"."""

    message = _("There is no region with that code. Choose a region from the list.")


class UnknownGroupError(ValueError):
    message = _("There is no such group in this foresight.")


def region_key(value: str | None) -> str:
    """The stored key of a region given in a URL: "all" (or nothing) → all regions,
    "unknown" → not known, else one of the 19 two-digit codes."""
    value = (value or "").strip()
    if value in ("", ALL_REGIONS):
        return fs.ALL
    if value == UNKNOWN_REGION:
        return ""
    if value not in region_codes():
        raise UnknownRegionError(value)
    return value


def region_param(key: str) -> str:
    return ALL_REGIONS if key == fs.ALL else (UNKNOWN_REGION if key == "" else key)


def region_choices(lang: str) -> list[tuple[str, str]]:
    regions = sorted(((c, region_label(c, lang)) for c in region_codes()), key=lambda x: x[1])
    return [
        (ALL_REGIONS, str(_("All regions"))),
        *regions,
        (UNKNOWN_REGION, str(_("Region not known"))),
    ]


def latest_build(organisation: Organisation | None) -> ForesightBuild | None:
    """The newest finished build of `organisation` (None: of the whole country)."""
    builds = ForesightBuild.objects.filter(status=BuildStatus.DONE)
    if organisation is None:
        builds = builds.filter(scope=Scope.NATIONAL)
    else:
        builds = builds.filter(organisation=organisation)
    return builds.order_by("-built_at", "-pk").first()


def pending_build(organisation: Organisation) -> ForesightBuild | None:
    return (
        ForesightBuild.objects.filter(
            organisation=organisation, status__in=[BuildStatus.QUEUED, BuildStatus.RUNNING]
        )
        .order_by("-created")
        .first()
    )


@dataclass(frozen=True)
class Cell:
    """A supply count as a reader may see it: `value` None when suppressed; `mark` "small"
    (1–4 people) or "hidden" (could give a small one away)."""

    value: int | None
    mark: str = ""

    @property
    def suppressed(self) -> bool:
        return self.value is None


class Loaded:
    """A build's stored rows as lookups."""

    def __init__(self, build: ForesightBuild) -> None:
        data: dict[str, Any] = build.result or {}
        self.build = build
        self.data = data
        self.demand = _table(data, "demand")
        self.supply = _table(data, "supply")
        self.trend = _table(data, "trend")
        self.skill_demand = _table(data, "skill_demand")
        self.skill_supply = _table(data, "skill_supply")
        self.occupation_demand = _table(data, "occupation_demand")
        self.people = _table(data, "people")
        self.items = _table(data, "items")
        self.occupation_supply = _table(data, "occupation_supply")
        self.supply_trend = _table(data, "supply_trend")
        self.months: list[str] = list(build.parameters.get("months") or [])
        self.reference: Loaded | None = None
        """The reader's own organisation's latest build, when this is the whole country's."""
        self._members: dict[str, dict[str, list[str]]] = {}
        self._protection: dict[tuple[str, str, bool], GroupCells] = {}

    def members(self, mode: str, group: str) -> list[str]:
        """The skills (occupations) of `group` found in this build's demand or supply."""
        if mode not in self._members:
            from kohtaanto.foresight.services import grouping

            groups = grouping()
            found: dict[str, set[str]] = defaultdict(set)
            if mode == fs.SKILL:
                for key in (*self.skill_demand, *self.skill_supply):
                    found[groups.skill(key[1])].add(key[1])
            else:
                for key in (*self.occupation_demand, *self.occupation_supply):
                    found[groups.occupation(key[1])].add(key[1])
            self._members[mode] = {g: sorted(m) for g, m in found.items()}
        return self._members[mode].get(group, [])

    def member_supply(self, mode: str) -> dict[tuple[str, ...], int]:
        return self.skill_supply if mode == fs.SKILL else self.occupation_supply

    @property
    def regions(self) -> list[str]:
        found = (
            {k[0] for k in self.people} | {k[1] for k in self.demand} | {k[0] for k in self.items}
        )
        return sorted(found - {fs.ALL})

    def groups(self, mode: str) -> list[str]:
        return sorted(
            {k[2] for k in self.demand if k[0] == mode}
            | {k[2] for k in self.supply if k[0] == mode}
        )

    @property
    def uses_fallback(self) -> bool:
        return bool((self.data.get("grouping") or {}).get("uses_fallback"))


def _table(data: dict[str, Any], name: str) -> dict[tuple[str, ...], int]:
    return {tuple(row[:-1]): int(row[-1]) for row in fs.iter_rows(data, name)}


def loaded_for(build: ForesightBuild, reader: Organisation | None) -> Loaded:
    """`build` as `reader`'s staff read it: the whole country's build remembers the reader's
    own organisation's latest build, so that no count differs from theirs by 1 to 4."""
    loaded = Loaded(build)
    if build.organisation_id is None and reader is not None:
        own = latest_build(reader)
        loaded.reference = Loaded(own) if own is not None else None
    return loaded


def _forced(values: dict[Any, int], reference: dict[Any, int]) -> set[Any]:
    """Cells that differ from the reader's own organisation's by 1 to 4 people."""
    return {k for k, v in values.items() if 0 < v - reference.get(k, 0) < SMALL_CELL}


def _cells(
    values: dict[Any, int], lines: list[list[Any]], shown: set[Any], forced: set[Any]
) -> dict[Any, Cell]:
    """`protect` with `forced` cells hidden as if they were small (they are then guarded by
    complementary suppression too); a forced cell that is not small is marked "hidden"."""
    marked = {k: (1 if k in forced and v >= SMALL_CELL else v) for k, v in values.items()}
    shown_values = protect(marked, lines, shown)
    cells: dict[Any, Cell] = {}
    for key, value in shown_values.items():
        if isinstance(value, int) and not isinstance(value, bool):
            cells[key] = Cell(value)
        else:
            cells[key] = Cell(None, "small" if 0 < values[key] < SMALL_CELL else "hidden")
    return cells


@dataclass(frozen=True)
class GroupCells:
    """A group's people counts as a reader sees them: by region (`ALL` too) the group's
    supply, its supply per month and its members' (skills' or occupations') supply."""

    totals: dict[str, Cell]
    months: dict[tuple[str, str], Cell]
    members: dict[tuple[str, str], Cell]

    def total(self, region: str) -> Cell:
        return self.totals.get(region, Cell(0))

    def month(self, region: str, month: str) -> Cell:
        return self.months.get((region, month), Cell(0))

    def member(self, region: str, member: str) -> Cell:
        return self.members.get((region, member), Cell(0))


def group_protection(loaded: Loaded, mode: str, group: str, exact: bool) -> GroupCells:
    """Every people count of one group, protected together (see the module's doc)."""
    cache_key = (mode, group, exact)
    if cache_key in loaded._protection:
        return loaded._protection[cache_key]
    regions = [*loaded.regions, fs.ALL]
    members = loaded.members(mode, group)
    member_supply = loaded.member_supply(mode)
    total = {r: loaded.supply.get((mode, r, group), 0) for r in regions}
    month = {
        (r, m): loaded.supply_trend.get((mode, r, group, m), 0)
        for r in regions
        for m in loaded.months
    }
    member = {(r, s): member_supply.get((r, s), 0) for r in regions for s in members}
    if exact:
        cells = GroupCells(
            {r: Cell(v) for r, v in total.items()},
            {k: Cell(v) for k, v in month.items()},
            {k: Cell(v) for k, v in member.items()},
        )
        loaded._protection[cache_key] = cells
        return cells

    def alias(r: str, s: str) -> tuple[str, ...]:
        value = member[(r, s)]
        return ("g", r) if value and value == total[r] else ("s", r, s)

    values: dict[tuple[str, ...], int] = {("g", r): v for r, v in total.items()}
    values.update({("m", r, m): v for (r, m), v in month.items()})
    values.update({("b", r): total[r] - sum(month[(r, m)] for m in loaded.months) for r in regions})
    values.update({alias(r, s): v for (r, s), v in member.items()})
    lines: list[list[tuple[str, ...]]] = [[("g", r) for r in regions]]
    lines += [[("m", r, m) for r in regions] for m in loaded.months]
    lines += [[("b", r), *(("m", r, m) for m in loaded.months), ("g", r)] for r in regions]
    lines += [[alias(r, s) for r in regions] for s in members]
    shown = {k for k in values if k[0] != "b"}
    forced: set[tuple[str, ...]] = set()
    ref = loaded.reference
    if ref is not None:
        forced |= _forced(
            {("g", r): v for r, v in total.items()},
            {("g", k[1]): v for k, v in ref.supply.items() if k[0] == mode and k[2] == group},
        )
        forced |= _forced(
            {("m", r, m): v for (r, m), v in month.items()},
            {
                ("m", k[1], k[3]): v
                for k, v in ref.supply_trend.items()
                if k[0] == mode and k[2] == group
            },
        )
        own = ref.member_supply(mode)
        forced |= {
            alias(r, s) for (r, s), v in member.items() if 0 < v - own.get((r, s), 0) < SMALL_CELL
        }
    protected = _cells(values, lines, shown, forced)
    cells = GroupCells(
        {r: protected[("g", r)] for r in regions},
        {(r, m): protected[("m", r, m)] for r, m in month},
        {(r, s): protected[alias(r, s)] for r, s in member},
    )
    loaded._protection[cache_key] = cells
    return cells


def people_cell(loaded: Loaded, region: str, exact: bool) -> Cell:
    """The people counted in `region`, protected over the regions and their sum."""
    people = {r: loaded.people.get((r,), 0) for r in [*loaded.regions, fs.ALL]}
    if exact:
        return Cell(people.get(region, 0))
    values = {("p", r): v for r, v in people.items()}
    reference = loaded.reference
    forced: set[Any] = (
        _forced(values, {("p", k[0]): v for k, v in reference.people.items()})
        if reference is not None
        else set()
    )
    cells = _cells(values, [list(values)], set(values), forced)
    return cells.get(("p", region), Cell(0))


@dataclass
class Row:
    key: str
    label: str
    demand: int
    supply: Cell
    gap: int | None = None
    status: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.supply.value is not None:
            self.gap = self.demand - self.supply.value
            self.status = (
                "shortage" if self.gap > 0 else ("surplus" if self.gap < 0 else "balanced")
            )
        else:
            self.status = "not_shown"


def sort_rows(rows: list[Row], sort: str, direction: str) -> list[Row]:
    """Sort by `sort` (label, demand, supply, gap); suppressed values last either way."""
    sort = sort if sort in SORTS else "gap"
    descending = direction != "asc"
    if sort == "label":
        return sorted(rows, key=lambda r: (r.label.casefold(), r.key), reverse=descending)

    def value(row: Row) -> int | None:
        return {"demand": row.demand, "supply": row.supply.value, "gap": row.gap}[sort]

    known = [r for r in rows if value(r) is not None]
    unknown = [r for r in rows if value(r) is None]
    known.sort(key=lambda r: (r.label.casefold(), r.key))
    known.sort(key=lambda r: value(r) or 0, reverse=descending)
    return known + sorted(unknown, key=lambda r: (-r.demand, r.label.casefold()))


def group_rows(
    loaded: Loaded,
    *,
    mode: str,
    region: str,
    exact: bool,
    lang: str,
    sort: str = "gap",
    direction: str = "desc",
) -> list[Row]:
    rows = []
    for group in loaded.groups(mode):
        demand = loaded.demand.get((mode, region, group), 0)
        supply = group_protection(loaded, mode, group, exact).total(region)
        if demand == 0 and supply.value == 0:
            continue
        rows.append(Row(group, group_label(group, lang), demand, supply))
    return sort_rows(rows, sort, direction)


def group_exists(loaded: Loaded, mode: str, group: str) -> bool:
    return group in loaded.groups(mode)


def skill_rows(
    loaded: Loaded,
    *,
    group: str,
    region: str,
    exact: bool,
    lang: str,
    sort: str = "gap",
    direction: str = "desc",
) -> list[Row]:
    """The skills of a skill group in a region: items asking for each, people having it."""
    return member_rows(
        loaded,
        mode=fs.SKILL,
        group=group,
        region=region,
        exact=exact,
        lang=lang,
        sort=sort,
        direction=direction,
    )


def member_rows(
    loaded: Loaded,
    *,
    mode: str,
    group: str,
    region: str,
    exact: bool,
    lang: str,
    sort: str = "gap",
    direction: str = "desc",
) -> list[Row]:
    """The skills of a skill group (occupations of an occupation group) in a region: the
    items asking for each, the people who have it confirmed."""
    cells = group_protection(loaded, mode, group, exact)
    demand_of = loaded.skill_demand if mode == fs.SKILL else loaded.occupation_demand
    rows = []
    for member in loaded.members(mode, group):
        demand = demand_of.get((region, member), 0)
        supply = cells.member(region, member)
        if demand == 0 and supply.value == 0:
            continue
        rows.append(Row(member, concept_label(member, lang), demand, supply))
    return sort_rows(rows, sort, direction)


def occupation_rows(
    loaded: Loaded,
    *,
    group: str,
    region: str,
    exact: bool,
    lang: str,
    sort: str = "gap",
    direction: str = "desc",
) -> list[Row]:
    """The occupations of an ISCO group: postings and needs naming each, people who have it
    confirmed as their occupation."""
    return member_rows(
        loaded,
        mode=fs.OCCUPATION,
        group=group,
        region=region,
        exact=exact,
        lang=lang,
        sort=sort,
        direction=direction,
    )


def trend(
    loaded: Loaded, *, mode: str, region: str, groups: list[str]
) -> list[tuple[str, list[int]]]:
    """(month, [items of each of `groups`]) for the build's months, oldest first."""
    return [
        (month, [loaded.trend.get((mode, region, g, month), 0) for g in groups])
        for month in loaded.months
    ]


@dataclass(frozen=True)
class MonthRow:
    """A month of one group: new postings and needs, newly counted people, their gap."""

    month: str
    demand: int
    supply: Cell

    @property
    def gap(self) -> int | None:
        return None if self.supply.value is None else self.demand - self.supply.value


def group_trend(
    loaded: Loaded, *, mode: str, group: str, region: str, exact: bool
) -> list[MonthRow]:
    """The group's months, oldest first: demand (items made that month, still open), supply
    (people whose first confirmed skill of the group is of that month), gap."""
    cells = group_protection(loaded, mode, group, exact)
    return [
        MonthRow(
            month, loaded.trend.get((mode, region, group, month), 0), cells.month(region, month)
        )
        for month in loaded.months
    ]


@dataclass(frozen=True)
class Reachable:
    skill: str
    label: str
    demand: int
    supply: Cell
    courses: list[tuple[str, str]]
    hours: float
    cost_eur: float


def reachable(loaded: Loaded, *, region: str, exact: bool, lang: str) -> list[Reachable]:
    from kohtaanto.foresight.services import grouping
    from kohtaanto.opportunities.models import Course

    groups = grouping()
    rows = [r for r in fs.iter_rows(loaded.data, "reachable") if r[0] == region]
    ids = {int(c) for r in rows for c in r[4] if str(c).isdigit()}
    titles = dict(Course.objects.filter(pk__in=sorted(ids)).values_list("pk", "title"))
    return [
        Reachable(
            r[1],
            concept_label(r[1], lang),
            int(r[2]),
            group_protection(loaded, fs.SKILL, groups.skill(r[1]), exact).member(region, r[1]),
            [(str(c), str(titles.get(int(c), c)) if str(c).isdigit() else str(c)) for c in r[4]],
            float(r[5]),
            float(r[6]),
        )
        for r in rows
    ]


def region_summary(loaded: Loaded, region: str, exact: bool) -> dict[str, Any]:
    items: dict[str, int] = defaultdict(int)
    for (r, source), n in loaded.items.items():
        if r == region:
            items[source] += n
    return {
        "items": sum(items.values()),
        "by_source": dict(sorted(items.items())),
        "people": people_cell(loaded, region, exact),
    }


# --- the structural-change watch -------------------------------------------------------------


def watch(intervention: Any, lang: str) -> dict[str, Any] | None:
    """The watch of a regional intervention: the region's demand from the organisation's
    latest build (else the whole country's), against the essential skills of the affected
    occupations. None when there is no build yet."""
    from kohtaanto.foresight import services
    from kohtaanto.opportunities.models import Course
    from kohtaanto.reference.places import region_of

    build = latest_build(intervention.organisation) or latest_build(None)
    if build is None:
        return None
    loaded = Loaded(build)
    region = region_of(intervention.municipality_code)
    occupations = [str(o) for o in (getattr(intervention, "affected_occupations", None) or [])]
    result = fs.watch(
        occupations,
        services.essential_skills(),
        {k[1]: v for k, v in loaded.skill_demand.items() if k[0] == region},
        {k[1]: v for k, v in loaded.occupation_demand.items() if k[0] == region},
        services.courses_for(intervention.organisation),
    )
    ids = {int(c) for c in result.courses if c.isdigit()} | {
        int(c) for o in result.occupations for c in o.courses if c.isdigit()
    }
    courses = {
        str(pk): c for pk, c in ((c.pk, c) for c in Course.objects.filter(pk__in=sorted(ids)))
    }
    return {
        "build": build,
        "region": region,
        "region_label": region_label(region, lang),
        "occupations": [(o, concept_label(o, lang)) for o in occupations],
        "affected_skills": [(s, concept_label(s, lang)) for s in result.affected_skills],
        "met": [(s, concept_label(s, lang), n) for s, n in result.met],
        "missing": [(s, concept_label(s, lang), n) for s, n in result.missing],
        "courses": [courses[c] for c in result.courses if c in courses],
        "uncovered": [(s, concept_label(s, lang)) for s in result.uncovered],
        "jobs": [
            {
                "uri": o.uri,
                "label": concept_label(o.uri, lang),
                "demand": o.demand,
                "percent": round(100 * o.coverage),
                "missing": [concept_label(s, lang) for s in o.missing],
                "courses": [courses[c] for c in o.courses if c in courses],
            }
            for o in result.occupations
        ],
        "demand_items": result.demand_items,
        "met_items": result.met_items,
    }

"""Reads of stored foresight builds, shaped for the pages, the API, the CSV and the CLI.

Nothing here computes the aggregation: everything reads `ForesightBuild.result`. Supply counts
are people: for readers who must not see exact figures (`exact=False`: analysts, and everyone
reading the whole country's build) every supply count from 1 to 4 is suppressed, and so is any
count that would let a suppressed one be worked out from a total (complementary suppression,
`kohtaanto.stats.suppression.protect`, over each group's or skill's regions and their sum "all
regions"). Demand counts are postings and needs, not people, and are shown as they are.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
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
        self.months: list[str] = list(build.parameters.get("months") or [])

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


def _protected(
    values: dict[tuple[str, ...], int], regions: list[str], keys: Iterable[str], exact: bool
) -> dict[tuple[str, ...], Cell]:
    """(region, key) → Cell; lines: each key's regions and their sum (`ALL`)."""
    if exact:
        return {k: Cell(v) for k, v in values.items()}
    full: dict[tuple[str, ...], int] = dict(values)
    lines: list[list[tuple[str, ...]]] = []
    for key in keys:
        line: list[tuple[str, ...]] = [(r, key) for r in [*regions, fs.ALL]]
        for member in line:
            full.setdefault(member, 0)
        lines.append(line)
    shown = protect(full, lines)
    cells: dict[tuple[str, ...], Cell] = {}
    for member, value in shown.items():
        if isinstance(value, int) and not isinstance(value, bool):
            cells[member] = Cell(value)
        else:
            cells[member] = Cell(None, "small" if 0 < full[member] < SMALL_CELL else "hidden")
    return cells


def supply_cells(loaded: Loaded, mode: str, exact: bool) -> dict[tuple[str, ...], Cell]:
    values: dict[tuple[str, ...], int] = {
        (k[1], k[2]): v for k, v in loaded.supply.items() if k[0] == mode
    }
    return _protected(values, loaded.regions, loaded.groups(mode), exact)


def people_cell(loaded: Loaded, region: str, exact: bool) -> Cell:
    values: dict[tuple[str, ...], int] = {(k[0], "people"): v for k, v in loaded.people.items()}
    cells = _protected(values, loaded.regions, ["people"], exact)
    return cells.get((region, "people"), Cell(0))


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
    cells = supply_cells(loaded, mode, exact)
    rows = []
    for group in loaded.groups(mode):
        demand = loaded.demand.get((mode, region, group), 0)
        supply = cells.get((region, group), Cell(0))
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
    from kohtaanto.foresight.services import grouping

    groups = grouping()
    skills = sorted(
        {k[1] for k in loaded.skill_demand if groups.skill(k[1]) == group}
        | {k[1] for k in loaded.skill_supply if groups.skill(k[1]) == group}
    )
    values = {k: v for k, v in loaded.skill_supply.items() if k[1] in set(skills)}
    cells = _protected(values, loaded.regions, skills, exact)
    rows = []
    for skill in skills:
        demand = loaded.skill_demand.get((region, skill), 0)
        supply = cells.get((region, skill), Cell(0))
        if demand == 0 and supply.value == 0:
            continue
        rows.append(Row(skill, concept_label(skill, lang), demand, supply))
    return sort_rows(rows, sort, direction)


def occupation_rows(loaded: Loaded, *, group: str, region: str, lang: str) -> list[Row]:
    """The occupations of an ISCO group that the region's demand names (demand only: supply
    is counted per group)."""
    from kohtaanto.foresight.services import grouping

    groups = grouping()
    rows = [
        Row(occ, concept_label(occ, lang), n, Cell(None, "none"))
        for (r, occ), n in loaded.occupation_demand.items()
        if r == region and groups.occupation(occ) == group
    ]
    return sorted(rows, key=lambda r: (-r.demand, r.label.casefold()))


def trend(
    loaded: Loaded, *, mode: str, region: str, groups: list[str]
) -> list[tuple[str, list[int]]]:
    """(month, [items of each of `groups`]) for the build's months, oldest first."""
    return [
        (month, [loaded.trend.get((mode, region, g, month), 0) for g in groups])
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
    from kohtaanto.opportunities.models import Course

    rows = [r for r in fs.iter_rows(loaded.data, "reachable") if r[0] == region]
    ids = {int(c) for r in rows for c in r[4] if str(c).isdigit()}
    titles = dict(Course.objects.filter(pk__in=sorted(ids)).values_list("pk", "title"))
    skills = sorted({r[1] for r in rows})
    values = {k: v for k, v in loaded.skill_supply.items() if k[1] in set(skills)}
    cells = _protected(values, loaded.regions, skills, exact)
    return [
        Reachable(
            r[1],
            concept_label(r[1], lang),
            int(r[2]),
            cells.get((region, r[1]), Cell(0)),
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

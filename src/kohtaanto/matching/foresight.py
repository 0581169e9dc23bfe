"""Regional foresight: a region's skill demand beside its people's skills, per group and month.

Demand is a list of *items*: an open opportunity, an imported job posting, a company's confirmed
interview need. Each has a region, a month ("YYYY-MM"), a source, its ESCO skills and maybe an
occupation. Supply is a list of *people* (only those who allowed anonymised statistics: the
caller filters), each with a region and their confirmed skills and occupations.

Counts, per region (and "all regions"):
- demand of a group = items that ask for at least one skill of the group (skill groups), or whose
  occupation is in the group (occupation groups); demand of a skill = items that ask for it.
  Demand counts items, not people, so it needs no small-number protection.
- supply of a group = people with at least one confirmed skill of the group (or a confirmed
  occupation of the group); supply of a skill = people who have it. These count people.
- gap = demand − supply: above 0 a *shortage* (more asked than there are people who have it),
  below 0 a *surplus*. Items and people are different units; the gap is a signal, not a head
  count of vacancies.
- trend = demand per month and group (new items of the month); supply trend = people per month
  and group whose *first* confirmed skill of the group (or occupation of the group) was
  confirmed that month ("people who newly have it"); people whose skills were all confirmed
  before the trend's months are in the supply but in no month. The month's gap = new demand −
  newly confirmed people.
- occupation supply = people with a confirmed occupation (the drill-down of occupation groups).
- reachable = skills in shortage in the region that one short course teaches (the learning-path
  machinery of `learning.py` over the given courses, hours ≤ `SHORT_COURSE_HOURS`).

Two engines give the same `ForesightResult` (and `checksum`): `aggregate_naive` (plain Python
sets, the reference and the benchmark's baseline) and `run_local` / `run_dask` over sparse
matrices, chunked per region (any chunking: every count is a sum of integer parts).
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import scipy.sparse as sp

from kohtaanto.matching.learning import learning_path
from kohtaanto.matching.model import Course
from kohtaanto.taxonomy.model import ConceptKind, Taxonomy

VERSION = 2
SHORT_COURSE_HOURS = 80.0
"""A course of at most this many hours counts as a short course."""
REACHABLE_LIMIT = 10
"""At most this many reachable skills per region."""
ALL = "*"
"""The region key of the sum over all regions."""
SKILL, OCCUPATION = "skill", "occupation"
MODES = (SKILL, OCCUPATION)
OTHER = "other"
"""The group of a skill or occupation the grouping knows nothing about."""
COLLECTION_PREFIX = "collection:"
ISCO_PREFIX = "isco:"
#: Fallback collections when a skill has no ESCO skill group, in order of preference after the
#: sector collections ("sector:…").
FALLBACK_COLLECTIONS = ("digital", "language", "transversal", "green", "hobby", "digcomp")

Progress = Callable[[int, int], None]


class ForesightInputError(ValueError):
    """Input the aggregation cannot use (the Django side translates `code`)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


# --- groups ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Grouping:
    """Which group each skill and occupation falls in.

    Skill groups are the top-level ESCO skill groups reached through `broader` (`_top_group`);
    a skill the
    taxonomy gives no group (the starter vocabulary has groups only for DigComp) falls back to
    its collection: the first sector ("collection:sector:care"), else one of
    `FALLBACK_COLLECTIONS`, else `OTHER`. `fallback_skills` says how many skills fell back, so
    that a page can say so. Occupation groups are ISCO major groups from the occupation's code
    ("isco:5" for 5120.1).
    """

    skill_group: Mapping[str, str]
    occupation_group: Mapping[str, str]
    fallback_skills: int = 0
    grouped_skills: int = 0

    def skill(self, uri: str) -> str:
        return self.skill_group.get(uri, OTHER)

    def occupation(self, uri: str) -> str:
        return self.occupation_group.get(uri, OTHER)

    @property
    def uses_fallback(self) -> bool:
        """Most skills are grouped by collection, not by an ESCO skill group."""
        total = self.fallback_skills + self.grouped_skills
        return total > 0 and self.fallback_skills * 2 > total


def _top_group(taxonomy: Taxonomy, uri: str) -> str | None:
    """The top-level skill group above `uri`: following the first broader link that exists,
    the group just below the root of the hierarchy (ESCO's pillars "skills", "knowledge",
    "transversal", "language" are roots; S1–S8, T1–T6, the knowledge fields and L1–L2 are the
    top-level groups), or the root itself when the skill has one group level (DigComp's
    areas). None when no group is above it."""
    seen: set[str] = set()
    chain: list[str] = []
    current = taxonomy.get(uri)
    while current is not None and current.uri not in seen:
        seen.add(current.uri)
        if current.kind is ConceptKind.SKILL_GROUP:
            chain.append(current.uri)
        parents = [taxonomy.get(p) for p in current.broader]
        current = next((p for p in parents if p is not None), None)
    if not chain:
        return None
    return chain[-2] if len(chain) >= 2 else chain[-1]


def _fallback_group(collections: Iterable[str]) -> str:
    names = sorted(collections)
    sectors = [c for c in names if c.startswith("sector:")]
    if sectors:
        return COLLECTION_PREFIX + sectors[0]
    for name in FALLBACK_COLLECTIONS:
        if name in names:
            return COLLECTION_PREFIX + name
    return OTHER


def isco_group(code: str | None) -> str:
    """ "isco:5" for an occupation code "5120.1"; `OTHER` without a code."""
    digit = (code or "").strip()[:1]
    return ISCO_PREFIX + digit if digit.isdigit() else OTHER


def grouping_from_taxonomy(taxonomy: Taxonomy) -> Grouping:
    skill_group: dict[str, str] = {}
    fallback = grouped = 0
    for concept in taxonomy.of_kind(
        ConceptKind.SKILL, ConceptKind.KNOWLEDGE, ConceptKind.COMPETENCE
    ):
        top = _top_group(taxonomy, concept.uri)
        if top is None:
            skill_group[concept.uri] = _fallback_group(concept.collections)
            fallback += 1
        else:
            skill_group[concept.uri] = top
            grouped += 1
    occupation_group = {c.uri: isco_group(c.code) for c in taxonomy.of_kind(ConceptKind.OCCUPATION)}
    return Grouping(skill_group, occupation_group, fallback, grouped)


# --- plain input (the Django side and the reference engine) ---------------------------------


@dataclass(frozen=True)
class DemandItem:
    source: str
    region: str
    month: str
    skills: frozenset[str]
    occupation: str = ""


@dataclass(frozen=True)
class SupplyPerson:
    """A consenting person: region, confirmed skills and occupations, and `confirmed`:
    (uri, "YYYY-MM") the month each was confirmed (a uri without a month, or a month outside
    the trend's months, counts as confirmed before the trend's months)."""

    region: str
    skills: frozenset[str]
    occupations: frozenset[str] = frozenset()
    confirmed: tuple[tuple[str, str], ...] = ()

    def month_of(self, uri: str) -> str:
        return dict(self.confirmed).get(uri, "")


# --- the result -----------------------------------------------------------------------------


@dataclass
class Counts:
    """Every count, keyed by region (and `ALL` for the sum), before it becomes a result."""

    items: dict[tuple[str, str], int] = field(default_factory=dict)
    """(region, source) → items."""
    people: dict[str, int] = field(default_factory=dict)
    demand: dict[tuple[str, str, str], int] = field(default_factory=dict)
    """(mode, region, group) → items."""
    supply: dict[tuple[str, str, str], int] = field(default_factory=dict)
    """(mode, region, group) → people."""
    trend: dict[tuple[str, str, str, str], int] = field(default_factory=dict)
    """(mode, region, group, month) → items."""
    skill_demand: dict[tuple[str, str], int] = field(default_factory=dict)
    skill_supply: dict[tuple[str, str], int] = field(default_factory=dict)
    occupation_demand: dict[tuple[str, str], int] = field(default_factory=dict)
    occupation_supply: dict[tuple[str, str], int] = field(default_factory=dict)
    """(region, occupation) → people with it confirmed."""
    supply_trend: dict[tuple[str, str, str, str], int] = field(default_factory=dict)
    """(mode, region, group, month) → people whose first confirmed skill (occupation) of the
    group is of that month."""

    def with_totals(self) -> Counts:
        """The same counts plus the `ALL` region (sums over the regions)."""

        def total(table: dict[Any, int], region_at: int) -> dict[Any, int]:
            out = {k: v for k, v in table.items() if k[region_at] != ALL}
            for key, value in list(out.items()):
                if value:
                    summed = (*key[:region_at], ALL, *key[region_at + 1 :])
                    out[summed] = out.get(summed, 0) + value
            return out

        people = {k: v for k, v in self.people.items() if k != ALL}
        people[ALL] = sum(people.values())
        return Counts(
            items=total(self.items, 0),
            people=people,
            demand=total(self.demand, 1),
            supply=total(self.supply, 1),
            trend=total(self.trend, 1),
            skill_demand=total(self.skill_demand, 0),
            skill_supply=total(self.skill_supply, 0),
            occupation_demand=total(self.occupation_demand, 0),
            occupation_supply=total(self.occupation_supply, 0),
            supply_trend=total(self.supply_trend, 1),
        )


def _rows(table: Mapping[Any, int]) -> list[list[Any]]:
    return [
        [*(key if isinstance(key, tuple) else (key,)), value]
        for key, value in sorted(table.items())
        if value
    ]


def reachable(
    counts: Counts, courses: Sequence[Course], limit: int = REACHABLE_LIMIT
) -> list[list[Any]]:
    """Per region: skills in shortage that a short course teaches, most needed first.

    Rows [region, skill, demand, supply, [course ids], hours, euros]; the path is the cheapest
    one-skill learning path over the short courses (`learning.learning_path`)."""
    short = [c for c in courses if c.hours <= SHORT_COURSE_HOURS]
    paths: dict[str, tuple[list[str], float, float] | None] = {}

    def path_for(skill: str) -> tuple[list[str], float, float] | None:
        if skill not in paths:
            found = learning_path([skill], short)
            paths[skill] = (
                ([c.id for c in found.courses], round(found.hours, 2), round(found.cost_eur, 2))
                if found.courses and not found.uncovered
                else None
            )
        return paths[skill]

    by_region: dict[str, list[tuple[int, int, str, int]]] = defaultdict(list)
    for (region, skill), demand in counts.skill_demand.items():
        supply = counts.skill_supply.get((region, skill), 0)
        if demand > supply:
            by_region[region].append((supply - demand, -demand, skill, supply))
    rows: list[list[Any]] = []
    for region in sorted(by_region):
        found = 0
        for negative_gap, negative_demand, skill, supply in sorted(by_region[region]):
            del negative_gap
            path = path_for(skill)
            if path is None:
                continue
            rows.append([region, skill, -negative_demand, supply, *path])
            found += 1
            if found >= limit:
                break
    return rows


@dataclass(frozen=True)
class ForesightResult:
    """What a build stores: JSON-ready rows (nonzero counts only) and their checksum."""

    data: dict[str, Any]

    @property
    def checksum(self) -> str:
        return checksum(self.data)


def checksum(data: Mapping[str, Any]) -> str:
    """sha256 of the canonical JSON of a result's data (sorted keys, no spaces)."""
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def result_from_counts(
    counts: Counts, grouping: Grouping, courses: Sequence[Course] = ()
) -> ForesightResult:
    full = counts.with_totals()
    data = {
        "version": VERSION,
        "short_course_hours": SHORT_COURSE_HOURS,
        "grouping": {
            "fallback_skills": grouping.fallback_skills,
            "grouped_skills": grouping.grouped_skills,
            "uses_fallback": grouping.uses_fallback,
        },
        "items": _rows(full.items),
        "people": _rows(full.people),
        "demand": _rows(full.demand),
        "supply": _rows(full.supply),
        "trend": _rows(full.trend),
        "skill_demand": _rows(full.skill_demand),
        "skill_supply": _rows(full.skill_supply),
        "occupation_demand": _rows(full.occupation_demand),
        "occupation_supply": _rows(full.occupation_supply),
        "supply_trend": _rows(full.supply_trend),
        "reachable": reachable(full, courses),
    }
    return ForesightResult(data)


# --- the reference engine (plain Python) ----------------------------------------------------


def _add(table: dict[Any, int], key: Any, value: int = 1) -> None:
    table[key] = table.get(key, 0) + value


def count_naive(
    items: Iterable[DemandItem],
    people: Iterable[SupplyPerson],
    grouping: Grouping,
    months: Iterable[str] = (),
) -> Counts:
    """Every count by a loop over items and people (the reference; the benchmark's baseline).
    `months`: the trend's months of the supply (a confirmation outside them is before them)."""
    counts = Counts()
    items = list(items)
    months = set(months) or {i.month for i in items if i.month}
    for item in items:
        _add(counts.items, (item.region, item.source))
        for skill in item.skills:
            _add(counts.skill_demand, (item.region, skill))
        groups = {
            SKILL: {grouping.skill(s) for s in item.skills},
            OCCUPATION: {grouping.occupation(item.occupation)} if item.occupation else set(),
        }
        if item.occupation:
            _add(counts.occupation_demand, (item.region, item.occupation))
        for mode, keys in groups.items():
            for group in keys:
                _add(counts.demand, (mode, item.region, group))
                if item.month:
                    _add(counts.trend, (mode, item.region, group, item.month))
    for person in people:
        _add(counts.people, person.region)
        for skill in person.skills:
            _add(counts.skill_supply, (person.region, skill))
        for occupation in person.occupations:
            _add(counts.occupation_supply, (person.region, occupation))
        for mode, uris, group_of in (
            (SKILL, person.skills, grouping.skill),
            (OCCUPATION, person.occupations, grouping.occupation),
        ):
            first: dict[str, str] = {}
            for uri in uris:
                month = person.month_of(uri)
                month = month if month in months else ""
                group = group_of(uri)
                if group not in first or (first[group] and (not month or month < first[group])):
                    first[group] = month
            for group, month in first.items():
                _add(counts.supply, (mode, person.region, group))
                if month:
                    _add(counts.supply_trend, (mode, person.region, group, month))
    return counts


def aggregate_naive(
    items: Iterable[DemandItem],
    people: Iterable[SupplyPerson],
    grouping: Grouping,
    courses: Sequence[Course] = (),
    months: Iterable[str] = (),
) -> ForesightResult:
    return result_from_counts(count_naive(items, people, grouping, months), grouping, courses)


# --- the array engine -----------------------------------------------------------------------


@dataclass(frozen=True)
class Frame:
    """The names behind the arrays' positions, and each skill's and occupation's group."""

    skills: tuple[str, ...]
    occupations: tuple[str, ...]
    regions: tuple[str, ...]
    months: tuple[str, ...]
    sources: tuple[str, ...]
    skill_groups: tuple[str, ...]
    occupation_groups: tuple[str, ...]
    skill_group_of: np.ndarray
    occupation_group_of: np.ndarray

    @classmethod
    def build(
        cls,
        skills: Sequence[str],
        occupations: Sequence[str],
        regions: Sequence[str],
        months: Sequence[str],
        sources: Sequence[str],
        grouping: Grouping,
    ) -> Frame:
        skill_keys = [grouping.skill(s) for s in skills]
        occupation_keys = [grouping.occupation(o) for o in occupations]
        skill_groups = tuple(sorted(set(skill_keys)))
        occupation_groups = tuple(sorted(set(occupation_keys)))
        sg = {g: i for i, g in enumerate(skill_groups)}
        og = {g: i for i, g in enumerate(occupation_groups)}
        return cls(
            tuple(skills),
            tuple(occupations),
            tuple(regions),
            tuple(months),
            tuple(sources),
            skill_groups,
            occupation_groups,
            np.asarray([sg[k] for k in skill_keys], dtype=np.int64),
            np.asarray([og[k] for k in occupation_keys], dtype=np.int64),
        )

    def one_hot(self, groups_of: np.ndarray, width: int) -> sp.csr_matrix:
        n = len(groups_of)
        return sp.csr_matrix((np.ones(n), (np.arange(n), groups_of)), shape=(n, width))


@dataclass(frozen=True)
class DemandArrays:
    """Items as rows: binary skills (items × frame.skills), occupation/region/month/source
    positions (−1: none; a month of −1 is outside the trend's months)."""

    skills: sp.csr_matrix
    occupation: np.ndarray
    region: np.ndarray
    month: np.ndarray
    source: np.ndarray

    def __len__(self) -> int:
        return int(self.skills.shape[0])

    def take(self, rows: np.ndarray) -> DemandArrays:
        return DemandArrays(
            self.skills[rows],
            self.occupation[rows],
            self.region[rows],
            self.month[rows],
            self.source[rows],
        )


@dataclass(frozen=True)
class SupplyArrays:
    """People as rows: skills and occupations (nonzero where the person has it; the value
    is the month code of its confirmation: `m + 2` for the trend's month position `m`, 1 for
    before the months or not known), region position."""

    skills: sp.csr_matrix
    occupations: sp.csr_matrix
    region: np.ndarray

    def __len__(self) -> int:
        return int(self.skills.shape[0])

    def take(self, rows: np.ndarray) -> SupplyArrays:
        return SupplyArrays(self.skills[rows], self.occupations[rows], self.region[rows])


@dataclass(frozen=True)
class Tables:
    """What every chunk needs: the frame and its group matrices (scattered once on Dask)."""

    frame: Frame
    skill_groups: sp.csr_matrix
    occupation_groups: sp.csr_matrix

    @classmethod
    def of(cls, frame: Frame) -> Tables:
        return cls(
            frame,
            frame.one_hot(frame.skill_group_of, len(frame.skill_groups)),
            frame.one_hot(frame.occupation_group_of, len(frame.occupation_groups)),
        )


@dataclass
class Part:
    """The counts of one chunk (one region): dense integer arrays, added up exactly."""

    region: int
    items: np.ndarray
    people: int
    demand_skill_groups: np.ndarray
    demand_occupation_groups: np.ndarray
    trend_skill_groups: np.ndarray
    trend_occupation_groups: np.ndarray
    skill_demand: np.ndarray
    occupation_demand: np.ndarray
    supply_skill_groups: np.ndarray
    supply_occupation_groups: np.ndarray
    skill_supply: np.ndarray
    occupation_supply: np.ndarray
    supply_trend_skill_groups: np.ndarray
    supply_trend_occupation_groups: np.ndarray

    @classmethod
    def empty(cls, tables: Tables, region: int) -> Part:
        f = tables.frame
        ns, no = len(f.skill_groups), len(f.occupation_groups)
        nm = len(f.months)
        z = np.zeros
        return cls(
            region,
            z(len(f.sources), np.int64),
            0,
            z(ns, np.int64),
            z(no, np.int64),
            z((nm, ns), np.int64),
            z((nm, no), np.int64),
            z(len(f.skills), np.int64),
            z(len(f.occupations), np.int64),
            z(ns, np.int64),
            z(no, np.int64),
            z(len(f.skills), np.int64),
            z(len(f.occupations), np.int64),
            z((nm, ns), np.int64),
            z((nm, no), np.int64),
        )

    def add(self, other: Part) -> None:
        self.people += other.people
        for name in (
            "items",
            "demand_skill_groups",
            "demand_occupation_groups",
            "trend_skill_groups",
            "trend_occupation_groups",
            "skill_demand",
            "occupation_demand",
            "supply_skill_groups",
            "supply_occupation_groups",
            "skill_supply",
            "occupation_supply",
            "supply_trend_skill_groups",
            "supply_trend_occupation_groups",
        ):
            mine = getattr(self, name)
            mine += getattr(other, name)


def _column_sums(matrix: sp.spmatrix) -> np.ndarray:
    return np.asarray(matrix.sum(axis=0), dtype=np.int64).ravel()


def binary(matrix: sp.spmatrix) -> sp.csr_matrix:
    """Binary: 1 where the value is above 0 (a copy; month codes and counts become 1)."""
    out = sp.csr_matrix(matrix, copy=True)
    out.data = (out.data > 0).astype(np.int64)
    out.eliminate_zeros()
    return out


def _month_rows(month: np.ndarray, n_months: int) -> sp.csr_matrix:
    """months × items one-hot (items outside the months left out)."""
    inside = np.flatnonzero(month >= 0)
    return sp.csr_matrix(
        (np.ones(len(inside), np.int64), (month[inside], inside)), shape=(n_months, len(month))
    )


def demand_part(tables: Tables, demand: DemandArrays, region: int) -> Part:
    """Counts of a chunk of items of one region."""
    f = tables.frame
    part = Part.empty(tables, region)
    if len(demand) == 0:
        return part
    part.items = np.bincount(demand.source, minlength=len(f.sources)).astype(np.int64)
    skills = binary(demand.skills)
    part.skill_demand = _column_sums(skills)
    by_group = binary(skills @ tables.skill_groups)
    part.demand_skill_groups = _column_sums(by_group)
    has_occ = np.flatnonzero(demand.occupation >= 0)
    occupation = sp.csr_matrix(
        (np.ones(len(has_occ), np.int64), (has_occ, demand.occupation[has_occ])),
        shape=(len(demand), len(f.occupations)),
    )
    part.occupation_demand = _column_sums(occupation)
    by_occ_group = binary(occupation @ tables.occupation_groups)
    part.demand_occupation_groups = _column_sums(by_occ_group)
    months = _month_rows(demand.month, len(f.months))
    part.trend_skill_groups = np.asarray((months @ by_group).todense(), dtype=np.int64)
    part.trend_occupation_groups = np.asarray((months @ by_occ_group).todense(), dtype=np.int64)
    return part


def first_months(
    coded: sp.spmatrix, group_of: np.ndarray, n_groups: int, n_months: int
) -> np.ndarray:
    """months × groups: people whose earliest month code among their columns of a group is
    that month (`coded`: people × columns, month codes as in `SupplyArrays`; code 1, before
    the months, is in no month)."""
    out = np.zeros((n_months, n_groups), np.int64)
    matrix = sp.coo_matrix(coded)
    if matrix.nnz == 0 or n_groups == 0:
        return out
    data = matrix.data.astype(np.int64)
    groups = group_of[matrix.col]
    key = matrix.row.astype(np.int64) * n_groups + groups
    order = np.lexsort((data, key))
    key = key[order]
    first = np.ones(len(key), dtype=bool)
    first[1:] = key[1:] != key[:-1]
    month = data[order][first] - 2
    group = groups[order][first]
    inside = (month >= 0) & (month < n_months)
    np.add.at(out, (month[inside], group[inside]), 1)
    return out


def supply_part(tables: Tables, supply: SupplyArrays, region: int) -> Part:
    """Counts of a chunk of people of one region."""
    part = Part.empty(tables, region)
    if len(supply) == 0:
        return part
    f = tables.frame
    part.people = len(supply)
    skills = binary(supply.skills)
    part.skill_supply = _column_sums(skills)
    part.supply_skill_groups = _column_sums(binary(skills @ tables.skill_groups))
    occupations = binary(supply.occupations)
    part.occupation_supply = _column_sums(occupations)
    part.supply_occupation_groups = _column_sums(binary(occupations @ tables.occupation_groups))
    nm = len(f.months)
    part.supply_trend_skill_groups = first_months(
        supply.skills, f.skill_group_of, len(f.skill_groups), nm
    )
    part.supply_trend_occupation_groups = first_months(
        supply.occupations, f.occupation_group_of, len(f.occupation_groups), nm
    )
    return part


Chunk = tuple[str, int, np.ndarray]
"""("demand" or "supply", region position, rows)."""


def plan(demand: DemandArrays, supply: SupplyArrays, chunk_size: int) -> list[Chunk]:
    """Chunks of at most `chunk_size` rows, each of one region, rows ascending."""
    if chunk_size < 1:
        raise ForesightInputError("chunk_size", "chunk_size must be at least 1")
    chunks: list[Chunk] = []
    for side, region in (("demand", demand.region), ("supply", supply.region)):
        if len(region) == 0:
            continue
        order = np.lexsort((np.arange(len(region)), region))
        bounds = np.flatnonzero(np.diff(region[order])) + 1
        for group in np.split(order, bounds):
            for start in range(0, len(group), chunk_size):
                chunks.append((side, int(region[group[0]]), group[start : start + chunk_size]))
    return chunks


def run_chunk(tables: Tables, side: str, rows: Any, region: int) -> Part:
    if side == "demand":
        return demand_part(tables, rows, region)
    return supply_part(tables, rows, region)


def _counts(tables: Tables, parts: Iterable[Part]) -> Counts:
    f = tables.frame
    merged: dict[int, Part] = {}
    for part in parts:
        if part.region not in merged:
            merged[part.region] = Part.empty(tables, part.region)
        merged[part.region].add(part)
    counts = Counts()

    def put(table: dict[Any, int], prefix: tuple[str, ...], names: Sequence[str], v: Any) -> None:
        for i in np.flatnonzero(v):
            table[(*prefix, names[int(i)])] = int(v[i])

    for index in sorted(merged):
        part, region = merged[index], f.regions[index]
        put(counts.items, (region,), f.sources, part.items)
        if part.people:
            counts.people[region] = part.people
        put(counts.demand, (SKILL, region), f.skill_groups, part.demand_skill_groups)
        put(counts.demand, (OCCUPATION, region), f.occupation_groups, part.demand_occupation_groups)
        put(counts.supply, (SKILL, region), f.skill_groups, part.supply_skill_groups)
        put(counts.supply, (OCCUPATION, region), f.occupation_groups, part.supply_occupation_groups)
        put(counts.skill_demand, (region,), f.skills, part.skill_demand)
        put(counts.skill_supply, (region,), f.skills, part.skill_supply)
        put(counts.occupation_demand, (region,), f.occupations, part.occupation_demand)
        put(counts.occupation_supply, (region,), f.occupations, part.occupation_supply)
        for table, mode, trend, groups in (
            (counts.trend, SKILL, part.trend_skill_groups, f.skill_groups),
            (counts.trend, OCCUPATION, part.trend_occupation_groups, f.occupation_groups),
            (counts.supply_trend, SKILL, part.supply_trend_skill_groups, f.skill_groups),
            (
                counts.supply_trend,
                OCCUPATION,
                part.supply_trend_occupation_groups,
                f.occupation_groups,
            ),
        ):
            for m, g in zip(*np.nonzero(trend), strict=True):
                table[(mode, region, groups[int(g)], f.months[int(m)])] = int(trend[m, g])
    return counts


def _rows_of(demand: DemandArrays, supply: SupplyArrays, chunk: Chunk) -> Any:
    side, _region, rows = chunk
    return demand.take(rows) if side == "demand" else supply.take(rows)


def run_local(
    tables: Tables,
    demand: DemandArrays,
    supply: SupplyArrays,
    grouping: Grouping,
    courses: Sequence[Course] = (),
    chunk_size: int = 20_000,
    progress: Progress | None = None,
) -> ForesightResult:
    """The aggregation in this process, chunk by chunk."""
    chunks = plan(demand, supply, chunk_size)
    parts = []
    for done, chunk in enumerate(chunks, start=1):
        parts.append(run_chunk(tables, chunk[0], _rows_of(demand, supply, chunk), chunk[1]))
        if progress:
            progress(done, len(chunks))
    return result_from_counts(_counts(tables, parts), grouping, courses)


def run_dask(
    tables: Tables,
    demand: DemandArrays,
    supply: SupplyArrays,
    grouping: Grouping,
    client: Any,
    courses: Sequence[Course] = (),
    chunk_size: int = 20_000,
    progress: Progress | None = None,
) -> ForesightResult:
    """The same on a `dask.distributed.Client`: tables scattered once, one task per chunk."""
    from dask.distributed import as_completed

    remote = client.scatter(tables, broadcast=True)
    chunks = plan(demand, supply, chunk_size)
    futures = [
        client.submit(
            run_chunk, remote, side, _rows_of(demand, supply, (side, r, rows)), r, pure=False
        )
        for side, r, rows in chunks
    ]
    parts = []
    for done, future in enumerate(as_completed(futures), start=1):  # type: ignore[no-untyped-call]
        parts.append(future.result())
        future.release()
        if progress:
            progress(done, len(chunks))
    return result_from_counts(_counts(tables, parts), grouping, courses)


# --- from plain input to arrays -------------------------------------------------------------


def _binary(rows: list[list[int]], width: int) -> sp.csr_matrix:
    indices = np.asarray([c for r in rows for c in sorted(set(r))], dtype=np.int32)
    indptr = np.cumsum([0, *(len(set(r)) for r in rows)], dtype=np.int64)
    data = np.ones(len(indices), dtype=np.int64)
    return sp.csr_matrix((data, indices, indptr), shape=(len(rows), width))


def _coded(rows: list[dict[int, int]], width: int) -> sp.csr_matrix:
    """Rows of {column: month code} as a matrix (columns ascending)."""
    indices = np.asarray([c for r in rows for c in sorted(r)], dtype=np.int32)
    indptr = np.cumsum([0, *(len(r) for r in rows)], dtype=np.int64)
    data = np.asarray([r[c] for r in rows for c in sorted(r)], dtype=np.int64)
    return sp.csr_matrix((data, indices, indptr), shape=(len(rows), width))


def encode(
    items: Sequence[DemandItem],
    people: Sequence[SupplyPerson],
    grouping: Grouping,
    months: Sequence[str] = (),
) -> tuple[Tables, DemandArrays, SupplyArrays]:
    """Plain input as arrays. `months`: the trend's months (default: every month of the items)."""
    skills = sorted({s for i in items for s in i.skills} | {s for p in people for s in p.skills})
    occupations = sorted(
        {i.occupation for i in items if i.occupation} | {o for p in people for o in p.occupations}
    )
    regions = sorted({i.region for i in items} | {p.region for p in people})
    month_list = sorted(set(months) if months else {i.month for i in items if i.month})
    sources = sorted({i.source for i in items})
    frame = Frame.build(skills, occupations, regions, month_list, sources, grouping)
    s_at = {s: i for i, s in enumerate(skills)}
    o_at = {o: i for i, o in enumerate(occupations)}
    r_at = {r: i for i, r in enumerate(regions)}
    m_at = {m: i for i, m in enumerate(month_list)}
    src_at = {s: i for i, s in enumerate(sources)}
    demand = DemandArrays(
        _binary([[s_at[s] for s in i.skills] for i in items], len(skills)),
        np.asarray([o_at.get(i.occupation, -1) for i in items], dtype=np.int64),
        np.asarray([r_at[i.region] for i in items], dtype=np.int64),
        np.asarray([m_at.get(i.month, -1) for i in items], dtype=np.int64),
        np.asarray([src_at[i.source] for i in items], dtype=np.int64),
    )

    def code(person: SupplyPerson, uri: str) -> int:
        return m_at.get(person.month_of(uri), -1) + 2

    supply = SupplyArrays(
        _coded([{s_at[s]: code(p, s) for s in p.skills} for p in people], len(skills)),
        _coded([{o_at[o]: code(p, o) for o in p.occupations} for p in people], len(occupations)),
        np.asarray([r_at[p.region] for p in people], dtype=np.int64),
    )
    return Tables.of(frame), demand, supply


def aggregate(
    items: Sequence[DemandItem],
    people: Sequence[SupplyPerson],
    grouping: Grouping,
    courses: Sequence[Course] = (),
    *,
    months: Sequence[str] = (),
    engine: str = "local",
    client: Any = None,
    chunk_size: int = 20_000,
    progress: Progress | None = None,
) -> ForesightResult:
    """Plain input through the array engine: `local`, or `dask` on `client`."""
    tables, demand, supply = encode(items, people, grouping, months)
    if engine == "local":
        return run_local(tables, demand, supply, grouping, courses, chunk_size, progress)
    if engine == "dask":
        if client is None:
            raise ForesightInputError("engine", "the dask engine needs a client")
        return run_dask(tables, demand, supply, grouping, client, courses, chunk_size, progress)
    raise ForesightInputError("engine", f"unknown engine {engine!r} (local, dask)")


# --- the structural-change watch ------------------------------------------------------------


@dataclass(frozen=True)
class WatchOccupation:
    uri: str
    demand: int
    essential: int
    covered: tuple[str, ...]
    missing: tuple[str, ...]
    courses: tuple[str, ...]
    uncovered: tuple[str, ...]

    @property
    def coverage(self) -> float:
        return len(self.covered) / self.essential if self.essential else 0.0


@dataclass(frozen=True)
class Watch:
    """What the skills of people who lose their work (a layoff, a closure) meet in a region."""

    affected_skills: tuple[str, ...]
    met: tuple[tuple[str, int], ...]
    """Demanded skills of the region the affected people have: (skill, items), most first."""
    missing: tuple[tuple[str, int], ...]
    """Demanded skills they do not have: (skill, items), most first (at most `limit`)."""
    courses: tuple[str, ...]
    """Courses that bridge `missing` (a learning path), and what no course teaches."""
    uncovered: tuple[str, ...]
    occupations: tuple[WatchOccupation, ...]
    """Demanded occupations of the region, best covered by the affected skills first."""
    demand_items: int
    met_items: int
    """How many of the region's demanded skill mentions the affected skills meet."""


def watch(
    affected_occupations: Iterable[str],
    essential: Mapping[str, Iterable[str]],
    skill_demand: Mapping[str, int],
    occupation_demand: Mapping[str, int],
    courses: Sequence[Course] = (),
    limit: int = 10,
) -> Watch:
    """The structural-change watch for one region.

    `essential`: occupation URI → its essential skills (the taxonomy); `skill_demand` and
    `occupation_demand`: the region's demand (items per skill / occupation, from a build)."""
    affected = frozenset(s for o in affected_occupations for s in essential.get(o, ()))
    ranked = sorted(((s, n) for s, n in skill_demand.items() if n > 0), key=lambda x: (-x[1], x[0]))
    met = tuple((s, n) for s, n in ranked if s in affected)
    missing = tuple((s, n) for s, n in ranked if s not in affected)[:limit]
    path = learning_path([s for s, _n in missing], courses)
    jobs: list[WatchOccupation] = []
    for uri, demand in occupation_demand.items():
        needs = frozenset(essential.get(uri, ()))
        if demand <= 0 or not needs:
            continue
        covered = tuple(sorted(needs & affected))
        lacking = tuple(sorted(needs - affected))
        bridge = learning_path(lacking, courses) if lacking else None
        jobs.append(
            WatchOccupation(
                uri,
                demand,
                len(needs),
                covered,
                lacking,
                tuple(c.id for c in bridge.courses) if bridge else (),
                bridge.uncovered if bridge else (),
            )
        )
    jobs.sort(key=lambda j: (-j.coverage, -j.demand, j.uri))
    return Watch(
        tuple(sorted(affected)),
        met,
        missing,
        tuple(c.id for c in path.courses),
        path.uncovered,
        tuple(jobs[:limit]),
        sum(n for _s, n in ranked),
        sum(n for _s, n in met),
    )


def iter_rows(data: Mapping[str, Any], name: str) -> Iterator[list[Any]]:
    """The rows `name` of a stored result's data (empty when missing)."""
    yield from data.get(name) or ()

"""Regional foresight: a hand-computed example, the engines agree, the checksum is stable."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kohtaanto.matching import foresight as fs
from kohtaanto.matching.model import Course
from kohtaanto.taxonomy.build import build_taxonomy
from kohtaanto.taxonomy.model import Concept, ConceptKind, Relation, Taxonomy

S = "http://example.org/skill/"
OCC = "http://example.org/occupation/"
FORKLIFT, WAREHOUSE, CARE, HYGIENE, EXCEL = (
    S + "forklift",
    S + "warehouse",
    S + "care",
    S + "hygiene",
    S + "excel",
)
LOGISTICS_GROUP, CARE_GROUP = S + "group-logistics", S + "group-care"
PILLAR = S + "pillar"
DRIVER, NURSE = OCC + "driver", OCC + "nurse"


def small_taxonomy() -> Taxonomy:
    taxonomy = Taxonomy()
    taxonomy.add(Concept(PILLAR, ConceptKind.SKILL_GROUP))  # the root, as ESCO's "skills"
    taxonomy.add(Concept(LOGISTICS_GROUP, ConceptKind.SKILL_GROUP, broader=[PILLAR]))
    taxonomy.add(
        Concept(S + "group-logistics-sub", ConceptKind.SKILL_GROUP, broader=[LOGISTICS_GROUP])
    )
    taxonomy.add(Concept(CARE_GROUP, ConceptKind.SKILL_GROUP, broader=[PILLAR]))
    taxonomy.add(Concept(FORKLIFT, ConceptKind.SKILL, broader=[S + "group-logistics-sub"]))
    taxonomy.add(Concept(WAREHOUSE, ConceptKind.SKILL, broader=[LOGISTICS_GROUP]))
    taxonomy.add(Concept(CARE, ConceptKind.SKILL, broader=[CARE_GROUP]))
    taxonomy.add(Concept(HYGIENE, ConceptKind.SKILL, broader=[CARE_GROUP]))
    taxonomy.add(Concept(EXCEL, ConceptKind.SKILL, collections={"digital", "sector:office"}))
    taxonomy.add(Concept(DRIVER, ConceptKind.OCCUPATION, code="8344.1"))
    taxonomy.add(Concept(NURSE, ConceptKind.OCCUPATION, code="5321.1"))
    taxonomy.occupation_skills[DRIVER] = {
        FORKLIFT: Relation.ESSENTIAL,
        WAREHOUSE: Relation.ESSENTIAL,
    }
    taxonomy.occupation_skills[NURSE] = {CARE: Relation.ESSENTIAL, HYGIENE: Relation.ESSENTIAL}
    return taxonomy


ITEMS = [
    fs.DemandItem("jobs", "06", "2026-01", frozenset({FORKLIFT, WAREHOUSE}), DRIVER),
    fs.DemandItem("jobs", "06", "2026-02", frozenset({FORKLIFT})),
    fs.DemandItem("signals", "06", "2026-02", frozenset({CARE, EXCEL})),
    fs.DemandItem("jobs", "01", "2026-02", frozenset({HYGIENE}), NURSE),
]
PEOPLE = [
    fs.SupplyPerson("06", frozenset({WAREHOUSE, CARE}), frozenset({NURSE})),
    fs.SupplyPerson("06", frozenset({CARE, HYGIENE})),
    fs.SupplyPerson("01", frozenset({EXCEL})),
]
COURSES = [
    Course("forklift-card", frozenset({FORKLIFT}), cost_eur=0.0, hours=16.0),
    Course("long-care", frozenset({CARE, HYGIENE}), hours=400.0),
]


def as_table(rows: list[list[object]]) -> dict[tuple[object, ...], object]:
    return {tuple(r[:-1]): r[-1] for r in rows}


def test_grouping_walks_to_the_top_group_and_falls_back_to_collections() -> None:
    grouping = fs.grouping_from_taxonomy(small_taxonomy())
    # the group below the root, through the sub-group
    assert grouping.skill(FORKLIFT) == LOGISTICS_GROUP
    assert grouping.skill(CARE) == CARE_GROUP
    assert grouping.skill(EXCEL) == "collection:sector:office"  # sectors before "digital"
    assert grouping.skill(S + "unknown") == fs.OTHER
    assert grouping.occupation(DRIVER) == "isco:8"
    assert (grouping.fallback_skills, grouping.grouped_skills) == (1, 4)
    assert not grouping.uses_fallback


def test_the_starter_vocabulary_mostly_falls_back_and_says_so() -> None:
    grouping = fs.grouping_from_taxonomy(build_taxonomy(["starter"]))
    assert grouping.uses_fallback
    assert grouping.grouped_skills > 0  # the DigComp competences have their areas
    assert any(g.startswith("collection:sector:") for g in grouping.skill_group.values())


def test_hand_computed_example() -> None:
    grouping = fs.grouping_from_taxonomy(small_taxonomy())
    data = fs.aggregate_naive(ITEMS, PEOPLE, grouping, COURSES).data
    demand, supply = as_table(data["demand"]), as_table(data["supply"])
    # region 06: three items; two ask for logistics skills, one for care, one for office
    assert demand[("skill", "06", LOGISTICS_GROUP)] == 2
    assert demand[("skill", "06", CARE_GROUP)] == 1
    assert demand[("skill", "06", "collection:sector:office")] == 1
    assert supply[("skill", "06", LOGISTICS_GROUP)] == 1
    assert supply[("skill", "06", CARE_GROUP)] == 2  # people, not skills: two people
    assert ("skill", "06", "collection:sector:office") not in supply
    # occupation groups: only items with an occupation, people with a confirmed occupation
    assert demand[("occupation", "06", "isco:8")] == 1
    assert supply[("occupation", "06", "isco:5")] == 1
    # all regions
    assert demand[("skill", fs.ALL, CARE_GROUP)] == 2
    assert supply[("skill", fs.ALL, CARE_GROUP)] == 2
    assert as_table(data["people"]) == {("01",): 1, ("06",): 2, (fs.ALL,): 3}
    assert as_table(data["items"])[("06", "jobs")] == 2
    trend = as_table(data["trend"])
    assert trend[("skill", "06", LOGISTICS_GROUP, "2026-01")] == 1
    assert trend[("skill", "06", LOGISTICS_GROUP, "2026-02")] == 1
    skill_demand = as_table(data["skill_demand"])
    assert skill_demand[("06", FORKLIFT)] == 2
    assert as_table(data["skill_supply"])[("06", CARE)] == 2
    # forklift: demand 2, supply 0 in 06, and a 16-hour course teaches it; hygiene in 01 has
    # only a 400-hour course, so it is not reachable with a short course
    assert data["reachable"] == [
        [fs.ALL, FORKLIFT, 2, 0, ["forklift-card"], 16.0, 0.0],
        ["06", FORKLIFT, 2, 0, ["forklift-card"], 16.0, 0.0],
    ]


def test_supply_trend_counts_people_in_the_month_of_their_first_confirmed_skill() -> None:
    grouping = fs.grouping_from_taxonomy(small_taxonomy())
    people = [
        # logistics first confirmed in 2026-01 (forklift), again in 2026-02: counted once
        fs.SupplyPerson(
            "06",
            frozenset({FORKLIFT, WAREHOUSE}),
            confirmed=((FORKLIFT, "2026-01"), (WAREHOUSE, "2026-02")),
        ),
        # care confirmed in 2026-02; nurse (occupation) in 2026-01
        fs.SupplyPerson(
            "06",
            frozenset({CARE}),
            frozenset({NURSE}),
            confirmed=((CARE, "2026-02"), (NURSE, "2026-01")),
        ),
        # hygiene confirmed before the months: supply, but in no month
        fs.SupplyPerson("06", frozenset({HYGIENE}), confirmed=((HYGIENE, "2025-01"),)),
        # warehouse without a month: likewise
        fs.SupplyPerson("06", frozenset({WAREHOUSE})),
    ]
    data = fs.aggregate_naive(ITEMS, people, grouping).data
    trend = as_table(data["supply_trend"])
    assert trend == {
        ("skill", "06", LOGISTICS_GROUP, "2026-01"): 1,
        ("skill", "06", CARE_GROUP, "2026-02"): 1,
        ("skill", fs.ALL, LOGISTICS_GROUP, "2026-01"): 1,
        ("skill", fs.ALL, CARE_GROUP, "2026-02"): 1,
        ("occupation", "06", "isco:5", "2026-01"): 1,
        ("occupation", fs.ALL, "isco:5", "2026-01"): 1,
    }
    supply = as_table(data["supply"])
    assert supply[("skill", "06", LOGISTICS_GROUP)] == 2
    assert supply[("skill", "06", CARE_GROUP)] == 2
    assert as_table(data["occupation_supply"]) == {("06", NURSE): 1, (fs.ALL, NURSE): 1}
    for chunk_size in (1, 3):
        assert fs.aggregate(ITEMS, people, grouping, chunk_size=chunk_size).data == data


def test_the_array_engine_gives_the_same_result() -> None:
    grouping = fs.grouping_from_taxonomy(small_taxonomy())
    naive = fs.aggregate_naive(ITEMS, PEOPLE, grouping, COURSES)
    for chunk_size in (1, 2, 1000):
        arrays = fs.aggregate(ITEMS, PEOPLE, grouping, COURSES, chunk_size=chunk_size)
        assert arrays.data == naive.data
        assert arrays.checksum == naive.checksum


def test_checksum_is_stable_and_changes_with_the_data() -> None:
    grouping = fs.grouping_from_taxonomy(small_taxonomy())
    first = fs.aggregate_naive(ITEMS, PEOPLE, grouping).checksum
    assert (
        fs.aggregate_naive(list(reversed(ITEMS)), list(reversed(PEOPLE)), grouping).checksum
        == first
    )
    assert fs.aggregate_naive(ITEMS[:-1], PEOPLE, grouping).checksum != first
    assert len(first) == 64


def test_unknown_engine_and_bad_chunk_size_are_errors() -> None:
    grouping = fs.grouping_from_taxonomy(small_taxonomy())
    with pytest.raises(fs.ForesightInputError) as error:
        fs.aggregate(ITEMS, PEOPLE, grouping, engine="spark")
    assert error.value.code == "engine"
    with pytest.raises(fs.ForesightInputError):
        fs.aggregate(ITEMS, PEOPLE, grouping, chunk_size=0)


SKILLS = [FORKLIFT, WAREHOUSE, CARE, HYGIENE, EXCEL, S + "ungrouped"]
REGIONS = ["01", "02", "06", ""]
MONTHS = ["2025-11", "2025-12", "2026-01", ""]
items_strategy = st.lists(
    st.builds(
        fs.DemandItem,
        st.sampled_from(["jobs", "postings", "signals"]),
        st.sampled_from(REGIONS),
        st.sampled_from(MONTHS),
        st.frozensets(st.sampled_from(SKILLS), max_size=4),
        st.sampled_from(["", DRIVER, NURSE, OCC + "unknown"]),
    ),
    max_size=30,
)


@st.composite
def person_strategy(draw: st.DrawFn) -> fs.SupplyPerson:
    skills = draw(st.frozensets(st.sampled_from(SKILLS), max_size=5))
    occupations = draw(st.frozensets(st.sampled_from([DRIVER, NURSE]), max_size=2))
    # a month of the trend, one before it ("2024-05"), or none
    months = st.sampled_from([*MONTHS, "2024-05"])
    confirmed = tuple(
        (uri, draw(months)) for uri in sorted(skills | occupations) if draw(st.booleans())
    )
    return fs.SupplyPerson(draw(st.sampled_from(REGIONS)), skills, occupations, confirmed)


people_strategy = st.lists(person_strategy(), max_size=30)


@settings(max_examples=60, deadline=None)
@given(items_strategy, people_strategy, st.integers(min_value=1, max_value=7))
def test_chunked_arrays_equal_the_reference(
    items: list[fs.DemandItem], people: list[fs.SupplyPerson], chunk_size: int
) -> None:
    grouping = fs.grouping_from_taxonomy(small_taxonomy())
    naive = fs.aggregate_naive(items, people, grouping, COURSES)
    chunked = fs.aggregate(items, people, grouping, COURSES, chunk_size=chunk_size)
    assert chunked.data == naive.data
    assert chunked.checksum == naive.checksum


def test_dask_gives_the_same_checksum() -> None:
    pytest.importorskip("dask.distributed")
    from dask.distributed import Client, LocalCluster

    grouping = fs.grouping_from_taxonomy(small_taxonomy())
    rng = np.random.default_rng(7)
    items = [
        fs.DemandItem(
            "jobs",
            REGIONS[int(rng.integers(4))],
            MONTHS[int(rng.integers(3))],
            frozenset(rng.choice(SKILLS, 3, replace=False).tolist()),
            DRIVER if rng.random() < 0.5 else "",
        )
        for _ in range(200)
    ]
    people = [
        fs.SupplyPerson(REGIONS[int(rng.integers(4))], frozenset(rng.choice(SKILLS, 2).tolist()))
        for _ in range(300)
    ]
    local = fs.aggregate(items, people, grouping, COURSES, chunk_size=25)
    with (
        LocalCluster(n_workers=1, threads_per_worker=1, processes=False) as cluster,
        Client(cluster) as client,
    ):
        distributed = fs.aggregate(
            items, people, grouping, COURSES, engine="dask", client=client, chunk_size=25
        )
    assert distributed.checksum == local.checksum
    assert distributed.data == local.data


def test_watch_shows_what_the_affected_skills_meet_and_the_bridging_courses() -> None:
    taxonomy = small_taxonomy()
    essential = {o: taxonomy.essential_skills(o) for o in taxonomy.occupation_skills}
    result = fs.watch(
        [DRIVER],
        essential,
        skill_demand={FORKLIFT: 5, WAREHOUSE: 2, CARE: 3, HYGIENE: 1},
        occupation_demand={DRIVER: 4, NURSE: 2},
        courses=[*COURSES, Course("hygiene-pass", frozenset({HYGIENE}), hours=8.0)],
    )
    assert result.affected_skills == tuple(sorted((FORKLIFT, WAREHOUSE)))
    assert result.met == ((FORKLIFT, 5), (WAREHOUSE, 2))
    assert result.missing == ((CARE, 3), (HYGIENE, 1))
    assert result.courses == ("long-care",)  # the only course teaching care covers both
    assert (result.demand_items, result.met_items) == (11, 7)
    driver, nurse = result.occupations
    assert driver.uri == DRIVER and driver.coverage == 1.0 and driver.missing == ()
    assert nurse.uri == NURSE and nurse.coverage == 0.0 and nurse.courses == ("long-care",)

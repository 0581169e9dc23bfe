"""Small-number protection of foresight's people counts: attempts to work out a count under 5.

Each test builds a result with a known answer and tries to recover a small count the way a
reader could: from a group's skills (drill-down), from the months of the trend, from the
whole country's figures minus the reader's own organisation's.
"""

from __future__ import annotations

import pytest
from django.utils import timezone
from tests.factories import Personas

from kohtaanto.foresight import selectors, services, sources
from kohtaanto.foresight.models import BuildStatus, ForesightBuild, Scope
from kohtaanto.foresight.tests.world import LOGISTICS, PALLET, PICK, make_world
from kohtaanto.matching import foresight as fs

pytestmark = pytest.mark.django_db


def _months() -> list[str]:
    return sources.trend_months(timezone.localdate(), 12)


def _build(
    organisation: object, people: list[fs.SupplyPerson], items: list[fs.DemandItem] = ()
) -> ForesightBuild:
    months = _months()
    result = fs.aggregate_naive(items, people, services.grouping(), months=months)
    return ForesightBuild.objects.create(
        organisation=organisation,
        scope=Scope.NATIONAL if organisation is None else Scope.ORGANISATION,
        status=BuildStatus.DONE,
        result=result.data,
        checksum=result.checksum,
        parameters={"months": months},
        built_at=timezone.now(),
    )


def _person(region: str, skill: str, month: str = "") -> fs.SupplyPerson:
    return fs.SupplyPerson(region, frozenset({skill}), confirmed=((skill, month),) if month else ())


def test_a_skill_equal_to_its_hidden_group_is_hidden_too(personas: Personas) -> None:
    # Tampere (06): six people with "pick orders"; Helsinki (01): one with "use pallet jacks".
    # Logistics: 06 = 6, 01 = 1 (small), all = 7, so 06 is hidden as the complement. The skill
    # "pick orders" has 6 in 06 too: shown, it would give away the group's 6 and so 01's 1.
    build = _build(personas.organisation, [_person("06", PICK)] * 6 + [_person("01", PALLET)])
    loaded = selectors.Loaded(build)
    cells = selectors.group_protection(loaded, fs.SKILL, LOGISTICS, exact=False)
    assert cells.total("06").mark == "hidden" and cells.total("01").mark == "small"
    assert cells.total(fs.ALL).value == 7
    assert cells.member("06", PICK).value is None  # the same cell as the group's
    # and "pick orders" over the regions cannot be summed back: its total is hidden too
    assert cells.member(fs.ALL, PICK).value is None
    skills = selectors.skill_rows(loaded, group=LOGISTICS, region="06", exact=False, lang="fi")
    assert [r.supply.value for r in skills] == [None]
    # the coordinator sees everything exactly
    exact = selectors.group_protection(loaded, fs.SKILL, LOGISTICS, exact=True)
    assert (exact.total("06").value, exact.member("06", PICK).value) == (6, 6)


def test_months_of_the_trend_cannot_give_a_small_month_away(personas: Personas) -> None:
    months = _months()
    # 06: 6 people before the months, 2 newly this month, 5 newly last month: 13 in all
    people = (
        [_person("06", PICK)] * 6
        + [_person("06", PICK, months[-1])] * 2
        + [_person("06", PICK, months[-2])] * 5
    )
    build = _build(personas.organisation, people)
    loaded = selectors.Loaded(build)
    trend = selectors.group_trend(loaded, mode=fs.SKILL, group=LOGISTICS, region="06", exact=False)
    by_month = {row.month: row.supply for row in trend}
    assert by_month[months[-1]].mark == "small"
    # the rest of the line (06 over the regions, "all") is hidden with it
    assert by_month[months[-2]].value == 5
    all_regions = selectors.group_trend(
        loaded, mode=fs.SKILL, group=LOGISTICS, region=fs.ALL, exact=False
    )
    assert {r.month: r.supply for r in all_regions}[months[-1]].value is None
    exact = selectors.group_trend(loaded, mode=fs.SKILL, group=LOGISTICS, region="06", exact=True)
    assert [r.supply.value for r in exact][-2:] == [5, 2]
    assert exact[-1].gap == -2  # no new demand, two new people


def test_whole_country_minus_own_organisation_never_leaves_under_five(
    personas: Personas,
) -> None:
    # Our organisation has 6 people with "pick orders" in 06; the other organisation 3. The
    # whole country's 9 would tell our coordinator that the others have 3.
    own = _build(personas.organisation, [_person("06", PICK)] * 6)
    national = _build(None, [_person("06", PICK)] * 9)
    plain = selectors.Loaded(national)
    assert (
        selectors.group_protection(plain, fs.SKILL, LOGISTICS, exact=False).total("06").value == 9
    )
    loaded = selectors.loaded_for(national, personas.organisation)
    assert loaded.reference is not None and loaded.reference.build == own
    cells = selectors.group_protection(loaded, fs.SKILL, LOGISTICS, exact=False)
    assert cells.total("06").value is None and cells.total(fs.ALL).value is None
    assert cells.member("06", PICK).value is None
    assert selectors.people_cell(loaded, "06", exact=False).value is None
    # the other organisation (no build of its own) sees the whole country's 9
    other = selectors.loaded_for(national, personas.other_organisation)
    assert (
        selectors.group_protection(other, fs.SKILL, LOGISTICS, exact=False).total("06").value == 9
    )


def test_the_page_tables_agree_with_the_group_protection(personas: Personas) -> None:
    make_world(personas.organisation)
    build = services.build_now(personas.organisation)
    loaded = selectors.Loaded(build)
    rows = selectors.group_rows(loaded, mode=fs.SKILL, region="06", exact=False, lang="fi")
    logistics = next(r for r in rows if r.key == LOGISTICS)
    assert logistics.supply.mark == "small"
    # the people of the world were confirmed now: the current month has them
    trend = selectors.group_trend(loaded, mode=fs.SKILL, group=LOGISTICS, region="06", exact=True)
    assert trend[-1].supply.value == 2 and trend[-1].demand == 3
    reach = selectors.reachable(loaded, region="06", exact=False, lang="fi")
    assert [r.supply.mark for r in reach] == ["small"]


def test_occupation_groups_show_supply_per_occupation(personas: Personas) -> None:
    from kohtaanto.foresight.tests.world import WAREHOUSE

    people = [fs.SupplyPerson("06", frozenset(), frozenset({WAREHOUSE}), ((WAREHOUSE, ""),))] * 7
    items = [fs.DemandItem("opportunities", "06", _months()[-1], frozenset(), WAREHOUSE)] * 3
    build = _build(personas.organisation, people, items)
    loaded = selectors.Loaded(build)
    rows = selectors.occupation_rows(loaded, group="isco:9", region="06", exact=True, lang="fi")
    assert [(r.demand, r.supply.value, r.status) for r in rows] == [(3, 7, "surplus")]

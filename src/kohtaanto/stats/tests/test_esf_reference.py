"""The ESF+ counting (`stats.esf.compute_esf`) gives exactly what its first, plain version gave,
on any records: the version below is that first version, kept here as the reference when the
counting was made faster (key tuples made once per gender, cheaper rule functions)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from kohtaanto.stats import esf
from kohtaanto.stats.periods import Period

Key = tuple[str, ...]


def _reference_predicate(ind: esf.IndicatorDef) -> Callable[[esf.EsfRecord], bool]:
    """Whether a record counts in an entry indicator (its rule: every record, a field's value
    `in` a list or `is` a value; a special category only with the consent), as a function
    made once per indicator (a report asks it of every record: 20,000 people × 17)."""
    rule = ind.rule
    if rule.get("all"):
        return lambda record: True
    field = str(rule.get("field", ""))
    if "in" in rule:
        allowed = rule["in"]

        def test(value: object) -> bool:
            return value in allowed

    elif "is" in rule:
        target = rule["is"]

        def test(value: object) -> bool:
            return value is target

    else:
        return lambda record: False
    if ind.special:
        return lambda record: record.special_consent and test(getattr(record, field, None))
    return lambda record: test(getattr(record, field, None))


def _reference_result_member(record: esf.EsfRecord, ind: esf.IndicatorDef) -> bool:
    rule = ind.rule
    if rule.get("outcome_indicator"):
        allowed = rule.get("entry_status_in")
        return ind.id in record.leaving_indicators and (
            allowed is None or record.labour_market_status in allowed
        )
    if rule.get("qualification_gained"):
        return record.qualification_gained
    if "follow_up_result_in" in rule:
        return record.follow_up_result in rule["follow_up_result_in"]
    return False


def _reference_in_time(record: esf.EsfRecord, reference_days: int) -> bool:
    """Whether the path was recorded within the reference period after leaving."""
    if record.left is None or record.left_recorded is None:
        return False
    return (record.left_recorded - record.left).days <= reference_days


def reference_compute_esf(
    records: Iterable[esf.EsfRecord],
    period: Period,
    indicators: Sequence[esf.IndicatorDef],
    *,
    validation: Sequence[esf.ValidationDef] = (),
    exclusive_groups: Mapping[str, Sequence[str]] | None = None,
    reference_days: int = 28,
) -> esf.EsfFigures:
    exclusive_groups = exclusive_groups or {}
    counts: Counter[Key] = Counter()
    members: dict[str, set[int]] = {ind.id: set() for ind in indicators}
    entry_ids: set[int] = set()
    unknown_gender: set[int] = set()
    special_without_consent: set[int] = set()
    entry_defs = [i for i in indicators if i.timing == esf.ENTRY]
    leaving_defs = [i for i in indicators if i.timing == esf.ON_LEAVING]
    six_defs = [i for i in indicators if i.timing == esf.SIX_MONTHS]
    special_defs = [i for i in entry_defs if i.special]
    grouped = {i for ids in exclusive_groups.values() for i in ids}
    entry_checks = [
        (ind, _reference_predicate(ind), not ind.rule.get("all") and ind.id not in grouped)
        for ind in entry_defs
    ]

    def add(key: Key, gender: str) -> None:
        counts[(*key, gender)] += 1  # the totals are summed from the genders at the end

    for record in records:
        g = record.gender_column
        counted = False
        if record.entered is not None and record.entered in period:
            counted = True
            entry_ids.add(record.id)
            for ind, member, count_not in entry_checks:
                if member(record):
                    members[ind.id].add(record.id)
                    add(("ind", ind.id), g)
                elif count_not:
                    add(("not", ind.id), g)
            for group, ids in exclusive_groups.items():
                if not any(record.id in members[i] for i in ids):
                    add(("rest", group), g)
            for ind in special_defs:
                answer = getattr(record, str(ind.rule.get("field", "")), None)
                if not record.special_consent:
                    add(("special", ind.id, esf.NOT_ASKED), g)
                    if answer is not None:
                        special_without_consent.add(record.id)
                elif answer is None:
                    add(("special", ind.id, esf.DECLINED), g)
                elif answer is not True:
                    add(("special", ind.id, "no"), g)
        if record.left is not None and record.left in period:
            counted = True
            add(("base", "left"), g)
            if _reference_in_time(record, reference_days):
                add(("base", "left_in_time"), g)
                for ind in leaving_defs:
                    if _reference_result_member(record, ind):
                        members[ind.id].add(record.id)
                        add(("ind", ind.id), g)
                    else:
                        add(("not", ind.id), g)
            else:
                add(("base", "left_late"), g)
        if record.follow_up_due is not None and record.follow_up_due in period:
            counted = True
            add(("base", "follow_up_due"), g)
            for ind in six_defs:
                if _reference_result_member(record, ind):
                    members[ind.id].add(record.id)
                    add(("ind", ind.id), g)
                else:
                    add(("not", ind.id), g)
        if counted and g == "other_or_unknown":
            unknown_gender.add(record.id)

    for key, count in list(counts.items()):
        counts[(*key[:-1], esf.TOTAL)] += count
    figures = esf._lines(counts, indicators, exclusive_groups, validation)
    findings = esf._findings(
        members, indicators, validation, unknown_gender, special_without_consent
    )
    return esf.EsfFigures(figures[0], figures[1], figures[2], findings)


DEFS = [
    esf.IndicatorDef("total", "EECO01", esf.ENTRY, {"all": True}),
    esf.IndicatorDef(
        "unemployed", "EECO02", esf.ENTRY, {"field": "labour_market_status", "in": ["u", "l"]}
    ),
    esf.IndicatorDef("ltu", "EECO03", esf.ENTRY, {"field": "labour_market_status", "in": ["l"]}),
    esf.IndicatorDef(
        "inactive", "EECO04", esf.ENTRY, {"field": "labour_market_status", "in": ["i"]}
    ),
    esf.IndicatorDef(
        "employed", "EECO05", esf.ENTRY, {"field": "labour_market_status", "in": ["e"]}
    ),
    esf.IndicatorDef("young", "EECO06", esf.ENTRY, {"field": "age_band", "in": ["under_30"]}),
    esf.IndicatorDef("old", "EECO07", esf.ENTRY, {"field": "age_band", "in": ["over_54"]}),
    esf.IndicatorDef("isced1", "EECO08", esf.ENTRY, {"field": "isced_group", "in": ["0-2"]}),
    esf.IndicatorDef("dis", "EECO12", esf.ENTRY, {"field": "disability", "is": True}, True),
    esf.IndicatorDef("tcn", "EECO13", esf.ENTRY, {"field": "third_country_national", "is": True}),
    esf.IndicatorDef("min", "EECO15", esf.ENTRY, {"field": "minority", "in": [True]}, True),
    esf.IndicatorDef("odd", "EECO99", esf.ENTRY, {"field": "homeless"}),
    esf.IndicatorDef(
        "search", "EECR01", esf.ON_LEAVING, {"outcome_indicator": True, "entry_status_in": ["i"]}
    ),
    esf.IndicatorDef("work", "EECR04", esf.ON_LEAVING, {"outcome_indicator": True}),
    esf.IndicatorDef("qual", "EECR03", esf.ON_LEAVING, {"qualification_gained": True}),
    esf.IndicatorDef("emp6", "EECR05", esf.SIX_MONTHS, {"follow_up_result_in": ["employed"]}),
    esf.IndicatorDef("imp6", "EECR06", esf.SIX_MONTHS, {"follow_up_result_in": ["improved"]}),
]
VALIDATION = [
    esf.ValidationDef("excl", "exclusive", ("EECO02", "EECO04", "EECO05")),
    esf.ValidationDef("sub", "subset", ("EECO03", "EECO02")),
    esf.ValidationDef("gender", "gender_sum"),
]
GROUPS = {"status": ["unemployed", "inactive", "employed"], "age": ["young", "old"]}
PERIOD = Period(dt.date(2026, 1, 1), dt.date(2026, 6, 30))
DAYS = st.one_of(st.none(), st.dates(dt.date(2025, 10, 1), dt.date(2026, 9, 30)))
MAYBE = st.sampled_from([None, True, False])
RECORD = st.builds(
    esf.EsfRecord,
    id=st.integers(0, 10**6),
    entered=DAYS,
    labour_market_status=st.sampled_from(["", "u", "l", "i", "e"]),
    age_band=st.sampled_from(["", "under_30", "30_54", "over_54"]),
    isced_group=st.sampled_from(["", "0-2", "3-4"]),
    gender=st.sampled_from(["", "women", "men", "non_binary", "x"]),
    special_consent=st.booleans(),
    disability=MAYBE,
    minority=MAYBE,
    third_country_national=MAYBE,
    homeless=MAYBE,
    left=DAYS,
    left_recorded=DAYS,
    leaving_indicators=st.frozensets(st.sampled_from(["search", "work", "other"])),
    qualification_gained=st.booleans(),
    follow_up_due=DAYS,
    follow_up_result=st.sampled_from(["", "employed", "improved", "not_reached"]),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(RECORD, max_size=40, unique_by=lambda r: r.id), st.integers(0, 40))
def test_the_counting_is_what_the_plain_version_gave(
    records: list[esf.EsfRecord], days: int
) -> None:
    kwargs = {"validation": VALIDATION, "exclusive_groups": GROUPS, "reference_days": days}
    fast = esf.compute_esf(records, PERIOD, DEFS, **kwargs)
    plain = reference_compute_esf(records, PERIOD, DEFS, **kwargs)
    assert fast.values == plain.values
    assert fast.lines == plain.lines
    assert fast.hidden == plain.hidden
    assert fast.findings == plain.findings

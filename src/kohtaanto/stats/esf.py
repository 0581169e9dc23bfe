"""ESF+ common indicators from plain records: participants on entry, the immediate results
on leaving (within the reference period) and the six-month results, each in total and by
gender, with the Commission's validation rules checked on the counted sets.

The indicators and their counting rules are data (journeys/data/esf_entry_indicators.json and
outcomes.json); this module only applies them. Rules:
- `{"all": true}`: everyone in the population;
- `{"field": F, "in": [..]}` / `{"field": F, "is": true}`: a field of the record;
- an indicator with `special=True` (disability, minority) counts only people with the
  special-categories consent; with the consent, an empty answer is "declined", and without it
  the person is "not asked" (an answer stored without the consent is never counted, and is
  reported as a finding);
- `{"outcome_indicator": true, "entry_status_in": [..]}`: the recorded outcome gives the
  indicator (and, when given, the labour-market status on entry was one of those);
- `{"qualification_gained": true}`, `{"follow_up_result_in": [..]}`.

Populations in a period: on entry, those who entered in it; on leaving, those who left in it
and whose continuation path was recorded at most `reference_days` after the end (the 4-week
reference period); six months after, those whose six-month follow-up fell due in it.
Pure: no Django."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kohtaanto.stats.periods import Period
from kohtaanto.stats.suppression import HIDDEN, SMALL, SMALL_CELL, Cell, exact, protect

Key = tuple[str, ...]

GENDERS: tuple[str, ...] = ("women", "men", "non_binary", "other_or_unknown")
TOTAL = "total"
COLUMNS: tuple[str, ...] = (TOTAL, *GENDERS)
ENTRY = "entry"
ON_LEAVING = "on_leaving"
SIX_MONTHS = "six_months_after"
DECLINED = "declined"
NOT_ASKED = "not_asked"


@dataclass(frozen=True)
class EsfRecord:
    """One participant, as the indicators need them (no names)."""

    id: int
    entered: date | None = None
    labour_market_status: str = ""
    age_band: str = ""
    isced_group: str = ""
    gender: str = ""
    """"women", "men", "non_binary"; anything else is "other or unknown"."""
    special_consent: bool = False
    disability: bool | None = None
    minority: bool | None = None
    third_country_national: bool | None = None
    foreign_background: bool | None = None
    homeless: bool | None = None
    rural_area: bool | None = None
    left: date | None = None
    left_recorded: date | None = None
    """The day the continuation path was recorded."""
    leaving_indicators: frozenset[str] = field(default_factory=frozenset)
    """Result indicator ids the recorded outcome gives on leaving."""
    qualification_gained: bool = False
    follow_up_due: date | None = None
    follow_up_result: str = ""

    @property
    def gender_column(self) -> str:
        return self.gender if self.gender in GENDERS[:3] else "other_or_unknown"


@dataclass(frozen=True)
class IndicatorDef:
    id: str
    code: str
    timing: str
    """"entry", "on_leaving" or "six_months_after"."""
    rule: Mapping[str, Any]
    special: bool = False


@dataclass(frozen=True)
class ValidationDef:
    id: str
    kind: str
    """"exclusive", "subset" (codes[0] within codes[1]) or "gender_sum"."""
    codes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Finding:
    id: str
    kind: str
    codes: tuple[str, ...]
    people: int


@dataclass(frozen=True)
class EsfFigures:
    values: dict[Key, int]
    lines: list[list[Key]]
    hidden: frozenset[Key]
    findings: tuple[Finding, ...]

    def cells(self, suppress: bool) -> dict[Key, Cell]:
        shown = set(self.values) - set(self.hidden)
        if suppress:
            return protect(self.values, self.lines, shown)
        return exact(self.values, shown)

    def finding_people(self, finding: Finding, suppress: bool) -> Cell:
        """How many people break a rule. Suppressed, it is never a number above 0: a count of
        findings is tied to cells ("gender other or not known" is that column of the tables)
        by no line of the protection, so an exact count could give away a cell hidden to
        protect a small one. Outsiders learn that a rule is broken, by fewer than
        `SMALL_CELL` people (`SMALL`) or more (`HIDDEN`)."""
        if suppress and finding.people > 0:
            return SMALL if finding.people < SMALL_CELL else HIDDEN
        return finding.people


def _entry_predicate(ind: IndicatorDef) -> Callable[[EsfRecord], bool]:
    """Whether a record counts in an entry indicator (its rule: every record, a field's value
    `in` a list or `is` a value; a special category only with the consent), as a function
    made once per indicator (a report asks it of every record: 20,000 people × 17)."""
    rule = ind.rule
    if rule.get("all"):
        return lambda record: True
    field = str(rule.get("field", ""))
    if "in" in rule:
        allowed = rule["in"]
        if ind.special:
            return lambda record: (
                record.special_consent and (getattr(record, field, None) in allowed)
            )
        return lambda record: getattr(record, field, None) in allowed
    if "is" in rule:
        target = rule["is"]
        if ind.special:
            return lambda record: (
                record.special_consent and (getattr(record, field, None) is target)
            )
        return lambda record: getattr(record, field, None) is target
    return lambda record: False


def _result_member(record: EsfRecord, ind: IndicatorDef) -> bool:
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


def in_time(record: EsfRecord, reference_days: int) -> bool:
    """Whether the path was recorded within the reference period after leaving."""
    if record.left is None or record.left_recorded is None:
        return False
    return (record.left_recorded - record.left).days <= reference_days


def compute_esf(
    records: Iterable[EsfRecord],
    period: Period,
    indicators: Sequence[IndicatorDef],
    *,
    validation: Sequence[ValidationDef] = (),
    exclusive_groups: Mapping[str, Sequence[str]] | None = None,
    reference_days: int = 28,
) -> EsfFigures:
    """Count every record into its keys, one gender column each (the totals are summed from
    the genders at the end). A report counts 20,000 people × 17 entry indicators, so each
    key tuple is made once per gender, not once per person."""
    exclusive_groups = exclusive_groups or {}
    counts: Counter[Key] = Counter()
    members: dict[str, set[int]] = {ind.id: set() for ind in indicators}
    unknown_gender: set[int] = set()
    special_without_consent: set[int] = set()
    entry_defs = [i for i in indicators if i.timing == ENTRY]
    leaving_defs = [i for i in indicators if i.timing == ON_LEAVING]
    six_defs = [i for i in indicators if i.timing == SIX_MONTHS]
    special_defs = [i for i in entry_defs if i.special]
    grouped = {i for ids in exclusive_groups.values() for i in ids}

    def keyed(*key: str) -> dict[str, Key]:
        return {g: (*key, g) for g in GENDERS}

    entry_checks = [
        (
            ind.id,
            _entry_predicate(ind),
            keyed("ind", ind.id),
            keyed("not", ind.id) if not ind.rule.get("all") and ind.id not in grouped else None,
        )
        for ind in entry_defs
    ]
    rest_checks = [
        ([members[i] for i in ids], keyed("rest", group)) for group, ids in exclusive_groups.items()
    ]
    special_checks = [
        (
            str(ind.rule.get("field", "")),
            keyed("special", ind.id, NOT_ASKED),
            keyed("special", ind.id, DECLINED),
            keyed("special", ind.id, "no"),
        )
        for ind in special_defs
    ]
    leaving_checks = [(ind, keyed("ind", ind.id), keyed("not", ind.id)) for ind in leaving_defs]
    six_checks = [(ind, keyed("ind", ind.id), keyed("not", ind.id)) for ind in six_defs]
    left_key = keyed("base", "left")
    in_time_key = keyed("base", "left_in_time")
    late_key = keyed("base", "left_late")
    follow_key = keyed("base", "follow_up_due")

    for record in records:
        g = record.gender_column
        rid = record.id
        counted = False
        if record.entered is not None and record.entered in period:
            counted = True
            for ind_id, member, ind_key, not_key in entry_checks:
                if member(record):
                    members[ind_id].add(rid)
                    counts[ind_key[g]] += 1
                elif not_key is not None:
                    counts[not_key[g]] += 1
            for sets, rest_key in rest_checks:
                if not any(rid in found for found in sets):
                    counts[rest_key[g]] += 1
            for name, not_asked, declined, no in special_checks:
                answer = getattr(record, name, None)
                if not record.special_consent:
                    counts[not_asked[g]] += 1
                    if answer is not None:
                        special_without_consent.add(rid)
                elif answer is None:
                    counts[declined[g]] += 1
                elif answer is not True:
                    counts[no[g]] += 1
        if record.left is not None and record.left in period:
            counted = True
            counts[left_key[g]] += 1
            if in_time(record, reference_days):
                counts[in_time_key[g]] += 1
                for ind, ind_key, not_key in leaving_checks:
                    if _result_member(record, ind):
                        members[ind.id].add(rid)
                        counts[ind_key[g]] += 1
                    else:
                        counts[not_key[g]] += 1
            else:
                counts[late_key[g]] += 1
        if record.follow_up_due is not None and record.follow_up_due in period:
            counted = True
            counts[follow_key[g]] += 1
            for ind, ind_key, not_key in six_checks:
                if _result_member(record, ind):
                    members[ind.id].add(rid)
                    counts[ind_key[g]] += 1
                else:
                    counts[not_key[g]] += 1
        if counted and g == "other_or_unknown":
            unknown_gender.add(rid)

    for key, count in list(counts.items()):
        counts[(*key[:-1], TOTAL)] += count
    figures = _lines(counts, indicators, exclusive_groups, validation)
    findings = _findings(members, indicators, validation, unknown_gender, special_without_consent)
    return EsfFigures(figures[0], figures[1], figures[2], findings)


def _lines(
    counts: Counter[Key],
    indicators: Sequence[IndicatorDef],
    exclusive_groups: Mapping[str, Sequence[str]],
    validation: Sequence[ValidationDef],
) -> tuple[dict[Key, int], list[list[Key]], frozenset[Key]]:
    values: dict[Key, int] = {}
    lines: list[list[Key]] = []
    hidden: set[Key] = set()
    rows: list[Key] = []
    by_code = {i.code: i for i in indicators}
    entry_total = next((("ind", i.id) for i in indicators if i.rule.get("all")), None)
    grouped = {i for ids in exclusive_groups.values() for i in ids}

    def row(key: Key, *, secret: bool = False) -> Key:
        for column in COLUMNS:
            values[(*key, column)] = counts.get((*key, column), 0)
            if secret:
                hidden.add((*key, column))
        lines.append([*((*key, g) for g in GENDERS), (*key, TOTAL)])
        rows.append(key)
        return key

    def per_column(members: Sequence[Key]) -> None:
        for column in COLUMNS:
            lines.append([(*m, column) for m in members])

    for ind in indicators:
        row(("ind", ind.id))
    for key in (("base", "left"), ("base", "left_in_time"), ("base", "left_late")):
        row(key)
    row(("base", "follow_up_due"))
    per_column([("base", "left_in_time"), ("base", "left_late"), ("base", "left")])
    for ind in indicators:
        if ind.rule.get("all"):
            continue
        if ind.timing == ENTRY:
            base: Key | None = entry_total
        elif ind.timing == ON_LEAVING:
            base = ("base", "left_in_time")
        else:
            base = ("base", "follow_up_due")
        if base is None:
            continue
        if ind.timing == ENTRY and ind.id in grouped:
            continue
        if ind.timing == ENTRY and ind.special:
            parts = [("special", ind.id, s) for s in ("no", DECLINED, NOT_ASKED)]
            row(parts[0], secret=True)
            row(parts[1])
            row(parts[2])
            per_column([("ind", ind.id), *parts, base])
            continue
        row(("not", ind.id), secret=True)
        per_column([("ind", ind.id), ("not", ind.id), base])
    if entry_total is not None:
        for group, ids in exclusive_groups.items():
            row(("rest", group), secret=True)
            per_column([*(("ind", i) for i in ids), ("rest", group), entry_total])
    for rule in validation:
        if rule.kind == "subset" and len(rule.codes) == 2:
            sub, sup = by_code.get(rule.codes[0]), by_code.get(rule.codes[1])
            if sub is not None and sup is not None:
                diff: Key = ("diff", sub.id, sup.id)
                for column in COLUMNS:
                    values[(*diff, column)] = max(
                        values[("ind", sup.id, column)] - values[("ind", sub.id, column)], 0
                    )
                    hidden.add((*diff, column))
                per_column([("ind", sub.id), diff, ("ind", sup.id)])
    return values, lines, frozenset(hidden)


def _findings(
    members: Mapping[str, set[int]],
    indicators: Sequence[IndicatorDef],
    validation: Sequence[ValidationDef],
    unknown_gender: set[int],
    special_without_consent: set[int],
) -> tuple[Finding, ...]:
    by_code = {i.code: i.id for i in indicators}
    found: list[Finding] = []
    for rule in validation:
        if rule.kind == "exclusive":
            sets = [members.get(by_code.get(code, ""), set()) for code in rule.codes]
            seen: Counter[int] = Counter(pid for s in sets for pid in s)
            people = sum(1 for n in seen.values() if n > 1)
        elif rule.kind == "subset" and len(rule.codes) == 2:
            sub = members.get(by_code.get(rule.codes[0], ""), set())
            sup = members.get(by_code.get(rule.codes[1], ""), set())
            people = len(sub - sup)
        elif rule.kind == "gender_sum":
            people = len(unknown_gender)
        else:
            continue
        if people:
            found.append(Finding(rule.id, rule.kind, rule.codes, people))
    if special_without_consent:
        codes = tuple(i.code for i in indicators if i.special)
        found.append(
            Finding(
                "special_without_consent",
                "special_without_consent",
                codes,
                len(special_without_consent),
            )
        )
    return tuple(found)

"""The rule book of work trials (työkokeilu) and education trials (koulutuskokeilu): versioned
rules as data, and the checker that names the rule, its source and what to change.

Pure Python (no Django, no other Kohtaanto module; an import-linter contract keeps it so).

**Rules as data.** Each rule set is a file `data/trial-rules-<version>.json` with its version
id, the date it is valid from, the date its content was checked against its sources, the
sources (title and address), the limits, the organiser kinds allowed and, for every rule, its
stable id, its source and section, and texts in fi/sv/en: a title and what to change, with
`{placeholders}`. `rules_for(day)` picks the set valid on a day (the latest `valid_from` on or
before it); `load_rules()` without a version gives the newest. A changed law is a new file,
never an edit of a published one, so a trial's stored version keeps meaning what it meant.

**Counting months** (`month_counting` in the files). The days of the trials in scope are
joined into one set of days first, so overlapping trials are not counted twice, and days next
to each other make one stretch. Each stretch counts in calendar months from its first day,
as the employment services count them: 1.3.–31.8. is 6 months, 15.3.–14.9. is 6 months. A
start day missing from a later month falls on that month's last day (31.1. + 1 month = 28.2.,
so 31.1.–27.2. is one month). The days left over after the whole months count one by one,
30 days to a month, summed over the stretches. Internally a month is 30 units and a day 1
unit, so "at most 6 months" is "at most 180 units": 1.3.–31.8. is exactly 180, 1.3.–1.9. is 181.

**The rules checked** (`check`, `check_many`), in this order:

- `organiser.kind`: the organiser is of an allowed kind (never a private person);
- `organiser.business_id`: a company has a valid Finnish business ID (Y-tunnus, check digit);
- `dates.order`: the trial does not end before it starts (if it does, no duration is checked);
- `schedule.days_per_week`: 1 to 5 trial days a week (both kinds of trial);
- `schedule.hours_per_day`: 4 to 8 hours a trial day (work trials). Shift or weekend work
  (`shift_or_weekend_work`) lets the trial days fall on evenings, nights and weekends, as the
  tasks normally have them; it does not change the hours: the law's 4–8 hours a day and at
  most 5 days a week still hold, and `hours_per_day` is then the usual length of a shift;
- `duration.total`: all work trials of the person together at most 12 months;
- `duration.same_organiser`: at most 6 months with the same organiser (not a municipality);
- `duration.municipality_same_organiser`: with a municipality at most 12 months, and
- `duration.municipality_same_tasks`: in the same tasks of a municipality at most 6 months;
- `duration.education_trial`: an education trial has at most 10 planned days. Planned days
  are counted week by week (Monday to Sunday): the trial's weekdays in that week (all seven
  days with shift or weekend work), at most `days_per_week` of them.

Education trials are not work trials: they count in no month limit. A duration violation
carries the latest end date that keeps the rule (`latest_end`: ending then keeps the rule,
one day later breaks it); when even a one-day trial would break it, the violation has no
`latest_end` and its text says what else to do (`fix_no_room`).

The history given to `check` is the person's other trials only: when a trial's schedule
changes, leave the trial itself out. A history period that ends before it starts is ignored.

**Batches.** `RuleIndex.build` indexes histories by person, organiser and tasks, each scope a
sorted union of day intervals with prefix sums, so a plan is checked in logarithmic time;
`check` builds a one-person index and takes the same path. `check_naive` scans the history for
every question, without an index: it exists for the benchmark (`kohtaanto bench trials`) and a
property test that both give the same answer.

**The expense allowance** (kulukorvaus): `allowance_days` counts the days attended within the
trial (at most 5 a calendar week); `allowance` is those days × 9 € (18 € outside the
commuting area), with the amounts of the rule set.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from string import Formatter
from types import MappingProxyType
from typing import Any, NamedTuple, Protocol

DATA_DIR = Path(__file__).parent / "data"
FILE_PREFIX = "trial-rules-"
LANGS: tuple[str, ...] = ("fi", "sv", "en")

WORK_TRIAL = "work_trial"
EDUCATION_TRIAL = "education_trial"
TRIAL_KINDS: tuple[str, ...] = (WORK_TRIAL, EDUCATION_TRIAL)

COMPANY = "company"
MUNICIPALITY = "municipality"
ASSOCIATION = "association"
FOUNDATION = "foundation"
STATE_AGENCY = "state_agency"
WORKSHOP = "workshop"
PRIVATE_PERSON = "private_person"
ORGANISER_KINDS: tuple[str, ...] = (
    COMPANY,
    MUNICIPALITY,
    ASSOCIATION,
    FOUNDATION,
    STATE_AGENCY,
    WORKSHOP,
    PRIVATE_PERSON,
)

ORGANISER_KIND = "organiser.kind"
ORGANISER_BUSINESS_ID = "organiser.business_id"
DATES_ORDER = "dates.order"
DAYS_PER_WEEK = "schedule.days_per_week"
HOURS_PER_DAY = "schedule.hours_per_day"
TOTAL = "duration.total"
SAME_ORGANISER = "duration.same_organiser"
MUNICIPALITY_SAME_ORGANISER = "duration.municipality_same_organiser"
MUNICIPALITY_SAME_TASKS = "duration.municipality_same_tasks"
EDUCATION_DAYS = "duration.education_trial"
ALLOWANCE = "allowance.days_attended"

DURATION_RULES: tuple[str, ...] = (
    TOTAL,
    SAME_ORGANISER,
    MUNICIPALITY_SAME_ORGANISER,
    MUNICIPALITY_SAME_TASKS,
)
_MONTH_FIX = ("used_months", "used_days", "latest_end")
TITLE_PARAMS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        ORGANISER_KIND: (),
        ORGANISER_BUSINESS_ID: (),
        DATES_ORDER: (),
        DAYS_PER_WEEK: ("max_days",),
        HOURS_PER_DAY: ("min_hours", "max_hours"),
        TOTAL: ("limit_months",),
        SAME_ORGANISER: ("limit_months",),
        MUNICIPALITY_SAME_ORGANISER: ("limit_months",),
        MUNICIPALITY_SAME_TASKS: ("limit_months",),
        EDUCATION_DAYS: ("max_days",),
        ALLOWANCE: ("eur_per_day", "eur_per_day_outside", "max_days_per_week"),
    }
)
"""Rule id → the placeholders its title may use: values of the rule set's limits, so a title
renders without a violation (`RuleSet.title`)."""
FIX_PARAMS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        ORGANISER_KIND: ("kind",),
        ORGANISER_BUSINESS_ID: ("business_id",),
        DATES_ORDER: ("start", "end"),
        DAYS_PER_WEEK: ("max_days", "days"),
        HOURS_PER_DAY: ("min_hours", "max_hours", "hours"),
        TOTAL: ("limit_months", *_MONTH_FIX),
        SAME_ORGANISER: ("limit_months", *_MONTH_FIX),
        MUNICIPALITY_SAME_ORGANISER: ("limit_months", *_MONTH_FIX),
        MUNICIPALITY_SAME_TASKS: ("limit_months", *_MONTH_FIX),
        EDUCATION_DAYS: ("max_days", "planned_days", "latest_end"),
        ALLOWANCE: ("eur_per_day", "eur_per_day_outside", "max_days_per_week"),
    }
)
"""Rule id → the placeholders its texts may use (a file using any other is refused)."""
RULE_IDS: tuple[str, ...] = tuple(TITLE_PARAMS)
NO_ROOM_RULES: frozenset[str] = frozenset({*DURATION_RULES, EDUCATION_DAYS})
"""Rules whose texts also have `fix_no_room`: what to do when no end date keeps the rule."""

_DATE_PARAMS = frozenset({"start", "end", "latest_end"})
_DECIMAL_PARAMS = frozenset(
    {"hours", "min_hours", "max_hours", "eur_per_day", "eur_per_day_outside"}
)
_MONTH = 30
"""Units of a whole calendar month; a left-over day is one unit."""
_BUSINESS_ID = re.compile(r"^(\d{7})-(\d)$")
_BUSINESS_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2)

Param = str | int


class TrialRulesError(ValueError):
    """A rule file is missing, malformed or incomplete, or no rule set is valid on a day."""


# --- the rule set ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    url: str


@dataclass(frozen=True)
class RuleText:
    title: str
    fix: str
    fix_no_room: str = ""


@dataclass(frozen=True)
class Rule:
    id: str
    source: Source
    section: str
    texts: Mapping[str, RuleText]

    @property
    def source_title(self) -> str:
        """The source with its section, e.g. "Laki … (916/2012), 4 luku"."""
        return f"{self.source.title}, {self.section}" if self.section else self.source.title

    def render(self, lang: str, part: str, params: Mapping[str, Param]) -> str:
        """`part` ("title", "fix" or "fix_no_room") in `lang` with the params filled in (dates
        as 31.8.2025, decimals with a comma in fi and sv). Unknown languages fall back to fi."""
        text = self.texts.get(lang) or self.texts["fi"]
        template: str = getattr(text, part)
        return template.format_map({k: _format(k, v, lang) for k, v in params.items()})


@dataclass(frozen=True)
class Limits:
    total_months: int
    same_organiser_months: int
    municipality_same_organiser_months: int
    municipality_same_tasks_months: int
    max_days_per_week: int
    min_hours_per_day: Decimal
    max_hours_per_day: Decimal
    allowance_eur_per_day: Decimal
    allowance_outside_commuting_eur_per_day: Decimal
    allowance_max_days_per_week: int
    education_trial_max_days: int


@dataclass(frozen=True)
class RuleSet:
    version: str
    valid_from: date
    checked_on: date
    month_counting: Mapping[str, str]
    notes: str
    sources: tuple[Source, ...]
    limits: Limits
    allowed_organiser_kinds: frozenset[str]
    business_id_required: frozenset[str]
    organiser_kind_labels: Mapping[str, Mapping[str, str]]
    rules: Mapping[str, Rule]

    def rule(self, rule_id: str) -> Rule:
        try:
            return self.rules[rule_id]
        except KeyError:
            raise TrialRulesError(f"{self.version} has no rule {rule_id!r}") from None

    def limit_params(self, rule_id: str) -> dict[str, Param]:
        """The values of the limits a rule's title speaks of."""
        limits = self.limits
        values: dict[str, Param] = {
            "max_days": limits.education_trial_max_days
            if rule_id == EDUCATION_DAYS
            else limits.max_days_per_week,
            "min_hours": str(limits.min_hours_per_day),
            "max_hours": str(limits.max_hours_per_day),
            "limit_months": _limit_months(limits, rule_id) if rule_id in DURATION_RULES else 0,
            "eur_per_day": str(limits.allowance_eur_per_day),
            "eur_per_day_outside": str(limits.allowance_outside_commuting_eur_per_day),
            "max_days_per_week": limits.allowance_max_days_per_week,
        }
        return {name: values[name] for name in TITLE_PARAMS[rule_id]}

    def title(self, rule_id: str, lang: str) -> str:
        """A rule's title with this set's limits (for "checked against" lists)."""
        return self.rule(rule_id).render(lang, "title", self.limit_params(rule_id))

    def violation(self, rule_id: str, params: Mapping[str, Param]) -> Violation:
        """A violation of a rule of this set with stored params (e.g. the findings saved on a
        trial: rule id and params are enough to show it again)."""
        rule = self.rule(rule_id)
        return Violation(
            rule_id, dict(params), rule.source_title, rule.source.url, rule.texts, self.version
        )


@dataclass(frozen=True)
class Violation:
    """A broken rule: its id, the values that explain it, and its source. `title(lang)` and
    `fix(lang)` render the rule's texts with the params."""

    rule_id: str
    params: dict[str, Param] = field(hash=False)
    source_title: str
    source_url: str
    texts: Mapping[str, RuleText] = field(
        default_factory=dict, compare=False, hash=False, repr=False
    )
    rules_version: str = field(default="", compare=False)

    def _rule(self) -> Rule:
        source = Source("", self.source_title, self.source_url)
        return Rule(self.rule_id, source, "", self.texts)

    def title(self, lang: str) -> str:
        return self._rule().render(lang, "title", self.params)

    def fix(self, lang: str) -> str:
        """What to change. A duration rule with no end date that keeps it (no `latest_end`)
        says what else to do."""
        no_room = self.rule_id in NO_ROOM_RULES and "latest_end" not in self.params
        return self._rule().render(lang, "fix_no_room" if no_room else "fix", self.params)


def _limit_months(limits: Limits, rule_id: str) -> int:
    return {
        TOTAL: limits.total_months,
        SAME_ORGANISER: limits.same_organiser_months,
        MUNICIPALITY_SAME_ORGANISER: limits.municipality_same_organiser_months,
        MUNICIPALITY_SAME_TASKS: limits.municipality_same_tasks_months,
    }[rule_id]


def _format(name: str, value: Param, lang: str) -> str:
    if name in _DATE_PARAMS and isinstance(value, str):
        try:
            day = date.fromisoformat(value)
        except ValueError:
            return value
        return f"{day.day}.{day.month}.{day.year}"
    if name in _DECIMAL_PARAMS and lang in ("fi", "sv"):
        return str(value).replace(".", ",")
    return str(value)


# --- loading ---------------------------------------------------------------------------------


def _directory(directory: Path | None) -> Path:
    return DATA_DIR if directory is None else Path(directory)


def _files(directory: Path | None) -> dict[str, Path]:
    folder = _directory(directory)
    found = {
        path.name[len(FILE_PREFIX) : -len(".json")]: path
        for path in sorted(folder.glob(f"{FILE_PREFIX}*.json"))
    }
    if not found:
        raise TrialRulesError(f"no work-trial rule files ({FILE_PREFIX}*.json) in {folder}")
    return found


def _by_date(directory: Path | None) -> list[RuleSet]:
    return sorted((_load(path) for path in _files(directory).values()), key=_valid_from)


def _valid_from(rules: RuleSet) -> date:
    return rules.valid_from


def available_versions(directory: Path | None = None) -> list[str]:
    """The version ids of the rule files, oldest `valid_from` first."""
    return [rules.version for rules in _by_date(directory)]


def load_rules(version: str | None = None, directory: Path | None = None) -> RuleSet:
    """The rule set `version` (file `trial-rules-<version>.json`), or the newest by
    `valid_from` when None."""
    if version is None:
        return _by_date(directory)[-1]
    path = _directory(directory) / f"{FILE_PREFIX}{version}.json"
    if not path.is_file():
        known = ", ".join(available_versions(directory))
        raise TrialRulesError(f"no work-trial rules {version!r} (known: {known})")
    return _load(path)


def rules_for(day: date, directory: Path | None = None) -> RuleSet:
    """The rule set valid on `day`: the latest `valid_from` on or before it."""
    valid = [rules for rules in _by_date(directory) if rules.valid_from <= day]
    if not valid:
        raise TrialRulesError(f"no work-trial rules are valid on {day.isoformat()}")
    return valid[-1]


@cache
def _load_cached(path: str, mtime_ns: int) -> RuleSet:
    file = Path(path)
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise TrialRulesError(f"cannot read work-trial rules {file.name}: {exc}") from exc
    rules = parse_rules(data, where=file.name)
    expected = file.name[len(FILE_PREFIX) : -len(".json")]
    if rules.version != expected:
        raise TrialRulesError(
            f"{file.name}: version {rules.version!r} does not match the file name ({expected!r})"
        )
    return rules


def _load(path: Path) -> RuleSet:
    try:
        mtime = path.stat().st_mtime_ns
    except OSError as exc:
        raise TrialRulesError(f"cannot read work-trial rules {path.name}: {exc}") from exc
    return _load_cached(str(path.resolve()), mtime)


def parse_rules(data: Any, where: str = "rules") -> RuleSet:
    """A rule set from the parsed JSON of a rule file; every problem is a `TrialRulesError`
    that names the file and the place in it."""
    reader = _Reader(where)
    top = reader.mapping(data, "")
    sources = tuple(
        Source(
            reader.text(item, f"sources[{n}].id"),
            reader.text(item, f"sources[{n}].title"),
            reader.url(item, f"sources[{n}].url"),
        )
        for n, item in enumerate(reader.items(top, "sources"))
    )
    by_id = {source.id: source for source in sources}
    if len(by_id) != len(sources):
        raise reader.error("sources", "the source ids are not unique")
    limits = _limits(reader, reader.mapping(top.get("limits"), "limits"))
    kinds = reader.mapping(top.get("organiser_kinds"), "organiser_kinds")
    allowed = frozenset(reader.kinds(kinds, "allowed"))
    required = frozenset(reader.kinds(kinds, "business_id_required"))
    if PRIVATE_PERSON in allowed:
        raise reader.error("organiser_kinds.allowed", "a private person cannot organise a trial")
    if not required <= allowed:
        raise reader.error("organiser_kinds.business_id_required", "must be allowed kinds")
    labels_data = reader.mapping(kinds.get("labels"), "organiser_kinds.labels")
    labels = {
        kind: reader.langs(labels_data.get(kind), f"organiser_kinds.labels.{kind}")
        for kind in ORGANISER_KINDS
    }
    rules: dict[str, Rule] = {}
    for n, item in enumerate(reader.items(top, "rules")):
        rule = _rule(reader, item, f"rules[{n}]", by_id)
        if rule.id in rules:
            raise reader.error(f"rules[{n}].id", f"{rule.id} is given twice")
        rules[rule.id] = rule
    missing = [rule_id for rule_id in RULE_IDS if rule_id not in rules]
    if missing:
        raise reader.error("rules", f"missing rules: {', '.join(missing)}")
    return RuleSet(
        version=reader.text(top, "version"),
        valid_from=reader.day(top, "valid_from"),
        checked_on=reader.day(top, "checked_on"),
        month_counting=MappingProxyType(reader.langs(top.get("month_counting"), "month_counting")),
        notes=str(top.get("notes", "")),
        sources=sources,
        limits=limits,
        allowed_organiser_kinds=allowed,
        business_id_required=required,
        organiser_kind_labels=MappingProxyType(
            {kind: MappingProxyType(texts) for kind, texts in labels.items()}
        ),
        rules=MappingProxyType(rules),
    )


def _limits(reader: _Reader, data: Mapping[str, Any]) -> Limits:
    def whole(name: str) -> int:
        value = data.get(name)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise reader.error(f"limits.{name}", f"must be a whole number ≥ 1, not {value!r}")
        return value

    def amount(name: str) -> Decimal:
        value = data.get(name)
        try:
            number = Decimal(value) if isinstance(value, str) else None
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite() or number < 0:
            raise reader.error(
                f"limits.{name}", f'must be a decimal in a string ("9.00"), not {value!r}'
            )
        return number

    limits = Limits(
        total_months=whole("total_months"),
        same_organiser_months=whole("same_organiser_months"),
        municipality_same_organiser_months=whole("municipality_same_organiser_months"),
        municipality_same_tasks_months=whole("municipality_same_tasks_months"),
        max_days_per_week=whole("max_days_per_week"),
        min_hours_per_day=amount("min_hours_per_day"),
        max_hours_per_day=amount("max_hours_per_day"),
        allowance_eur_per_day=amount("allowance_eur_per_day"),
        allowance_outside_commuting_eur_per_day=amount("allowance_outside_commuting_eur_per_day"),
        allowance_max_days_per_week=whole("allowance_max_days_per_week"),
        education_trial_max_days=whole("education_trial_max_days"),
    )
    if limits.max_days_per_week > 7 or limits.allowance_max_days_per_week > 7:
        raise reader.error("limits", "a week has 7 days")
    if not limits.min_hours_per_day <= limits.max_hours_per_day <= 24:
        raise reader.error("limits", "min_hours_per_day ≤ max_hours_per_day ≤ 24")
    return limits


def _rule(reader: _Reader, item: Any, where: str, sources: Mapping[str, Source]) -> Rule:
    data = reader.mapping(item, where)
    rule_id = reader.text(data, f"{where}.id")
    if rule_id not in TITLE_PARAMS:
        raise reader.error(f"{where}.id", f"unknown rule {rule_id!r}")
    source_id = reader.text(data, f"{where}.source")
    if source_id not in sources:
        raise reader.error(f"{where}.source", f"no source {source_id!r} in sources")
    texts_data = reader.mapping(data.get("texts"), f"{where}.texts")
    texts: dict[str, RuleText] = {}
    for lang in LANGS:
        place = f"{where}.texts.{lang}"
        text = reader.mapping(texts_data.get(lang), place)
        parts = {"title": TITLE_PARAMS[rule_id], "fix": FIX_PARAMS[rule_id]}
        if rule_id in NO_ROOM_RULES:
            parts["fix_no_room"] = tuple(p for p in FIX_PARAMS[rule_id] if p != "latest_end")
        for part, allowed in parts.items():
            template = reader.text(text, f"{place}.{part}")
            unknown = _placeholders(template, f"{place}.{part}", reader) - set(allowed)
            if unknown:
                raise reader.error(
                    f"{place}.{part}", f"unknown placeholders: {', '.join(sorted(unknown))}"
                )
        texts[lang] = RuleText(
            text["title"],
            text["fix"],
            text.get("fix_no_room", "") if rule_id in NO_ROOM_RULES else "",
        )
    return Rule(
        rule_id,
        sources[source_id],
        str(data.get("section", "")),
        MappingProxyType(texts),
    )


def _placeholders(template: str, where: str, reader: _Reader) -> set[str]:
    try:
        names = {name for _, name, _, _ in Formatter().parse(template) if name is not None}
    except ValueError as exc:
        raise reader.error(where, f"broken braces: {exc}") from exc
    if any(not name.isidentifier() for name in names):
        raise reader.error(where, "placeholders are plain names like {latest_end}")
    return names


class _Reader:
    def __init__(self, where: str) -> None:
        self.where = where

    def error(self, place: str, message: str) -> TrialRulesError:
        at = f" at {place}" if place else ""
        return TrialRulesError(f"malformed work-trial rules {self.where}{at}: {message}")

    def mapping(self, value: Any, place: str) -> Mapping[str, Any]:
        if not isinstance(value, dict):
            raise self.error(place, f"expected an object, not {type(value).__name__}")
        return value

    def items(self, data: Mapping[str, Any], name: str) -> list[Any]:
        value = data.get(name)
        if not isinstance(value, list) or not value:
            raise self.error(name, "expected a non-empty list")
        return value

    def text(self, data: Any, place: str) -> str:
        value = self.mapping(data, place.rpartition(".")[0]).get(place.rpartition(".")[2])
        if not isinstance(value, str) or not value.strip():
            raise self.error(place, f"expected a non-empty text, not {value!r}")
        return value

    def url(self, data: Any, place: str) -> str:
        value = self.text(data, place)
        if not value.startswith("https://"):
            raise self.error(place, f"expected an https:// address, not {value!r}")
        return value

    def day(self, data: Mapping[str, Any], name: str) -> date:
        value = self.text(data, name)
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise self.error(name, f"expected a date like 2025-01-01, not {value!r}") from None

    def langs(self, value: Any, place: str) -> dict[str, str]:
        data = self.mapping(value, place)
        return {lang: self.text(data, f"{place}.{lang}") for lang in LANGS}

    def kinds(self, data: Mapping[str, Any], name: str) -> list[str]:
        value = data.get(name)
        if not isinstance(value, list) or any(kind not in ORGANISER_KINDS for kind in value):
            raise self.error(
                f"organiser_kinds.{name}", f"expected a list of {', '.join(ORGANISER_KINDS)}"
            )
        return value


# --- inputs ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Organiser:
    key: str
    kind: str
    """One of `ORGANISER_KINDS`."""
    business_id: str = ""


@dataclass(frozen=True)
class TrialPeriod:
    """A past or agreed trial of the person (inclusive dates)."""

    kind: str
    """`WORK_TRIAL` or `EDUCATION_TRIAL`."""
    organiser_key: str
    organiser_kind: str
    tasks_key: str
    start: date
    end: date


@dataclass(frozen=True)
class TrialPlan:
    """The trial being agreed (inclusive dates)."""

    kind: str
    organiser: Organiser
    tasks_key: str
    start: date
    end: date
    days_per_week: int
    hours_per_day: Decimal
    shift_or_weekend_work: bool = False


def valid_business_id(value: str) -> bool:
    """A Finnish business ID (Y-tunnus) 1234567-8 with a right check digit."""
    match = _BUSINESS_ID.match(value.strip())
    if match is None:
        return False
    remainder = sum(int(d) * w for d, w in zip(match[1], _BUSINESS_ID_WEIGHTS, strict=True)) % 11
    if remainder == 1:
        return False
    return int(match[2]) == (0 if remainder == 0 else 11 - remainder)


# --- counting months -------------------------------------------------------------------------


_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _add_months(day: date, months: int) -> date:
    """`day` plus whole months; a day missing from the month falls on its last day."""
    count = day.month - 1 + months
    year, month = day.year + count // 12, count % 12 + 1
    last = _DAYS_IN_MONTH[month - 1]
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        last = 29
    return date(year, month, min(day.day, last))


def span_units(first: int, last: int) -> int:
    """Units of the days `first`..`last` (proleptic ordinals, inclusive): 30 for each whole
    calendar month from the first day, 1 for each day left over."""
    start = date.fromordinal(first)
    after = date.fromordinal(last + 1)
    months = (after.year - start.year) * 12 + after.month - start.month
    boundary = _add_months(start, months)
    if boundary > after:
        months -= 1
        boundary = _add_months(start, months)
    return _MONTH * months + (after - boundary).days


def months_and_days(units: int) -> tuple[int, int]:
    """Units as whole months and days (30 days to a month)."""
    return divmod(units, _MONTH)


def _merged(intervals: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, joined intervals: overlapping and adjacent ones become one."""
    merged: list[tuple[int, int]] = []
    for first, last in sorted(intervals):
        if merged and first <= merged[-1][1] + 1:
            if last > merged[-1][1]:
                merged[-1] = (merged[-1][0], last)
        else:
            merged.append((first, last))
    return merged


class _Scope(Protocol):
    def units(self) -> int:
        """Units of the history alone."""
        ...

    def units_with(self, first: int, last: int) -> int:
        """Units of the history together with the days `first`..`last`."""
        ...


class _Intervals(NamedTuple):
    """A scope of the index: the joined intervals, sorted, with prefix sums of their units.
    (Named tuples: an index of 10,000 people builds 20,000 of them.)"""

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    prefix: tuple[int, ...]

    @classmethod
    def of(cls, intervals: list[tuple[int, int]]) -> _Intervals:
        if len(intervals) == 1:
            first, last = intervals[0]
            return cls((first,), (last,), (0, span_units(first, last)))
        merged = _merged(intervals)
        prefix = [0]
        for first, last in merged:
            prefix.append(prefix[-1] + span_units(first, last))
        return cls(tuple(f for f, _ in merged), tuple(e for _, e in merged), tuple(prefix))

    def units(self) -> int:
        return self.prefix[-1]

    def units_with(self, first: int, last: int) -> int:
        low = bisect_left(self.ends, first - 1)  # first stretch ending on or after first - 1
        high = bisect_right(self.starts, last + 1)  # stretches from low to high touch the days
        if low < high:
            first = min(first, self.starts[low])
            last = max(last, self.ends[high - 1])
        return self.prefix[-1] - (self.prefix[high] - self.prefix[low]) + span_units(first, last)


_EMPTY = _Intervals((), (), (0,))


@dataclass(frozen=True)
class _Naive:
    """A scope without an index: the periods scanned, sorted and joined on every question."""

    intervals: tuple[tuple[int, int], ...]

    def units(self) -> int:
        return sum(span_units(f, e) for f, e in _merged(self.intervals))

    def units_with(self, first: int, last: int) -> int:
        return sum(span_units(f, e) for f, e in _merged([*self.intervals, (first, last)]))


# --- the index -------------------------------------------------------------------------------


class _History(Protocol):
    def all(self) -> _Scope: ...

    def organiser(self, key: str) -> _Scope: ...

    def tasks(self, organiser_key: str, tasks_key: str) -> _Scope: ...


class PersonIndex(NamedTuple):
    """One person's work trials: all of them, by organiser, and by organiser and tasks."""

    every: _Intervals
    by_organiser: Mapping[str, _Intervals]
    by_tasks: Mapping[tuple[str, str], _Intervals]

    def all(self) -> _Scope:
        return self.every

    def organiser(self, key: str) -> _Scope:
        return self.by_organiser.get(key, _EMPTY)

    def tasks(self, organiser_key: str, tasks_key: str) -> _Scope:
        return self.by_tasks.get((organiser_key, tasks_key), _EMPTY)


_NOBODY = PersonIndex(_EMPTY, MappingProxyType({}), MappingProxyType({}))


@dataclass(frozen=True)
class RuleIndex:
    """Work-trial histories indexed by person → organiser → tasks (`build`)."""

    people: Mapping[str, PersonIndex]

    @classmethod
    def build(cls, histories: Iterable[tuple[str, TrialPeriod]]) -> RuleIndex:
        """Index `(person_key, period)` pairs. Only work trials count in the month limits;
        education trials and periods ending before they start are left out."""
        grouped: dict[str, list[tuple[str, str, int, int]]] = {}
        for person, period in histories:
            if period.kind != WORK_TRIAL or period.end < period.start:
                continue
            grouped.setdefault(person, []).append(
                (
                    period.organiser_key,
                    period.tasks_key,
                    period.start.toordinal(),
                    period.end.toordinal(),
                )
            )
        return cls(MappingProxyType({p: _person(rows) for p, rows in grouped.items()}))

    def person(self, key: str) -> PersonIndex:
        return self.people.get(key, _NOBODY)


def _person(rows: list[tuple[str, str, int, int]]) -> PersonIndex:
    if len(rows) == 1:
        organiser_key, tasks_key, first, last = rows[0]
        one = _Intervals.of([(first, last)])
        return PersonIndex(one, {organiser_key: one}, {(organiser_key, tasks_key): one})
    every = _Intervals.of([(first, last) for _, _, first, last in rows])
    by_organiser: dict[str, list[tuple[int, int]]] = {}
    by_tasks: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for organiser_key, tasks_key, first, last in rows:
        by_organiser.setdefault(organiser_key, []).append((first, last))
        by_tasks.setdefault((organiser_key, tasks_key), []).append((first, last))
    organisers = {
        key: every if len(days) == len(rows) else _Intervals.of(days)
        for key, days in by_organiser.items()
    }
    in_tasks = {
        key: organisers[key[0]] if len(days) == len(by_organiser[key[0]]) else _Intervals.of(days)
        for key, days in by_tasks.items()
    }
    return PersonIndex(every, organisers, in_tasks)


@dataclass(frozen=True)
class _NaiveHistory:
    """The person's periods, scanned in full for every question."""

    periods: Sequence[TrialPeriod]

    def _scope(self, keep: Callable[[TrialPeriod], bool]) -> _Scope:
        return _Naive(
            tuple(
                (p.start.toordinal(), p.end.toordinal())
                for p in self.periods
                if p.kind == WORK_TRIAL and p.start <= p.end and keep(p)
            )
        )

    def all(self) -> _Scope:
        return self._scope(lambda p: True)

    def organiser(self, key: str) -> _Scope:
        return self._scope(lambda p: p.organiser_key == key)

    def tasks(self, organiser_key: str, tasks_key: str) -> _Scope:
        return self._scope(lambda p: p.organiser_key == organiser_key and p.tasks_key == tasks_key)


# --- checking --------------------------------------------------------------------------------


def check(plan: TrialPlan, history: Sequence[TrialPeriod], rules: RuleSet) -> list[Violation]:
    """The rules `plan` breaks, given the person's other trials (`history`), in rule order.
    Builds a one-person index and takes the path of `check_many`."""
    index = RuleIndex.build(("", period) for period in history)
    return _check(plan, index.person(""), rules)


def check_many(
    plans: Iterable[tuple[str, TrialPlan]], index: RuleIndex, rules: RuleSet
) -> list[list[Violation]]:
    """`check` for many `(person_key, plan)` pairs against one index of histories."""
    return [_check(plan, index.person(person), rules) for person, plan in plans]


def check_naive(plan: TrialPlan, history: Sequence[TrialPeriod], rules: RuleSet) -> list[Violation]:
    """`check` without the index: every month question scans, sorts and joins the whole
    history again. For the benchmark's baseline and the property test only."""
    return _check(plan, _NaiveHistory(history), rules)


def _check(plan: TrialPlan, history: _History, rules: RuleSet) -> list[Violation]:
    found: list[Violation] = []
    limits = rules.limits

    def add(rule_id: str, **params: Param) -> None:
        found.append(rules.violation(rule_id, {**rules.limit_params(rule_id), **params}))

    organiser = plan.organiser
    if organiser.kind not in rules.allowed_organiser_kinds:
        add(ORGANISER_KIND, kind=organiser.kind)
    elif organiser.kind in rules.business_id_required and not valid_business_id(
        organiser.business_id
    ):
        add(ORGANISER_BUSINESS_ID, business_id=organiser.business_id.strip())
    if plan.end < plan.start:
        add(DATES_ORDER, start=plan.start.isoformat(), end=plan.end.isoformat())
    if not 1 <= plan.days_per_week <= limits.max_days_per_week:
        add(DAYS_PER_WEEK, days=plan.days_per_week)
    work = plan.kind == WORK_TRIAL
    if work and not limits.min_hours_per_day <= plan.hours_per_day <= limits.max_hours_per_day:
        add(HOURS_PER_DAY, hours=_plain(plan.hours_per_day))
    if plan.end < plan.start:
        return found
    first, last = plan.start.toordinal(), plan.end.toordinal()
    if work:
        scopes: list[tuple[str, _Scope]] = [(TOTAL, history.all())]
        if organiser.kind == MUNICIPALITY:
            scopes.append((MUNICIPALITY_SAME_ORGANISER, history.organiser(organiser.key)))
            scopes.append((MUNICIPALITY_SAME_TASKS, history.tasks(organiser.key, plan.tasks_key)))
        else:
            scopes.append((SAME_ORGANISER, history.organiser(organiser.key)))
        for rule_id, scope in scopes:
            limit = _MONTH * _limit_months(limits, rule_id)
            if scope.units_with(first, last) <= limit:
                continue
            used_months, used_days = months_and_days(scope.units())
            params: dict[str, Param] = {"used_months": used_months, "used_days": used_days}
            latest = _latest_end(first, last, _keeps(scope, first, limit))
            if latest is not None:
                params["latest_end"] = latest
            add(rule_id, **params)
    elif plan.kind == EDUCATION_TRIAL:
        planned, latest = _education_days(plan, limits.education_trial_max_days)
        if planned > limits.education_trial_max_days:
            params = {"planned_days": planned}
            if latest is not None:
                params["latest_end"] = latest
            add(EDUCATION_DAYS, **params)
    return found


def _keeps(scope: _Scope, first: int, limit: int) -> Callable[[int], bool]:
    def keeps(last: int) -> bool:
        return scope.units_with(first, last) <= limit

    return keeps


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _latest_end(first: int, last: int, keeps: Callable[[int], bool]) -> str | None:
    """The latest end in `first`..`last` that keeps the rule, searched by halving (the plan's
    `last` breaks it): ending on the day found keeps the rule and one day later breaks it.
    None when a one-day trial already breaks it."""
    low, high = first - 1, last  # keeps(low) is taken as true, keeps(high) is false
    while high - low > 1:
        middle = (low + high) // 2
        if keeps(middle):
            low = middle
        else:
            high = middle
    if low < first:
        return None
    return date.fromordinal(low).isoformat()


def _trial_days(
    start: date, end: date, per_week: int, weekends: bool
) -> Iterator[tuple[date, int]]:
    """Each day from `start` to `end` with the trial days counted so far, that day included."""
    per_week = max(0, min(per_week, 7))
    total = week_count = 0
    week = start.isocalendar()[:2]
    day = start
    while day <= end:
        iso = day.isocalendar()
        if iso[:2] != week:
            week, week_count = iso[:2], 0
        if (weekends or iso[2] <= 5) and week_count < per_week:
            week_count += 1
            total += 1
        yield day, total
        day += timedelta(days=1)


def planned_days(start: date, end: date, days_per_week: int, weekends: bool = False) -> int:
    """Trial days from `start` to `end`: in each week (Monday to Sunday) the weekdays in the
    range (all seven days with `weekends`), at most `days_per_week` of them."""
    return max((count for _, count in _trial_days(start, end, days_per_week, weekends)), default=0)


def _education_days(plan: TrialPlan, max_days: int) -> tuple[int, str | None]:
    """(planned days, the last end date with at most `max_days` of them or None)."""
    counted = list(
        _trial_days(plan.start, plan.end, plan.days_per_week, plan.shift_or_weekend_work)
    )
    total = counted[-1][1] if counted else 0
    if total <= max_days:
        return total, None
    kept = [day for day, count in counted if count <= max_days]
    return total, kept[-1].isoformat() if kept else None


# --- the expense allowance -------------------------------------------------------------------


def allowance_days(attended: Iterable[date], start: date, end: date, rules: RuleSet) -> int:
    """Days that earn the expense allowance: distinct days attended within the trial, at most
    `allowance_max_days_per_week` in a calendar week (Monday to Sunday)."""
    weeks: dict[tuple[int, int], int] = {}
    for day in set(attended):
        if start <= day <= end:
            iso = day.isocalendar()
            weeks[(iso[0], iso[1])] = weeks.get((iso[0], iso[1]), 0) + 1
    cap = rules.limits.allowance_max_days_per_week
    return sum(min(count, cap) for count in weeks.values())


def allowance(days_attended: int, outside_commuting_area: bool, rules: RuleSet) -> Decimal:
    """The expense allowance in euros for `days_attended` days (only days attended count;
    see `allowance_days`)."""
    if days_attended < 0:
        raise ValueError("days attended cannot be negative")
    limits = rules.limits
    per_day = (
        limits.allowance_outside_commuting_eur_per_day
        if outside_commuting_area
        else limits.allowance_eur_per_day
    )
    return (per_day * days_attended).quantize(Decimal("0.01"))

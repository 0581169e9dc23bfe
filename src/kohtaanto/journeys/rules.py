"""Catalogues of the participant journey, loaded from the data files in `journeys/data/`
(municipalities and CEFR levels: `kohtaanto.reference`).

Rules are data (STYLE.md §6): outcome types, ESF+ indicators, session types, labour-market
statuses, ISCED levels and the DigComp questions keep their stable ids
in the JSON/CSV files; this module only reads them into frozen dataclasses. No Django, no ORM.
Every catalogue is loaded once per process (`functools.cache`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import Any

# Reference data shared with lower layers lives in `kohtaanto.reference`; the journey's own
# catalogues use its text types, and its callers find the municipalities and language levels
# here too.
from kohtaanto.reference.languages import language_levels as language_levels
from kohtaanto.reference.places import Municipality as Municipality
from kohtaanto.reference.places import municipalities as municipalities
from kohtaanto.reference.text import LANGS as LANGS
from kohtaanto.reference.text import Item, Text, read_data, read_items


def _read_text(name: str) -> str:
    return read_data("kohtaanto.journeys", name)


def _json(name: str) -> Any:
    return json.loads(_read_text(name))


# --- outcomes and ESF+ result indicators ---------------------------------------------------


@dataclass(frozen=True)
class ResultIndicator:
    id: str
    code: str | None
    code_verified: bool
    timing: str  # "on_leaving" | "six_months_after"
    label: Text
    rule: Mapping[str, Any] | None = None
    """How the result is counted (see `kohtaanto.stats.esf`)."""


@dataclass(frozen=True)
class OutcomeType:
    id: str
    label: Text
    description: Text
    counts_as_continuation_path: bool
    result_indicators_on_leaving: tuple[str, ...]
    result_indicators_six_months: tuple[str, ...]
    path_kind: str = "none"
    """"work", "education", "other_service" or "none" (the outcome figures' kinds)."""


@dataclass(frozen=True)
class OutcomeCatalogue:
    version: str
    outcomes: dict[str, OutcomeType]
    result_indicators: dict[str, ResultIndicator]
    path_kinds: dict[str, Text] | None = None
    reference_period_days: int = 28
    """Immediate results: the continuation path recorded at most this many days after the end."""
    reference_period_note: Text | None = None

    def __contains__(self, outcome_id: object) -> bool:
        return outcome_id in self.outcomes

    def get(self, outcome_id: str) -> OutcomeType | None:
        return self.outcomes.get(outcome_id)

    def choices(self, lang: str = "fi") -> list[tuple[str, str]]:
        return [(o.id, o.label.get(lang)) for o in self.outcomes.values()]

    def indicators_for(self, outcome_id: str, timing: str = "on_leaving") -> list[ResultIndicator]:
        outcome = self.outcomes[outcome_id]
        ids = (
            outcome.result_indicators_on_leaving
            if timing == "on_leaving"
            else outcome.result_indicators_six_months
        )
        return [self.result_indicators[i] for i in ids]


@cache
def outcomes() -> OutcomeCatalogue:
    data = _json("outcomes.json")
    indicators = {
        row["id"]: ResultIndicator(
            row["id"],
            row["code"],
            bool(row["code_verified"]),
            row["timing"],
            Text.of(row["label"]),
            row.get("rule"),
        )
        for row in data["result_indicators"]
    }
    items = {
        row["id"]: OutcomeType(
            id=row["id"],
            label=Text.of(row["label"]),
            description=Text.of(row.get("description")),
            counts_as_continuation_path=bool(row["counts_as_continuation_path"]),
            result_indicators_on_leaving=tuple(row["result_indicators_on_leaving"]),
            result_indicators_six_months=tuple(row["result_indicators_six_months"]),
            path_kind=row.get("path_kind", "none"),
        )
        for row in data["outcomes"]
    }
    reference = data.get("reference_period") or {}
    return OutcomeCatalogue(
        data["version"],
        items,
        indicators,
        path_kinds={row["id"]: Text.of(row["label"]) for row in data.get("path_kinds", [])},
        reference_period_days=int(reference.get("days", 28)),
        reference_period_note=Text.of(reference.get("note")),
    )


# --- ESF+ entry indicators ------------------------------------------------------------------


@dataclass(frozen=True)
class EntryIndicator:
    id: str
    code: str
    group: str
    label: Text
    special_category: bool
    needs_own_consent: bool
    sensitive: bool
    code_verified: bool = False
    rule: Mapping[str, Any] | None = None
    """How the indicator is counted (see `kohtaanto.stats.esf`)."""


@cache
def esf_entry_indicators() -> dict[str, EntryIndicator]:
    data = _json("esf_entry_indicators.json")
    return {
        row["id"]: EntryIndicator(
            row["id"],
            row["code"],
            row["group"],
            Text.of(row["label"]),
            bool(row["special_category"]),
            bool(row["needs_own_consent"]),
            bool(row["sensitive"]),
            bool(row.get("code_verified", False)),
            row.get("rule"),
        )
        for row in data["indicators"]
    }


@dataclass(frozen=True)
class ValidationRule:
    id: str
    kind: str  # "exclusive" | "subset" | "gender_sum"
    codes: tuple[str, ...]
    note: Text


@cache
def esf_validation_rules() -> tuple[ValidationRule, ...]:
    """The Commission's validation pairs, as data (`validation` of esf_entry_indicators.json)."""
    data = _json("esf_entry_indicators.json")
    return tuple(
        ValidationRule(row["id"], row["kind"], tuple(row["codes"]), Text.of(row.get("note")))
        for row in data.get("validation", [])
    )


@cache
def esf_exclusive_groups() -> dict[str, tuple[str, ...]]:
    """Indicator ids that exclude each other (labour market, age, education), by group."""
    data = _json("esf_entry_indicators.json")
    return {key: tuple(ids) for key, ids in data.get("exclusive_groups", {}).items()}


@cache
def gender_categories() -> dict[str, Item]:
    data = _json("esf_entry_indicators.json")
    return {
        row["id"]: Item(row["id"], Text.of(row["label"]), Text.of(None))
        for row in data["gender_breakdown"]
    }


# --- small vocabularies ----------------------------------------------------------------------


def _items(name: str, key: str = "items") -> dict[str, Item]:
    return read_items("kohtaanto.journeys", name, key)


@cache
def session_types() -> dict[str, Item]:
    return _items("session_types.json")


@cache
def labour_market_statuses() -> dict[str, Item]:
    return _items("labour_market_status.json")


@cache
def isced_levels() -> dict[str, Item]:
    return _items("isced_levels.json", "levels")


@cache
def isced_group_of() -> dict[int, str]:
    """ISCED level → ESF+ group id ("0_2", "3_4", "5_8")."""
    return {int(row["level"]): row["group"] for row in _json("isced_levels.json")["levels"]}


# --- DigComp self-assessment ---------------------------------------------------------------


@dataclass(frozen=True)
class DigCompQuestion:
    competence: str  # "1.1"
    area: str  # "1"
    name: Text
    question: Text
    example: Text
    official_name_en: str


@dataclass(frozen=True)
class DigCompArea:
    id: str
    name: Text
    description: Text
    official_name_en: str
    competences: tuple[str, ...]


@dataclass(frozen=True)
class DigCompLevelOption:
    value: int
    proficiency: str | None
    label: Text


@dataclass(frozen=True)
class DigCompQuestionnaire:
    version: str
    instructions: Text
    options: tuple[DigCompLevelOption, ...]
    areas: dict[str, DigCompArea]
    questions: dict[str, DigCompQuestion]

    @property
    def values(self) -> frozenset[int]:
        return frozenset(o.value for o in self.options)


@cache
def digcomp() -> DigCompQuestionnaire:
    data = _json("digcomp_questions.json")
    areas: dict[str, DigCompArea] = {}
    questions: dict[str, DigCompQuestion] = {}
    for area in data["areas"]:
        for comp in area["competences"]:
            questions[comp["id"]] = DigCompQuestion(
                comp["id"],
                area["id"],
                Text.of(comp["name"]),
                Text.of(comp["question"]),
                Text.of(comp.get("example")),
                comp["official_name_en"],
            )
        areas[area["id"]] = DigCompArea(
            area["id"],
            Text.of(area["name"]),
            Text.of(area.get("description")),
            area["official_name_en"],
            tuple(c["id"] for c in area["competences"]),
        )
    options = tuple(
        DigCompLevelOption(int(o["value"]), o["proficiency"], Text.of(o["label"]))
        for o in data["levels"]
    )
    return DigCompQuestionnaire(
        data["version"], Text.of(data["instructions"]), options, areas, questions
    )


def digcomp_area_means(answers: Mapping[str, int]) -> dict[str, float | None]:
    """Mean answered level per DigComp area (None for an area with no answers).

    `answers` maps a competence id ("2.4") to an option value (0, 1, 3, 5).
    """
    questionnaire = digcomp()
    result: dict[str, float | None] = {}
    for area in questionnaire.areas.values():
        values = [answers[c] for c in area.competences if c in answers]
        result[area.id] = round(sum(values) / len(values), 2) if values else None
    return result


# --- DigComp proficiency in plain words ----------------------------------------------------

BELOW_FOUNDATION = "below_foundation"
PROFICIENCY_BANDS = (
    BELOW_FOUNDATION,
    "foundation",
    "intermediate",
    "advanced",
    "highly_specialised",
)
"""DigComp 2.2's four proficiency levels (foundation 1–2, intermediate 3–4, advanced 5–6,
highly specialised 7–8), with "just starting" before them for an area mean under 0.5."""


@dataclass(frozen=True)
class DigCompProficiency:
    """An area's result as a DigComp 2.2 proficiency level, in plain words."""

    level: int
    """0–8: the area mean rounded half up (the answer values are DigComp levels 0, 1, 3, 5)."""
    band: str
    """One of `PROFICIENCY_BANDS`."""
    name: Text
    """The band in plain words: "Perustaso", "Keskitaso", …"""
    description: Text
    """What a person at this level can do, in the first person ("Osaan …")."""

    @property
    def rank(self) -> int:
        return PROFICIENCY_BANDS.index(self.band)


@cache
def digcomp_proficiencies() -> dict[int, DigCompProficiency]:
    """Level 0–8 → its proficiency. Levels 1–8 and their texts are the DigComp 2.2 levels of
    the starter vocabulary (`taxonomy/data/starter/digcomp_levels.csv`); level 0 ("just
    starting") is in `digcomp_questions.json`."""
    from kohtaanto.taxonomy.starter import load_digcomp_levels

    below = _json("digcomp_questions.json")["below_foundation"]
    found = {
        0: DigCompProficiency(
            0, BELOW_FOUNDATION, Text.of(below["name"]), Text.of(below["description"])
        )
    }
    for level in load_digcomp_levels():
        found[level.level] = DigCompProficiency(
            level.level, level.band, Text.of(level.band_names), Text.of(level.descriptions)
        )
    return found


def one_decimal(value: float) -> Decimal:
    """`value` rounded half up to one decimal (3.67 → 3.7, 3.25 → 3.3), for showing a mean."""
    return Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def digcomp_proficiency(mean: float | None) -> DigCompProficiency | None:
    """The proficiency of an area mean on the 0–5 answer scale (None when not answered).

    The answer values stand for DigComp levels (0 none, 1 foundation, 3 intermediate,
    5 advanced), so the mean is a level; it is rounded half up: 2.5 → 3 (intermediate),
    4.5 → 5 (advanced). The self-assessment reaches at most level 5; the highly specialised
    levels 7–8 are for other evidence."""
    if mean is None:
        return None
    level = max(0, min(8, int(float(mean) + 0.5)))
    return digcomp_proficiencies()[level]


def age_band(age: int) -> str:
    """ESF+ age band on entry: "below_18", "18_29", "30_54" or "55_plus"."""
    if age < 18:
        return "below_18"
    if age <= 29:
        return "18_29"
    if age <= 54:
        return "30_54"
    return "55_plus"

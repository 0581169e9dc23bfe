"""Scoring rules as versioned data with stable identifiers (`rules/scoring-v1.json`).

Every result carries `ScoringRules.version`; every part of an explanation names the rule id that
produced it. Change a weight by adding a new file (`scoring-v3.json`), never by editing a
published one, so that old explanations stay reproducible.

`scoring-v2` (`PRODUCT_VERSION`, what the product uses) adds three rules to v1, which stays
loadable for old proposals and is what `load_rules()` without a version gives:
`skill.language` (known languages are language skills; the ISO 639-1 → ESCO concept map is the
data file `rules/esco-languages-v1.json`), `penalty.restriction` (a recorded restriction that
conflicts with a skill of the opportunity) and `penalty.similar_not_for_me`. A rules file
without one of these optional rules simply does not apply it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

RULES_DIR = Path(__file__).parent / "rules"
DEFAULT_VERSION = "scoring-v1"
"""What `load_rules()` gives without a version: the first published rules (the batch command
and its benchmark pin them)."""
PRODUCT_VERSION = "scoring-v2"
"""The rules the product matches with (the Django side asks for them by this name)."""

SKILL_ESSENTIAL = "skill.exact.essential"
SKILL_OPTIONAL = "skill.exact.optional"
SKILL_BROADER = "skill.broader"
SKILL_RELATED = "skill.related"
OCCUPATION_SAME = "occupation.same"
OCCUPATION_RELATED = "occupation.related"
FILTER_LANGUAGE = "filter.language"
FILTER_REGION = "filter.region"
FILTER_CONSTRAINT = "filter.constraint"
PENALTY_HOURS = "penalty.hours"
SKILL_LANGUAGE = "skill.language"
PENALTY_RESTRICTION = "penalty.restriction"
PENALTY_SIMILAR = "penalty.similar_not_for_me"

OPTIONAL_RULE_IDS: tuple[str, ...] = (SKILL_LANGUAGE, PENALTY_RESTRICTION, PENALTY_SIMILAR)
"""Rules added in scoring-v2; a file without them does not apply them (scoring-v1)."""

RULE_IDS: tuple[str, ...] = (
    SKILL_ESSENTIAL,
    SKILL_OPTIONAL,
    SKILL_BROADER,
    SKILL_RELATED,
    OCCUPATION_SAME,
    OCCUPATION_RELATED,
    FILTER_LANGUAGE,
    FILTER_REGION,
    FILTER_CONSTRAINT,
    PENALTY_HOURS,
)


class RulesError(ValueError):
    """A rules file is missing, malformed or lacks a rule id."""


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    kind: str
    value: float
    text: str = ""
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class LanguageMap:
    """ISO 639-1 code → the ESCO concepts of that language (the language and its skills)."""

    by_code: Mapping[str, frozenset[str]]
    main: Mapping[str, str]
    """code → the language concept itself (ESCO knowledge "Finnish"), what a course teaches."""
    code_of: Mapping[str, str]
    """concept URI → code."""

    @classmethod
    def empty(cls) -> LanguageMap:
        return cls({}, {}, {})


@cache
def load_language_map(name: str) -> LanguageMap:
    path = RULES_DIR / f"{name}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        by_code: dict[str, frozenset[str]] = {}
        main: dict[str, str] = {}
        for code, entry in data["languages"].items():
            main[str(code)] = str(entry["language"])
            by_code[str(code)] = frozenset([str(entry["language"]), *map(str, entry["skills"])])
    except (OSError, json.JSONDecodeError, KeyError, TypeError) as exc:
        raise RulesError(f"cannot read language map {name}: {exc}") from exc
    code_of = {uri: code for code, uris in by_code.items() for uri in uris}
    return LanguageMap(by_code, main, code_of)


@dataclass(frozen=True, slots=True)
class ScoringRules:
    version: str
    rules: Mapping[str, Rule]

    def has(self, rule_id: str) -> bool:
        return rule_id in self.rules

    def value(self, rule_id: str) -> float:
        return self.rules[rule_id].value

    def param(self, rule_id: str, name: str) -> Any:
        return self.rules[rule_id].params[name]

    # the numbers the scorers need, named
    @property
    def essential_weight(self) -> float:
        return self.value(SKILL_ESSENTIAL)

    @property
    def optional_weight(self) -> float:
        return self.value(SKILL_OPTIONAL)

    @property
    def occupation_share(self) -> float:
        return self.value(OCCUPATION_SAME)

    @property
    def skill_share(self) -> float:
        return 1.0 - self.value(OCCUPATION_SAME)

    @property
    def isco_digits(self) -> int:
        return int(self.param(OCCUPATION_RELATED, "isco_digits"))

    @property
    def shared_essential_min(self) -> float:
        return float(self.param(OCCUPATION_RELATED, "shared_essential_min"))

    def excluded_demands(self, constraints: frozenset[str]) -> frozenset[str]:
        """Physical demands ruled out by stated constraints ("no_x" also rules out "x")."""
        table: Mapping[str, list[str]] = self.param(FILTER_CONSTRAINT, "excludes")
        result: set[str] = set()
        for constraint in constraints:
            result.update(table.get(constraint, ()))
            if constraint.startswith("no_"):
                result.add(constraint[3:])
        return frozenset(result)

    # --- scoring-v2 -----------------------------------------------------------------------

    @property
    def languages(self) -> LanguageMap:
        """The language → concepts map of `skill.language` (empty without the rule)."""
        if SKILL_LANGUAGE not in self.rules:
            return LanguageMap.empty()
        return load_language_map(str(self.param(SKILL_LANGUAGE, "map")))

    def conflict_table(self) -> Mapping[str, frozenset[str]]:
        """Restriction code → the skill URIs it conflicts with (empty without the rule)."""
        if PENALTY_RESTRICTION not in self.rules:
            return {}
        table: Mapping[str, list[str]] = self.param(PENALTY_RESTRICTION, "conflicts")
        return {code: frozenset(uris) for code, uris in table.items()}

    def conflicting_skills(self, constraints: frozenset[str]) -> frozenset[str]:
        """Skills a person with `constraints` is not matched on (and not given as implied)."""
        table = self.conflict_table()
        return frozenset().union(*(table.get(c, frozenset()) for c in constraints))

    def restriction_penalty(self, constraints: frozenset[str], skills: frozenset[str]) -> float:
        """`penalty.restriction` when any of `skills` conflicts with `constraints`, else 0."""
        if not constraints or PENALTY_RESTRICTION not in self.rules:
            return 0.0
        if skills & self.conflicting_skills(constraints):
            return self.value(PENALTY_RESTRICTION)
        return 0.0

    def hours_penalty(self, wanted: float | None, offered: float | None) -> float:
        """`value × min(1, max(0, |wanted − offered| − tolerance) / scale)`, 0 if unknown."""
        if wanted is None or offered is None:
            return 0.0
        rule = self.rules[PENALTY_HOURS]
        excess = max(0.0, abs(wanted - offered) - float(rule.params["tolerance_h"]))
        return rule.value * min(1.0, excess / float(rule.params["scale_h"]))


def parse_rules(data: Mapping[str, Any]) -> ScoringRules:
    try:
        version = str(data["version"])
        rules = {
            str(item["id"]): Rule(
                id=str(item["id"]),
                kind=str(item["kind"]),
                value=float(item["value"]),
                text=str(item.get("text", "")),
                params=dict(item.get("params") or {}),
            )
            for item in data["rules"]
        }
    except (KeyError, TypeError, ValueError) as exc:
        raise RulesError(f"malformed rules: {exc}") from exc
    missing = [rule_id for rule_id in RULE_IDS if rule_id not in rules]
    if missing:
        raise RulesError(f"rules {version} lack {', '.join(missing)}")
    return ScoringRules(version=version, rules=rules)


@cache
def load_rules(version: str = DEFAULT_VERSION) -> ScoringRules:
    """Rules by version id (a file in `rules/`) or by path to a JSON file."""
    path = Path(version) if version.endswith(".json") else RULES_DIR / f"{version}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise RulesError(f"cannot read rules {version}: {exc}") from exc
    return parse_rules(data)

"""Scoring rules as versioned data with stable identifiers (`rules/scoring-v1.json`).

Every result carries `ScoringRules.version`; every part of an explanation names the rule id that
produced it. Change a weight by adding a new file (`scoring-v2.json`), never by editing a
published one, so that old explanations stay reproducible.
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
class ScoringRules:
    version: str
    rules: Mapping[str, Rule]

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

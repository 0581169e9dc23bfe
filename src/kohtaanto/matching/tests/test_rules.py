from __future__ import annotations

import json
from pathlib import Path

import pytest

from kohtaanto.matching.rules import RULE_IDS, RULES_DIR, RulesError, load_rules, parse_rules


def test_the_published_rules_have_every_id_and_a_version() -> None:
    rules = load_rules("scoring-v1")
    assert rules.version == "scoring-v1"
    assert set(RULE_IDS) <= set(rules.rules)
    assert rules.essential_weight > rules.optional_weight
    assert 0 < rules.value("skill.related") < rules.value("skill.broader") < 1
    assert rules.skill_share + rules.occupation_share == 1


def test_weights_are_dyadic_so_sums_are_exact() -> None:
    for rule in load_rules().rules.values():
        assert (rule.value * 1024).is_integer(), rule.id


def test_rules_from_a_file_and_errors(tmp_path: Path) -> None:
    data = json.loads((RULES_DIR / "scoring-v1.json").read_text())
    data["version"] = "scoring-test"
    path = tmp_path / "custom.json"
    path.write_text(json.dumps(data))
    assert load_rules(str(path)).version == "scoring-test"
    with pytest.raises(RulesError, match=r"lack filter\.region"):
        parse_rules(
            {"version": "x", "rules": [r for r in data["rules"] if "region" not in r["id"]]}
        )
    with pytest.raises(RulesError):
        load_rules("scoring-v999")
    with pytest.raises(RulesError, match="malformed"):
        parse_rules({"rules": []})


def test_hours_penalty_and_constraints() -> None:
    rules = load_rules()
    assert rules.hours_penalty(None, 37.5) == 0.0
    assert rules.hours_penalty(37.5, 35) == 0.0  # within tolerance
    assert rules.hours_penalty(20, 37.5) == 0.125 * (12.5 / 20)
    assert rules.hours_penalty(10, 60) == 0.125  # capped
    assert rules.excluded_demands(frozenset({"no_heavy_lifting", "no_standing"})) == {
        "heavy_lifting",
        "standing",
        "standing_long",
    }
    assert rules.excluded_demands(frozenset({"no_stairs"})) == {"stairs"}

"""`kohtaanto bench trials` on a small size: the JSON it promises, the indexed and the naive
check finding the same violations, and a seeded generator (the same people every run)."""

from __future__ import annotations

import json
import random
from collections import Counter

from click.testing import CliRunner

from benchmarks.trials import business_id, command, generate, indexed, naive
from kohtaanto.cli.bench import BENCHMARKS
from kohtaanto.trials.rulebook import (
    EDUCATION_TRIAL,
    WORK_TRIAL,
    load_rules,
    valid_business_id,
)


def test_small_run_prints_both_checks_with_the_same_findings() -> None:
    result = CliRunner().invoke(
        command, ["--persons", "400", "--repeat", "2", "--seed", "3", "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["benchmark"] == "trials" and data["rules"] == "tyokokeilu-2025-01"
    assert data["persons"] == data["plans"] == 400 and data["history_periods"] > 0
    fast, slow = data["indexed"], data["naive"]
    for summary in (fast, slow):
        assert 0 < summary["median_s"] <= summary["max_s"]
    assert data["results_equal"] is True
    assert fast["by_rule"] == slow["by_rule"] and fast["violations"] == slow["violations"] > 0
    assert 0 < fast["plans_with_violations"] < 400
    ratio = slow["median_s"] / fast["median_s"]  # of the rounded medians: close, not equal
    assert abs(data["ratio_naive_to_indexed"] - ratio) <= 0.05 * ratio
    assert data["within_budget"] is (fast["median_s"] <= 1.0)


def test_the_generator_is_seeded_and_realistic() -> None:
    first, again, other = generate(300, 5), generate(300, 5), generate(300, 5 + 1)
    assert first == again and first != other
    histories, plans = first
    per_person = Counter(person for person, _ in histories)
    assert max(per_person.values()) <= 6 and len(per_person) < 300  # some have no past trials
    assert {p.kind for _, p in histories} == {WORK_TRIAL, EDUCATION_TRIAL}
    kinds = {plan.organiser.kind for _, plan in plans}
    assert {"company", "municipality", "association", "workshop"} <= kinds
    assert all(p.start <= p.end for _, p in histories)
    companies = [p.organiser for _, p in plans if p.organiser.kind == "company"]
    assert sum(valid_business_id(o.business_id) for o in companies) > 0.9 * len(companies)
    assert all(valid_business_id(business_id(random.Random(n))) for n in range(50))


def test_both_checks_agree_person_by_person() -> None:
    histories, plans = generate(500, 11)
    rules = load_rules("tyokokeilu-2025-01")
    assert indexed(histories, plans, rules) == naive(histories, plans, rules)


def test_the_bench_is_registered() -> None:
    assert BENCHMARKS["trials"][0] == "trials"

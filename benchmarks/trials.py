"""`kohtaanto bench trials`: the work-trial rule book over many people at once (issue 15),
indexed vs naive, in one run.

A seeded generator makes people with 0–6 earlier trials each (mostly none or one; work trials
of 2 weeks to 6 months, some education trials of a week or two, now and then a continuation
with the same organiser or the same municipal tasks) at believable organisers: companies with
valid business IDs (kitchens, shops, warehouses, cleaning, IT support, …), municipalities
(parks, libraries, school assistants, elderly care, …), associations, foundations, state
agencies and workshops. Every person gets one new plan, most of them within the rules and
some not: too long in all or with the same organiser, 6 days a week, 3- or 9-hour days, a
private person or a company without a business ID, an education trial of three weeks.

The functions measured are the ones the product calls (`kohtaanto.trials.rulebook`):
`RuleIndex.build` over all the histories plus `check_many` over all the plans (timed together),
against the baseline `check_naive` per plan over the person's own periods (grouping the
periods by person is timed with it), median of `--repeat` runs. Both must find the same
violations (`results_equal`). Budget (issue 15): ≤ 1 s for 10,000 people.
"""

from __future__ import annotations

import json
import random
import statistics
import time
from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import click

from kohtaanto.trials.rulebook import (
    EDUCATION_TRIAL,
    WORK_TRIAL,
    Organiser,
    RuleIndex,
    RuleSet,
    TrialPeriod,
    TrialPlan,
    Violation,
    check_many,
    check_naive,
    rules_for,
)

BUDGET_S = 1.0
REFERENCE = date(2025, 9, 1)
"""The plans start in the autumn of 2025 (the rule set valid then: tyokokeilu-2025-01)."""

TASKS = {
    "company": [
        "kitchen",
        "retail",
        "warehouse",
        "cleaning",
        "customer_service",
        "it_support",
        "construction",
        "car_repair",
        "logistics",
        "office",
        "hairdressing",
        "printing",
    ],
    "municipality": [
        "parks",
        "library",
        "school_assistant",
        "elderly_care",
        "kitchen",
        "property_maintenance",
        "youth_work",
        "office",
    ],
    "association": ["second_hand_shop", "cafe", "events", "office", "sports_club"],
    "foundation": ["housing_services", "cafe", "office", "care_assistant"],
    "state_agency": ["office", "archive", "customer_service"],
    "workshop": ["carpentry", "textiles", "bicycle_repair", "media", "kitchen", "recycling"],
}
KIND_COUNTS = {
    "company": 700,
    "municipality": 20,
    "association": 90,
    "foundation": 30,
    "state_agency": 15,
    "workshop": 45,
}
KIND_WEIGHTS = {
    "company": 55,
    "municipality": 15,
    "association": 12,
    "foundation": 6,
    "state_agency": 3,
    "workshop": 9,
}
PAST_TRIALS = {0: 35, 1: 25, 2: 15, 3: 10, 4: 7, 5: 5, 6: 3}
WEIGHTS = (7, 9, 10, 5, 8, 4, 2)


def _weighted(rng: random.Random, table: dict[Any, int]) -> Any:
    return rng.choices(list(table), weights=list(table.values()))[0]


def business_id(rng: random.Random) -> str:
    """A random Finnish business ID with a right check digit."""
    while True:
        digits = f"{rng.randrange(10**6, 3 * 10**6):07d}"
        remainder = sum(int(d) * w for d, w in zip(digits, WEIGHTS, strict=True)) % 11
        if remainder != 1:
            return f"{digits}-{0 if remainder == 0 else 11 - remainder}"


def organisers(rng: random.Random) -> dict[str, list[Organiser]]:
    pool: dict[str, list[Organiser]] = {}
    for kind, count in KIND_COUNTS.items():
        pool[kind] = [
            Organiser(
                f"{kind}:{n}", kind, business_id(rng) if kind in ("company", "foundation") else ""
            )
            for n in range(count)
        ]
    return pool


def _some_organiser(rng: random.Random, pool: dict[str, list[Organiser]]) -> Organiser:
    return rng.choice(pool[_weighted(rng, KIND_WEIGHTS)])


def _months_later(day: date, months: int) -> date:
    year, month = divmod(day.month - 1 + months, 12)
    return date(day.year + year, month + 1, min(day.day, 28))


def _history(rng: random.Random, pool: dict[str, list[Organiser]]) -> list[TrialPeriod]:
    periods: list[TrialPeriod] = []
    end = REFERENCE - timedelta(days=rng.randint(1, 90))
    previous: tuple[Organiser, str] | None = None
    for _ in range(_weighted(rng, PAST_TRIALS)):
        if rng.random() < 0.08:
            organiser = _some_organiser(rng, pool)
            start = end - timedelta(days=rng.randint(4, 13))
            periods.append(
                TrialPeriod(EDUCATION_TRIAL, organiser.key, organiser.kind, "study", start, end)
            )
        else:
            if previous is not None and rng.random() < 0.3:
                organiser, tasks = previous  # a continuation at the same place
            else:
                organiser = _some_organiser(rng, pool)
                tasks = rng.choice(TASKS[organiser.kind])
            length = _weighted(rng, {14: 5, 30: 20, 60: 30, 91: 25, 122: 10, 183: 10})
            start = end - timedelta(days=length - 1)
            periods.append(
                TrialPeriod(WORK_TRIAL, organiser.key, organiser.kind, tasks, start, end)
            )
            previous = (organiser, tasks)
        end = start - timedelta(days=rng.randint(1, 200))
    return periods


def _plan(
    rng: random.Random, pool: dict[str, list[Organiser]], history: list[TrialPeriod]
) -> TrialPlan:
    start = REFERENCE + timedelta(days=rng.randint(0, 60))
    work = [p for p in history if p.kind == WORK_TRIAL]
    tasks = ""
    if work and rng.random() < 0.35:  # continue with the latest organiser
        last = work[0]
        organiser = pool[last.organiser_kind][int(last.organiser_key.rpartition(":")[2])]
        tasks = last.tasks_key if rng.random() < 0.6 else ""
    else:
        organiser = _some_organiser(rng, pool)
    roll = rng.random()
    if roll < 0.01:
        organiser = Organiser(f"person:{rng.randrange(10**6)}", "private_person")
    elif roll < 0.025 and organiser.kind == "company":
        organiser = Organiser(organiser.key, "company", "")
    tasks = tasks or rng.choice(TASKS[organiser.kind if organiser.kind in TASKS else "company"])
    if rng.random() < 0.08:
        end = start + timedelta(days=_weighted(rng, {4: 30, 9: 40, 11: 20, 20: 10}))
        return TrialPlan(EDUCATION_TRIAL, organiser, "study", start, end, 5, Decimal(6), False)
    months = _weighted(rng, {1: 20, 2: 30, 3: 25, 4: 10, 6: 10, 7: 5})
    end = _months_later(start, months) - timedelta(days=1)
    days = _weighted(rng, {5: 60, 4: 20, 3: 15, 2: 3, 6: 2})
    hours = _weighted(rng, {"6": 35, "7": 20, "8": 15, "4": 12, "5": 14, "3": 2, "9": 2})
    return TrialPlan(
        WORK_TRIAL, organiser, tasks, start, end, days, Decimal(hours), rng.random() < 0.15
    )


def generate(
    persons: int, seed: int
) -> tuple[list[tuple[str, TrialPeriod]], list[tuple[str, TrialPlan]]]:
    """`(person, period)` for every earlier trial and one `(person, plan)` per person."""
    rng = random.Random(seed)
    pool = organisers(rng)
    histories: list[tuple[str, TrialPeriod]] = []
    plans: list[tuple[str, TrialPlan]] = []
    for n in range(persons):
        person = f"p{n:05d}"
        history = _history(rng, pool)
        histories.extend((person, period) for period in history)
        plans.append((person, _plan(rng, pool, history)))
    rng.shuffle(histories)  # as rows come from a database: not grouped by person
    return histories, plans


def indexed(
    histories: list[tuple[str, TrialPeriod]], plans: list[tuple[str, TrialPlan]], rules: RuleSet
) -> list[list[Violation]]:
    return check_many(plans, RuleIndex.build(histories), rules)


def naive(
    histories: list[tuple[str, TrialPeriod]], plans: list[tuple[str, TrialPlan]], rules: RuleSet
) -> list[list[Violation]]:
    by_person: dict[str, list[TrialPeriod]] = {}
    for person, period in histories:
        by_person.setdefault(person, []).append(period)
    return [check_naive(plan, by_person.get(person, []), rules) for person, plan in plans]


Checker = Callable[
    [list[tuple[str, TrialPeriod]], list[tuple[str, TrialPlan]], RuleSet], list[list[Violation]]
]


def _timed(
    function: Checker,
    histories: list[tuple[str, TrialPeriod]],
    plans: list[tuple[str, TrialPlan]],
    rules: RuleSet,
    repeat: int,
) -> tuple[list[list[Violation]], list[float]]:
    seconds = []
    result: list[list[Violation]] = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = function(histories, plans, rules)
        seconds.append(time.perf_counter() - start)
    return result, seconds


def _summary(result: list[list[Violation]], seconds: list[float]) -> dict[str, Any]:
    by_rule = Counter(v.rule_id for found in result for v in found)
    return {
        "median_s": round(statistics.median(seconds), 4),
        "max_s": round(max(seconds), 4),
        "violations": sum(by_rule.values()),
        "plans_with_violations": sum(1 for found in result if found),
        "by_rule": dict(sorted(by_rule.items())),
    }


def run(persons: int, seed: int, repeat: int) -> dict[str, Any]:
    histories, plans = generate(persons, seed)
    rules = rules_for(REFERENCE)
    fast, fast_s = _timed(indexed, histories, plans, rules, repeat)
    slow, slow_s = _timed(naive, histories, plans, rules, repeat)
    fast_median, slow_median = statistics.median(fast_s), statistics.median(slow_s)
    equal = fast == slow
    return {
        "benchmark": "trials",
        "rules": rules.version,
        "persons": persons,
        "history_periods": len(histories),
        "plans": len(plans),
        "seed": seed,
        "repeat": repeat,
        "indexed": _summary(fast, fast_s),
        "naive": _summary(slow, slow_s),
        "ratio_naive_to_indexed": round(slow_median / fast_median, 3) if fast_median else None,
        "results_equal": equal,
        "budget_s": BUDGET_S,
        "within_budget": fast_median <= BUDGET_S and equal,
    }


@click.command("trials")
@click.option("--persons", default=10_000, show_default=True, type=click.IntRange(1))
@click.option("--seed", default=15, show_default=True, type=int)
@click.option("--repeat", default=5, show_default=True, type=click.IntRange(1))
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def command(persons: int, seed: int, repeat: int, as_json: bool) -> None:
    """Trial histories of many people checked against the rule book: indexed vs naive."""
    report = run(persons, seed, repeat)
    if as_json:
        click.echo(json.dumps(report))
        return
    for key, value in report.items():
        click.echo(f"{key}: {value}")

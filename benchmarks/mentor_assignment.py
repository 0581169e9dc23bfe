"""`kohtaanto bench mentor-assignment`: many participants assigned to volunteer mentors at once
(the coordinator's bulk proposal), optimal vs greedy, in one run.

A seeded generator makes participants and mentors with believable languages (mostly Finnish;
Arabic, Somali, Russian, Ukrainian, Persian, Estonian and English speakers with Finnish from
A1 to B1; a share of the mentors speak those languages natively), towns (the demo's Kouvola,
Kotka, Lahti, Helsinki, Tampere and a few more), remote meetings, hobby interests and skills to
learn (Feeniks-style: climbing, a band, programming, CVs, …), capacities 1–5 and roles (some
volunteers only lead groups: not eligible). Both sides go through the library's record adapters
(`need_from_record`, `mentor_from_record`), as the product's adapter does.

The functions measured are the ones the product calls: `kohtaanto.matching.mentors.assign`
(optimal; the bulk page) and `greedy_assign` (the baseline), each from the dataclasses to the
`Assignment` (the score matrix included), median of `--repeat` runs. Capacity violations are
counted from the returned pairs. Budget (issue 14): optimal ≤ 2 s and total ≥ greedy's. With
`--lp-check` (default) the LP relaxation of the same instance is solved with HiGHS as an
independent proof of optimality (`optimal_equals_lp_optimum`; not timed with the assignment).
"""

from __future__ import annotations

import json
import random
import statistics
import time
from typing import Any

import click

from kohtaanto.matching.mentors import (
    Assignment,
    MenteeNeed,
    MentorCandidate,
    assign,
    greedy_assign,
    load_mentor_rules,
    mentor_from_record,
    need_from_record,
    score_matrix,
)

BUDGET_S = 2.0
S = "http://data.europa.eu/esco/skill/bench-"
TOWNS = {"286": 30, "285": 15, "398": 20, "091": 25, "837": 15, "049": 5, "179": 5, "297": 5}
"""Municipality code → weight: Kouvola (the regional intervention), Kotka, Lahti, Helsinki,
Tampere, Espoo, Jyväskylä, Kuopio."""
OTHER_LANGUAGES = {"ar": 6, "so": 4, "ru": 5, "uk": 4, "fa": 3, "et": 3, "en": 2}
INTERESTS = [
    S + name
    for name in [
        "climbing",
        "swimming",
        "badminton",
        "football",
        "running",
        "walking",
        "cycling",
        "gym",
        "yoga",
        "dance",
        "band",
        "singing",
        "guitar",
        "drawing",
        "graphics",
        "photography",
        "video",
        "audiobooks",
        "reading",
        "writing",
        "history",
        "local-history",
        "nature",
        "fishing",
        "cooking",
        "baking",
        "gardening",
        "crafts",
        "gaming",
        "chess",
    ]
]
SKILLS = [
    S + name
    for name in [
        "python",
        "web-development",
        "sql",
        "spreadsheets",
        "cv-writing",
        "job-interview",
        "linkedin",
        "customer-service",
        "sales",
        "marketing",
        "bookkeeping",
        "entrepreneurship",
        "cooperatives",
        "finnish-conversation",
        "swedish-basics",
        "project-management",
        "social-media",
        "graphic-design",
        "video-editing",
        "first-aid",
        "forklift",
        "warehouse",
        "cleaning",
        "care-work",
        "driving-licence",
    ]
]
CAPACITIES = {1: 20, 2: 35, 3: 25, 4: 12, 5: 8}


def _weighted(rng: random.Random, table: dict[Any, int]) -> Any:
    return rng.choices(list(table), weights=list(table.values()))[0]


def _participant(rng: random.Random, n: int) -> dict[str, Any]:
    languages: dict[str, str] = {}
    preferred: list[str] = []
    roll = rng.random()
    if roll < 0.62:
        languages["fi"] = "native"
    elif roll < 0.67:
        languages["sv"] = "native"
        languages["fi"] = rng.choice(["B1", "B2", "C1"])
    else:
        own = _weighted(rng, OTHER_LANGUAGES)
        languages[own] = "native"
        languages["fi"] = rng.choice(["A1", "A1", "A2", "A2", "B1"])
        if rng.random() < 0.5:
            preferred.append(own)
    if rng.random() < 0.35 and "en" not in languages:
        languages["en"] = rng.choice(["A2", "B1", "B2", "C1"])
    return {
        "id": f"p{n:05d}",
        "languages": languages,
        "preferred_languages": preferred,
        "region": _weighted(rng, TOWNS),
        "wants_remote": rng.random() < 0.4,
        "interests": rng.sample(INTERESTS, rng.randint(1, 4)),
        "skills_to_learn": rng.sample(SKILLS, rng.randint(1, 3)),
        # never read by matching (the adapter drops them); here so that the bench is realistic
        "age": rng.randint(18, 64),
        "gender": rng.choice(["female", "male", "other"]),
    }


def _mentor(rng: random.Random, n: int) -> dict[str, Any]:
    languages: dict[str, str] = {}
    if rng.random() < 0.8:
        languages["fi"] = "native"
    else:
        languages[_weighted(rng, OTHER_LANGUAGES)] = "native"
        languages["fi"] = rng.choice(["B2", "C1", "C2"])
    if rng.random() < 0.08:
        languages["sv"] = rng.choice(["B2", "C1", "native"])
    if rng.random() < 0.6 and "en" not in languages:
        languages["en"] = rng.choice(["B1", "B2", "C1"])
    towns = {_weighted(rng, TOWNS)}
    if rng.random() < 0.3:
        towns.add(_weighted(rng, TOWNS))
    roll = rng.random()
    roles = (
        ["individual_mentor"]
        if roll < 0.6
        else ["learning_mentor"]
        if roll < 0.8
        else ["individual_mentor", "group_leader"]
        if roll < 0.92
        else ["group_leader"]
    )
    return {
        "id": f"m{n:04d}",
        "languages": languages,
        "regions": sorted(towns),
        "remote_ok": rng.random() < 0.5,
        "interests": rng.sample(INTERESTS, rng.randint(2, 5)),
        "skills": rng.sample(SKILLS, rng.randint(2, 6)),
        "capacity_left": _weighted(rng, CAPACITIES),
        "roles": roles,
        "age": rng.randint(20, 75),
        "gender": rng.choice(["female", "male", "other"]),
    }


def generate(
    participants: int, mentors: int, seed: int
) -> tuple[list[MenteeNeed], list[MentorCandidate]]:
    rng = random.Random(seed)
    needs = [need_from_record(_participant(rng, n)) for n in range(participants)]
    candidates = [mentor_from_record(_mentor(rng, n)) for n in range(mentors)]
    return needs, candidates


def capacity_violations(result: Assignment, mentors: list[MentorCandidate]) -> int:
    """Mentors given more participants than their free places, plus participants given twice."""
    free = {m.id: m.capacity_left for m in mentors}
    over = sum(1 for mentor_id, load in result.load().items() if load > free[mentor_id])
    twice = len(result.pairs) - len({p.need_id for p in result.pairs})
    return over + twice


def _timed(
    function: Any, needs: list[MenteeNeed], mentors: list[MentorCandidate], repeat: int
) -> tuple[Assignment, list[float]]:
    seconds = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function(needs, mentors)
        seconds.append(time.perf_counter() - start)
    assert result is not None
    return result, seconds


def _summary(
    result: Assignment, seconds: list[float], mentors: list[MentorCandidate]
) -> dict[str, Any]:
    return {
        "median_s": round(statistics.median(seconds), 4),
        "max_s": round(max(seconds), 4),
        "total_score": result.total,
        "assigned": len(result.pairs),
        "unassigned": len(result.unassigned),
        "mentors_used": len(result.load()),
        "capacity_violations": capacity_violations(result, mentors),
    }


def lp_optimum(matrix: Any, mentors: list[MentorCandidate]) -> float:
    """The optimum of the LP relaxation (HiGHS) over the eligible pairs: each participant at
    most once, each mentor at most their free places. The constraint matrix of a bipartite
    b-matching is totally unimodular, so this is the true optimum: an independent check that
    `assign` is optimal on the benchmark's own instance."""
    import numpy as np
    from scipy.optimize import linprog
    from scipy.sparse import coo_matrix

    rows, cols = np.nonzero(matrix > 0)
    values = matrix[rows, cols]
    count, (n, m) = len(values), matrix.shape
    if not count:
        return 0.0
    constraints = coo_matrix(
        (
            np.ones(2 * count),
            (np.concatenate([rows, n + cols]), np.concatenate([np.arange(count)] * 2)),
        ),
        shape=(n + m, count),
    ).tocsr()
    bounds = np.concatenate([np.ones(n), [max(0, x.capacity_left) for x in mentors]])
    result = linprog(-values, A_ub=constraints, b_ub=bounds, bounds=(0, 1), method="highs")
    if result.status != 0:
        raise click.ClickException(f"the LP check failed: {result.message}")
    return float(-result.fun)


def run(
    participants: int, mentors: int, seed: int, repeat: int, lp_check: bool = True
) -> dict[str, Any]:
    needs, candidates = generate(participants, mentors, seed)
    matrix = score_matrix(needs, candidates)
    optimal, optimal_s = _timed(assign, needs, candidates, repeat)
    greedy, greedy_s = _timed(greedy_assign, needs, candidates, repeat)
    places = sum(m.capacity_left for m in candidates)
    eligible_pairs = int((matrix > 0).sum())
    report = {
        "benchmark": "mentor-assignment",
        "rules": load_mentor_rules().version,
        "participants": participants,
        "mentors": mentors,
        "mentor_places": places,
        "participants_with_an_eligible_mentor": int((matrix > 0).any(axis=1).sum()),
        "eligible_pairs": eligible_pairs,
        "seed": seed,
        "repeat": repeat,
        "optimal": _summary(optimal, optimal_s, candidates),
        "greedy": _summary(greedy, greedy_s, candidates),
        "ratio_total_optimal_to_greedy": round(optimal.total / greedy.total, 4)
        if greedy.total
        else None,
        "budget_s": BUDGET_S,
    }
    if lp_check:
        start = time.perf_counter()
        bound = lp_optimum(matrix, candidates)
        report["lp_optimum"] = round(bound, 6)
        report["optimal_equals_lp_optimum"] = abs(bound - optimal.total) <= 1e-6
        report["lp_seconds"] = round(time.perf_counter() - start, 3)
    report["within_budget"] = (
        statistics.median(optimal_s) <= BUDGET_S
        and optimal.total >= greedy.total
        and capacity_violations(optimal, candidates) == 0
    )
    return report


@click.command("mentor-assignment")
@click.option("--participants", default=2000, show_default=True, type=click.IntRange(1))
@click.option("--mentors", default=300, show_default=True, type=click.IntRange(1))
@click.option("--seed", default=14, show_default=True, type=int)
@click.option("--repeat", default=5, show_default=True, type=click.IntRange(1))
@click.option(
    "--lp-check/--no-lp-check",
    default=True,
    show_default=True,
    help="Also solve the LP relaxation (HiGHS) and compare its optimum.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def command(
    participants: int, mentors: int, seed: int, repeat: int, lp_check: bool, as_json: bool
) -> None:
    """Participants × mentors with capacities: the optimal assignment vs greedy, same run."""
    report = run(participants, mentors, seed, repeat, lp_check)
    if as_json:
        click.echo(json.dumps(report))
        return
    for key, value in report.items():
        click.echo(f"{key}: {value}")

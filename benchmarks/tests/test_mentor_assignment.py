"""`kohtaanto bench mentor-assignment` on a small size: the JSON it promises, a valid optimal
assignment at least as good as greedy, and a seeded generator (the same people every run)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from benchmarks.mentor_assignment import capacity_violations, command, generate
from kohtaanto.matching.mentors import Assignment, Pair, assign, greedy_assign


def run(*args: str) -> dict[str, object]:
    result = CliRunner().invoke(command, [*args, "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads(result.stdout)
    return data


def test_small_run_prints_both_assignments_and_the_ratio() -> None:
    data = run("--participants", "150", "--mentors", "25", "--repeat", "2", "--seed", "3")
    assert data["participants"] == 150 and data["mentors"] == 25 and data["rules"] == "mentor-v1"
    optimal, greedy = data["optimal"], data["greedy"]
    assert isinstance(optimal, dict) and isinstance(greedy, dict)
    for summary in (optimal, greedy):
        assert 0 < summary["median_s"] <= summary["max_s"]
        assert summary["capacity_violations"] == 0
        assert 0 < summary["assigned"] <= min(150, int(data["mentor_places"]))  # type: ignore[call-overload]
        assert summary["assigned"] + summary["unassigned"] == 150
    assert optimal["total_score"] >= greedy["total_score"] > 0
    assert data["ratio_total_optimal_to_greedy"] == round(
        optimal["total_score"] / greedy["total_score"], 4
    )
    assert data["within_budget"] is True
    assert data["optimal_equals_lp_optimum"] is True
    assert data["lp_optimum"] == optimal["total_score"]


def test_the_generator_is_seeded_and_the_bench_measures_the_product_functions() -> None:
    first, again, other = generate(60, 12, 5), generate(60, 12, 5), generate(60, 12, 6)
    assert first == again and first != other
    needs, mentors = first
    assert {lang for n in needs for lang in n.languages} > {"fi"}
    assert any(
        not m.roles & {"individual_mentor", "learning_mentor"} for m in generate(60, 60, 5)[1]
    )
    optimal = assign(needs, mentors)
    assert optimal.total >= greedy_assign(needs, mentors).total
    assert capacity_violations(optimal, mentors) == 0


def test_capacity_violations_are_counted() -> None:
    _, mentors = generate(3, 1, 1)
    mentor = mentors[0]
    over = [Pair(f"p{n}", mentor.id, 1.0) for n in range(mentor.capacity_left + 1)]
    bad = Assignment(tuple(over), (), 1.0, "optimal", "mentor-v1")
    assert capacity_violations(bad, mentors) == 1
    twice = Assignment((Pair("p1", mentor.id, 1.0),) * 2, (), 2.0, "greedy", "mentor-v1")
    assert capacity_violations(twice, mentors) == (1 if mentor.capacity_left < 2 else 0) + 1

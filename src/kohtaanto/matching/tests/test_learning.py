"""Learning paths: exact search against brute force, greedy against exact."""

from __future__ import annotations

from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from kohtaanto.matching.learning import cost_key, learning_path
from kohtaanto.matching.model import Course

SKILLS = [f"s{i}" for i in range(8)]


def test_cheapest_cover_and_what_stays_uncovered() -> None:
    courses = [
        Course("big", frozenset({"a", "b", "c"}), cost_eur=300, hours=40),
        Course("a", frozenset({"a"}), cost_eur=50, hours=5),
        Course("bc", frozenset({"b", "c"}), cost_eur=100, hours=10),
        Course("free-c", frozenset({"c"}), cost_eur=0, hours=3),
        Course("unrelated", frozenset({"z"}), cost_eur=0),
    ]
    path = learning_path(["a", "b", "c", "welding"], courses)
    assert path.method == "exact"
    assert [c.id for c in path.courses] == ["a", "bc"]
    assert path.covers == {"a": ("a",), "bc": ("b", "c")}
    assert path.uncovered == ("welding",)
    assert path.cost_eur == 150 and path.hours == 15


def test_nothing_to_learn_or_no_course() -> None:
    assert learning_path([], [Course("a", frozenset({"a"}))]).courses == ()
    none = learning_path(["x"], [Course("a", frozenset({"a"}))])
    assert none.method == "none" and none.uncovered == ("x",)


def test_free_course_preferred_then_fewer_courses() -> None:
    courses = [
        Course("one", frozenset({"a", "b"}), cost_eur=0, hours=10),
        Course("x", frozenset({"a"}), cost_eur=0, hours=1),
        Course("y", frozenset({"b"}), cost_eur=0, hours=1),
    ]
    assert [c.id for c in learning_path(["a", "b"], courses).courses] == ["one"]


courses_strategy = st.lists(
    st.builds(
        Course,
        id=st.text("abcdefgh", min_size=1, max_size=3),
        skills=st.frozensets(st.sampled_from(SKILLS), min_size=1, max_size=4),
        cost_eur=st.integers(0, 500).map(float),
        hours=st.integers(0, 40).map(float),
    ),
    max_size=9,
    unique_by=lambda c: c.id,
)


def brute_force(
    need: frozenset[str], courses: list[Course]
) -> tuple[float, int, float, tuple[str, ...]] | None:
    best = None
    for size in range(len(courses) + 1):
        for chosen in combinations(courses, size):
            covered = frozenset().union(*(c.skills for c in chosen))
            if need <= covered:
                key = cost_key(chosen)
                best = key if best is None or key < best else best
    return best


@settings(max_examples=200, deadline=None)
@given(st.frozensets(st.sampled_from(SKILLS), max_size=6), courses_strategy)
def test_exact_matches_brute_force_and_greedy_is_never_cheaper(
    missing: frozenset[str], courses: list[Course]
) -> None:
    exact = learning_path(missing, courses)
    greedy = learning_path(missing, courses, exact_limit=0)
    teachable = missing - set(exact.uncovered)
    assert teachable <= frozenset().union(*(c.skills for c in exact.courses))
    assert set(exact.uncovered) == set(greedy.uncovered)
    assert teachable <= frozenset().union(*(c.skills for c in greedy.courses))
    truth = brute_force(teachable, [c for c in courses if c.skills & teachable])
    assert truth is not None
    assert cost_key(exact.courses) == truth
    assert cost_key(greedy.courses)[:2] >= truth[:2]
    if teachable and len([c for c in courses if c.skills & teachable]) > 0:
        assert greedy.method == "greedy"

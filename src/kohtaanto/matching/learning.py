"""Learning paths: the cheapest, smallest set of courses that teaches the missing skills.

A weighted set cover. Cost is compared as (euros, number of courses, hours, course ids), so a
free course wins, then fewer courses, then a shorter path, then a stable order. Up to
`exact_limit` candidate courses (those teaching at least one missing skill) the answer is exact
(branch and bound on the uncovered skill with the fewest courses); above it, greedy by cost per
newly covered skill, then redundant courses are dropped (an H(n)-approximation).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from kohtaanto.matching.model import Course

CostKey = tuple[float, int, float, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class LearningPath:
    courses: tuple[Course, ...]
    covers: Mapping[str, tuple[str, ...]]
    """course id → the missing skills it teaches."""
    uncovered: tuple[str, ...]
    """Missing skills that no course teaches."""
    method: str
    """"exact", "greedy" or "none"."""

    @property
    def cost_eur(self) -> float:
        return sum(c.cost_eur for c in self.courses)

    @property
    def hours(self) -> float:
        return sum(c.hours for c in self.courses)


def cost_key(courses: Iterable[Course]) -> CostKey:
    chosen = sorted(courses, key=lambda c: c.id)
    return (
        sum(c.cost_eur for c in chosen),
        len(chosen),
        sum(c.hours for c in chosen),
        tuple(c.id for c in chosen),
    )


def _exact(need: frozenset[str], options: list[Course]) -> list[Course]:
    teachers = {s: [c for c in options if s in c.skills] for s in need}
    best: list[list[Course]] = []
    best_key: list[CostKey] = []

    def search(left: frozenset[str], chosen: list[Course]) -> None:
        key = cost_key(chosen)
        if best_key and key >= best_key[0]:
            return
        if not left:
            best[:] = [list(chosen)]
            best_key[:] = [key]
            return
        skill = min(left, key=lambda s: (len(teachers[s]), s))
        for course in teachers[skill]:
            chosen.append(course)
            search(left - course.skills, chosen)
            chosen.pop()

    search(need, [])
    return best[0] if best else []


def _greedy(need: frozenset[str], options: list[Course]) -> list[Course]:
    left, chosen = set(need), []
    while left:
        course = min(
            (c for c in options if c.skills & left),
            key=lambda c: (
                c.cost_eur / len(c.skills & left),
                -len(c.skills & left),
                c.hours,
                c.id,
            ),
        )
        chosen.append(course)
        left -= course.skills
    for course in sorted(chosen, key=lambda c: (-c.cost_eur, -c.hours, c.id)):
        rest = [c for c in chosen if c is not course]
        if need <= frozenset().union(*(c.skills for c in rest)):
            chosen = rest
    return chosen


def learning_path(
    missing: Iterable[str], courses: Iterable[Course], exact_limit: int = 20
) -> LearningPath:
    """Courses that cover `missing` at the lowest cost; exact up to `exact_limit` candidates."""
    wanted = frozenset(missing)
    options = sorted(
        (c for c in courses if c.skills & wanted), key=lambda c: (c.cost_eur, c.hours, c.id)
    )
    teachable = wanted & frozenset().union(*(c.skills for c in options))
    uncovered = tuple(sorted(wanted - teachable))
    if not teachable:
        return LearningPath((), {}, uncovered, "none")
    exact = len(options) <= exact_limit
    chosen = _exact(teachable, options) if exact else _greedy(teachable, options)
    chosen.sort(key=lambda c: c.id)
    covers = {c.id: tuple(sorted(c.skills & wanted)) for c in chosen}
    return LearningPath(tuple(chosen), covers, uncovered, "exact" if exact else "greedy")

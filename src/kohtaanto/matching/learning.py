"""Learning paths: the cheapest, smallest set of courses that teaches the missing skills.

A weighted set cover. Cost is compared as (euros, number of courses, hours, course ids), so a
free course wins, then fewer courses, then a shorter path, then a stable order. Up to
`exact_limit` candidate courses (those teaching at least one missing skill) the answer is exact
(branch and bound on the uncovered skill with the fewest courses); above it, greedy by cost per
newly covered skill, then redundant courses are dropped (an H(n)-approximation).

Languages (`gaps`, scoring-v2): a language asked for above the person's level, or a missing
skill of a language they do not know, is closed by one language course per language, chosen
before the set cover: a course that teaches one of the language's concepts and, when it states
its level (`Course.levels`), leads above what the person knows — the course at the asked level
first (the lowest such level), then courses that do not state a level, then lower steps; then
by euros, hours and id. A native speaker has no gap, so is never offered a beginners' course.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from kohtaanto.matching.explanation import LanguageGap
from kohtaanto.matching.model import Course, level_rank
from kohtaanto.matching.rules import LanguageMap

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
    language: Mapping[str, str] = field(default_factory=dict)
    """course id → the ISO 639-1 code of the language gap it closes."""

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


def _language_key(course: Course, code: str, gap: LanguageGap) -> tuple[object, ...] | None:
    level = course.levels.get(code)
    target = level_rank(gap.required) or 1
    if level is None:
        return (1, 0, course.cost_eur, course.hours, course.id)
    rank = level_rank(level)
    if rank <= level_rank(gap.known):
        return None  # teaches what the person already knows
    group = 0 if rank >= target else 2
    return (group, abs(rank - target), course.cost_eur, course.hours, course.id)


def language_course(
    gap: LanguageGap, courses: Iterable[Course], languages: LanguageMap
) -> Course | None:
    """The course that best closes a language gap (see the module docstring), or None."""
    concepts = languages.by_code.get(gap.language, frozenset())
    best: tuple[tuple[object, ...], Course] | None = None
    for course in courses:
        if not course.skills & concepts:
            continue
        key = _language_key(course, gap.language, gap)
        if key is not None and (best is None or key < best[0]):
            best = (key, course)
    return best[1] if best else None


def _gaps(
    wanted: frozenset[str], gaps: Iterable[LanguageGap], languages: LanguageMap
) -> list[LanguageGap]:
    """The given gaps plus one per other language with missing skills (known: not at all)."""
    found = {gap.language: gap for gap in gaps}
    for uri in sorted(wanted):
        code = languages.code_of.get(uri)
        if code is not None and code not in found:
            found[code] = LanguageGap(code, "A1", None)
    return [found[code] for code in sorted(found)]


def learning_path(
    missing: Iterable[str],
    courses: Iterable[Course],
    exact_limit: int = 20,
    *,
    gaps: Iterable[LanguageGap] = (),
    languages: LanguageMap | None = None,
) -> LearningPath:
    """Courses that cover `missing` at the lowest cost; exact up to `exact_limit` candidates.

    With `languages` (the rules' language map), language gaps and missing language skills are
    closed by one course per language first (see the module docstring)."""
    wanted = frozenset(missing)
    catalogue = list(courses)
    if languages is None or not languages.by_code:
        return _cover(wanted, catalogue, exact_limit)
    chosen: dict[str, Course] = {}
    closes: dict[str, str] = {}
    covers: dict[str, set[str]] = {}
    unclosed: list[str] = []
    for gap in _gaps(wanted, gaps, languages):
        concepts = languages.by_code.get(gap.language, frozenset())
        need = (wanted & concepts) or {languages.main.get(gap.language, gap.language)}
        wanted -= concepts
        course = language_course(gap, catalogue, languages)
        if course is None:
            unclosed.extend(sorted(need))
            continue
        chosen[course.id] = course
        closes[course.id] = gap.language
        covers.setdefault(course.id, set()).update(need)
    rest = _cover(wanted, catalogue, exact_limit)
    if not chosen and not unclosed:
        return rest
    for course in rest.courses:
        chosen.setdefault(course.id, course)
        covers.setdefault(course.id, set()).update(rest.covers.get(course.id, ()))
    method = rest.method if rest.method != "none" else ("exact" if chosen else "none")
    return replace(
        rest,
        courses=tuple(chosen[i] for i in sorted(chosen)),
        covers={i: tuple(sorted(covers[i])) for i in sorted(covers)},
        uncovered=tuple(sorted({*rest.uncovered, *unclosed})),
        method=method,
        language=closes,
    )


def _cover(wanted: frozenset[str], courses: list[Course], exact_limit: int) -> LearningPath:
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

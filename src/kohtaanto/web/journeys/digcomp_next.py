""" "What next" after a DigComp self-assessment: the courses that raise each area.

How courses are linked to DigComp: a course's skills (`opportunities.CourseSkill`) hold
concept URIs; the DigComp 2.2 competences and areas are concepts of the vocabulary with the
collection "digcomp" and a code ("2.3" is competence 3 of area 2, "2" the area itself). A
course raises area N when one of its skills is a DigComp concept whose code is N or starts with
"N.". Courses come from the participant's service organisation and the shared catalogue
(`matches.suggestions.courses_for`), so the coach and the participant see the same ones.

For each area below the advanced level (`rules.DigCompProficiency.rank`), at most `PER_AREA`
courses, those covering most of the area's competences first, then the shortest.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from kohtaanto.journeys import rules
from kohtaanto.people.models import Participant

PER_AREA = 3
RAISE_BELOW = rules.PROFICIENCY_BANDS.index("advanced")
"""Areas at a lower level than this get courses."""


@dataclass(frozen=True)
class AreaCourse:
    course: Any
    """An `opportunities.Course`."""
    competences: tuple[str, ...]
    """The area's DigComp competences ("2.3") the course teaches; () for the area as a whole."""


@cache
def _area_uris() -> dict[str, str]:
    """DigComp concept URI → its area id, from the loaded vocabulary."""
    from kohtaanto.vocabularies import provider

    found: dict[str, str] = {}
    for concept in provider.get_taxonomy():
        if "digcomp" in concept.collections and concept.code:
            found[concept.uri] = str(concept.code).split(".")[0]
    return found


def _competence(uri: str) -> str:
    from kohtaanto.vocabularies import provider

    concept = provider.get_taxonomy().get(uri)
    return str(concept.code) if concept is not None and "." in str(concept.code or "") else ""


def courses_by_area(participant: Participant, areas: Iterable[str]) -> dict[str, list[AreaCourse]]:
    """Area id → the courses that raise it (see the module docstring), for `areas`."""
    from kohtaanto.matches.suggestions import courses_for

    wanted = set(areas)
    uris = {uri: area for uri, area in _area_uris().items() if area in wanted}
    if not uris:
        return {}
    courses = (
        courses_for(participant.organisation_id)
        .filter(skills__uri__in=list(uris))
        .prefetch_related("skills")
        .distinct()
        .order_by("hours", "title", "id")
    )
    found: dict[str, list[AreaCourse]] = defaultdict(list)
    for course in courses:
        taught: dict[str, set[str]] = defaultdict(set)
        for skill in course.skills.all():
            area = uris.get(skill.uri)
            if area is not None:
                code = _competence(skill.uri)
                taught[area].update([code] if code else [])
        for area, codes in taught.items():
            found[area].append(AreaCourse(course, tuple(sorted(codes))))
    return {
        area: sorted(hits, key=lambda h: -len(h.competences))[:PER_AREA]
        for area, hits in found.items()
    }

"""ORM rows → the plain dataclasses of `kohtaanto.matching` (1:1; no other field is read)."""

from __future__ import annotations

from kohtaanto.matching.model import Course as MatchingCourse
from kohtaanto.matching.model import Opportunity as MatchingOpportunity
from kohtaanto.matching.model import OpportunityKind, Remote
from kohtaanto.opportunities.enums import SkillImportance
from kohtaanto.opportunities.models import Course, Opportunity


def to_matching_opportunity(opportunity: Opportunity) -> MatchingOpportunity:
    """Prefetch `skills` when converting many (`selectors.opportunities_for_matching`)."""
    required: set[str] = set()
    nice: set[str] = set()
    for skill in opportunity.skills.all():
        if skill.importance == SkillImportance.REQUIRED:
            required.add(skill.uri)
        elif skill.importance == SkillImportance.NICE_TO_HAVE:
            nice.add(skill.uri)
    return MatchingOpportunity(
        id=str(opportunity.pk),
        kind=OpportunityKind(opportunity.kind),
        required_skills=frozenset(required),
        nice_to_have_skills=frozenset(nice - required),
        occupation=opportunity.occupation_uri or None,
        languages_required=dict(opportunity.languages or {}),
        municipality=opportunity.municipality_code or None,
        region=opportunity.region_code or None,
        remote=Remote(opportunity.remote),
        hours=float(opportunity.hours_per_week) if opportunity.hours_per_week is not None else None,
        physical_demands=frozenset(opportunity.physical_demands or ()),
    )


def to_matching_course(course: Course) -> MatchingCourse:
    """Prefetch `skills` when converting many."""
    return MatchingCourse(
        id=str(course.pk),
        skills=frozenset(s.uri for s in course.skills.all()),
        cost_eur=float(course.cost_eur),
        hours=float(course.hours),
        format=str(course.format),
        language=course.language,
    )

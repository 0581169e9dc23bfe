"""Suggestions for a participant: the top open opportunities of their service organisation,
explained, each with a learning path for the missing essential skills.

- `suggestions_for(participant)`: what "Jobs and courses for me" and the coach's view of it
  show; `matcher()`: the scorer under the current rules and the loaded skill graph.

Matching never runs without the matching consent (see `adapters.profile_of`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from kohtaanto.matches import adapters
from kohtaanto.matching.explanation import Explanation
from kohtaanto.matching.learning import LearningPath, learning_path
from kohtaanto.matching.rules import load_rules
from kohtaanto.matching.score import Matcher
from kohtaanto.opportunities.enums import OpportunityStatus
from kohtaanto.opportunities.models import Course, Opportunity
from kohtaanto.people.models import Participant

DEFAULT_K = 10


def matcher() -> Matcher:
    rules = load_rules()
    return Matcher(rules, adapters.skill_graph(rules))


def open_opportunities(organisation_id: int) -> QuerySet[Opportunity]:
    return (
        Opportunity.objects.filter(organisation_id=organisation_id, status=OpportunityStatus.OPEN)
        .select_related("employer")
        .prefetch_related("skills")
    )


def courses_for(organisation_id: int) -> QuerySet[Course]:
    return Course.objects.filter(Q(organisation__isnull=True) | Q(organisation_id=organisation_id))


# --- suggestions for a participant ----------------------------------------------------------


@dataclass(frozen=True)
class Suggestion:
    opportunity: Opportunity
    explanation: Explanation
    path: LearningPath


@dataclass(frozen=True)
class Suggestions:
    consented: bool
    """False: no matching consent, so nothing was computed."""
    items: tuple[Suggestion, ...] = ()
    considered: int = 0
    """Open opportunities looked at (after the user's filters)."""
    ruled_out: dict[str, int] = field(default_factory=dict)
    """Filter rule id → how many opportunities it ruled out (language, region, constraint)."""
    kinds: tuple[str, ...] = ()
    """The opportunity types the user chose (empty: all)."""
    courses: dict[str, Course] = field(default_factory=dict)


def suggestions_for(
    participant: Participant, *, kinds: Iterable[str] = (), k: int = DEFAULT_K
) -> Suggestions:
    """Top-k open opportunities of the participant's organisation, explained.

    The caller has loaded `participant` through the access helpers (which audit the view).
    """
    profile = adapters.profile_of(participant)
    chosen = tuple(sorted(set(kinds)))
    if profile is None:
        return Suggestions(consented=False, kinds=chosen)
    rows = open_opportunities(participant.organisation_id)
    if chosen:
        rows = rows.filter(kind__in=chosen)
    by_id = {str(row.pk): row for row in rows}
    scorer = matcher()
    explained = [scorer.explain(profile, adapters.opportunity_of(row)) for row in by_id.values()]
    ruled_out: Counter[str] = Counter()
    for explanation in explained:
        for check in explanation.checks:
            if not check.passed:
                ruled_out[check.rule_id] += 1
    eligible = sorted(
        (e for e in explained if e.eligible), key=lambda e: (-e.score, int(e.opportunity_id))
    )[:k]
    course_rows = {str(c.pk): c for c in courses_for(participant.organisation_id)}
    catalogue = adapters.courses(courses_for(participant.organisation_id))
    items = tuple(
        Suggestion(by_id[e.opportunity_id], e, learning_path(e.missing_essential, catalogue))
        for e in eligible
    )
    return Suggestions(True, items, len(by_id), dict(ruled_out), chosen, course_rows)

"""Suggestions for a participant: the top open opportunities of their service organisation,
explained, each with a learning path for the missing essential skills and language gaps; the
near-misses the filters left out; and what the person's "not for me" answers changed.

- `suggestions_for(participant)`: what "Jobs and courses for me" and the coach's view of it
  show; `matcher()`: the scorer under the current rules and the loaded skill graph.
- Near-misses (`Suggestions.near_misses`): opportunities that fit by skills but fail
  `filter.language` and/or `filter.region`: "you would fit if …" with what closes it (a language
  course at the asked level from the learning path, or a wider area / the opportunity's area).
  Those that fail `filter.constraint` (a limit on work the person recorded) are
  `Suggestions.restricted_misses`, for the coach's view only (RESTRICTED).
- "Not for me" (`matches.interests.not_for_me_of`): the opportunities the person answered are
  left out (`Suggestions.not_for_me`, shown in a quiet note with a way to see them), and
  similar ones are lowered by `penalty.similar_not_for_me` (`matching.score.lower_similar`).

Matching never runs without the matching consent (see `adapters.profile_of`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from kohtaanto.matches import adapters
from kohtaanto.matches.interests import not_for_me_of
from kohtaanto.matching.explanation import Explanation
from kohtaanto.matching.learning import LearningPath, learning_path
from kohtaanto.matching.model import Course as MatchingCourse
from kohtaanto.matching.model import Opportunity as MatchingOpportunity
from kohtaanto.matching.model import Profile
from kohtaanto.matching.rules import (
    FILTER_CONSTRAINT,
    FILTER_LANGUAGE,
    FILTER_REGION,
    PENALTY_SIMILAR,
    PRODUCT_VERSION,
    load_rules,
)
from kohtaanto.matching.score import Matcher, lower_similar, similar
from kohtaanto.opportunities.enums import OpportunityStatus
from kohtaanto.opportunities.models import Course, Opportunity
from kohtaanto.people.models import Participant

DEFAULT_K = 10
NEAR_MISS_K = 5
"""At most this many near-misses (and as many restricted ones for the coach)."""
CLOSABLE = frozenset({FILTER_LANGUAGE, FILTER_REGION})
"""Filters a near-miss may fail: a course or a wider area can close them."""


def matcher() -> Matcher:
    """The scorer of the product: `PRODUCT_VERSION` of the rules, the loaded skill graph."""
    rules = load_rules(PRODUCT_VERSION)
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
class NearMiss:
    """An opportunity the filters left out that fits by skills: "you would fit if …"."""

    opportunity: Opportunity
    explanation: Explanation
    path: LearningPath
    """Includes the language course that closes each language gap (`path.language`)."""
    reasons: tuple[str, ...]
    """The failed filters' rule ids (`filter.language`, `filter.region`, `filter.constraint`)."""


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
    """The rows (with their skills) of the courses the learning paths name, by id."""
    near_misses: tuple[NearMiss, ...] = ()
    """Left out only by the language and/or region filters, best first."""
    restricted_misses: tuple[NearMiss, ...] = ()
    """Left out (also) by a recorded limit on work: for the coach only, never employers."""
    not_for_me: tuple[Opportunity, ...] = ()
    """Open opportunities the person said are not for them: left out of the list."""
    lowered: int = 0
    """How many of those considered were lowered as similar to a "not for me" answer."""


def _key(explanation: Explanation) -> tuple[float, int]:
    return (-explanation.score, int(explanation.opportunity_id))


def _path(
    explanation: Explanation, catalogue: list[MatchingCourse], scorer: Matcher
) -> LearningPath:
    conflicting = {c.skill for c in explanation.conflicts}  # never "learn heavy lifting"
    return learning_path(
        [uri for uri in explanation.missing_essential if uri not in conflicting],
        catalogue,
        gaps=explanation.language_gaps,
        languages=scorer.rules.languages,
    )


def _catalogue(organisation_id: int) -> list[MatchingCourse]:
    """The organisation's course catalogue in matching form (two queries, no rows)."""
    return adapters.courses(courses_for(organisation_id))


def _course_rows(organisation_id: int, paths: Iterable[LearningPath]) -> dict[str, Course]:
    """The course rows the learning paths name (with their skills), by id."""
    ids = sorted({int(course.id) for path in paths for course in path.courses})
    if not ids:
        return {}
    rows = courses_for(organisation_id).filter(pk__in=ids).prefetch_related("skills")
    return {str(row.pk): row for row in rows}


@dataclass(frozen=True)
class _Ranking:
    """Every open opportunity scored for one participant (what both `suggestions_for` and
    `suggested_ids` start from)."""

    profile: Profile
    scorer: Matcher
    converted: dict[str, MatchingOpportunity]
    refused_ids: set[str]
    refused: list[MatchingOpportunity]
    scored: list[tuple[float, int, str, tuple[str, ...]]]
    """(-score, id, key, failed filters), best first; only scores above 0."""
    ruled_out: Counter[str]
    lowered: int

    def eligible_keys(self, k: int) -> list[str]:
        return [key for _s, _i, key, failed in self.scored if not failed][:k]


def _rank(participant: Participant, chosen: tuple[str, ...], limits: bool) -> _Ranking | None:
    profile = adapters.profile_of(participant, limits=limits)
    if profile is None:
        return None
    rows = Opportunity.objects.filter(
        organisation_id=participant.organisation_id, status=OpportunityStatus.OPEN
    )
    if chosen:
        rows = rows.filter(kind__in=chosen)
    refused_ids = {
        str(answer.opportunity_id)
        for answer in not_for_me_of(participant.pk)
        if answer.opportunity_id is not None
    }
    scorer = matcher()
    converted = adapters.opportunities_by_id(rows)
    refused = [converted[key] for key in sorted(refused_ids) if key in converted]
    # Scores and failed filters for every opportunity, without explanation objects (the same
    # bits as `explain`); explanations only for those the page shows.
    scored: list[tuple[float, int, str, tuple[str, ...]]] = []
    ruled_out: Counter[str] = Counter()
    lowered = 0
    similar_amount = scorer.rules.value(PENALTY_SIMILAR) if refused else 0.0
    for key, opportunity in converted.items():
        if key in refused_ids:
            continue
        failed = tuple(c.rule_id for c in scorer.checks(profile, opportunity) if not c.passed)
        ruled_out.update(failed)
        like = refused and any(similar(opportunity, r, scorer.rules) for r in refused)
        lowered += bool(like)
        if not scorer.may_score(profile, opportunity):
            continue  # score 0 for sure: neither listed nor a near-miss
        score = scorer.score(profile, opportunity)
        if like:
            score = max(0.0, score - similar_amount)  # as `lower_similar` does
        if score > 0:
            scored.append((-score, int(key), key, failed))
    scored.sort()
    return _Ranking(profile, scorer, converted, refused_ids, refused, scored, ruled_out, lowered)


def suggested_ids(participant: Participant, *, k: int = DEFAULT_K) -> list[int] | None:
    """The ids of the opportunities `suggestions_for(participant)` lists, best first, without
    building explanations, learning paths or rows (the home page's count of what waits for
    an answer); None without the matching consent. Same caller contract as `suggestions_for`
    (the person themselves: `limits` hold)."""
    ranking = _rank(participant, (), limits=True)
    if ranking is None:
        return None
    return [int(key) for key in ranking.eligible_keys(k)]


def suggestions_for(
    participant: Participant,
    *,
    kinds: Iterable[str] = (),
    k: int = DEFAULT_K,
    limits: bool = True,
) -> Suggestions:
    """Top-k open opportunities of the participant's organisation, explained, with near-misses.

    The caller has loaded `participant` through the access helpers (which audit the view).
    `limits`: may the reader see the person's limits on work (`people.access.
    may_see_restricted`: the person and their own coaches)? Otherwise the list is computed
    without them, so that not even a lowered score or a missing job reveals them.
    """
    chosen = tuple(sorted(set(kinds)))
    ranking = _rank(participant, chosen, limits)
    if ranking is None:
        return Suggestions(consented=False, kinds=chosen)
    profile, scorer, converted = ranking.profile, ranking.scorer, ranking.converted
    refused_ids, refused, scored = ranking.refused_ids, ranking.refused, ranking.scored

    def explained(keys: list[str]) -> list[Explanation]:
        found = []
        for key in keys:
            explanation = scorer.explain(profile, converted[key])
            if refused:
                explanation = lower_similar(explanation, converted[key], refused, scorer.rules)
            found.append(explanation)
        return found

    eligible = explained(ranking.eligible_keys(k))
    near = explained(
        [key for _s, _i, key, failed in scored if failed and set(failed) <= CLOSABLE][:NEAR_MISS_K]
    )
    restricted = explained(
        [key for _s, _i, key, failed in scored if FILTER_CONSTRAINT in failed][:NEAR_MISS_K]
    )
    shown = {e.opportunity_id for e in (*eligible, *near, *restricted)} | refused_ids
    by_id = {
        str(row.pk): row
        for row in open_opportunities(participant.organisation_id).filter(
            pk__in=[int(key) for key in shown if key in converted]
        )
    }
    catalogue = _catalogue(participant.organisation_id) if shown else []
    items = tuple(
        Suggestion(by_id[e.opportunity_id], e, _path(e, catalogue, scorer)) for e in eligible
    )

    def misses(found: list[Explanation]) -> tuple[NearMiss, ...]:
        return tuple(
            NearMiss(by_id[e.opportunity_id], e, _path(e, catalogue, scorer), e.failed())
            for e in found
        )

    near_misses, restricted_misses = misses(near), misses(restricted)
    paths = [s.path for s in items] + [m.path for m in (*near_misses, *restricted_misses)]
    return Suggestions(
        True,
        items,
        len(converted),
        dict(ranking.ruled_out),
        chosen,
        _course_rows(participant.organisation_id, paths),
        near_misses=near_misses,
        restricted_misses=restricted_misses,
        not_for_me=tuple(by_id[key] for key in sorted(refused_ids, key=int) if key in by_id),
        lowered=ranking.lowered,
    )

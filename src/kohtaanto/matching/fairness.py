"""Fairness audit of candidate rankings: do people with similar skills get the same exposure?

Pure Python (no Django). The caller passes, for one organisation, each participant's confirmed
skills, each opportunity's skills, each opportunity's ranked candidates (best first, as the
matcher produced them) and, separately, each participant's audit attributes (ESF+ age band and
gender). Matching never sees the attributes; this module is the only place where they meet the
rankings, and it returns only aggregate counts per group.

Method (version `fairness-v1`):

1. **Similar skills.** For an opportunity o with skill set S(o) (required ∪ nice-to-have), a
   participant p is in o's *eligible pool* when |skills(p) ∩ S(o)| / |S(o)| ≥ `threshold`
   (default ½). Opportunities that name no skills are left out.
2. **Chances and appearances.** Every (opportunity, pool member) pair is one *chance*; it is an
   *appearance* when the member is among the top `k` (default 10) of o's ranking.
3. **Rate.** For each attribute (e.g. age band) and each group g of it:
   rate(g) = appearances(g) / chances(g), summed over all opportunities.
4. **Ratio.** ratio(g) = rate(g) / the highest rate among the reported groups of that
   attribute (the best-served group has ratio 1). A ratio below `flag_below` (0.8, the
   four-fifths rule of adverse-impact analysis) is flagged. Rates and ratios are compared as
   exact fractions, so a ratio of exactly 4/5 is not flagged by a rounding error.
5. **Small groups.** A group with fewer than `min_group_size` distinct people in any pool is
   suppressed: no counts, no rate, not used as the reference. This protects privacy (a tiny
   group could identify a person) and avoids flagging noise. People whose attribute is unknown
   are counted only as a total ("not stated").

The four-fifths rule is a screening heuristic, not a test of significance: a flag means
"look closer", and an unflagged report does not prove that the ranking is fair.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from fractions import Fraction
from typing import Any

METHOD_VERSION = "fairness-v1"
DEFAULT_THRESHOLD = 0.5
DEFAULT_K = 10
DEFAULT_MIN_GROUP_SIZE = 5
FOUR_FIFTHS = 0.8


@dataclass(frozen=True, slots=True)
class AuditParameters:
    threshold: float = DEFAULT_THRESHOLD
    """Share of an opportunity's skills a participant must have to be in its pool."""
    k: int = DEFAULT_K
    """Size of the top list that counts as an appearance."""
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE
    """Groups with fewer distinct people are suppressed."""
    flag_below: float = FOUR_FIFTHS
    """Ratios below this are flagged."""

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold <= 1.0:
            raise ValueError("threshold must be in (0, 1]")
        if self.k < 1 or self.min_group_size < 1:
            raise ValueError("k and min_group_size must be at least 1")
        if not 0.0 < self.flag_below <= 1.0:
            raise ValueError("flag_below must be in (0, 1]")


@dataclass(frozen=True, slots=True)
class GroupResult:
    attribute: str
    group: str
    suppressed: bool
    people: int | None
    """Distinct people of the group in any pool (None when suppressed)."""
    chances: int | None
    appearances: int | None
    rate: float | None
    ratio: float | None
    """rate / the best-served group's rate (None when suppressed or nobody had a chance)."""
    flagged: bool


@dataclass(frozen=True, slots=True)
class AttributeResult:
    attribute: str
    groups: tuple[GroupResult, ...]
    best_group: str | None
    not_stated: int
    """People in some pool whose value of this attribute is unknown (not collected, no
    consent, or not answered)."""

    @property
    def flagged(self) -> tuple[GroupResult, ...]:
        return tuple(g for g in self.groups if g.flagged)


@dataclass(frozen=True, slots=True)
class AuditReport:
    method: str
    parameters: AuditParameters
    opportunities: int
    """Opportunities with at least one skill (the others are left out)."""
    opportunities_with_pool: int
    people_in_pools: int
    attributes: tuple[AttributeResult, ...]

    @property
    def any_flagged(self) -> bool:
        return any(a.flagged for a in self.attributes)

    def to_dict(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "parameters": asdict(self.parameters),
            "opportunities": self.opportunities,
            "opportunities_with_pool": self.opportunities_with_pool,
            "people_in_pools": self.people_in_pools,
            "any_flagged": self.any_flagged,
            "attributes": [
                {
                    "attribute": a.attribute,
                    "best_group": a.best_group,
                    "not_stated": a.not_stated,
                    "groups": [asdict(g) for g in a.groups],
                }
                for a in self.attributes
            ],
        }


def eligible_pool(
    opportunity_skills: frozenset[str],
    participant_skills: Mapping[str, frozenset[str]],
    threshold: float,
) -> frozenset[str]:
    """Participants who have at least `threshold` of the opportunity's skills."""
    if not opportunity_skills:
        return frozenset()
    size = len(opportunity_skills)
    return frozenset(
        pid
        for pid, skills in participant_skills.items()
        if len(skills & opportunity_skills) >= threshold * size
    )


def _attribute_result(
    attribute: str,
    pools: Mapping[str, frozenset[str]],
    tops: Mapping[str, frozenset[str]],
    values: Mapping[str, str],
    params: AuditParameters,
) -> AttributeResult:
    chances: dict[str, int] = defaultdict(int)
    appearances: dict[str, int] = defaultdict(int)
    people: dict[str, set[str]] = defaultdict(set)
    not_stated: set[str] = set()
    for opportunity_id, pool in pools.items():
        top = tops.get(opportunity_id, frozenset())
        for pid in pool:
            group = values.get(pid)
            if not group:
                not_stated.add(pid)
                continue
            people[group].add(pid)
            chances[group] += 1
            appearances[group] += pid in top
    shown = {g for g in people if len(people[g]) >= params.min_group_size}
    exact = {g: Fraction(appearances[g], chances[g]) for g in shown if chances[g]}
    best_exact = max(exact.values(), default=Fraction(0))
    best_group = min((g for g in exact if exact[g] == best_exact), default=None)
    best_rate = float(best_exact)
    limit = Fraction(params.flag_below).limit_denominator(10**6)
    results: list[GroupResult] = []
    for group in sorted(people):
        if group not in shown:
            results.append(GroupResult(attribute, group, True, None, None, None, None, None, False))
            continue
        share = exact.get(group)
        rate = None if share is None else float(share)
        relative = None if share is None or best_exact <= 0 else share / best_exact
        ratio = None if relative is None else float(relative)
        results.append(
            GroupResult(
                attribute,
                group,
                False,
                len(people[group]),
                chances[group],
                appearances[group],
                rate,
                ratio,
                relative is not None and relative < limit,
            )
        )
    return AttributeResult(
        attribute, tuple(results), best_group if best_rate > 0 else None, len(not_stated)
    )


def audit_rankings(
    participant_skills: Mapping[str, frozenset[str]],
    opportunity_skills: Mapping[str, frozenset[str]],
    rankings: Mapping[str, Sequence[str]],
    attributes: Mapping[str, Mapping[str, str]],
    params: AuditParameters | None = None,
) -> AuditReport:
    """Exposure of each group in the top-k of opportunities whose skills its members share.

    `participant_skills`: participant id → confirmed skill URIs (only people the rankings may
    include, i.e. those who consented to matching). `opportunity_skills`: opportunity id →
    its required and nice-to-have skills. `rankings`: opportunity id → participant ids, best
    first. `attributes`: attribute name (e.g. "age_band") → participant id → group; a missing
    or empty value means "not stated". See the module docstring for the method.
    """
    params = params or AuditParameters()
    considered = {oid: skills for oid, skills in opportunity_skills.items() if skills}
    pools = {
        oid: eligible_pool(skills, participant_skills, params.threshold)
        for oid, skills in sorted(considered.items())
    }
    pools = {oid: pool for oid, pool in pools.items() if pool}
    tops = {oid: frozenset(list(rankings.get(oid, ()))[: params.k]) for oid in pools}
    results = tuple(
        _attribute_result(name, pools, tops, attributes[name], params)
        for name in sorted(attributes)
    )
    return AuditReport(
        method=METHOD_VERSION,
        parameters=params,
        opportunities=len(considered),
        opportunities_with_pool=len(pools),
        people_in_pools=len(frozenset().union(*pools.values())) if pools else 0,
        attributes=results,
    )

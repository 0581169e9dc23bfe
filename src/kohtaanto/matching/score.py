"""Person ↔ opportunity scoring, one pair at a time, with its explanation.

The score, for rules R, profile p and opportunity o (the batch engine computes exactly this, in
the same order of floating-point operations, so results are bit-identical):

    credit(s)  = 1 if p has s, else the best partial credit (skill.broader, skill.related), or 0
    raw        = Σ_{s essential} w_essential·credit(s) + Σ_{s nice-to-have} w_optional·credit(s)
    z          = w_essential·|essential| + w_optional·|nice-to-have|   (1 if that is 0)
    base       = (skill_share·raw + occupation_share·z·occupation_credit) / z
    score      = max(0, base − hours_penalty)

i.e. skill_share × the weighted share of skills covered, plus occupation_share × the occupation
credit. With dyadic weights (scoring-v1) the numerator is exact in any order of addition, and the
one division rounds once, so every implementation gets the same bits.

`skill_share = 1 − occupation.same`. An opportunity is *eligible* for a profile when every filter
(`filter.language`, `filter.region`, `filter.constraint`) passes and the score is above zero.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from kohtaanto.matching.explanation import Check, Explanation, PartialMatch, Penalty, SkillMatch
from kohtaanto.matching.graph import SkillGraph
from kohtaanto.matching.model import Opportunity, Profile, Remote, level_rank
from kohtaanto.matching.rules import (
    FILTER_CONSTRAINT,
    FILTER_LANGUAGE,
    FILTER_REGION,
    PENALTY_HOURS,
    SKILL_ESSENTIAL,
    SKILL_OPTIONAL,
    ScoringRules,
    load_rules,
)


def language_check(profile: Profile, opportunity: Opportunity) -> Check:
    short = sorted(
        f"{code} {level}"
        for code, level in opportunity.languages_required.items()
        if level_rank(profile.languages.get(code)) < level_rank(level)
    )
    return Check(FILTER_LANGUAGE, not short, tuple(short))


def region_check(profile: Profile, opportunity: Opportunity) -> Check:
    if opportunity.remote is Remote.REMOTE:
        return Check(FILTER_REGION, True)
    same_municipality = (
        opportunity.municipality is not None and opportunity.municipality == profile.municipality
    )
    same_region = opportunity.region is not None and opportunity.region == profile.region
    if same_municipality or same_region or opportunity.region is None:
        return Check(FILTER_REGION, True)
    return Check(FILTER_REGION, False, (opportunity.region,))


def constraint_check(profile: Profile, opportunity: Opportunity, rules: ScoringRules) -> Check:
    clash = opportunity.physical_demands & rules.excluded_demands(profile.constraints)
    return Check(FILTER_CONSTRAINT, not clash, tuple(sorted(clash)))


@dataclass(frozen=True)
class Matcher:
    """Scores and explains pairs under one rules version and one skill graph."""

    rules: ScoringRules = field(default_factory=load_rules)
    graph: SkillGraph = field(default_factory=SkillGraph.empty)

    def explain(self, profile: Profile, opportunity: Opportunity) -> Explanation:
        rules, skills = self.rules, profile.skills
        essential = sorted(opportunity.required_skills)
        optional = sorted(opportunity.nice_to_have_skills - opportunity.required_skills)
        matched: list[SkillMatch] = []
        partial: list[PartialMatch] = []
        missing: dict[bool, list[str]] = {True: [], False: []}
        raw = 0.0
        for is_essential, group in ((True, essential), (False, optional)):
            rule_id = SKILL_ESSENTIAL if is_essential else SKILL_OPTIONAL
            weight = rules.value(rule_id)
            for skill in group:
                evidence = skills.get(skill)
                if evidence is not None:
                    matched.append(SkillMatch(skill, rule_id, evidence.source, evidence.confirmed))
                    raw += weight * 1.0
                    continue
                hit = self.graph.partial(skills, skill, rules)
                if hit is None:
                    missing[is_essential].append(skill)
                    continue
                partial.append(PartialMatch(skill, hit.via, hit.rule_id, hit.credit, is_essential))
                raw += weight * hit.credit
        z = rules.essential_weight * len(essential) + rules.optional_weight * len(optional)
        z = z if z > 0 else 1.0
        occupation_credit, occupation_rule = self.graph.occupation_credit(
            profile.occupations, opportunity.occupation, rules
        )
        occupation_part = rules.occupation_share * z * occupation_credit
        base = (rules.skill_share * raw + occupation_part) / z
        penalties: list[Penalty] = []
        amount = rules.hours_penalty(profile.hours_wanted, opportunity.hours)
        if amount > 0 and profile.hours_wanted is not None and opportunity.hours is not None:
            penalties.append(
                Penalty(PENALTY_HOURS, amount, profile.hours_wanted, opportunity.hours)
            )
        score = max(0.0, base - amount)
        checks = (
            language_check(profile, opportunity),
            region_check(profile, opportunity),
            constraint_check(profile, opportunity, rules),
        )
        return Explanation(
            profile_id=profile.id,
            opportunity_id=opportunity.id,
            rules_version=rules.version,
            score=score,
            eligible=score > 0 and all(check.passed for check in checks),
            matched=tuple(matched),
            partial=tuple(partial),
            missing_essential=tuple(missing[True]),
            missing_optional=tuple(missing[False]),
            occupation_rule=occupation_rule,
            checks=checks,
            penalties=tuple(penalties),
        )

    def score(self, profile: Profile, opportunity: Opportunity) -> float:
        return self.explain(profile, opportunity).score

    def suggest_for_profile(
        self, profile: Profile, opportunities: Iterable[Opportunity], k: int = 10
    ) -> list[Explanation]:
        """The k best eligible opportunities, best first (ties by opportunity id)."""
        found = [self.explain(profile, o) for o in opportunities]
        return _top(found, k, key=lambda e: (-e.score, e.opportunity_id))

    def suggest_candidates(
        self, opportunity: Opportunity, profiles: Iterable[Profile], k: int = 10
    ) -> list[Explanation]:
        """The k best eligible profiles for an opportunity (ties by profile id).

        Pass only profiles whose owners consented to being proposed to this employer: this
        library does not know about consent (the Django side filters before calling).
        """
        found = [self.explain(p, opportunity) for p in profiles]
        return _top(found, k, key=lambda e: (-e.score, e.profile_id))


def _top(found: Sequence[Explanation], k: int, key: object) -> list[Explanation]:
    eligible = [e for e in found if e.eligible]
    eligible.sort(key=key)  # type: ignore[arg-type]
    return eligible[:k]


def explain(
    profile: Profile,
    opportunity: Opportunity,
    graph: SkillGraph | None = None,
    rules: ScoringRules | None = None,
) -> Explanation:
    """Explain one pair (see the module docstring for the formula)."""
    return Matcher(rules or load_rules(), graph or SkillGraph.empty()).explain(profile, opportunity)


def suggest_for_profile(
    profile: Profile,
    opportunities: Iterable[Opportunity],
    k: int = 10,
    graph: SkillGraph | None = None,
    rules: ScoringRules | None = None,
) -> list[Explanation]:
    matcher = Matcher(rules or load_rules(), graph or SkillGraph.empty())
    return matcher.suggest_for_profile(profile, opportunities, k)


def suggest_candidates(
    opportunity: Opportunity,
    profiles: Iterable[Profile],
    k: int = 10,
    graph: SkillGraph | None = None,
    rules: ScoringRules | None = None,
) -> list[Explanation]:
    """Candidates for an opportunity; the caller passes only consented profiles."""
    matcher = Matcher(rules or load_rules(), graph or SkillGraph.empty())
    return matcher.suggest_candidates(opportunity, profiles, k)

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

scoring-v2 (`effective_skills`, `language_gaps`):
- "p has s" also when s is an ESCO concept of a language p knows (`skill.language`), at least at
  the level the opportunity asks for that language (any level when it asks none). A language
  known below the asked level is a gap (`Explanation.language_gaps`); its skills count as
  missing. Such a pair always fails `filter.language` too, so it is never eligible: the batch
  engine, which credits a known language at any level, agrees on every eligible pair.
- skills that conflict with p's restrictions (`penalty.restriction`) are never "had", and
        penalty = hours_penalty + restriction_penalty
        score   = max(0, base − penalty)
  where restriction_penalty is the rule's value when the opportunity names a conflicting skill.
- `penalty.similar_not_for_me` is applied by `lower_similar` on the person's own suggestions
  (it needs their answers, which neither the batch nor this scorer has).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from kohtaanto.matching.explanation import (
    Check,
    Conflict,
    Explanation,
    LanguageGap,
    PartialMatch,
    Penalty,
    SkillMatch,
)
from kohtaanto.matching.graph import Partial, SkillGraph
from kohtaanto.matching.model import Opportunity, Profile, Remote, SkillEvidence, level_rank
from kohtaanto.matching.rules import (
    FILTER_CONSTRAINT,
    FILTER_LANGUAGE,
    FILTER_REGION,
    PENALTY_HOURS,
    PENALTY_RESTRICTION,
    PENALTY_SIMILAR,
    SKILL_ESSENTIAL,
    SKILL_LANGUAGE,
    SKILL_OPTIONAL,
    ScoringRules,
    load_rules,
)

LANGUAGE_SOURCE = "language"
"""`SkillEvidence.source` of a skill the person has because they know the language."""


def effective_skills(profile: Profile, rules: ScoringRules) -> dict[str, SkillEvidence]:
    """The skills matching counts for `profile` against any opportunity: the profile's own,
    without those that conflict with its restrictions, plus the ESCO concepts of every
    language it knows (at any level; `explain` then removes those below an asked level)."""
    banned = rules.conflicting_skills(profile.constraints)
    skills = {uri: ev for uri, ev in profile.skills.items() if uri not in banned}
    by_code = rules.languages.by_code
    for code, level in profile.languages.items():
        if level_rank(level) == 0:
            continue
        for uri in by_code.get(code, ()):
            if uri not in skills and uri not in banned:
                skills[uri] = SkillEvidence(LANGUAGE_SOURCE, True)
    return skills


def language_gaps(
    profile: Profile, opportunity: Opportunity, rules: ScoringRules
) -> tuple[LanguageGap, ...]:
    """Languages the opportunity asks for above the person's level, with the opportunity's
    skills of that language (`skill.language`; empty without the rule)."""
    if not rules.has(SKILL_LANGUAGE):
        return ()
    by_code = rules.languages.by_code
    named = opportunity.required_skills | opportunity.nice_to_have_skills
    gaps = []
    for code, required in sorted(opportunity.languages_required.items()):
        known = profile.languages.get(code)
        if level_rank(known) < level_rank(required):
            skills = tuple(sorted(named & by_code.get(code, frozenset())))
            gaps.append(LanguageGap(code, required, known or None, skills))
    return tuple(gaps)


def total_penalty(hours: float, restriction: float) -> float:
    """The one sum of penalties both scorers subtract (same operation, same bits)."""
    return hours + restriction


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
    _effective_cache: dict[int, tuple[Profile, Mapping[str, SkillEvidence]]] = field(
        default_factory=dict, compare=False, repr=False
    )
    _partial_cache: dict[int, tuple[Mapping[str, SkillEvidence], dict[str, Partial | None]]] = (
        field(default_factory=dict, compare=False, repr=False)
    )

    _reach_cache: dict[int, tuple[Profile, frozenset[str]]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def reachable(self, profile: Profile) -> frozenset[str]:
        """Every skill `explain` could give any credit for: the effective skills and the
        skills `graph.partial` reaches from them (once per profile)."""
        found = self._reach_cache.get(id(profile))
        if found is not None and found[0] is profile:
            return found[1]
        have = (
            set(self._effective(profile)) if self._uses_effective(profile) else set(profile.skills)
        )
        reach = set(have)
        for table in (self.graph.broader, self.graph.related):
            reach.update(skill for skill, via in table.items() if not via.isdisjoint(have))
        if len(self._reach_cache) > 256:
            self._reach_cache.clear()
        result = frozenset(reach)
        self._reach_cache[id(profile)] = (profile, result)
        return result

    def may_score(self, profile: Profile, opportunity: Opportunity) -> bool:
        """False when `explain(profile, opportunity).score` is surely 0 (no skill of the
        opportunity earns credit and the occupation earns none), so a caller that only lists
        opportunities scoring above zero can skip the explanation (`checks` still tells which
        filters fail)."""
        reach = self.reachable(profile)
        if not (
            opportunity.required_skills.isdisjoint(reach)
            and opportunity.nice_to_have_skills.isdisjoint(reach)
        ):
            return True
        credit, _rule = self.graph.occupation_credit(
            profile.occupations, opportunity.occupation, self.rules
        )
        return credit > 0

    def checks(self, profile: Profile, opportunity: Opportunity) -> tuple[Check, ...]:
        """The filters of `explain`, alone."""
        return (
            language_check(profile, opportunity),
            region_check(profile, opportunity),
            constraint_check(profile, opportunity, self.rules),
        )

    def _uses_effective(self, profile: Profile) -> bool:
        return self.rules.has(SKILL_LANGUAGE) or bool(profile.constraints)

    def _partial(self, skills: Mapping[str, SkillEvidence], skill: str) -> Partial | None:
        """`graph.partial(skills, skill)`, remembered per skills mapping (the same missing skill
        comes up in many opportunities of one profile)."""
        entry = self._partial_cache.get(id(skills))
        if entry is None or entry[0] is not skills:
            if len(self._partial_cache) > 256:
                self._partial_cache.clear()
            entry = (skills, {})
            self._partial_cache[id(skills)] = entry
        known = entry[1]
        if skill not in known:
            known[skill] = self.graph.partial(skills, skill, self.rules)
        return known[skill]

    def _effective(self, profile: Profile) -> Mapping[str, SkillEvidence]:
        """`effective_skills`, computed once per profile object (a profile is scored against
        thousands of opportunities; the small cache keeps the profile alive with its entry)."""
        found = self._effective_cache.get(id(profile))
        if found is not None and found[0] is profile:
            return found[1]
        if len(self._effective_cache) > 256:
            self._effective_cache.clear()
        skills = effective_skills(profile, self.rules)
        self._effective_cache[id(profile)] = (profile, skills)
        return skills

    def _skills_and_gaps(
        self, profile: Profile, opportunity: Opportunity
    ) -> tuple[Mapping[str, SkillEvidence], tuple[LanguageGap, ...]]:
        """The skills that count for this pair (scoring-v2: effective skills, without the
        concepts of a language known below the asked level) and the language gaps."""
        rules = self.rules
        if not self._uses_effective(profile):
            return profile.skills, ()
        skills = self._effective(profile)
        gaps = language_gaps(profile, opportunity, rules)
        if gaps:
            own = dict(skills)
            for gap in gaps:
                for uri in rules.languages.by_code.get(gap.language, ()):
                    if uri not in profile.skills:
                        own.pop(uri, None)
            skills = own
        return skills, gaps

    def _raw(
        self,
        skills: Mapping[str, SkillEvidence],
        essential: list[str],
        optional: list[str],
        cached: bool,
        found: tuple[list[SkillMatch], list[PartialMatch], dict[bool, list[str]]] | None,
    ) -> float:
        """Σ weight · credit over the opportunity's skills, in one fixed order (`explain` and
        `score` share it, so they add the same numbers in the same order)."""
        rules = self.rules
        raw = 0.0
        for is_essential, group in ((True, essential), (False, optional)):
            rule_id = SKILL_ESSENTIAL if is_essential else SKILL_OPTIONAL
            weight = rules.value(rule_id)
            for skill in group:
                evidence = skills.get(skill)
                if evidence is not None:
                    if found is not None:
                        found[0].append(
                            SkillMatch(skill, rule_id, evidence.source, evidence.confirmed)
                        )
                    raw += weight * 1.0
                    continue
                hit = (
                    self._partial(skills, skill)
                    if cached
                    else self.graph.partial(skills, skill, rules)
                )
                if hit is None:
                    if found is not None:
                        found[2][is_essential].append(skill)
                    continue
                if found is not None:
                    found[1].append(
                        PartialMatch(skill, hit.via, hit.rule_id, hit.credit, is_essential)
                    )
                raw += weight * hit.credit
        return raw

    def _base(
        self,
        profile: Profile,
        opportunity: Opportunity,
        raw: float,
        n_essential: int,
        n_optional: int,
    ) -> tuple[float, str | None]:
        rules = self.rules
        z = rules.essential_weight * n_essential + rules.optional_weight * n_optional
        z = z if z > 0 else 1.0
        occupation_credit, occupation_rule = self.graph.occupation_credit(
            profile.occupations, opportunity.occupation, rules
        )
        occupation_part = rules.occupation_share * z * occupation_credit
        return (rules.skill_share * raw + occupation_part) / z, occupation_rule

    def score(self, profile: Profile, opportunity: Opportunity) -> float:
        """`explain(profile, opportunity).score` without building the explanation (the same
        operations in the same order, so the same bits)."""
        rules = self.rules
        skills, gaps = self._skills_and_gaps(profile, opportunity)
        essential = sorted(opportunity.required_skills)
        optional = sorted(opportunity.nice_to_have_skills - opportunity.required_skills)
        raw = self._raw(skills, essential, optional, not gaps, None)
        base, _rule = self._base(profile, opportunity, raw, len(essential), len(optional))
        hours = rules.hours_penalty(profile.hours_wanted, opportunity.hours)
        named = opportunity.required_skills | opportunity.nice_to_have_skills
        restriction = rules.restriction_penalty(profile.constraints, named)
        return max(0.0, base - total_penalty(hours, restriction))

    def explain(self, profile: Profile, opportunity: Opportunity) -> Explanation:
        rules = self.rules
        skills, gaps = self._skills_and_gaps(profile, opportunity)
        essential = sorted(opportunity.required_skills)
        optional = sorted(opportunity.nice_to_have_skills - opportunity.required_skills)
        matched: list[SkillMatch] = []
        partial: list[PartialMatch] = []
        missing: dict[bool, list[str]] = {True: [], False: []}
        raw = self._raw(skills, essential, optional, not gaps, (matched, partial, missing))
        base, occupation_rule = self._base(profile, opportunity, raw, len(essential), len(optional))
        penalties: list[Penalty] = []
        hours = rules.hours_penalty(profile.hours_wanted, opportunity.hours)
        if hours > 0 and profile.hours_wanted is not None and opportunity.hours is not None:
            penalties.append(Penalty(PENALTY_HOURS, hours, profile.hours_wanted, opportunity.hours))
        named = opportunity.required_skills | opportunity.nice_to_have_skills
        restriction = rules.restriction_penalty(profile.constraints, named)
        conflicts: tuple[Conflict, ...] = ()
        if restriction > 0:
            table = rules.conflict_table()
            conflicts = tuple(
                Conflict(code, uri)
                for code in sorted(profile.constraints)
                for uri in sorted(named & table.get(code, frozenset()))
            )
            codes = tuple(sorted({c.restriction for c in conflicts}))
            penalties.append(Penalty(PENALTY_RESTRICTION, restriction, details=codes))
        score = max(0.0, base - total_penalty(hours, restriction))
        checks = self.checks(profile, opportunity)
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
            language_gaps=gaps,
            conflicts=conflicts,
        )

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


def similar(a: Opportunity, b: Opportunity, rules: ScoringRules) -> bool:
    """`penalty.similar_not_for_me`: the same occupation, or skill sets (required and
    nice-to-have) with a Jaccard overlap of at least `skill_jaccard_min`."""
    if not rules.has(PENALTY_SIMILAR) or a.id == b.id:
        return False
    if (
        rules.param(PENALTY_SIMILAR, "same_occupation")
        and a.occupation
        and (a.occupation == b.occupation)
    ):
        return True
    mine = a.required_skills | a.nice_to_have_skills
    theirs = b.required_skills | b.nice_to_have_skills
    union = mine | theirs
    if not union:
        return False
    shared = len(mine & theirs)
    return shared >= float(rules.param(PENALTY_SIMILAR, "skill_jaccard_min")) * len(union)


def lower_similar(
    explanation: Explanation,
    opportunity: Opportunity,
    refused: Sequence[Opportunity],
    rules: ScoringRules,
) -> Explanation:
    """The explanation lowered by `penalty.similar_not_for_me` when `opportunity` resembles
    one of `refused` (the person's "not for me" answers); unchanged otherwise."""
    like = tuple(sorted(r.id for r in refused if similar(opportunity, r, rules)))
    if not like:
        return explanation
    amount = rules.value(PENALTY_SIMILAR)
    score = max(0.0, explanation.score - amount)
    return dataclasses.replace(
        explanation,
        score=score,
        eligible=score > 0 and all(c.passed for c in explanation.checks),
        penalties=(*explanation.penalties, Penalty(PENALTY_SIMILAR, amount, details=like)),
    )


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

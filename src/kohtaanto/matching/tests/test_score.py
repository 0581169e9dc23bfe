"""Scoring rules, filters, penalties and explanations on the personas."""

from __future__ import annotations

from kohtaanto.matching.explanation import explanation_text
from kohtaanto.matching.model import Opportunity, Profile
from kohtaanto.matching.score import Matcher, explain, suggest_candidates, suggest_for_profile

from .conftest import (
    AINO,
    BASHIR,
    CARITA,
    DEV_JOB,
    DEVELOPER,
    FIRST_AID,
    OPENINGS,
    PEOPLE,
    PROGRAMMING,
    PYTHON,
    REMOTE_TEST,
    SQL,
    TEAMWORK,
    TESTER,
    WAREHOUSE_JOB,
    label_of,
)


def test_a_full_match_scores_one_and_names_sources_rules_and_version(matcher: Matcher) -> None:
    result = matcher.explain(AINO, DEV_JOB)
    assert result.score == 1.0 and result.eligible
    assert result.rules_version == "scoring-v1"
    assert {(m.skill, m.source, m.rule_id) for m in result.matched} == {
        (PYTHON, "cv", "skill.exact.essential"),
        (SQL, "coach", "skill.exact.essential"),
        (TEAMWORK, "hobby", "skill.exact.optional"),
    }
    assert result.occupation_rule == "occupation.same"
    assert not result.missing_essential and not result.partial
    assert "filter.language" in result.rule_ids and "occupation.same" in result.rule_ids


def test_essential_skills_weigh_more_than_nice_to_have(matcher: Matcher) -> None:
    job = Opportunity(
        "j", required_skills=frozenset({PYTHON}), nice_to_have_skills=frozenset({FIRST_AID})
    )
    has_essential = matcher.explain(Profile("a", {PYTHON: AINO.skills[PYTHON]}), job)
    has_optional = matcher.explain(Profile("b", {FIRST_AID: CARITA.skills[FIRST_AID]}), job)
    assert has_essential.score > has_optional.score > 0
    assert has_essential.missing_optional == (FIRST_AID,)
    assert has_optional.missing_essential == (PYTHON,)


def test_broader_and_related_skills_count_partially_and_show_the_relation(
    matcher: Matcher,
) -> None:
    result = matcher.explain(BASHIR, DEV_JOB)
    assert [(p.skill, p.via, p.rule_id) for p in result.partial] == [
        (PYTHON, PROGRAMMING, "skill.broader")
    ]
    assert result.missing_essential == (SQL,)  # related to Python, which Bashir lacks
    with_python = explain(Profile("x", {PYTHON: AINO.skills[PYTHON]}), DEV_JOB, matcher.graph)
    assert [(p.skill, p.rule_id) for p in with_python.partial] == [(SQL, "skill.related")]
    assert 0 < result.score < with_python.score < 1


def test_occupation_relatedness_by_isco_group(matcher: Matcher) -> None:
    job = Opportunity("t", occupation=TESTER)
    dev = Opportunity("d", occupation=DEVELOPER)
    assert matcher.explain(AINO, job).occupation_rule == "occupation.related"
    assert matcher.explain(BASHIR, dev).occupation_rule == "occupation.related"
    assert matcher.explain(CARITA, job).occupation_rule is None
    assert matcher.explain(AINO, job).score == 0.25 * 0.5


def test_filters_are_hard_and_visible(matcher: Matcher) -> None:
    language = matcher.explain(BASHIR, DEV_JOB)
    failed = [c for c in language.checks if not c.passed]
    assert [(c.rule_id, c.details) for c in failed] == [
        ("filter.language", ("fi B1",)),
        ("filter.region", ("01",)),
    ]
    assert not language.eligible and language.score > 0
    remote = matcher.explain(BASHIR, REMOTE_TEST)
    assert all(c.passed for c in remote.checks) and remote.eligible
    lifting = matcher.explain(CARITA, WAREHOUSE_JOB)
    assert [(c.rule_id, c.details) for c in lifting.checks if not c.passed] == [
        ("filter.constraint", ("heavy_lifting",))
    ]
    assert not lifting.eligible


def test_hours_penalty_is_visible(matcher: Matcher) -> None:
    result = matcher.explain(BASHIR, REMOTE_TEST)
    assert [(p.rule_id, p.wanted, p.offered) for p in result.penalties] == [
        ("penalty.hours", 20, 37.5)
    ]
    no_penalty = matcher.explain(Profile(**{**_fields(BASHIR), "hours_wanted": None}), REMOTE_TEST)
    assert no_penalty.score - result.score == result.penalties[0].amount


def _fields(profile: object) -> dict[str, object]:
    return {name: getattr(profile, name) for name in profile.__slots__}  # type: ignore[attr-defined]


def test_suggestions_in_both_directions(matcher: Matcher) -> None:
    for_aino = suggest_for_profile(AINO, OPENINGS, k=5, graph=matcher.graph)
    assert [e.opportunity_id for e in for_aino] == ["dev-job", "remote-test", "warehouse"]
    assert for_aino[0].score >= for_aino[1].score
    candidates = suggest_candidates(REMOTE_TEST, PEOPLE, k=1, graph=matcher.graph)
    assert [e.profile_id for e in candidates] == ["bashir"]
    # Carita has the skills but not the lifting: only Aino (teamwork) remains
    assert [e.profile_id for e in matcher.suggest_candidates(WAREHOUSE_JOB, PEOPLE)] == ["aino"]


def test_plain_language_in_three_languages(matcher: Matcher) -> None:
    result = matcher.explain(BASHIR, DEV_JOB)
    fi = explanation_text(result, "fi", label_of("fi"))
    assert fi[0].startswith("Sopivuus") and "scoring-v1" in fi[0]
    assert "Kielitaito ei riitä: fi B1." in fi
    assert "Osittain: Python – sinulla on lähellä oleva taito ohjelmointi." in fi
    assert "Tästä puuttuu: SQL." in fi
    sv = explanation_text(result, "sv", label_of("sv"))
    assert "Det här saknas: SQL." in sv
    en = explanation_text(matcher.explain(AINO, DEV_JOB), "en", label_of("en"))
    assert "You have this skill: Python (source: cv)." in en
    assert "The occupation is the same as yours." in en
    assert explanation_text(result, "de", label_of("en"))[0].startswith("Match")

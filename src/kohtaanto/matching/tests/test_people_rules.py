"""scoring-v2: known languages are language skills, restrictions take skills away and lower
conflicting openings, "not for me" lowers similar ones, language gaps get a language course."""

from __future__ import annotations

import dataclasses

import pytest

from kohtaanto.matching.explanation import LanguageGap, explanation_text
from kohtaanto.matching.learning import learning_path
from kohtaanto.matching.model import Course, Opportunity, Profile, SkillEvidence, stated_level
from kohtaanto.matching.rules import (
    FILTER_LANGUAGE,
    PENALTY_RESTRICTION,
    PENALTY_SIMILAR,
    load_rules,
)
from kohtaanto.matching.score import LANGUAGE_SOURCE, Matcher, lower_similar, similar

from .conftest import FORKLIFT, TEAMWORK, WAREHOUSE, label_of

E = "http://data.europa.eu/esco/skill/"
FINNISH = E + "0e3493f4-0cad-4fbc-8e02-025f169b8114"
SPEAK_FINNISH = E + "3048bf6d-27c7-4dc6-ae4b-e55094cec090"
SWEDISH = E + "7ee51257-8947-4b69-9bdf-322baf0a6398"
LIFT_HEAVY = E + "ab2bb44a-3956-4028-8715-8b70b1960b99"
SHIFTS = E + "6f2721bf-40ad-4f5d-8774-a478d1d6f5a6"

CARE_JOB = Opportunity(
    id="care",
    required_skills=frozenset({FINNISH, TEAMWORK}),
    languages_required={"fi": "B1"},
    region="01",
)
STORE_JOB = Opportunity(
    id="store",
    required_skills=frozenset({FORKLIFT, LIFT_HEAVY}),
    nice_to_have_skills=frozenset({TEAMWORK}),
    occupation=WAREHOUSE,
    region="01",
)


def person(languages: dict[str, str], constraints: frozenset[str] = frozenset()) -> Profile:
    return Profile(
        id="p",
        skills={TEAMWORK: SkillEvidence("cv"), FORKLIFT: SkillEvidence("cv")},
        languages=languages,
        region="01",
        constraints=constraints,
    )


@pytest.fixture
def v2(graph):  # type: ignore[no-untyped-def]
    return Matcher(load_rules("scoring-v2"), graph)


def test_a_native_speaker_has_the_language_skill(v2: Matcher) -> None:
    result = v2.explain(person({"fi": "native"}), CARE_JOB)
    assert result.eligible and result.score == 0.75  # every skill; no occupation
    assert FINNISH not in result.missing_essential
    found = {m.skill: m.source for m in result.matched}
    assert found[FINNISH] == LANGUAGE_SOURCE
    assert result.language_gaps == ()


def test_the_level_the_opportunity_asks_for_counts(v2: Matcher) -> None:
    enough = v2.explain(person({"fi": "B2"}), CARE_JOB)
    short = v2.explain(person({"fi": "A2"}), CARE_JOB)
    assert enough.eligible and FINNISH not in enough.missing_essential
    assert not short.eligible and FINNISH in short.missing_essential
    assert FILTER_LANGUAGE in short.failed()
    assert short.language_gaps == (LanguageGap("fi", "B1", "A2", (FINNISH,)),)
    lines = explanation_text(short, "fi", label_of("fi"))
    assert "Kieli fi: tarvitaan B1, sinulla A2." in lines
    assert "Language fi: B1 needed, you have A2." in explanation_text(short, "en", label_of("en"))
    # without a stated level any known level counts
    open_job = dataclasses.replace(CARE_JOB, languages_required={})
    assert v2.explain(person({"fi": "A1"}), open_job).eligible


def test_scoring_v1_keeps_its_old_answers(graph) -> None:  # type: ignore[no-untyped-def]
    v1 = Matcher(load_rules("scoring-v1"), graph)
    result = v1.explain(person({"fi": "native"}), CARE_JOB)
    assert FINNISH in result.missing_essential and result.rules_version == "scoring-v1"


def test_a_restriction_takes_the_skill_away_and_lowers_the_match(v2: Matcher) -> None:
    lifter = Profile(
        id="p",
        skills={FORKLIFT: SkillEvidence("cv"), LIFT_HEAVY: SkillEvidence("occupation")},
        region="01",
    )
    free = v2.explain(lifter, STORE_JOB)
    limited = v2.explain(
        dataclasses.replace(lifter, constraints=frozenset({"no_heavy_lifting"})), STORE_JOB
    )
    assert LIFT_HEAVY in {m.skill for m in free.matched}
    assert LIFT_HEAVY in limited.missing_essential  # not matched on
    assert [p.rule_id for p in limited.penalties] == [PENALTY_RESTRICTION]
    assert limited.penalties[0].details == ("no_heavy_lifting",)
    assert {(c.restriction, c.skill) for c in limited.conflicts} == {
        ("no_heavy_lifting", LIFT_HEAVY)
    }
    assert limited.score < free.score
    assert limited.score == pytest.approx(free.score - 0.75 * 2 / 5 - 0.25)
    # a restriction unrelated to the opportunity changes nothing
    other = v2.explain(
        dataclasses.replace(lifter, constraints=frozenset({"no_driving"})), STORE_JOB
    )
    assert other == dataclasses.replace(free, profile_id=other.profile_id)


def test_restriction_text_in_three_languages(v2: Matcher) -> None:
    limited = v2.explain(person({}, frozenset({"no_heavy_lifting"})), STORE_JOB)
    for lang in ("fi", "sv", "en"):
        lines = explanation_text(limited, lang, label_of(lang))
        assert any("no_heavy_lifting" in line for line in lines)


def test_similar_is_same_occupation_or_large_skill_overlap() -> None:
    rules = load_rules("scoring-v2")
    other_store = dataclasses.replace(STORE_JOB, id="store-2", required_skills=frozenset())
    assert similar(other_store, STORE_JOB, rules)  # same occupation
    overlap = Opportunity(id="x", required_skills=frozenset({FORKLIFT, LIFT_HEAVY, SHIFTS}))
    assert similar(overlap, STORE_JOB, rules)  # 2 shared of 4 = ½
    assert not similar(CARE_JOB, STORE_JOB, rules)  # 1 of 4
    assert not similar(STORE_JOB, STORE_JOB, rules)  # itself is left out, not lowered
    assert not similar(other_store, STORE_JOB, load_rules("scoring-v1"))


def test_not_for_me_lowers_similar_ones_only(v2: Matcher) -> None:
    profile = person({"fi": "native"})
    other_store = dataclasses.replace(STORE_JOB, id="store-2")
    before = v2.explain(profile, other_store)
    after = lower_similar(before, other_store, [STORE_JOB], v2.rules)
    assert after.score == max(0.0, before.score - 0.125)
    assert after.penalties[-1].rule_id == PENALTY_SIMILAR
    assert after.penalties[-1].details == ("store",)
    care = v2.explain(profile, CARE_JOB)
    assert lower_similar(care, CARE_JOB, [STORE_JOB], v2.rules) is care


SUOMI_A1 = Course("a1", frozenset({FINNISH, SPEAK_FINNISH}), levels={"fi": "A1"})
SUOMI_B1 = Course("b1", frozenset({FINNISH}), cost_eur=0, hours=120, levels={"fi": "B1"})
SUOMI_B2 = Course("b2", frozenset({FINNISH}), hours=60, levels={"fi": "B2"})
SUOMI_ANY = Course("any", frozenset({SPEAK_FINNISH}), hours=10)
RUOTSI = Course("sv", frozenset({SWEDISH}), hours=24, levels={"sv": "A2"})
TEAM = Course("team", frozenset({TEAMWORK}), hours=5)
CATALOGUE = (SUOMI_A1, SUOMI_B1, SUOMI_B2, SUOMI_ANY, RUOTSI, TEAM)


def test_a_language_gap_gets_the_course_at_the_asked_level() -> None:
    languages = load_rules("scoring-v2").languages
    gap = LanguageGap("fi", "B1", "A2", (FINNISH,))
    path = learning_path([FINNISH, TEAMWORK], CATALOGUE, gaps=[gap], languages=languages)
    assert [c.id for c in path.courses] == ["b1", "team"]
    assert path.language == {"b1": "fi"}
    assert path.covers["b1"] == (FINNISH,)
    # a gap the opportunity states without naming the skill still gets a course
    bare = learning_path([], CATALOGUE, gaps=[LanguageGap("fi", "B2", "B1")], languages=languages)
    assert [c.id for c in bare.courses] == ["b2"] and bare.covers["b2"] == (FINNISH,)


def test_no_beginners_course_for_what_the_person_knows() -> None:
    languages = load_rules("scoring-v2").languages
    only_a1 = (SUOMI_A1,)
    path = learning_path(
        [FINNISH], only_a1, gaps=[LanguageGap("fi", "B1", "A2")], languages=languages
    )
    assert path.courses == () and path.uncovered == (FINNISH,)
    # someone who does not know the language at all starts from the beginning
    start = learning_path([SWEDISH], CATALOGUE, languages=languages)
    assert [c.id for c in start.courses] == ["sv"]


def test_a_course_states_its_level_in_its_name() -> None:
    assert stated_level("Suomea työelämään B1") == "B1"
    assert stated_level("Suomen kieli A2–B1", "") == "B1"
    assert stated_level("Suomea aloittelijoille (A1)") == "A1"
    assert stated_level("Hygieniapassi", "B12 vitamin") is None


@pytest.mark.parametrize("version", ["scoring-v1", "scoring-v2"])
def test_may_score_never_skips_a_pair_that_scores(version: str) -> None:
    """The suggestions page skips explanations where `may_score` is False: those must all
    score exactly 0; `checks` and `score` (no explanation built) give the explanation's own."""
    from kohtaanto.matching.graph import SkillGraph
    from kohtaanto.taxonomy.build import build_taxonomy

    from .people import random_opportunities, random_profiles

    starter = build_taxonomy(["starter"])
    rules = load_rules(version)
    matcher = Matcher(rules, SkillGraph.from_taxonomy(starter, rules))
    skipped = 0
    for profile in random_profiles(starter, 40, seed=5):
        for opening in random_opportunities(starter, 80, seed=6):
            result = matcher.explain(profile, opening)
            assert matcher.checks(profile, opening) == result.checks
            assert matcher.score(profile, opening).hex() == result.score.hex()
            if not matcher.may_score(profile, opening):
                skipped += 1
                assert result.score == 0.0 and not result.eligible
    assert skipped > 100  # the shortcut is really taken

"""The fairness audit (`kohtaanto.matching.fairness`) on a synthetic organisation: a ranking
that pushes one group down is flagged, the matcher's own ranking (which never sees the
attributes) is not, small groups are suppressed and unknown values only counted."""

from __future__ import annotations

import json

import pytest

from kohtaanto.matching.fairness import AuditParameters, audit_rankings, eligible_pool
from kohtaanto.matching.model import Opportunity, Profile, SkillEvidence
from kohtaanto.matching.score import Matcher

SKILLS = [f"s{i}" for i in range(12)]


def organisation(people: int = 40) -> tuple[dict[str, frozenset[str]], dict[str, str]]:
    """`people` participants with the same skill mix; every other one is a woman."""
    skills: dict[str, frozenset[str]] = {}
    gender: dict[str, str] = {}
    for i in range(people):
        pid = f"p{i:03d}"
        # everyone has s0..s3; the rest varies a little, equally in both groups
        skills[pid] = frozenset([*SKILLS[:4], SKILLS[4 + i // 2 % 8]])
        gender[pid] = "women" if i % 2 else "men"
    return skills, gender


def ages(skills: dict[str, frozenset[str]]) -> dict[str, str]:
    """Two age bands, spread evenly over the skill mix and over the id order."""
    return {pid: ("55_plus" if int(pid[1:]) % 4 in (0, 3) else "18_29") for pid in skills}


OPPORTUNITIES = {f"o{j}": frozenset([*SKILLS[:4], SKILLS[4 + j % 8]]) for j in range(8)}


def ranking_by(order: list[str]) -> dict[str, list[str]]:
    return {oid: list(order) for oid in OPPORTUNITIES}


def test_a_ranking_that_puts_women_last_is_flagged() -> None:
    skills, gender = organisation()
    biased = sorted(skills, key=lambda p: (gender[p] == "women", p))
    report = audit_rankings(skills, OPPORTUNITIES, ranking_by(biased), {"gender": gender})
    result = report.attributes[0]
    by_group = {g.group: g for g in result.groups}
    assert result.best_group == "men"
    assert by_group["men"].ratio == 1.0 and not by_group["men"].flagged
    assert by_group["women"].appearances == 0 and by_group["women"].ratio == 0.0
    assert by_group["women"].flagged and report.any_flagged


def test_a_ranking_that_interleaves_the_groups_is_not_flagged() -> None:
    skills, gender = organisation()
    report = audit_rankings(skills, OPPORTUNITIES, ranking_by(sorted(skills)), {"gender": gender})
    groups = report.attributes[0].groups
    assert {g.group for g in groups} == {"men", "women"}
    assert all(g.ratio is not None and g.ratio >= 0.8 for g in groups)
    assert not report.any_flagged


def test_the_matchers_own_ranking_is_not_flagged() -> None:
    """Scores never see gender or age, and skills are equally spread: no flag."""
    skills, gender = organisation()
    age = ages(skills)
    profiles = [
        Profile(pid, {s: SkillEvidence("cv", True) for s in owned}) for pid, owned in skills.items()
    ]
    matcher = Matcher()
    rankings = {}
    for oid, needed in OPPORTUNITIES.items():
        opportunity = Opportunity(oid, required_skills=needed)
        found = matcher.suggest_candidates(opportunity, profiles, k=10)
        rankings[oid] = [e.profile_id for e in found]
    report = audit_rankings(skills, OPPORTUNITIES, rankings, {"gender": gender, "age_band": age})
    assert [a.attribute for a in report.attributes] == ["age_band", "gender"]
    assert report.opportunities_with_pool == len(OPPORTUNITIES)
    assert not report.any_flagged, report.to_dict()


def test_a_biased_ranking_against_an_age_band_is_flagged_and_others_are_not() -> None:
    skills, gender = organisation()
    age = ages(skills)
    biased = sorted(skills, key=lambda p: (age[p] == "55_plus", p))
    report = audit_rankings(
        skills, OPPORTUNITIES, ranking_by(biased), {"gender": gender, "age_band": age}
    )
    age_result, gender_result = report.attributes
    assert [g.group for g in age_result.flagged] == ["55_plus"]
    assert not gender_result.flagged


def test_small_groups_are_suppressed_and_not_used_as_reference() -> None:
    skills, gender = organisation()
    gender = dict(gender)
    for pid in ("p000", "p002", "p004"):
        gender[pid] = "non_binary"  # 3 people < 5
    ranked = sorted(skills, key=lambda p: (gender[p] != "non_binary", p))  # they top every list
    report = audit_rankings(skills, OPPORTUNITIES, ranking_by(ranked), {"gender": gender})
    by_group = {g.group: g for g in report.attributes[0].groups}
    small = by_group["non_binary"]
    assert small.suppressed and small.people is None and small.rate is None
    assert not small.flagged
    assert report.attributes[0].best_group in {"men", "women"}
    assert "p000" not in json.dumps(report.to_dict())


def test_unknown_values_are_counted_only() -> None:
    skills, gender = organisation()
    partial = {pid: g for pid, g in gender.items() if pid not in {"p000", "p001"}}
    report = audit_rankings(skills, OPPORTUNITIES, ranking_by(sorted(skills)), {"gender": partial})
    assert report.attributes[0].not_stated == 2
    assert sum(g.people or 0 for g in report.attributes[0].groups) == 38


def test_pool_is_people_with_enough_of_the_skills() -> None:
    people = {"a": frozenset({"x", "y"}), "b": frozenset({"x"}), "c": frozenset({"z"})}
    assert eligible_pool(frozenset({"x", "y"}), people, 0.5) == {"a", "b"}
    assert eligible_pool(frozenset({"x", "y"}), people, 1.0) == {"a"}
    assert eligible_pool(frozenset(), people, 0.5) == frozenset()


def test_people_outside_the_pool_do_not_count() -> None:
    skills, gender = organisation(20)
    skills["outsider"] = frozenset({"unrelated"})
    gender["outsider"] = "women"
    ranked = ["outsider", *sorted(skills)]
    report = audit_rankings(skills, OPPORTUNITIES, ranking_by(ranked), {"gender": gender})
    assert report.people_in_pools == 20


def test_json_report_has_the_method_and_parameters() -> None:
    skills, gender = organisation()
    params = AuditParameters(threshold=0.6, k=5, min_group_size=3)
    report = audit_rankings(
        skills, OPPORTUNITIES, ranking_by(sorted(skills)), {"g": gender}, params
    )
    data = json.loads(json.dumps(report.to_dict()))
    assert data["method"] == "fairness-v1"
    assert data["parameters"] == {"threshold": 0.6, "k": 5, "min_group_size": 3, "flag_below": 0.8}


@pytest.mark.parametrize(
    "bad", [{"threshold": 0.0}, {"k": 0}, {"min_group_size": 0}, {"flag_below": 1.5}]
)
def test_bad_parameters_are_rejected(bad: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        AuditParameters(**bad)  # type: ignore[arg-type]


def test_a_ratio_of_exactly_four_fifths_is_not_flagged() -> None:
    """4/6 against 5/6 is 0.8 exactly (in floating point 0.7999…): not flagged."""
    people = {f"p{i}": frozenset({"x"}) for i in range(12)}
    gender = {pid: ("a" if i < 6 else "b") for i, pid in enumerate(people)}
    top = ["p0", "p1", "p2", "p3", "p6", "p7", "p8", "p9", "p10"]
    report = audit_rankings(people, {"o": frozenset({"x"})}, {"o": top}, {"g": gender})
    by_group = {g.group: g for g in report.attributes[0].groups}
    assert by_group["a"].ratio == pytest.approx(0.8)
    assert not by_group["a"].flagged

"""Mentor matching: scores and their reasons, ranking, the optimal assignment under capacities
(against an LP optimum and the greedy baseline) and deterministic ties."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from kohtaanto.matching.mentors import (
    CAPACITY_LEFT,
    FILTER_CAPACITY,
    FILTER_LANGUAGE,
    FILTER_PLACE,
    FILTER_ROLE,
    INTEREST_SHARED,
    LANGUAGE_OWN,
    LANGUAGE_SHARED,
    LANGUAGE_WANTED,
    MENTOR_VERSION,
    PLACE_REMOTE,
    PLACE_SAME,
    SKILL_TEACH,
    Assignment,
    MenteeNeed,
    MentorCandidate,
    assign,
    greedy_assign,
    load_mentor_rules,
    parse_mentor_rules,
    rank,
    score,
    score_matrix,
)
from kohtaanto.matching.rules import RulesError

S = "http://example.org/skill/"
CLIMBING, PYTHON, CV, SQL, BAND = S + "climbing", S + "python", S + "cv", S + "sql", S + "band"
MENTOR = "individual_mentor"
KOUVOLA, KOTKA, LAHTI = "286", "285", "398"

AMINA = MenteeNeed(
    id="p1",
    languages={"ar": "native", "fi": "A2"},
    region=KOUVOLA,
    interests=frozenset({CLIMBING}),
    skills_to_learn=frozenset({PYTHON, CV}),
)
LEILA = MentorCandidate(  # speaks Arabic, lives in Kouvola, codes and climbs
    id="m1",
    languages={"ar": "native", "fi": "C1"},
    regions=frozenset({KOUVOLA}),
    interests=frozenset({CLIMBING, BAND}),
    skills=frozenset({PYTHON, CV, SQL}),
    capacity_left=2,
    roles=frozenset({MENTOR}),
)
PEKKA = MentorCandidate(  # Finnish only, Kotka, remote, teaches CVs
    id="m2",
    languages={"fi": "native", "en": "B2"},
    regions=frozenset({KOTKA}),
    remote_ok=True,
    skills=frozenset({CV}),
    capacity_left=1,
    roles=frozenset({"learning_mentor", "group_leader"}),
)


def test_rules_are_versioned_data_with_dyadic_points() -> None:
    rules = load_mentor_rules()
    assert rules.version == MENTOR_VERSION
    assert (
        rules.points[LANGUAGE_OWN] > rules.points[LANGUAGE_WANTED] > rules.points[LANGUAGE_SHARED]
    )
    assert rules.roles == {"individual_mentor", "learning_mentor"}
    assert rules.max_score == 4 + 2 + 3 + 4.5 + 1
    for value in rules.points.values():
        assert (value * 1024).is_integer()
    with pytest.raises(RulesError):
        load_mentor_rules("mentor-v0")
    path = Path(__file__).parents[1] / "rules" / f"{MENTOR_VERSION}.json"
    assert load_mentor_rules(str(path)) == rules
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    data["rules"][4]["value"] = 0.1  # not dyadic: sums would depend on their order
    with pytest.raises(RulesError, match="multiples"):
        parse_mentor_rules(data)
    data["rules"] = data["rules"][1:]
    with pytest.raises(RulesError, match=r"lack filter\.role"):
        parse_mentor_rules(data)


def test_a_mentor_in_the_participants_own_language_scores_with_every_reason() -> None:
    result = score(AMINA, LEILA)
    assert result.eligible and not result.failed
    reasons = {r.rule_id: r for r in result.reasons}
    assert reasons[LANGUAGE_OWN].items == ("ar",) and reasons[LANGUAGE_OWN].points == 4
    assert reasons[PLACE_SAME].items == (KOUVOLA,)
    assert reasons[INTEREST_SHARED].items == (CLIMBING,) and reasons[INTEREST_SHARED].points == 1
    assert reasons[SKILL_TEACH].items == (CV, PYTHON) and reasons[SKILL_TEACH].points == 3
    assert reasons[CAPACITY_LEFT].items == ("2",) and reasons[CAPACITY_LEFT].points == 0.5
    assert result.score == 4 + 2 + 1 + 3 + 0.5
    assert [r.rule_id for r in result.reasons] == [
        LANGUAGE_OWN,
        PLACE_SAME,
        INTEREST_SHARED,
        SKILL_TEACH,
        CAPACITY_LEFT,
    ]


def test_a_mentor_without_a_common_language_or_place_scores_zero_and_says_why() -> None:
    result = score(AMINA, PEKKA)  # Amina's Finnish is A2 (enough), but Kotka and no remote
    assert result.failed == (FILTER_PLACE,) and result.score == 0 and not result.eligible
    assert {r.rule_id for r in result.reasons} >= {LANGUAGE_SHARED, SKILL_TEACH}
    remote = score(replace(AMINA, wants_remote=True), PEKKA)
    assert remote.eligible
    assert [r.rule_id for r in remote.reasons][:2] == [LANGUAGE_SHARED, PLACE_REMOTE]
    beginner = replace(AMINA, languages={"ar": "native", "fi": "A1"}, wants_remote=True)
    assert score(beginner, PEKKA).failed == (FILTER_LANGUAGE,)
    asked = replace(beginner, preferred_languages=("en",))  # asked for English: counts as known
    assert score(asked, PEKKA).reasons[0].rule_id == LANGUAGE_WANTED
    full = replace(LEILA, capacity_left=0, roles=frozenset({"support_line"}))
    assert score(AMINA, full).failed == (FILTER_ROLE, FILTER_CAPACITY)
    assert score(AMINA, full).score == 0


def test_the_own_language_counts_more_than_a_wanted_or_a_shared_one() -> None:
    finnish_speaker = replace(LEILA, id="m3", languages={"fi": "native"})
    own, shared = score(AMINA, LEILA), score(AMINA, finnish_speaker)
    assert own.score - shared.score == 4 - 2
    weak_arabic = replace(LEILA, id="m4", languages={"ar": "B1", "fi": "native"})
    assert score(AMINA, weak_arabic).reasons[0].rule_id == LANGUAGE_SHARED
    assert score(AMINA, weak_arabic).reasons[0].items == ("ar", "fi")


def test_points_for_interests_skills_and_places_are_capped() -> None:
    many = frozenset(S + str(n) for n in range(10))
    need = replace(AMINA, interests=many, skills_to_learn=many)
    mentor = replace(LEILA, interests=many, skills=many, capacity_left=9)
    reasons = {r.rule_id: r for r in score(need, mentor).reasons}
    assert reasons[INTEREST_SHARED].points == 3 and len(reasons[INTEREST_SHARED].items) == 10
    assert reasons[SKILL_TEACH].points == 4.5 and reasons[CAPACITY_LEFT].points == 1
    assert score(need, mentor).score == load_mentor_rules().max_score


def test_rank_lists_eligible_mentors_best_first_with_ties_by_id() -> None:
    twin_b = replace(LEILA, id="m9")
    twin_a = replace(LEILA, id="m10")  # same score: "m10" < "m9" as text
    remote_need = replace(AMINA, wants_remote=True)
    ranked = rank(remote_need, [twin_b, PEKKA, twin_a])
    assert [s.mentor_id for s in ranked] == ["m10", "m9", "m2"]
    assert rank(remote_need, [twin_b, PEKKA, twin_a], limit=1)[0].mentor_id == "m10"
    assert [s.mentor_id for s in rank(AMINA, [PEKKA])] == []


# --- many pairs ---------------------------------------------------------------------------

LANGS = st.dictionaries(
    st.sampled_from(["fi", "sv", "en", "ar", "so"]),
    st.sampled_from(["A1", "A2", "B1", "B2", "C1", "native"]),
    max_size=3,
)
URIS = st.frozensets(st.sampled_from([CLIMBING, PYTHON, CV, SQL, BAND]), max_size=3)
PLACES = [KOUVOLA, KOTKA, LAHTI]


@st.composite
def instances(draw: Any, max_needs: int = 12, max_mentors: int = 6) -> Any:
    n = draw(st.integers(0, max_needs))
    m = draw(st.integers(0, max_mentors))
    needs = [
        MenteeNeed(
            id=f"p{i:02d}",
            languages=draw(LANGS),
            region=draw(st.sampled_from([*PLACES, None])),
            wants_remote=draw(st.booleans()),
            interests=draw(URIS),
            skills_to_learn=draw(URIS),
            preferred_languages=tuple(draw(st.lists(st.sampled_from(["fi", "ar"]), max_size=2))),
        )
        for i in range(n)
    ]
    mentors = [
        MentorCandidate(
            id=f"m{j:02d}",
            languages=draw(LANGS),
            regions=draw(st.frozensets(st.sampled_from(PLACES), max_size=2)),
            remote_ok=draw(st.booleans()),
            interests=draw(URIS),
            skills=draw(URIS),
            capacity_left=draw(st.integers(0, 3)),
            roles=draw(st.frozensets(st.sampled_from([MENTOR, "learning_mentor", "support_line"]))),
        )
        for j in range(m)
    ]
    return needs, mentors


def _lp_optimum(needs: list[MenteeNeed], mentors: list[MentorCandidate]) -> float:
    """The LP relaxation of the b-matching (integral for bipartite graphs): the true optimum."""
    matrix = score_matrix(needs, mentors)
    n, m = matrix.shape
    if not n or not m or not (matrix > 0).any():
        return 0.0
    rows = np.zeros((n + m, n * m))
    for i in range(n):
        rows[i, i * m : (i + 1) * m] = 1
    for j in range(m):
        rows[n + j, j::m] = 1
    bounds = np.concatenate([np.ones(n), [max(0, x.capacity_left) for x in mentors]])
    result = linprog(-matrix.ravel(), A_ub=rows, b_ub=bounds, bounds=(0, 1), method="highs")
    assert result.status == 0
    return float(-result.fun)


def _valid(result: Assignment, needs: list[MenteeNeed], mentors: list[MentorCandidate]) -> None:
    by_need = {x.id: x for x in needs}
    by_mentor = {y.id: y for y in mentors}
    assert len({p.need_id for p in result.pairs}) == len(result.pairs)
    for mentor_id, load in result.load().items():
        assert load <= by_mentor[mentor_id].capacity_left
    for pair in result.pairs:
        scored = score(by_need[pair.need_id], by_mentor[pair.mentor_id])
        assert scored.eligible and pair.score == scored.score
    assert sorted([p.need_id for p in result.pairs] + list(result.unassigned)) == sorted(by_need)
    assert result.total == sum(p.score for p in result.pairs)


@settings(max_examples=200, deadline=None)
@given(instances())
def test_the_matrix_is_bit_identical_to_the_pairwise_score(instance: Any) -> None:
    needs, mentors = instance
    matrix = score_matrix(needs, mentors)
    assert matrix.shape == (len(needs), len(mentors))
    for i, need in enumerate(needs):
        for j, mentor in enumerate(mentors):
            assert matrix[i, j].hex() == float(score(need, mentor).score).hex()


@settings(max_examples=150, deadline=None)
@given(instances())
def test_optimal_is_valid_equals_the_lp_optimum_and_beats_greedy(instance: Any) -> None:
    needs, mentors = instance
    optimal, greedy = assign(needs, mentors), greedy_assign(needs, mentors)
    _valid(optimal, needs, mentors)
    _valid(greedy, needs, mentors)
    assert optimal.method == "optimal" and greedy.method == "greedy"
    assert optimal.total >= greedy.total
    assert optimal.total == pytest.approx(_lp_optimum(needs, mentors), abs=1e-9)


@settings(max_examples=80, deadline=None)
@given(instances(), st.randoms(use_true_random=False))
def test_the_result_does_not_depend_on_the_order_of_the_inputs(
    instance: Any, shuffler: random.Random
) -> None:
    needs, mentors = instance
    first = (assign(needs, mentors), greedy_assign(needs, mentors))
    shuffler.shuffle(needs)
    shuffler.shuffle(mentors)
    assert (assign(needs, mentors), greedy_assign(needs, mentors)) == first


def test_greedy_is_beaten_where_it_is_short_sighted() -> None:
    """Greedy gives the one mentor to the best pair; the optimum spreads the two mentors."""
    both = replace(LEILA, id="m1", capacity_left=1)
    only_first = replace(LEILA, id="m2", capacity_left=1, languages={"ar": "native"})
    arabic = replace(AMINA, id="p1")  # own language with either (Arabic)
    finn = replace(AMINA, id="p2", languages={"fi": "native"})  # own language with m1 only
    greedy = greedy_assign([arabic, finn], [both, only_first])
    optimal = assign([arabic, finn], [both, only_first])
    assert [(p.need_id, p.mentor_id) for p in greedy.pairs] == [("p1", "m1")]
    assert [(p.need_id, p.mentor_id) for p in optimal.pairs] == [("p1", "m2"), ("p2", "m1")]
    assert optimal.total > greedy.total and greedy.unassigned == ("p2",)


def test_ties_are_broken_by_id_in_greedy_and_the_same_every_time() -> None:
    twins = [replace(LEILA, id=f"m{k}", capacity_left=1) for k in (3, 1, 2)]
    needs = [replace(AMINA, id=f"p{k}") for k in (2, 1)]
    greedy = greedy_assign(needs, twins)
    assert [(p.need_id, p.mentor_id) for p in greedy.pairs] == [("p1", "m1"), ("p2", "m2")]
    results = {assign(needs, twins) for _ in range(5)}
    assert len(results) == 1
    assert next(iter(results)).total == greedy.total


def test_never_assigns_a_pair_without_a_common_language_or_duplicates() -> None:
    lonely = MenteeNeed(id="p1", languages={"so": "native"}, region=KOUVOLA, wants_remote=True)
    result = assign([lonely], [LEILA, PEKKA])
    assert result.pairs == () and result.unassigned == ("p1",) and result.total == 0
    assert assign([], [LEILA]).pairs == () and assign([AMINA], []).unassigned == ("p1",)
    with pytest.raises(ValueError, match="duplicate"):
        assign([AMINA, AMINA], [LEILA])


def test_excluded_pairs_are_never_chosen() -> None:
    """A pair that is already a mentoring is left out; the participant gets the next best."""
    second = replace(LEILA, id="m2", interests=frozenset())
    first = assign([AMINA], [LEILA, second])
    assert [(p.need_id, p.mentor_id) for p in first.pairs] == [("p1", "m1")]
    for method in (assign, greedy_assign):
        result = method([AMINA], [LEILA, second], exclude=[("p1", "m1"), ("p9", "m1")])
        assert [(p.need_id, p.mentor_id) for p in result.pairs] == [("p1", "m2")]


@pytest.mark.parametrize(
    "ids",
    [("100", "101", "102", "103"), ("998", "999", "1000", "1001"), ("1000", "1001", "98", "99")],
)
def test_among_equal_totals_people_with_fewer_eligible_mentors_are_paired(
    ids: tuple[str, str, str, str],
) -> None:
    """Two Arabic speakers whom only Leila can mentor, two Finnish speakers whom Leila or the
    remote Pekka can: Leila to both Arabic speakers and Pekka to one Finn, and another
    assignment (Leila to a Finn, one Arabic speaker left), have the same total. The solver's
    choice between them followed the order of the ids as text ("998" after "1000"), so a
    participant with no other mentor could be left out by chance."""
    mentor = frozenset({"individual_mentor"})
    leila = MentorCandidate(
        "leila", {"ar": "native", "fi": "C1"}, frozenset({"286"}), capacity_left=2, roles=mentor
    )
    pekka = MentorCandidate(
        "pekka", {"fi": "native"}, frozenset({"285"}), True, capacity_left=1, roles=mentor
    )
    arabic, finnish = {"ar": "native", "fi": "A1"}, {"fi": "native"}
    needs = [
        MenteeNeed(ids[0], arabic, "286"),
        MenteeNeed(ids[1], arabic, "286"),
        MenteeNeed(ids[2], finnish, "286", wants_remote=True),
        MenteeNeed(ids[3], finnish, "286", wants_remote=True),
    ]
    rules = load_mentor_rules()
    assert score(needs[0], leila, rules).score == score(needs[2], leila, rules).score  # a tie
    result = assign(needs, [leila, pekka], rules)
    chosen = {pair.need_id: pair.mentor_id for pair in result.pairs}
    assert chosen[ids[0]] == chosen[ids[1]] == "leila"
    assert sorted(chosen.get(i, "") for i in ids[2:]) == ["", "pekka"]
    assert result.total == sum(pair.score for pair in result.pairs)
    assert all(
        pair.score in {score(n, m, rules).score for n in needs for m in (leila, pekka)}
        for pair in result.pairs
    )  # the bonus is never reported

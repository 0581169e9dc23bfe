"""Age, gender and every other attribute outside the declared inputs never change a mentor's
score, the ranking or the assignment.

The dataclasses have no such fields, so the test goes through the one adapter per side
(`need_from_record`, `mentor_from_record`): records with sensitive fields plus the declared
fields; changing only the sensitive fields (on either side) must give bit-identical scores,
the same ranking and the same assignment, optimal and greedy.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from kohtaanto.matching.mentors import (
    MENTOR_FIELDS,
    NEED_FIELDS,
    MenteeNeed,
    MentorCandidate,
    assign,
    greedy_assign,
    mentor_from_record,
    need_from_record,
    rank,
)

from .test_fairness import SENSITIVE

S = "http://example.org/skill/"
URIS = st.lists(st.sampled_from([S + "climbing", S + "python", S + "cv", S + "band"]), max_size=3)
LANGS = st.dictionaries(
    st.sampled_from(["fi", "sv", "en", "ar", "so"]),
    st.sampled_from(["A2", "B1", "B2", "C1", "native"]),
    max_size=3,
)
PLACES = ["286", "285", "398"]
EXTRA = {
    **SENSITIVE,
    "first_name": st.text(max_size=10),
    "photo": st.binary(max_size=8),
    "years_of_experience": st.integers(0, 40),
    "unknown_field": st.integers(),
}

need_part = st.fixed_dictionaries(
    {
        "languages": LANGS,
        "region": st.sampled_from([*PLACES, None]),
        "wants_remote": st.booleans(),
        "interests": URIS,
        "skills_to_learn": URIS,
        "preferred_languages": st.lists(st.sampled_from(["fi", "ar", "en"]), max_size=2),
    }
)
mentor_part = st.fixed_dictionaries(
    {
        "languages": LANGS,
        "regions": st.lists(st.sampled_from(PLACES), max_size=2),
        "remote_ok": st.booleans(),
        "interests": URIS,
        "skills": URIS,
        "capacity_left": st.integers(0, 3),
        "roles": st.lists(
            st.sampled_from(["individual_mentor", "learning_mentor", "group_leader"]), max_size=2
        ),
    }
)
extra_part = st.fixed_dictionaries({}, optional=EXTRA)


def _people(
    needs: list[dict[str, Any]],
    mentors: list[dict[str, Any]],
    need_extras: list[dict[str, Any]],
    mentor_extras: list[dict[str, Any]],
) -> tuple[list[MenteeNeed], list[MentorCandidate]]:
    return (
        [
            need_from_record({**need_extras[i % len(need_extras)], **fields, "id": f"p{i}"})
            for i, fields in enumerate(needs)
        ],
        [
            mentor_from_record({**mentor_extras[j % len(mentor_extras)], **fields, "id": f"m{j}"})
            for j, fields in enumerate(mentors)
        ],
    )


@settings(max_examples=150, deadline=None)
@given(
    st.lists(need_part, min_size=1, max_size=6),
    st.lists(mentor_part, min_size=1, max_size=4),
    st.lists(extra_part, min_size=1, max_size=3),
    st.lists(extra_part, min_size=1, max_size=3),
    st.lists(extra_part, min_size=1, max_size=3),
    st.lists(extra_part, min_size=1, max_size=3),
)
def test_attributes_outside_the_inputs_never_change_ranking_or_assignment(
    needs: list[dict[str, Any]],
    mentors: list[dict[str, Any]],
    need_one: list[dict[str, Any]],
    need_other: list[dict[str, Any]],
    mentor_one: list[dict[str, Any]],
    mentor_other: list[dict[str, Any]],
) -> None:
    first = _people(needs, mentors, need_one, mentor_one)
    second = _people(needs, mentors, need_other, mentor_other)
    assert first == second
    for a, b in zip(first[0], second[0], strict=True):
        ranked_a, ranked_b = rank(a, first[1], limit=None), rank(b, second[1], limit=None)
        assert [(s.mentor_id, s.score.hex(), s.reasons) for s in ranked_a] == [
            (s.mentor_id, s.score.hex(), s.reasons) for s in ranked_b
        ]
    assert assign(*first) == assign(*second)
    assert greedy_assign(*first) == greedy_assign(*second)


def test_the_inputs_have_only_the_declared_fields() -> None:
    assert set(MenteeNeed.__slots__) == set(NEED_FIELDS)
    assert set(MentorCandidate.__slots__) == set(MENTOR_FIELDS)
    forbidden = {"age", "gender", "birth_date", "nationality", "health", "mother_tongue", "name"}
    assert not forbidden & {*NEED_FIELDS, *MENTOR_FIELDS}


def test_the_adapters_ignore_everything_else() -> None:
    need = need_from_record({"id": 3, "age": 58, "gender": "f", "region": "", "interests": ["a"]})
    assert need == MenteeNeed(id="3", interests=frozenset({"a"}))
    mentor = mentor_from_record({"id": "m", "capacity_left": -2, "age": 70, "roles": ["x"]})
    assert mentor == MentorCandidate(id="m", roles=frozenset({"x"}))

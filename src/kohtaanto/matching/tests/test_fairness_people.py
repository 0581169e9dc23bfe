"""Fairness under scoring-v2: protected fields leave scores bit-identical also when languages
count as skills, restrictions take skills away and "not for me" lowers similar openings."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from kohtaanto.matching.model import profile_from_record
from kohtaanto.matching.rules import load_rules
from kohtaanto.matching.score import Matcher, lower_similar

from .conftest import LABELS, OPENINGS, WAREHOUSE
from .test_fairness import SENSITIVE
from .test_people_rules import CARE_JOB, FINNISH, LIFT_HEAVY, SHIFTS, SPEAK_FINNISH, STORE_JOB

ALL = (*OPENINGS, CARE_JOB, STORE_JOB)
SKILLS = sorted({*LABELS, FINNISH, SPEAK_FINNISH, LIFT_HEAVY, SHIFTS})

profile_part = st.fixed_dictionaries(
    {
        "id": st.just("p1"),
        "skills": st.dictionaries(
            st.sampled_from(SKILLS), st.sampled_from(["cv", "occupation"]), max_size=6
        ),
        "occupations": st.lists(st.sampled_from([WAREHOUSE]), max_size=1),
        "languages": st.dictionaries(
            st.sampled_from(["fi", "sv", "en", "ar"]),
            st.sampled_from(["A1", "A2", "B1", "B2", "C1", "C2", "native"]),
        ),
        "region": st.sampled_from(["01", "06", None]),
        "hours_wanted": st.sampled_from([None, 20, 37.5]),
        "constraints": st.lists(
            st.sampled_from(["no_heavy_lifting", "no_night_shifts", "no_driving", "no_outdoor"])
        ),
    }
)
sensitive_part = st.fixed_dictionaries({}, optional=SENSITIVE)
refused_part = st.lists(st.sampled_from(ALL), max_size=2)


@settings(max_examples=150, deadline=None)
@given(profile_part, sensitive_part, sensitive_part, refused_part)
def test_protected_fields_never_change_v2_scores(
    graph: Any, fields: dict[str, Any], one: dict[str, Any], other: dict[str, Any], refused: Any
) -> None:
    matcher = Matcher(load_rules("scoring-v2"), graph)
    first = profile_from_record({**one, **fields})
    second = profile_from_record({**other, **fields})
    assert first == second
    for opening in ALL:
        a = lower_similar(matcher.explain(first, opening), opening, refused, matcher.rules)
        b = lower_similar(matcher.explain(second, opening), opening, refused, matcher.rules)
        assert a.score.hex() == b.score.hex() and a == b


@settings(max_examples=100, deadline=None)
@given(profile_part)
def test_the_new_rules_only_ever_lower_or_raise_by_their_documented_amounts(
    graph: Any, fields: dict[str, Any]
) -> None:
    """A native speaker never misses a skill of their language; a restriction never raises."""
    matcher = Matcher(load_rules("scoring-v2"), graph)
    profile = profile_from_record(fields)
    free = profile_from_record({**fields, "constraints": []})
    for opening in ALL:
        limited, unlimited = matcher.explain(profile, opening), matcher.explain(free, opening)
        assert limited.score <= unlimited.score
        if fields["languages"].get("fi") == "native":
            assert FINNISH not in limited.missing_essential
            assert not [g for g in limited.language_gaps if g.language == "fi"]
        lowered = lower_similar(limited, opening, [STORE_JOB], matcher.rules)
        assert lowered.score in (limited.score, max(0.0, limited.score - 0.125))

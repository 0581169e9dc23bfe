"""Age, gender, nationality, health and other special categories never change a score.

The dataclasses have no such fields, so the test goes through the one adapter,
`profile_from_record`: a person record with sensitive fields plus the profile fields becomes a
`Profile`; changing only the sensitive fields must give bit-identical scores and explanations.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from kohtaanto.matching.model import PROFILE_FIELDS, Profile, profile_from_record
from kohtaanto.matching.score import Matcher

from .conftest import DEVELOPER, LABELS, OPENINGS, TESTER, WAREHOUSE

SENSITIVE = {
    "age": st.integers(15, 80),
    "birth_date": st.dates().map(str),
    "gender": st.sampled_from(["female", "male", "other", None]),
    "nationality": st.sampled_from(["FI", "SE", "SO", "IQ", "UA", "EE"]),
    "mother_tongue": st.sampled_from(["fi", "sv", "so", "ar", "ru"]),
    "health": st.text(max_size=20),
    "disability": st.booleans(),
    "ethnicity": st.text(max_size=10),
    "religion": st.text(max_size=10),
    "trade_union_member": st.booleans(),
    "sexual_orientation": st.text(max_size=10),
    "name": st.text(max_size=20),
    "ssn": st.text(max_size=11),
}

profile_part = st.fixed_dictionaries(
    {
        "id": st.sampled_from(["p1", "p2"]),
        "skills": st.dictionaries(
            st.sampled_from(sorted(LABELS)), st.sampled_from(["cv", "coach", "hobby"]), max_size=6
        ),
        "occupations": st.lists(st.sampled_from([DEVELOPER, TESTER, WAREHOUSE]), max_size=2),
        "languages": st.dictionaries(
            st.sampled_from(["fi", "sv", "en"]), st.sampled_from(["A2", "B1", "C1", "native"])
        ),
        "municipality": st.sampled_from(["091", "837", None]),
        "region": st.sampled_from(["01", "06", None]),
        "hours_wanted": st.sampled_from([None, 20, 30, 37.5]),
        "constraints": st.lists(st.sampled_from(["no_heavy_lifting", "no_night_shifts"])),
    }
)
sensitive_part = st.fixed_dictionaries({}, optional=SENSITIVE)


def _fingerprint(matcher: Matcher, profile: Profile) -> list[Any]:
    explanations = [matcher.explain(profile, opening) for opening in OPENINGS]
    return [(e.score.hex(), e) for e in explanations]


@settings(max_examples=150, deadline=None)
@given(profile_part, sensitive_part, sensitive_part)
def test_sensitive_fields_leave_scores_bit_identical(
    matcher: Matcher, fields: dict[str, Any], one: dict[str, Any], other: dict[str, Any]
) -> None:
    first = profile_from_record({**one, **fields})
    second = profile_from_record({**other, **fields})
    assert first == second
    assert _fingerprint(matcher, first) == _fingerprint(matcher, second)
    assert matcher.suggest_for_profile(first, OPENINGS) == matcher.suggest_for_profile(
        second, OPENINGS
    )


def test_the_profile_has_only_the_documented_fields() -> None:
    assert set(Profile.__slots__) == set(PROFILE_FIELDS)  # type: ignore[attr-defined]
    forbidden = {"age", "gender", "nationality", "health", "birth_date", "ethnicity", "religion"}
    assert not forbidden & set(PROFILE_FIELDS)


def test_the_adapter_ignores_everything_else_and_reads_skill_lists() -> None:
    record = {"id": 7, "skills": ["a", "b"], "age": 58, "gender": "f", "unknown": object()}
    profile = profile_from_record(record)
    assert profile.id == "7" and set(profile.skills) == {"a", "b"}
    assert profile.skills["a"].source == "profile"
    detailed = profile_from_record({"id": "x", "skills": {"a": {"source": "cv", "confirmed": 1}}})
    assert detailed.skills["a"].confirmed is True

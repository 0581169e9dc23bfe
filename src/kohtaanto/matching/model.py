"""The plain dataclasses of matching: who looks for work, what is on offer, what can be learnt.

There is deliberately no field for age, gender, nationality, health or any other special
category of personal data (GDPR art. 9): what is not in the model cannot be scored. Callers that
hold a fuller person record go through `profile_from_record`, the one adapter, which keeps only
the allowed fields.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

#: CEFR levels, then "native"; a language level compares by position in this tuple.
LANGUAGE_LEVELS: tuple[str, ...] = ("A1", "A2", "B1", "B2", "C1", "C2", "native")


_RANKS = {name.lower(): rank for rank, name in enumerate(LANGUAGE_LEVELS, start=1)}
_EXACT = {**_RANKS, **{name: rank for rank, name in enumerate(LANGUAGE_LEVELS, start=1)}}


def level_rank(level: str | None) -> int:
    """0 for none/unknown, 1 (A1) … 7 (native)."""
    if not level:
        return 0
    found = _EXACT.get(level)
    return found if found is not None else _RANKS.get(level.strip().lower(), 0)


class OpportunityKind(StrEnum):
    JOB = "job"
    WORK_TRIAL = "work_trial"
    EDUCATION_TRIAL = "education_trial"
    SME_NEED = "sme_need"
    VOLUNTEERING = "volunteering"


class Remote(StrEnum):
    NONE = "none"
    HYBRID = "hybrid"
    REMOTE = "remote"


@dataclass(frozen=True, slots=True)
class SkillEvidence:
    """Where a profile skill came from (e.g. "cv", "coach", "occupation", "badge")."""

    source: str
    confirmed: bool = False


@dataclass(frozen=True, slots=True)
class Profile:
    id: str
    skills: Mapping[str, SkillEvidence]
    occupations: frozenset[str] = frozenset()
    languages: Mapping[str, str] = field(default_factory=dict)
    """ISO 639-1 code → level ("A1" … "C2", "native")."""
    municipality: str | None = None
    region: str | None = None
    max_commute_km: float | None = None
    hours_wanted: float | None = None
    constraints: frozenset[str] = frozenset()
    """Stated work constraints, e.g. "no_heavy_lifting", "no_night_shifts"."""


@dataclass(frozen=True, slots=True)
class Opportunity:
    id: str
    kind: OpportunityKind = OpportunityKind.JOB
    required_skills: frozenset[str] = frozenset()
    nice_to_have_skills: frozenset[str] = frozenset()
    occupation: str | None = None
    languages_required: Mapping[str, str] = field(default_factory=dict)
    municipality: str | None = None
    region: str | None = None
    remote: Remote = Remote.NONE
    hours: float | None = None
    physical_demands: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Course:
    id: str
    skills: frozenset[str]
    cost_eur: float = 0.0
    hours: float = 0.0
    format: str = "online"
    language: str = "fi"
    levels: Mapping[str, str] = field(default_factory=dict)
    """Language courses: ISO 639-1 code → the CEFR level the course leads to (e.g. {"fi": "B1"}),
    when the course says it (`course_levels`); empty otherwise."""


#: The only fields of a person record that matching may see (see `profile_from_record`).
PROFILE_FIELDS: tuple[str, ...] = (
    "id",
    "skills",
    "occupations",
    "languages",
    "municipality",
    "region",
    "max_commute_km",
    "hours_wanted",
    "constraints",
)


def _evidence(value: Any) -> SkillEvidence:
    if isinstance(value, SkillEvidence):
        return value
    if isinstance(value, Mapping):
        return SkillEvidence(str(value.get("source", "profile")), bool(value.get("confirmed")))
    return SkillEvidence(str(value) if value else "profile")


def _optional_float(value: Any) -> float | None:
    return None if value is None or value == "" else float(value)


def profile_from_record(record: Mapping[str, Any]) -> Profile:
    """The one adapter from a person record (dict) to a `Profile`.

    Reads only `PROFILE_FIELDS`; everything else in the record (age, gender, nationality,
    health, names, contact details …) is ignored, never rejected, so that a caller cannot leak
    it into matching by accident. `skills` is a mapping URI → source string or
    {"source", "confirmed"}, or a list of URIs.
    """
    raw_skills = record.get("skills") or {}
    if isinstance(raw_skills, Mapping):
        skills = {str(uri): _evidence(ev) for uri, ev in raw_skills.items()}
    else:
        skills = {str(uri): SkillEvidence("profile") for uri in raw_skills}
    return Profile(
        id=str(record["id"]),
        skills=skills,
        occupations=frozenset(str(o) for o in record.get("occupations") or ()),
        languages={str(k): str(v) for k, v in (record.get("languages") or {}).items()},
        municipality=record.get("municipality") or None,
        region=record.get("region") or None,
        max_commute_km=_optional_float(record.get("max_commute_km")),
        hours_wanted=_optional_float(record.get("hours_wanted")),
        constraints=frozenset(str(c) for c in record.get("constraints") or ()),
    )


def opportunity_from_record(record: Mapping[str, Any]) -> Opportunity:
    """An `Opportunity` from a plain dict (the JSON-lines input format)."""
    return Opportunity(
        id=str(record["id"]),
        kind=OpportunityKind(record.get("kind", "job")),
        required_skills=frozenset(record.get("required_skills") or ()),
        nice_to_have_skills=frozenset(record.get("nice_to_have_skills") or ()),
        occupation=record.get("occupation") or None,
        languages_required={
            str(k): str(v) for k, v in (record.get("languages_required") or {}).items()
        },
        municipality=record.get("municipality") or None,
        region=record.get("region") or None,
        remote=Remote(record.get("remote", "none")),
        hours=_optional_float(record.get("hours")),
        physical_demands=frozenset(record.get("physical_demands") or ()),
    )


_LEVEL_TOKEN = re.compile(r"(?<![A-Za-z0-9])([ABC][12])(?![A-Za-z0-9])")


def stated_level(*texts: str) -> str | None:
    """The CEFR level a course leads to, as its title or description states it ("Suomea
    työelämään B1", "Suomen kieli A2–B1" → "B1"): the highest A1…C2 token, None if none."""
    found = [m.group(1) for text in texts for m in _LEVEL_TOKEN.finditer(text or "")]
    return max(found, key=level_rank) if found else None


def course_from_record(record: Mapping[str, Any]) -> Course:
    return Course(
        id=str(record["id"]),
        skills=frozenset(record.get("skills") or ()),
        cost_eur=float(record.get("cost_eur", 0.0)),
        hours=float(record.get("hours", 0.0)),
        format=str(record.get("format", "online")),
        language=str(record.get("language", "fi")),
        levels={str(k): str(v) for k, v in (record.get("levels") or {}).items()},
    )

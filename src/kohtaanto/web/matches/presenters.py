"""Explanations and learning paths as plain data for the templates (labels in the reader's
language, sources and rules as translated words)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.translation import gettext as _

from kohtaanto.matches import adapters
from kohtaanto.matching.explanation import Explanation
from kohtaanto.matching.learning import LearningPath
from kohtaanto.matching.rules import (
    FILTER_CONSTRAINT,
    FILTER_LANGUAGE,
    FILTER_REGION,
    OCCUPATION_RELATED,
    OCCUPATION_SAME,
    SKILL_BROADER,
)
from kohtaanto.opportunities.models import Course, Opportunity
from kohtaanto.profiles.enums import ItemSource


def filter_names() -> dict[str, str]:
    return {
        FILTER_LANGUAGE: _("Language skills"),
        FILTER_REGION: _("Where the work is"),
        FILTER_CONSTRAINT: _("Limits on work"),
    }


def source_label(source: str) -> str:
    try:
        return str(ItemSource(source).label)
    except ValueError:
        return source


def uris_of(explanation: Explanation, path: LearningPath | None = None) -> set[str]:
    uris = {m.skill for m in explanation.matched}
    uris |= {p.skill for p in explanation.partial} | {p.via for p in explanation.partial}
    uris |= set(explanation.missing_essential)
    if path is not None:
        uris |= set(path.uncovered)
    return uris


def known_labels(opportunities: Iterable[Opportunity], courses: Iterable[Course]) -> dict[str, str]:
    """Labels stored with opportunity and course skills (used when no vocabulary has one)."""
    known: dict[str, str] = {}
    for opportunity in opportunities:
        for skill in opportunity.skills.all():
            if skill.label:
                known[skill.uri] = skill.label
    for course in courses:
        for taught in course.skills.all():
            if taught.label:
                known[taught.uri] = taught.label
    return known


def explanation_view(explanation: Explanation, label: Mapping[str, str]) -> dict[str, Any]:
    names = filter_names()
    penalties = [
        _("The hours are %(offered)s h a week; the wish is %(wanted)s h.")
        % {"offered": f"{p.offered:g}", "wanted": f"{p.wanted:g}"}
        for p in explanation.penalties
    ]
    occupation = {
        OCCUPATION_SAME: _("The occupation is the same as in the profile."),
        OCCUPATION_RELATED: _("The occupation is close to one in the profile."),
    }.get(explanation.occupation_rule or "", "")
    return {
        "score": round(explanation.score * 100),
        "rules_version": explanation.rules_version,
        "matched": [
            {
                "label": label.get(m.skill, m.skill),
                "source": source_label(m.source),
                "essential": m.rule_id.endswith("essential"),
            }
            for m in explanation.matched
        ],
        "partial": [
            {
                "label": label.get(p.skill, p.skill),
                "via": label.get(p.via, p.via),
                "close": p.rule_id == SKILL_BROADER,
                "essential": p.essential,
            }
            for p in explanation.partial
        ],
        "missing": [label.get(uri, uri) for uri in explanation.missing_essential],
        "checks": [
            {"name": names.get(c.rule_id, c.rule_id), "passed": c.passed, "details": c.details}
            for c in explanation.checks
        ],
        "penalties": penalties,
        "occupation": occupation,
    }


def path_view(
    path: LearningPath, courses: Mapping[str, Course], label: Mapping[str, str]
) -> dict[str, Any]:
    return {
        "courses": [
            {
                "course": courses[c.id],
                "covers": [label.get(uri, uri) for uri in path.covers.get(c.id, ())],
            }
            for c in path.courses
            if c.id in courses
        ],
        "uncovered": [label.get(uri, uri) for uri in path.uncovered],
        "cost": path.cost_eur,
        "hours": path.hours,
        "needed": bool(path.courses or path.uncovered),
    }


def label_map(uris: set[str], lang: str, known: Mapping[str, str]) -> dict[str, str]:
    return adapters.labels(uris, lang, known)

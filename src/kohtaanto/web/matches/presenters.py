"""Explanations, learning paths and near-misses as plain data for the templates (labels in the
reader's language, sources and rules as translated words).

RESTRICTED: `explanation_view` puts what a person's limits on work changed under the key
"restriction"; `_explanation.html` shows it only when the reader may see restricted data
(`extra.limits_visible` from the `suggestion_extras` tag: the participant and their own
coaches), never on an employer's page. Employer-facing and bulk profiles carry no limits at
all (`matches.adapters`), so there is nothing to leak there in the first place.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.translation import gettext as _

from kohtaanto.journeys.documents.content import language_name
from kohtaanto.journeys.services.limits import RESTRICTIONS
from kohtaanto.matches import adapters
from kohtaanto.matches.suggestions import NearMiss, Suggestions
from kohtaanto.matching.explanation import Explanation
from kohtaanto.matching.learning import LearningPath
from kohtaanto.matching.rules import (
    FILTER_CONSTRAINT,
    FILTER_LANGUAGE,
    FILTER_REGION,
    OCCUPATION_RELATED,
    OCCUPATION_SAME,
    PENALTY_HOURS,
    PENALTY_RESTRICTION,
    PENALTY_SIMILAR,
    SKILL_BROADER,
)
from kohtaanto.matching.score import LANGUAGE_SOURCE
from kohtaanto.opportunities.enums import PhysicalDemand
from kohtaanto.opportunities.models import Course, Opportunity
from kohtaanto.profiles.enums import ItemSource
from kohtaanto.reference.languages import language_levels
from kohtaanto.reference.places import municipalities


def filter_names() -> dict[str, str]:
    return {
        FILTER_LANGUAGE: _("Language skills"),
        FILTER_REGION: _("Where the work is"),
        FILTER_CONSTRAINT: _("Limits on work"),
    }


def source_label(source: str) -> str:
    if source == LANGUAGE_SOURCE:
        return _("languages I know")
    try:
        return str(ItemSource(source).label)
    except ValueError:
        return source


def region_name(code: str, lang: str) -> str:
    for place in municipalities().values():
        if place.region_code == code:
            return place.region_sv if lang == "sv" else place.region_fi
    return code


def demand_name(code: str) -> str:
    try:
        return str(PhysicalDemand(code).label)
    except ValueError:
        return code


def restriction_name(code: str) -> str:
    found = RESTRICTIONS.get(code)
    return str(found) if found else code


def spoken_languages(languages: Iterable[tuple[str, str]], lang: str) -> list[str]:
    """("fi", "native") → "suomi: Äidinkieli", ("en", "B1") → "englanti: B1 (…)": the
    language's name and the level's label (`reference.languages`) in the reader's language."""
    levels = language_levels()
    result = []
    for code, level in languages:
        found = levels.get(level)
        label = found.label.get(lang) if found else ""
        level_text = label if level == "native" or not label else f"{level} ({label})"
        result.append(f"{language_name(code, lang)}: {level_text}")
    return result


def level_name(level: str | None) -> str:
    if not level:
        return _("none")
    return _("native language") if level == "native" else level


def _check_details(rule_id: str, details: tuple[str, ...], lang: str) -> list[str]:
    if rule_id == FILTER_LANGUAGE:
        found = []
        for item in details:
            code, _space, level = item.partition(" ")
            found.append(f"{language_name(code, lang)} {level_name(level)}".strip())
        return found
    if rule_id == FILTER_REGION:
        return [region_name(code, lang) for code in details]
    if rule_id == FILTER_CONSTRAINT:
        return [demand_name(code) for code in details]
    return list(details)


def uris_of(explanation: Explanation, path: LearningPath | None = None) -> set[str]:
    uris = {m.skill for m in explanation.matched}
    uris |= {p.skill for p in explanation.partial} | {p.via for p in explanation.partial}
    uris |= set(explanation.missing_essential)
    uris |= {c.skill for c in explanation.conflicts}
    if path is not None:
        uris |= set(path.uncovered)
        uris |= {uri for covered in path.covers.values() for uri in covered}
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


def explanation_view(
    explanation: Explanation, label: Mapping[str, str], lang: str | None = None
) -> dict[str, Any]:
    from django.utils.translation import get_language

    lang = (lang or get_language() or "fi")[:2]
    names = filter_names()
    penalties = [
        _("The hours are %(offered)s h a week; the wish is %(wanted)s h.")
        % {"offered": f"{p.offered:g}", "wanted": f"{p.wanted:g}"}
        for p in explanation.penalties
        if p.rule_id == PENALTY_HOURS
    ]
    similar = any(p.rule_id == PENALTY_SIMILAR for p in explanation.penalties)
    restriction = [p for p in explanation.penalties if p.rule_id == PENALTY_RESTRICTION]
    gap_skills = {uri for gap in explanation.language_gaps for uri in gap.skills}
    gap_skills |= {c.skill for c in explanation.conflicts}  # shown in the restriction note
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
        "missing": [
            label.get(uri, uri) for uri in explanation.missing_essential if uri not in gap_skills
        ],
        "checks": [
            {
                "name": names.get(c.rule_id, c.rule_id),
                "passed": c.passed,
                "details": _check_details(c.rule_id, c.details, lang),
                "restricted": c.rule_id == FILTER_CONSTRAINT,
            }
            for c in explanation.checks
        ],
        "language_gaps": [
            {
                "language": language_name(gap.language, lang),
                "required": level_name(gap.required),
                "known": level_name(gap.known),
            }
            for gap in explanation.language_gaps
        ],
        "penalties": penalties,
        "similar": similar,
        "occupation": occupation,
        "restriction": {
            "amount": round(sum(p.amount for p in restriction) * 100),
            "limits": [restriction_name(code) for p in restriction for code in p.details],
            "skills": sorted({label.get(c.skill, c.skill) for c in explanation.conflicts}),
        }
        if restriction
        else None,
    }


def path_view(
    path: LearningPath, courses: Mapping[str, Course], label: Mapping[str, str]
) -> dict[str, Any]:
    return {
        "courses": [
            {
                "course": courses[c.id],
                "covers": [label.get(uri, uri) for uri in path.covers.get(c.id, ())],
                "language": path.language.get(c.id, ""),
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


# --- near-misses and "not for me" on the results ---------------------------------------------


def _miss_view(
    miss: NearMiss, courses: Mapping[str, Course], label: Mapping[str, str], lang: str
) -> dict[str, Any]:
    explanation = miss.explanation
    path = path_view(miss.path, courses, label)
    language_courses = {c["language"]: c["course"] for c in path["courses"] if c["language"]}
    reasons: list[dict[str, Any]] = []
    for gap in explanation.language_gaps:
        course = language_courses.get(gap.language)
        name = language_name(gap.language, lang)
        reasons.append(
            {
                "kind": "language",
                "text": _("The work needs %(language)s at level %(required)s.")
                % {"language": name, "required": level_name(gap.required)},
                "known": (
                    _("Your level now: %(known)s.") % {"known": level_name(gap.known)}
                    if gap.known
                    else _("You have not told that you know %(language)s.") % {"language": name}
                ),
                "close": (
                    _("This course can help: %(course)s.") % {"course": course.title}
                    if course
                    else _("Ask your coach about a language course.")
                ),
                "course": course,
            }
        )
    for check in explanation.checks:
        if check.passed:
            continue
        details = _check_details(check.rule_id, check.details, lang)
        if check.rule_id == FILTER_REGION:
            reasons.append(
                {
                    "kind": "region",
                    "text": _("The work is in another area: %(area)s.")
                    % {"area": ", ".join(details)},
                    "close": _("You would fit if you can work in that area, too."),
                }
            )
        elif check.rule_id == FILTER_CONSTRAINT:
            reasons.append(
                {
                    "kind": "restriction",
                    "text": _("The work includes: %(demands)s.") % {"demands": ", ".join(details)},
                    "close": _(
                        "This does not fit the recorded limits on work. Ask the employer "
                        "whether the tasks can be adapted."
                    ),
                }
            )
    return {
        "opportunity": miss.opportunity,
        "score": round(explanation.score * 100),
        "reasons": reasons,
        "explanation": explanation_view(explanation, label, lang),
        "path": path,
    }


def results_view(result: Suggestions, lang: str) -> dict[str, Any]:
    """Near-misses (and, for the coach, restricted misses) and the "not for me" note of a
    `Suggestions` result, with labels in `lang`."""
    limits_name = filter_names()[FILTER_CONSTRAINT]
    if not result.consented:
        return {
            "near": [],
            "restricted": [],
            "not_for_me": [],
            "lowered": 0,
            "limits_name": limits_name,
        }
    misses = (*result.near_misses, *result.restricted_misses)
    uris: set[str] = set()
    for miss in misses:
        uris |= uris_of(miss.explanation, miss.path)
    known = known_labels((m.opportunity for m in misses), result.courses.values())
    label = label_map(uris, lang, known) if uris else {}
    return {
        "near": [_miss_view(m, result.courses, label, lang) for m in result.near_misses],
        "restricted": [
            _miss_view(m, result.courses, label, lang) for m in result.restricted_misses
        ],
        "not_for_me": list(result.not_for_me),
        "lowered": result.lowered,
        "limits_name": limits_name,
    }

"""An explanation is data (rule ids and URIs); `explanation_text` turns it into plain fi/sv/en.

The texts live here, in a small dict per language, because the library is pure (no gettext);
the web layer may wrap them. Labels come from the caller (`label_of(uri) -> str`), usually the
taxonomy's preferred label in the reader's language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

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


@dataclass(frozen=True, slots=True)
class SkillMatch:
    skill: str
    rule_id: str
    """`skill.exact.essential` or `skill.exact.optional`."""
    source: str
    """Where the profile's skill came from (`SkillEvidence.source`)."""
    confirmed: bool


@dataclass(frozen=True, slots=True)
class PartialMatch:
    skill: str
    """The opportunity's skill."""
    via: str
    """The person's skill that earns part of it."""
    rule_id: str
    """`skill.broader` or `skill.related`."""
    credit: float
    essential: bool


@dataclass(frozen=True, slots=True)
class Check:
    """A hard filter; `details` name what failed (language codes, demands, the region)."""

    rule_id: str
    passed: bool
    details: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Penalty:
    rule_id: str
    amount: float
    wanted: float = 0.0
    offered: float = 0.0
    """`penalty.hours`: the hours wanted and offered (0 for the other penalties)."""
    details: tuple[str, ...] = ()
    """`penalty.restriction`: the restriction codes; `penalty.similar_not_for_me`: the ids of
    the opportunities the person said are not for them that this one resembles."""


@dataclass(frozen=True, slots=True)
class LanguageGap:
    """A language the opportunity asks for at a level above the person's (`skill.language`)."""

    language: str
    """ISO 639-1 code."""
    required: str
    known: str | None
    """The person's level, None when they do not know the language at all."""
    skills: tuple[str, ...] = ()
    """The opportunity's skills of that language that are therefore not matched."""


@dataclass(frozen=True, slots=True)
class Conflict:
    """A skill of the opportunity that conflicts with a recorded restriction (coach only)."""

    restriction: str
    skill: str


@dataclass(frozen=True, slots=True)
class Explanation:
    profile_id: str
    opportunity_id: str
    rules_version: str
    score: float
    eligible: bool
    """All filters pass and the score is above zero."""
    matched: tuple[SkillMatch, ...]
    partial: tuple[PartialMatch, ...]
    missing_essential: tuple[str, ...]
    missing_optional: tuple[str, ...]
    occupation_rule: str | None
    checks: tuple[Check, ...]
    penalties: tuple[Penalty, ...]
    language_gaps: tuple[LanguageGap, ...] = ()
    """Languages asked for above the person's level (scoring-v2); `filter.language` fails too."""
    conflicts: tuple[Conflict, ...] = ()
    """Skills that conflict with the person's restrictions (RESTRICTED: never employer-facing)."""

    def failed(self) -> tuple[str, ...]:
        """Ids of the filters that failed."""
        return tuple(c.rule_id for c in self.checks if not c.passed)

    @property
    def rule_ids(self) -> tuple[str, ...]:
        """Every rule that contributed, sorted."""
        ids = {m.rule_id for m in self.matched} | {p.rule_id for p in self.partial}
        ids |= {c.rule_id for c in self.checks} | {p.rule_id for p in self.penalties}
        if self.occupation_rule:
            ids.add(self.occupation_rule)
        return tuple(sorted(ids))


TEXTS: dict[str, dict[str, str]] = {
    "fi": {
        "score": "Sopivuus {score} % (säännöt {version}).",
        "matched": "Sinulla on tämä taito: {skill} (lähde: {source}).",
        "matched_optional": "Sinulla on tämä toivottu taito: {skill} (lähde: {source}).",
        SKILL_BROADER: "Osittain: {skill} – sinulla on lähellä oleva taito {via}.",
        "skill.related": "Osittain: {skill} – sinulla on siihen liittyvä taito {via}.",
        "missing": "Tästä puuttuu: {skill}.",
        OCCUPATION_SAME: "Ammatti on sama kuin sinun ammattisi.",
        OCCUPATION_RELATED: "Ammatti on lähellä sinun ammattiasi.",
        FILTER_LANGUAGE: "Kielitaito ei riitä: {details}.",
        "language_gap": "Kieli {language}: tarvitaan {required}, sinulla {known}.",
        FILTER_REGION: "Työpaikka on toisella alueella: {details}.",
        FILTER_CONSTRAINT: "Työssä on jotain, mitä et voi tehdä: {details}.",
        PENALTY_HOURS: "Työaika on {offered} h viikossa, toiveesi on {wanted} h.",
        PENALTY_RESTRICTION: "Työssä on jotain, mikä ei sovi rajoitukseesi: {details}.",
        PENALTY_SIMILAR: "Tämä muistuttaa ilmoitusta, joka ei ollut sinulle.",
    },
    "sv": {
        "score": "Matchning {score} % (regler {version}).",
        "matched": "Du har den här färdigheten: {skill} (källa: {source}).",
        "matched_optional": "Du har den här önskade färdigheten: {skill} (källa: {source}).",
        SKILL_BROADER: "Delvis: {skill} – du har en närliggande färdighet, {via}.",
        "skill.related": "Delvis: {skill} – du har en relaterad färdighet, {via}.",
        "missing": "Det här saknas: {skill}.",
        OCCUPATION_SAME: "Yrket är samma som ditt yrke.",
        OCCUPATION_RELATED: "Yrket ligger nära ditt yrke.",
        FILTER_LANGUAGE: "Språkkunskaperna räcker inte: {details}.",
        "language_gap": "Språket {language}: krävs {required}, du har {known}.",
        FILTER_REGION: "Arbetsplatsen ligger i ett annat område: {details}.",
        FILTER_CONSTRAINT: "Arbetet kräver något som du inte kan göra: {details}.",
        PENALTY_HOURS: "Arbetstiden är {offered} h i veckan, du önskar {wanted} h.",
        PENALTY_RESTRICTION: "Arbetet har något som inte passar din begränsning: {details}.",
        PENALTY_SIMILAR: "Det här liknar en annons som inte var något för dig.",
    },
    "en": {
        "score": "Match {score} % (rules {version}).",
        "matched": "You have this skill: {skill} (source: {source}).",
        "matched_optional": "You have this wanted skill: {skill} (source: {source}).",
        SKILL_BROADER: "Partly: {skill} – you have a close skill, {via}.",
        "skill.related": "Partly: {skill} – you have a related skill, {via}.",
        "missing": "This is missing: {skill}.",
        OCCUPATION_SAME: "The occupation is the same as yours.",
        OCCUPATION_RELATED: "The occupation is close to yours.",
        FILTER_LANGUAGE: "Your language skills are not enough: {details}.",
        "language_gap": "Language {language}: {required} needed, you have {known}.",
        FILTER_REGION: "The workplace is in another area: {details}.",
        FILTER_CONSTRAINT: "The work needs something you cannot do: {details}.",
        PENALTY_HOURS: "The hours are {offered} h a week, you want {wanted} h.",
        PENALTY_RESTRICTION: "The work has something your restriction rules out: {details}.",
        PENALTY_SIMILAR: "This is like an opportunity you said is not for you.",
    },
}


def _hours(value: float) -> str:
    return f"{value:g}"


def explanation_text(
    explanation: Explanation, lang: str, label_of: Callable[[str], str]
) -> list[str]:
    """Plain-language lines: score, failed filters, penalties, matches, partial matches, gaps."""
    texts = TEXTS.get(lang, TEXTS["en"])
    score = round(explanation.score * 100)
    lines = [texts["score"].format(score=score, version=explanation.rules_version)]
    for check in explanation.checks:
        if not check.passed:
            lines.append(texts[check.rule_id].format(details=", ".join(check.details)))
    for gap in explanation.language_gaps:
        lines.append(
            texts["language_gap"].format(
                language=gap.language, required=gap.required, known=gap.known or "–"
            )
        )
    for penalty in explanation.penalties:
        lines.append(
            texts[penalty.rule_id].format(
                offered=_hours(penalty.offered),
                wanted=_hours(penalty.wanted),
                details=", ".join(penalty.details),
            )
        )
    if explanation.occupation_rule:
        lines.append(texts[explanation.occupation_rule])
    for match in explanation.matched:
        key = "matched" if match.rule_id.endswith("essential") else "matched_optional"
        lines.append(texts[key].format(skill=label_of(match.skill), source=match.source))
    for partial in explanation.partial:
        lines.append(
            texts[partial.rule_id].format(skill=label_of(partial.skill), via=label_of(partial.via))
        )
    for skill in explanation.missing_essential:
        lines.append(texts["missing"].format(skill=label_of(skill)))
    return lines

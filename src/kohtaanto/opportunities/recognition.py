"""Skills recognised in an opportunity's description, through the profiles app's adapter
(`kohtaanto.profiles.adapters`, read-only: the one process-wide recognition engine)."""

from __future__ import annotations

from dataclasses import dataclass

from kohtaanto.profiles import adapters
from kohtaanto.taxonomy.model import ConceptKind

#: Kinds offered as skills of an opportunity (occupations go to `occupation_uri`).
SKILL_KINDS = frozenset({ConceptKind.SKILL, ConceptKind.KNOWLEDGE, ConceptKind.COMPETENCE})


@dataclass(frozen=True)
class ConceptInfo:
    uri: str
    label: str
    kind: str
    digcomp: bool
    known: bool


@dataclass(frozen=True)
class SkillSuggestion:
    uri: str
    label: str
    kind: str
    score: float
    evidence: tuple[str, ...]
    """The words of the description that gave rise to the suggestion."""


def concept_info(uri: str, lang: str = "fi") -> ConceptInfo:
    found = adapters.concept(uri)
    if found is None:
        return ConceptInfo(uri, uri.rsplit("/", 1)[-1], "", False, False)
    return ConceptInfo(
        uri, found.label(lang) or uri, str(found.kind), "digcomp" in found.collections, True
    )


def recognise_skills(text: str, lang: str = "fi", limit: int = 25) -> list[SkillSuggestion]:
    """Skills, knowledge and competences recognised in `text` (no occupations, no goals)."""
    if not text.strip():
        return []
    out: list[SkillSuggestion] = []
    for suggestion in adapters.recognise_story(text, lang if lang in {"fi", "sv", "en"} else "fi", limit):
        if suggestion.kind not in SKILL_KINDS or suggestion.goal:
            continue
        out.append(
            SkillSuggestion(
                suggestion.uri,
                suggestion.label,
                str(suggestion.kind),
                suggestion.score,
                tuple(dict.fromkeys(e.text for e in suggestion.evidence)),
            )
        )
    return out


def recognise_occupation(text: str, lang: str = "fi") -> str:
    """The best occupation URI recognised in `text` (e.g. the title), or ""."""
    if not text.strip():
        return ""
    for suggestion in adapters.recognise_story(text, lang if lang in {"fi", "sv", "en"} else "fi", 5):
        if suggestion.kind == ConceptKind.OCCUPATION and not suggestion.inferred:
            return suggestion.uri
    return ""

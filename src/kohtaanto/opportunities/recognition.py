"""Skills recognised in an opportunity's description, through the profiles app's adapter
(`kohtaanto.profiles.adapters`, read-only: the one process-wide recognition engine)."""

from __future__ import annotations

from dataclasses import dataclass

from kohtaanto.profiles import adapters
from kohtaanto.recognition.analyzer import analyzer_for_language
from kohtaanto.recognition.requirement_cues import Requirement, RequirementCue, classify_span
from kohtaanto.taxonomy.model import ConceptKind
from kohtaanto.vocabularies import provider

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
    requirement: Requirement = Requirement.UNDECIDED
    """What the ad's own words say (`recognition.requirement_cues`): required, nice to have or
    undecided (the writer chooses)."""
    cue: str = ""
    """The words that said so ("on eduksi"), as written."""
    inferred: bool = False


def opportunity_text(title: str, description: str) -> str:
    """The text recognised for an opportunity (evidence spans refer to it)."""
    return f"{title}\n{description}"


def requirement_of(text: str, spans: list[tuple[int, int]], lang: str) -> RequirementCue:
    """What `text` says about a skill found at `spans`: the cue when every span with a cue
    agrees; undecided when none has one or they disagree."""
    if lang not in {"fi", "sv", "en"}:
        return RequirementCue()
    lemmatize = analyzer_for_language(lang).normalize_word
    decided = [
        cue
        for cue in (
            classify_span(text, start, end, lang, lemmatize=lemmatize) for start, end in spans
        )
        if cue.requirement != Requirement.UNDECIDED
    ]
    if not decided or len({cue.requirement for cue in decided}) != 1:
        return RequirementCue()
    return decided[0]


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
    for suggestion in adapters.recognise_story(
        text, lang if lang in {"fi", "sv", "en"} else "fi", limit
    ):
        if suggestion.kind not in SKILL_KINDS or suggestion.goal:
            continue
        cue = (
            RequirementCue()
            if suggestion.inferred
            else requirement_of(text, [(e.start, e.end) for e in suggestion.evidence], lang)
        )
        out.append(
            SkillSuggestion(
                suggestion.uri,
                suggestion.label,
                str(suggestion.kind),
                suggestion.score,
                tuple(dict.fromkeys(e.text for e in suggestion.evidence)),
                cue.requirement,
                cue.phrase,
                suggestion.inferred,
            )
        )
    return out


def recognise_occupation(text: str, lang: str = "fi") -> str:
    """The best occupation URI recognised in `text` (e.g. the title), or ""."""
    if not text.strip():
        return ""
    for suggestion in adapters.recognise_story(
        text, lang if lang in {"fi", "sv", "en"} else "fi", 5
    ):
        if suggestion.kind == ConceptKind.OCCUPATION and not suggestion.inferred:
            return suggestion.uri
    return ""


def search_skills(query: str, lang: str = "fi", limit: int = 10) -> list[ConceptInfo]:
    """Skills whose label in `lang` contains `query` (prefix matches first), for the picker."""
    wanted = " ".join(query.casefold().split())
    if len(wanted) < 2:
        return []
    taxonomy = provider.get_taxonomy()
    hits: list[tuple[int, int, ConceptInfo]] = []
    for found in taxonomy.of_kind(*SKILL_KINDS):
        label = found.label(lang) or ""
        folded = label.casefold()
        if wanted not in folded:
            continue
        rank = 0 if folded.startswith(wanted) else 1
        info = ConceptInfo(found.uri, label, str(found.kind), "digcomp" in found.collections, True)
        hits.append((rank, len(label), info))
    hits.sort(key=lambda hit: (hit[0], hit[1], hit[2].label))
    return [hit[2] for hit in hits[:limit]]

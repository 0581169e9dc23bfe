"""Skills and occupations recognised in a future-skill interview, through the product's one
recognition path: `profiles.adapters.recognise_story` (the process-wide engine over the active
vocabulary, the same call opportunities' `recognition.py` makes for an ad), filtered like the
story page filters its default view (`profiles.selectors.shown_threshold`: the calibrated score
per language and group). Skills inferred from an occupation and wishes ("haluaisin oppia") are
not what the company said, so they are left out."""

from __future__ import annotations

from dataclasses import dataclass

from kohtaanto.opportunities.recognition import SKILL_KINDS
from kohtaanto.outreach.enums import SignalKind
from kohtaanto.profiles import adapters
from kohtaanto.profiles.selectors import shown_threshold
from kohtaanto.taxonomy.model import ConceptKind

LANGUAGES = ("fi", "sv", "en")
MAX_NEEDS = 15
"""At most this many suggestions per interview (as many as the opportunity skills page)."""


@dataclass(frozen=True)
class Need:
    uri: str
    label: str
    kind: str
    """`SignalKind`: skill (skills, knowledge, competences) or occupation."""
    score: float
    evidence: tuple[str, ...]


def recognise_needs(text: str, lang: str = "fi", limit: int = MAX_NEEDS) -> list[Need]:
    """The needs recognised in `text`, best first; empty for an empty text."""
    lang = lang if lang in LANGUAGES else "fi"
    if not text.strip():
        return []
    out: list[Need] = []
    for suggestion in adapters.recognise_story(text, lang, 25):
        if suggestion.inferred or suggestion.goal:
            continue
        if suggestion.kind == ConceptKind.OCCUPATION:
            kind, group = SignalKind.OCCUPATION, "occupation"
        elif suggestion.kind in SKILL_KINDS:
            kind, group = SignalKind.SKILL, "text"
        else:
            continue
        threshold = shown_threshold(lang, group)
        if threshold is None or suggestion.score < threshold:
            continue
        out.append(
            Need(
                suggestion.uri,
                suggestion.label,
                str(kind),
                float(suggestion.score),
                tuple(dict.fromkeys(e.text for e in suggestion.evidence)),
            )
        )
        if len(out) >= limit:
            break
    return out

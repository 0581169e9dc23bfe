"""The boundary between the ORM and the pure recognition/taxonomy libraries.

The taxonomy and the engine come from `kohtaanto.vocabularies.provider` (the active vocabulary
in the database, else the settings file, else the starter set), the same loaded vocabulary that
matching and labels read; its `use_engine` is the test seam.

- `recognise_story(text, lang)`: plain `Suggestion`s for a story (none for an empty or
  whitespace-only text: the engine does not run).
- `other_language(text, chosen)`: the language the text looks like when it is surely not
  `chosen` (`recognition.language_guess`), for the "recognise as Swedish?" question.
- `concept(uri)`, `label_of(uri, lang)`, `group_of_uri(uri, kind)`: from the loaded taxonomy.
- `group_of(kind, collections)`: which profile group a concept belongs to.

Matching does not read profiles here: `matches.adapters.profile_of` / `consented_profiles` build
what matching sees, after the consent check of `people.consent`. This module never reads
`journeys.EsfEntryData`, restricted constraints, age or gender (a test parses it).
"""

from __future__ import annotations

from collections.abc import Sequence

from kohtaanto.profiles.enums import ProfileGroup
from kohtaanto.recognition import Suggestion, language_guess
from kohtaanto.taxonomy.model import Concept, ConceptKind
from kohtaanto.vocabularies import provider


def recognise_story(text: str, lang: str, limit: int = 25) -> list[Suggestion]:
    if not text or not text.strip():
        return []
    return provider.get_engine().recognize(text, lang=lang, limit=limit, include_inferred=True)


def other_language(text: str, chosen: str) -> str | None:
    return language_guess.other_language(text, chosen)


def concept(uri: str) -> Concept | None:
    return provider.get_taxonomy().get(uri)


def group_of(kind: str, collections: Sequence[str] | set[str] = ()) -> ProfileGroup:
    """The profile group a person understands, from the concept's kind and collections."""
    if kind == ConceptKind.OCCUPATION:
        return ProfileGroup.OCCUPATION
    tags = set(collections)
    if "language" in tags:
        return ProfileGroup.LANGUAGE
    if "digcomp" in tags or "digital" in tags:
        return ProfileGroup.DIGITAL
    if "hobby" in tags:
        return ProfileGroup.HOBBY
    if kind == ConceptKind.KNOWLEDGE:
        return ProfileGroup.KNOWLEDGE
    return ProfileGroup.WORK


def group_of_uri(uri: str, kind: str, context: str = "") -> ProfileGroup:
    """The concept's group; a skill the text shows in a hobby or volunteering
    (`Suggestion.context == "hobby"`) stays in the hobby group, whatever its collections."""
    found = concept(uri)
    group = group_of(str(found.kind) if found else kind, found.collections if found else ())
    if context == "hobby" and group not in (ProfileGroup.OCCUPATION, ProfileGroup.LANGUAGE):
        return ProfileGroup.HOBBY
    return group


def label_of(uri: str, lang: str) -> str | None:
    found = concept(uri)
    return found.label(lang) if found else None

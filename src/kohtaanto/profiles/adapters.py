"""The boundary between the ORM and the pure recognition/taxonomy libraries.

The taxonomy and the engine come from `kohtaanto.vocabularies.provider` (the active vocabulary
in the database, else the settings file, else the starter set), the same loaded vocabulary that
matching and labels read; its `use_engine` is the test seam.

- `recognise_story(text, lang)`: plain `Suggestion`s for a story.
- `concept(uri)`, `label_of(uri, lang)`, `group_of_uri(uri, kind)`: from the loaded taxonomy.
- `group_of(kind, collections)`: which profile group a concept belongs to.
- `profile_for_matching(participant)`: the ONLY view of a person that matching code gets:
  confirmed concept URIs and spoken languages. It never reads `journeys.EsfEntryData`,
  restricted constraints, age or gender (a test checks the module's imports and output).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kohtaanto.profiles.enums import ItemStatus, ProfileGroup
from kohtaanto.recognition import Suggestion
from kohtaanto.taxonomy.model import Concept, ConceptKind
from kohtaanto.vocabularies import provider

if TYPE_CHECKING:
    from kohtaanto.people.models import Participant


def recognise_story(text: str, lang: str, limit: int = 25) -> list[Suggestion]:
    return provider.get_engine().recognize(text, lang=lang, limit=limit, include_inferred=True)


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


def group_of_uri(uri: str, kind: str) -> ProfileGroup:
    found = concept(uri)
    return group_of(str(found.kind) if found else kind, found.collections if found else ())


def label_of(uri: str, lang: str) -> str | None:
    found = concept(uri)
    return found.label(lang) if found else None


@dataclass(frozen=True)
class MatchingProfile:
    """What matching may know about a person: nothing about age, gender, health or ESF+."""

    participant_id: int
    skills: frozenset[str]
    occupations: frozenset[str]
    languages: tuple[tuple[str, str], ...]
    municipality_code: str


def profile_for_matching(participant: Participant) -> MatchingProfile | None:
    """The participant's confirmed profile for matching, or None without matching consent."""
    from kohtaanto.people.consent import may_use_for_matching

    if not may_use_for_matching(participant):
        return None
    rows = participant.profile_items.filter(status=ItemStatus.CONFIRMED).values_list("uri", "kind")
    skills = frozenset(uri for uri, kind in rows if kind != ConceptKind.OCCUPATION)
    occupations = frozenset(uri for uri, kind in rows if kind == ConceptKind.OCCUPATION)
    languages = tuple(participant.spoken_languages.order_by("id").values_list("language", "level"))
    municipality = participant.intake.municipality_code if hasattr(participant, "intake") else ""
    return MatchingProfile(participant.pk, skills, occupations, languages, municipality)

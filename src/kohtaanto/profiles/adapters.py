"""The boundary between the ORM and the pure recognition/taxonomy libraries.

- `get_taxonomy()` / `get_engine()`: one process-wide taxonomy and engine, built from
  `settings.KOHTAANTO_TAXONOMY_FILE` (a compiled index; empty → the starter vocabulary) and
  cached with `functools.lru_cache`; the engine's per-language indexes are saved under
  `DATA_DIR/cache/engine/` and reused after a restart.
- `use_engine(engine)`: the test seam. A context manager (also usable as a plain call, undone
  by `reset_engine()`) that swaps in another engine — e.g. `dummy_engine()` or an engine over
  a tiny taxonomy.
- `recognise_story(text, lang)`: plain `Suggestion`s for a story.
- `group_of(kind, collections)`: which profile group a concept belongs to.
- `profile_for_matching(participant)`: the ONLY view of a person that matching code gets:
  confirmed concept URIs and spoken languages. It never reads `journeys.EsfEntryData`,
  restricted constraints, age or gender (a test checks the module's imports and output).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings

from kohtaanto.profiles.enums import ItemStatus, ProfileGroup
from kohtaanto.recognition import Engine, Suggestion, build_engine
from kohtaanto.taxonomy.model import Concept, ConceptKind, Taxonomy

if TYPE_CHECKING:
    from kohtaanto.people.models import Participant

_override: list[Engine] = []


@lru_cache(maxsize=1)
def get_taxonomy() -> Taxonomy:
    """The taxonomy of `settings.KOHTAANTO_TAXONOMY_FILE` (empty → starter), loaded once."""
    from kohtaanto.taxonomy import build_taxonomy, load_index

    path = getattr(settings, "KOHTAANTO_TAXONOMY_FILE", "")
    if path:
        return load_index(path)
    return build_taxonomy(["starter"])


@lru_cache(maxsize=1)
def _cached_engine() -> Engine:
    # Indexes built on first use are kept under the data folder, keyed by the taxonomy's
    # content, so that a restarted server answers its first story in about a second.
    cache_dir = Path(settings.DATA_DIR) / "cache" / "engine"
    return build_engine(get_taxonomy(), languages=("fi", "sv", "en"), cache_dir=cache_dir)


def get_engine() -> Engine:
    """The process-wide engine (or the one swapped in by `use_engine`)."""
    if _override:
        return _override[-1]
    return _cached_engine()


@contextmanager
def use_engine(engine: Engine) -> Iterator[Engine]:
    """Use `engine` instead of the configured one inside the block (tests, demo)."""
    _override.append(engine)
    try:
        yield engine
    finally:
        _override.remove(engine)


def reset_engine() -> None:
    """Forget cached and swapped engines (after changing settings in tests)."""
    _override.clear()
    _cached_engine.cache_clear()
    get_taxonomy.cache_clear()


def dummy_engine(taxonomy: Taxonomy | None = None, count: int = 3) -> Engine:
    """A deterministic engine: the `dummy` recognizer suggests the first `count` skills."""
    weights = {
        "version": 1,
        "weights": {"dummy": 1.0},
        "params": {"dummy": {"count": count}},
        "threshold": 0.0,
    }
    return build_engine(taxonomy or get_taxonomy(), weights=weights)


def recognise_story(text: str, lang: str, limit: int = 25) -> list[Suggestion]:
    return get_engine().recognize(text, lang=lang, limit=limit, include_inferred=True)


def concept(uri: str) -> Concept | None:
    taxonomy = get_engine().taxonomy
    return taxonomy.get(uri)


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

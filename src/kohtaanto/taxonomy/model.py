"""The concept model shared by every importer, the compiled index and the recognizers.

A `Taxonomy` is an immutable-by-convention collection of `Concept`s plus the relations between
them. It is built by importers (`esco_csv`, `skos`, `starter`) and merged; it is written to and
read from a compiled index file (`index`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum


class ConceptKind(StrEnum):
    SKILL = "skill"
    KNOWLEDGE = "knowledge"
    COMPETENCE = "competence"
    OCCUPATION = "occupation"
    ISCO_GROUP = "isco_group"
    SKILL_GROUP = "skill_group"

    @property
    def is_skill_like(self) -> bool:
        return self in {ConceptKind.SKILL, ConceptKind.KNOWLEDGE, ConceptKind.COMPETENCE}


class Relation(StrEnum):
    """Occupation → skill relation type."""

    ESSENTIAL = "essential"
    OPTIONAL = "optional"


@dataclass(frozen=True, slots=True)
class SkillRelation:
    """A skill ↔ skill relation (ESCO `skillSkillRelations`)."""

    source: str
    target: str
    relation: Relation


@dataclass(slots=True)
class LabelSet:
    """Labels of one concept in one language."""

    preferred: str | None = None
    alternative: list[str] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)

    def all(self) -> list[str]:
        """Every label, preferred first, without duplicates."""
        seen: dict[str, None] = {}
        for label in [self.preferred, *self.alternative, *self.hidden]:
            if label:
                seen.setdefault(label, None)
        return list(seen)

    def merge(self, other: LabelSet) -> None:
        if other.preferred:
            self.preferred = other.preferred
        for mine, theirs in ((self.alternative, other.alternative), (self.hidden, other.hidden)):
            for label in theirs:
                if label not in mine:
                    mine.append(label)


@dataclass(slots=True)
class Concept:
    uri: str
    kind: ConceptKind
    labels: dict[str, LabelSet] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)
    code: str | None = None
    """ISCO code for occupations and ISCO groups, or a notation (e.g. DigComp "2.4")."""
    broader: list[str] = field(default_factory=list)
    collections: set[str] = field(default_factory=set)
    """Collection ids, e.g. "digital", "digcomp", "transversal", "language", "green", "research"."""
    reuse_level: str | None = None

    def label(self, lang: str, fallbacks: Iterable[str] = ("en", "fi", "sv")) -> str:
        """Preferred label in `lang`, falling back through `fallbacks`, then the URI."""
        for code in (lang, *fallbacks):
            label_set = self.labels.get(code)
            if label_set and label_set.preferred:
                return label_set.preferred
        return self.uri

    def labels_in(self, lang: str) -> LabelSet:
        return self.labels.setdefault(lang, LabelSet())

    def merge(self, other: Concept) -> None:
        """Fold another record of the same URI (e.g. another language package) into this one."""
        for lang, label_set in other.labels.items():
            self.labels_in(lang).merge(label_set)
        self.descriptions.update({k: v for k, v in other.descriptions.items() if v})
        self.code = other.code or self.code
        for uri in other.broader:
            if uri not in self.broader:
                self.broader.append(uri)
        self.collections |= other.collections
        self.reuse_level = other.reuse_level or self.reuse_level


@dataclass(slots=True)
class Taxonomy:
    concepts: dict[str, Concept] = field(default_factory=dict)
    occupation_skills: dict[str, dict[str, Relation]] = field(default_factory=dict)
    """occupation URI → {skill URI → essential/optional}."""
    skill_relations: list[SkillRelation] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    """Human-readable provenance, e.g. "ESCO v1.1.1 (en)"."""

    def __len__(self) -> int:
        return len(self.concepts)

    def __contains__(self, uri: object) -> bool:
        return uri in self.concepts

    def __iter__(self) -> Iterator[Concept]:
        return iter(self.concepts.values())

    def get(self, uri: str) -> Concept | None:
        return self.concepts.get(uri)

    def add(self, concept: Concept) -> Concept:
        """Add a concept, merging it into an existing record with the same URI."""
        existing = self.concepts.get(concept.uri)
        if existing is None:
            self.concepts[concept.uri] = concept
            return concept
        existing.merge(concept)
        return existing

    def of_kind(self, *kinds: ConceptKind) -> Iterator[Concept]:
        wanted = set(kinds)
        return (c for c in self.concepts.values() if c.kind in wanted)

    def languages(self) -> set[str]:
        return {lang for c in self.concepts.values() for lang in c.labels}

    def narrower(self) -> dict[str, list[str]]:
        """broader URI → narrower URIs (computed, not stored)."""
        result: dict[str, list[str]] = defaultdict(list)
        for concept in self.concepts.values():
            for parent in concept.broader:
                result[parent].append(concept.uri)
        return dict(result)

    def essential_skills(self, occupation_uri: str) -> list[str]:
        relations = self.occupation_skills.get(occupation_uri, {})
        return [uri for uri, rel in relations.items() if rel is Relation.ESSENTIAL]

    def merge(self, other: Taxonomy) -> None:
        for concept in other.concepts.values():
            self.add(concept)
        for occupation, skills in other.occupation_skills.items():
            mine = self.occupation_skills.setdefault(occupation, {})
            for skill, rel in skills.items():
                if mine.get(skill) is not Relation.ESSENTIAL:
                    mine[skill] = rel
        known = set(self.skill_relations)
        self.skill_relations.extend(r for r in other.skill_relations if r not in known)
        self.sources.extend(s for s in other.sources if s not in self.sources)

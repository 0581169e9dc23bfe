"""The recognizer base class: a public `suggest()` that calls the private `_suggest` hook."""

from __future__ import annotations

import abc
from collections.abc import Collection
from dataclasses import dataclass

from kohtaanto.recognition.clauses import Document
from kohtaanto.recognition.types import Evidence
from kohtaanto.taxonomy.model import ConceptKind, Taxonomy


@dataclass(frozen=True, slots=True)
class Hit:
    """One recognizer's raw finding: a concept, a score in [0, 1], and where it was found.

    `clause` indexes `Document.clauses`, or is -1 for hits without a place in the text.
    """

    uri: str
    score: float
    evidence: tuple[Evidence, ...] = ()
    clause: int = -1
    source: str = ""
    """For inferred hits: the URI of the concept they were inferred from."""


class Recognizer(abc.ABC):
    """Finds concepts of a taxonomy in an analysed document.

    Subclasses build their state in `_build` and implement `_suggest`; both take and return
    plain data so that a built recognizer pickles.
    """

    name = "recognizer"
    kinds: frozenset[ConceptKind] = frozenset(
        {ConceptKind.SKILL, ConceptKind.KNOWLEDGE, ConceptKind.COMPETENCE, ConceptKind.OCCUPATION}
    )
    """The kinds a recognizer finds (groups of skills and ISCO groups are not found in text)."""

    def __init__(self, taxonomy: Taxonomy, languages: Collection[str], **params: object) -> None:
        self.languages = tuple(languages)
        self.params = params
        self._build(taxonomy)

    def suggest(
        self,
        doc: Document,
        kinds: Collection[ConceptKind] | None = None,
        limit: int = 100,
    ) -> list[Hit]:
        """Hits for a document, best first, only of `kinds` (default: all)."""
        if not doc.tokens:
            return []
        wanted = self.kinds if kinds is None else self.kinds & frozenset(kinds)
        if not wanted:
            return []
        hits = self._suggest(doc, wanted)
        hits.sort(key=lambda h: (-h.score, h.uri))
        return hits[:limit]

    @abc.abstractmethod
    def _build(self, taxonomy: Taxonomy) -> None:
        """Index the taxonomy."""

    @abc.abstractmethod
    def _suggest(self, doc: Document, kinds: frozenset[ConceptKind]) -> list[Hit]:
        """Find hits of the given kinds; order does not matter."""


def best_per_uri(hits: list[Hit]) -> list[Hit]:
    """Keep the best-scoring hit for each URI and clause (the engine decides between clauses,
    e.g. a negated and a plain mention of the same skill)."""
    best: dict[tuple[str, int], Hit] = {}
    for hit in hits:
        key = (hit.uri, hit.clause)
        if key not in best or hit.score > best[key].score:
            best[key] = hit
    return list(best.values())

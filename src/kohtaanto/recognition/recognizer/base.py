"""The recognizer base class: a public `suggest()` that calls the private `_suggest` hook."""

from __future__ import annotations

import abc
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from kohtaanto.recognition.clauses import Document
from kohtaanto.recognition.store import IndexStore, Persistable, State
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
    detail: Any = field(default=None, compare=False, repr=False)
    """For a hit from `Recognizer.rank`: what `Recognizer.complete` needs to add its evidence
    (None once complete)."""


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
    always_evident = False
    """Whether every hit of `rank` has evidence once completed (so that the engine need not
    complete hits it does not show)."""

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
        return [self.complete(doc, hit) for hit in self.rank(doc, kinds, limit)]

    def rank(
        self,
        doc: Document,
        kinds: Collection[ConceptKind] | None = None,
        limit: int = 100,
    ) -> list[Hit]:
        """The hits of `suggest`, in the same order, but their evidence may be left out until
        `complete` adds it (the engine needs evidence only for the hits it keeps)."""
        if not doc.tokens:
            return []
        wanted = self.kinds if kinds is None else self.kinds & frozenset(kinds)
        if not wanted:
            return []
        return self._suggest_top(doc, wanted, limit)

    def complete(self, doc: Document, hit: Hit) -> Hit:
        """A hit from `rank` with its evidence (the same hit if it has it already)."""
        if hit.detail is None:
            return hit
        return Hit(hit.uri, hit.score, self._hit_evidence(doc, hit), hit.clause, hit.source)

    def _hit_evidence(self, doc: Document, hit: Hit) -> tuple[Evidence, ...]:
        """The evidence of a hit that `_suggest_top` left with a `detail`."""
        return hit.evidence

    def _suggest_top(self, doc: Document, kinds: frozenset[ConceptKind], limit: int) -> list[Hit]:
        """The `limit` best hits (override to skip work on hits that will be cut; hits may
        leave their evidence to `_hit_evidence`, see `rank`)."""
        hits = self._suggest(doc, kinds)
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


IndexT = TypeVar("IndexT", bound=Persistable)


class PerLanguageRecognizer(Recognizer, Generic[IndexT]):
    """A recognizer with one index per language, built on first use, or read from an
    `IndexStore` (set `store`) when one was saved for the same taxonomy and parameters."""

    store: IndexStore | None = None
    index_version = 2
    """Bump when a built index changes meaning for the same taxonomy and parameters (2:
    issue 13's label word keys: hyphenated Finnish compounds whole, meaning-carrying cases);
    part of the cache key, so that an older saved index is not read."""

    def _build(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self.built: dict[str, IndexT] = {}
        self._configure()

    def _configure(self) -> None:
        """Read `self.params` (called once before any index is built)."""

    def settings(self, lang: str) -> dict[str, Any]:
        """The parameters for one language: `params` with its `by_language[lang]` applied."""
        by_language = self.params.get("by_language") or {}
        assert isinstance(by_language, dict)
        return {**self.params, **by_language.get(lang, {})}

    def index(self, lang: str) -> IndexT | None:
        """The index of a language (None for languages the recognizer was not made for)."""
        if lang not in self.languages:
            return None
        if lang not in self.built:
            self.built[lang] = self._load_or_build(lang)
        return self.built[lang]

    def _load_or_build(self, lang: str) -> IndexT:
        store = self.store
        if store is None:
            return self._build_index(lang)
        path = store.path(self.name, lang, {**self.params, "index_version": self.index_version})
        state = store.load(path)
        if state is not None:
            try:
                return self._index_from_state(state)
            except (KeyError, IndexError, TypeError, ValueError):
                pass  # not a state this version understands: rebuild and overwrite it
        index = self._build_index(lang)
        store.save(path, index.state())
        return index

    @abc.abstractmethod
    def _build_index(self, lang: str) -> IndexT:
        """Index the taxonomy's labels in `lang`."""

    @abc.abstractmethod
    def _index_from_state(self, state: State) -> IndexT:
        """The index saved by `IndexT.state()`."""

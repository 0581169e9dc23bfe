"""A character n-gram TF-IDF scorer over labels (and optionally descriptions), per clause."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

import numpy as np

from kohtaanto.recognition.clauses import Clause, Document
from kohtaanto.recognition.recognizer.base import Hit, PerLanguageRecognizer
from kohtaanto.recognition.recognizer.lexical import TYPE_WEIGHTS, iter_labels
from kohtaanto.recognition.store import State, pack_strings, unpack_strings
from kohtaanto.recognition.types import Evidence
from kohtaanto.recognition.vectors import TfidfIndex, char_ngrams, top_k
from kohtaanto.taxonomy.model import Concept, ConceptKind, Taxonomy

MEMO_SIZE = 100_000
"""Words whose character n-grams a recognizer keeps (then it starts afresh)."""


class _LanguageIndex:
    def __init__(
        self,
        taxonomy: Taxonomy,
        lang: str,
        kinds: frozenset[ConceptKind],
        settings: dict[str, Any],
    ) -> None:
        self.lang = lang
        max_type = int(settings.get("max_label_type", 0))
        description_weight = float(settings.get("description_weight", 0.0))
        self.top = int(settings.get("top", 5))
        self.min_similarity = float(settings.get("min_similarity", 0.3))
        self.uris: list[str] = []
        self.kinds: list[ConceptKind] = []
        self.texts: list[str] = []
        self.weights: list[float] = []
        features: list[list[str]] = []

        def add(concept: Concept, text: str, source: str, weight: float) -> None:
            self.uris.append(concept.uri)
            self.kinds.append(concept.kind)
            self.texts.append(text)
            self.weights.append(weight)
            features.append(char_ngrams(source, 3, 5))

        for concept in taxonomy.of_kind(*kinds):
            label_set = concept.labels.get(lang)
            for type_, text in iter_labels(label_set) if label_set else ():
                if type_ <= max_type:
                    add(concept, text, text, TYPE_WEIGHTS[type_])
            description = concept.descriptions.get(lang, "")
            if description_weight > 0 and description and label_set and label_set.preferred:
                # Evidence words come from the label; the n-grams from the description.
                add(concept, label_set.preferred, description, description_weight)
        self.index = TfidfIndex(features, max_query_df=0.01)

    def state(self) -> State:
        codes = {kind: i for i, kind in enumerate(ConceptKind)}
        arrays = {
            **self.index.state("index."),
            **pack_strings("uris", self.uris),
            **pack_strings("texts", self.texts),
            "kinds": np.asarray([codes[k] for k in self.kinds], dtype=np.int8),
            "weights": np.asarray(self.weights),
        }
        return {"lang": self.lang}, arrays

    @classmethod
    def from_state(cls, state: State, settings: dict[str, Any]) -> _LanguageIndex:
        meta, arrays = state
        self = cls.__new__(cls)
        self.lang = str(meta["lang"])
        self.top = int(settings.get("top", 5))
        self.min_similarity = float(settings.get("min_similarity", 0.3))
        self.uris = unpack_strings("uris", arrays)
        kinds = list(ConceptKind)
        self.kinds = [kinds[code] for code in arrays["kinds"].tolist()]
        self.texts = unpack_strings("texts", arrays)
        self.weights = arrays["weights"].tolist()
        self.index = TfidfIndex.from_state(arrays, "index.")
        return self


class TfidfRecognizer(PerLanguageRecognizer[_LanguageIndex]):
    """Params: `top`, `min_similarity`, `max_label_type`, `description_weight` (0: labels
    only), and `by_language`: {lang: {param: value}} overrides per language."""

    name = "tfidf"

    def _configure(self) -> None:
        self.index_kinds = frozenset(self.params.get("kinds", self.kinds))  # type: ignore[call-overload]

    def _build_index(self, lang: str) -> _LanguageIndex:
        return _LanguageIndex(self.taxonomy, lang, self.index_kinds, self.settings(lang))

    def _index_from_state(self, state: State) -> _LanguageIndex:
        lang = str(state[0].get("lang", ""))
        return _LanguageIndex.from_state(state, self.settings(lang))

    def _suggest(self, doc: Document, kinds: frozenset[ConceptKind]) -> list[Hit]:
        return [self.complete(doc, hit) for hit in self._suggest_top(doc, kinds, sys.maxsize)]

    def _suggest_top(self, doc: Document, kinds: frozenset[ConceptKind], limit: int) -> list[Hit]:
        """The best hit per concept and clause, evidence left to `complete` (see `rank`)."""
        index = self.index(doc.lang)
        if index is None:
            return []
        best: dict[tuple[str, int], tuple[float, int, int]] = {}
        for number, clause in enumerate(doc.clauses):
            for score, position in self._clause_hits(doc, index, clause, kinds):
                key = (index.uris[position], number)
                previous = best.get(key)
                if previous is None or score > previous[0]:
                    best[key] = (score, position, number)
        ranked = sorted(best.values(), key=lambda t: (-t[0], index.uris[t[1]]))[:limit]
        return [
            Hit(index.uris[position], score, (), number, detail=index.texts[position])
            for score, position, number in ranked
        ]

    def _hit_evidence(self, doc: Document, hit: Hit) -> tuple[Evidence, ...]:
        return _evidence(doc, doc.clauses[hit.clause], hit.detail)

    def _clause_hits(
        self,
        doc: Document,
        index: _LanguageIndex,
        clause: Clause,
        kinds: frozenset[ConceptKind],
    ) -> Iterator[tuple[float, int]]:
        """(score, item) of the labels most similar to a clause."""
        text = doc.text[clause.start : clause.end]
        sims = index.index.similarities(*index.index.query(self._ngrams(text)))
        k, min_similarity = index.top * 3, index.min_similarity
        # The labels at `min_similarity` or above among the k best: when there are at most k
        # such labels at all, they are exactly those, found without ranking all positive ones.
        strong = np.flatnonzero(sims >= min_similarity) if min_similarity > 0 else None
        if strong is not None and len(strong) <= k:
            values = sims[strong]
            positions = strong[np.lexsort((strong, -values))]
        else:
            positions, _ = top_k(sims, k)
        for position, value in zip(positions.tolist(), sims[positions].tolist(), strict=True):
            if value < min_similarity or index.kinds[position] not in kinds:
                continue
            yield min(1.0, value * index.weights[position]), position

    def _ngrams(self, text: str) -> list[str]:
        """`char_ngrams(text, 3, 5)`, memoised per word."""
        memo: dict[str, list[str]] = self.__dict__.setdefault("_ngram_memo", {})
        grams: list[str] = []
        for word in text.lower().split():
            found = memo.get(word)
            if found is None:
                if len(memo) >= MEMO_SIZE:
                    memo.clear()
                found = memo[word] = char_ngrams(word, 3, 5)
            grams.extend(found)
        return grams


def _evidence(doc: Document, clause: Clause, label: str) -> tuple[Evidence, ...]:
    """Clause tokens that share a 4-letter prefix with a label word."""
    words: dict[str, str] = {}
    for word in label.split():
        words.setdefault(word[:4].lower(), word)
    found = []
    for token in doc.tokens[clause.first : clause.last]:
        matched = words.get(token.surface[:4].lower())
        if matched is not None:
            found.append(Evidence(token.start, token.end, token.surface, matched))
    return tuple(found)

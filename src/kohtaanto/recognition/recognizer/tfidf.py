"""A character n-gram TF-IDF scorer over labels (and optionally descriptions), per clause."""

from __future__ import annotations

from collections.abc import Iterator

from kohtaanto.recognition.clauses import Clause, Document
from kohtaanto.recognition.recognizer.base import Hit, Recognizer, best_per_uri
from kohtaanto.recognition.recognizer.lexical import TYPE_WEIGHTS, iter_labels
from kohtaanto.recognition.types import Evidence
from kohtaanto.recognition.vectors import TfidfIndex, char_ngrams, top_k
from kohtaanto.taxonomy.model import ConceptKind, Taxonomy


class _LanguageIndex:
    def __init__(
        self, taxonomy: Taxonomy, lang: str, kinds: frozenset[ConceptKind], max_type: int
    ) -> None:
        self.uris: list[str] = []
        self.kinds: list[ConceptKind] = []
        self.texts: list[str] = []
        self.weights: list[float] = []
        for concept in taxonomy.of_kind(*kinds):
            label_set = concept.labels.get(lang)
            for type_, text in iter_labels(label_set) if label_set else ():
                if type_ <= max_type:
                    self.uris.append(concept.uri)
                    self.kinds.append(concept.kind)
                    self.texts.append(text)
                    self.weights.append(TYPE_WEIGHTS[type_])
        self.index = TfidfIndex([char_ngrams(t, 3, 5) for t in self.texts], max_query_df=0.01)


class TfidfRecognizer(Recognizer):
    name = "tfidf"

    def _build(self, taxonomy: Taxonomy) -> None:
        kinds = frozenset(self.params.get("kinds", self.kinds))  # type: ignore[call-overload]
        self.top = int(self.params.get("top", 5))  # type: ignore[call-overload]
        self.min_similarity = float(self.params.get("min_similarity", 0.3))  # type: ignore[arg-type]
        max_type = int(self.params.get("max_label_type", 0))  # type: ignore[call-overload]
        self.indexes = {
            lang: _LanguageIndex(taxonomy, lang, kinds, max_type) for lang in self.languages
        }

    def _suggest(self, doc: Document, kinds: frozenset[ConceptKind]) -> list[Hit]:
        index = self.indexes.get(doc.lang)
        if index is None:
            return []
        hits: list[Hit] = []
        for number, clause in enumerate(doc.clauses):
            hits.extend(self._clause_hits(doc, index, clause, number, kinds))
        return best_per_uri(hits)

    def _clause_hits(
        self,
        doc: Document,
        index: _LanguageIndex,
        clause: Clause,
        number: int,
        kinds: frozenset[ConceptKind],
    ) -> Iterator[Hit]:
        text = doc.text[clause.start : clause.end]
        sims = index.index.similarities(*index.index.query(char_ngrams(text, 3, 5)))
        positions, values = top_k(sims, self.top * 3)
        for position, value in zip(positions.tolist(), values.tolist(), strict=True):
            if value < self.min_similarity or index.kinds[position] not in kinds:
                continue
            score = min(1.0, value * index.weights[position])
            label = index.texts[position]
            yield Hit(index.uris[position], score, _evidence(doc, clause, label), number)


def _evidence(doc: Document, clause: Clause, label: str) -> tuple[Evidence, ...]:
    """Clause tokens that share a 4-letter prefix with a label word."""
    prefixes = {w[:4] for w in label.lower().split()}
    found = []
    for token in doc.tokens[clause.first : clause.last]:
        surface = token.surface.lower()
        if surface[:4] in prefixes:
            word = next(w for w in label.split() if w.lower()[:4] == surface[:4])
            found.append(Evidence(token.start, token.end, token.surface, word))
    return tuple(found)

"""The lexical phrase matcher over lemmatised labels and their compound parts (cf. Annif MLLM).

Every label of every concept is indexed as a sequence of normalised words. A label matches when
its words occur close together in one clause of the text, in any order; a Finnish label word also
matches as a part of a compound in the text ("kuljettaja" in "trukinkuljettajana"). The score
combines coverage (IDF-weighted share of label words found), proximity, the label's
specificity and its type (preferred > alternative > hidden).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import sparse

from kohtaanto.recognition.analyzer import Analyzer, analyzer_for_language
from kohtaanto.recognition.clauses import Clause, Document
from kohtaanto.recognition.recognizer.base import Hit, Recognizer, best_per_uri
from kohtaanto.recognition.stopwords import stopwords
from kohtaanto.recognition.types import Evidence
from kohtaanto.recognition.vectors import FloatArray, top_k
from kohtaanto.taxonomy.model import ConceptKind, LabelSet, Taxonomy

TYPE_WEIGHTS = (1.0, 0.95, 0.85)  # preferred, alternative, hidden
HEAD_PART, OTHER_PART = 0.8, 0.5  # match quality of a label word found inside a compound


@dataclass(frozen=True, slots=True)
class Label:
    uri: str
    kind: ConceptKind
    type: int
    keys: tuple[str, ...]
    surfaces: tuple[str, ...]
    weights: tuple[float, ...]
    total: float


def word_key(lemma: str, parts: tuple[str, ...]) -> str:
    """The matching key of a word: compounds by their joined base-form parts."""
    return "".join(parts) if len(parts) > 1 else lemma


class LabelAnalyzer:
    """(key, surface) pairs for the non-stopword words of labels, with a per-word memo."""

    def __init__(self, lang: str) -> None:
        self.analyzer: Analyzer = analyzer_for_language(lang)
        self.stop = stopwords(lang)
        self.memo: dict[str, str | None] = {}
        self.compounds = self.analyzer.name == "voikko"

    def key(self, surface: str) -> str | None:
        if surface not in self.memo:
            lemma = self.analyzer.normalize_word(surface)
            parts = tuple(self.analyzer.compound_parts(surface)) if self.compounds else (lemma,)
            key = word_key(lemma, parts)
            self.memo[surface] = None if key in self.stop or lemma in self.stop else key
        return self.memo[surface]

    def words(self, label: str) -> list[tuple[str, str]]:
        pairs = ((self.key(t.surface), t.surface) for t in self.analyzer.tokenize_words(label))
        return [(key, surface) for key, surface in pairs if key is not None]


def iter_labels(label_set: LabelSet) -> Iterator[tuple[int, str]]:
    if label_set.preferred:
        yield 0, label_set.preferred
    for label in label_set.alternative:
        yield 1, label
    for label in label_set.hidden:
        yield 2, label


class LexicalIndex:
    """The labels of one language and a sparse word → labels matrix of IDF weights."""

    def __init__(self, taxonomy: Taxonomy, lang: str, kinds: frozenset[ConceptKind]) -> None:
        self.lang = lang
        analyzer = LabelAnalyzer(lang)
        raw: list[tuple[str, ConceptKind, int, list[tuple[str, str]]]] = []
        for concept in taxonomy.of_kind(*kinds):
            label_set = concept.labels.get(lang)
            for type_, text in iter_labels(label_set) if label_set else ():
                words = analyzer.words(text)
                if words:
                    raw.append((concept.uri, concept.kind, type_, words))
        df: dict[str, int] = defaultdict(int)
        for *_, words in raw:
            for key in {k for k, _ in words}:
                df[key] += 1
        n = len(raw) + 1
        idf = {key: math.log(n / count) + 1.0 for key, count in df.items()}
        self.vocabulary = {key: i for i, key in enumerate(idf)}
        self.labels = [_label(uri, kind, type_, words, idf) for uri, kind, type_, words in raw]
        reference = sorted(idf.values())[len(idf) // 2] if idf else 1.0
        self.prior = np.array(
            [
                TYPE_WEIGHTS[x.type] * (0.6 + 0.4 * min(1.0, x.total / (2 * reference)))
                for x in self.labels
            ]
        )
        self.totals = np.array([x.total for x in self.labels])
        self.kind_codes = {kind: i for i, kind in enumerate(ConceptKind)}
        self.kinds = np.array([self.kind_codes[x.kind] for x in self.labels], dtype=np.int64)
        self.matrix_t = self._matrix()

    def kind_mask(self, kinds: frozenset[ConceptKind]) -> npt.NDArray[np.bool_]:
        """Which labels are of `kinds` (memoised per set of kinds)."""
        masks: dict[frozenset[ConceptKind], npt.NDArray[np.bool_]]
        masks = self.__dict__.setdefault("_masks", {})
        if kinds not in masks:
            masks[kinds] = np.isin(self.kinds, [self.kind_codes[k] for k in kinds])
        return masks[kinds]

    def _matrix(self) -> sparse.csr_matrix:
        """vocabulary × labels: the IDF weight of each distinct word of each label."""
        rows, cols, data = [], [], []
        for label_id, label in enumerate(self.labels):
            for key, weight in dict(zip(label.keys, label.weights, strict=True)).items():
                rows.append(self.vocabulary[key])
                cols.append(label_id)
                data.append(weight * label.keys.count(key))
        shape = (len(self.vocabulary), len(self.labels))
        return sparse.csr_matrix((data, (rows, cols)), shape=shape, dtype=np.float64)

    def coverage(self, matches: dict[str, tuple[int, float]]) -> FloatArray:
        """Share of each label's IDF weight found among `matches` (key → (token, quality))."""
        known = [(self.vocabulary[k], q) for k, (_, q) in matches.items() if k in self.vocabulary]
        if not known:
            return np.zeros(len(self.labels))
        cols = np.array([c for c, _ in known], dtype=np.int64)
        qualities = np.array([q for _, q in known])
        matrix = self.matrix_t
        starts, lengths = matrix.indptr[cols], matrix.indptr[cols + 1] - matrix.indptr[cols]
        total = int(lengths.sum())
        offsets = np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(total)
        weights = matrix.data[offsets] * np.repeat(qualities, lengths)
        matched = np.bincount(matrix.indices[offsets], weights=weights, minlength=len(self.labels))
        return np.asarray(matched / self.totals, dtype=np.float64)


def _label(
    uri: str, kind: ConceptKind, type_: int, words: list[tuple[str, str]], idf: dict[str, float]
) -> Label:
    weights = tuple(idf[k] for k, _ in words)
    keys, surfaces = tuple(k for k, _ in words), tuple(s for _, s in words)
    return Label(uri, kind, type_, keys, surfaces, weights, sum(weights))


class LexicalRecognizer(Recognizer):
    name = "lexical"

    def _build(self, taxonomy: Taxonomy) -> None:
        kinds = frozenset(self.params.get("kinds", self.kinds))  # type: ignore[call-overload]
        self.min_coverage = float(self.params.get("min_coverage", 0.5))  # type: ignore[arg-type]
        self.gap_penalty = float(self.params.get("gap_penalty", 0.15))  # type: ignore[arg-type]
        self.candidates = int(self.params.get("candidates", 60))  # type: ignore[call-overload]
        self.indexes = {lang: LexicalIndex(taxonomy, lang, kinds) for lang in self.languages}

    def _suggest(self, doc: Document, kinds: frozenset[ConceptKind]) -> list[Hit]:
        index = self.indexes.get(doc.lang)
        if index is None:
            return []
        wanted = index.kind_mask(kinds)
        hits: list[Hit] = []
        for number, clause in enumerate(doc.clauses):
            matches = clause_matches(doc, clause)
            coverage = index.coverage(matches)
            hits.extend(self._clause_hits(doc, index, matches, coverage, wanted, number))
        return best_per_uri(hits)

    def _clause_hits(
        self,
        doc: Document,
        index: LexicalIndex,
        matches: dict[str, tuple[int, float]],
        coverage: FloatArray,
        wanted: npt.NDArray[np.bool_],
        number: int,
    ) -> Iterator[Hit]:
        scores = np.where((coverage >= self.min_coverage) & wanted, coverage**2 * index.prior, 0.0)
        positions, values = top_k(scores, self.candidates)
        for label_id, value in zip(positions.tolist(), values.tolist(), strict=True):
            label = index.labels[label_id]
            found = {p: matches[k] for p, k in enumerate(label.keys) if k in matches}
            tokens = sorted({i for i, _ in found.values()})
            gaps = tokens[-1] - tokens[0] + 1 - len(tokens)
            if gaps <= 2 + len(label.keys):
                score = value / (1.0 + self.gap_penalty * gaps)
                yield Hit(label.uri, score, _evidence(doc, label, found), number)


def clause_matches(doc: Document, clause: Clause) -> dict[str, tuple[int, float]]:
    """Word key → (token index, match quality) for the words of a clause and, for compounds,
    their parts (head 0.8, other parts 0.5)."""
    matches: dict[str, tuple[int, float]] = {}
    for i in range(clause.first, clause.last):
        parts = doc.parts[i]
        if len(parts) > 1:
            for j, part in enumerate(parts):
                quality = HEAD_PART if j == len(parts) - 1 else OTHER_PART
                if matches.get(part, (0, 0.0))[1] < quality:
                    matches[part] = (i, quality)
        key = word_key(doc.lemmas[i], parts)
        if matches.get(key, (0, 0.0))[1] < 1.0:
            matches[key] = (i, 1.0)
    return matches


def _evidence(
    doc: Document, label: Label, positions: dict[int, tuple[int, float]]
) -> tuple[Evidence, ...]:
    by_token: dict[int, list[str]] = defaultdict(list)
    for position, (i, _) in sorted(positions.items()):
        by_token[i].append(label.surfaces[position])
    evidence = []
    for i in sorted(by_token):
        token = doc.tokens[i]
        evidence.append(Evidence(token.start, token.end, token.surface, " ".join(by_token[i])))
    return tuple(evidence)

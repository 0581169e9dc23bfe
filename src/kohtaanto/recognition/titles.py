"""Job-title linking: weighted char n-grams plus stemmed words over titles in any language.

`TitleLinker.from_items` indexes arbitrary (id, text) items; `rank` returns ids, best first,
`rank_many` ranks a batch of titles with one sparse matrix product per batch and
`score_matrix` gives the dense queries × ids scores of a batch.

Features of a text, per word, in three blocks: character n-grams within word boundaries
(those at the word end, where the head of a compound sits, weigh `suffix_weight` times more),
the word's stem, and (if `whole_weight` > 0) plain character n-grams of `whole_low`–`whole_high`
characters. The head of a title (its last word, or the last word before a preposition:
"director *of* sales") weighs 1, the other words `modifier_weight` and seniority words
`seniority_weight`. Vacancy noise ("(m/f/d)", "full-time", numbers) is removed from queries,
and words after a separator ("Nurse - London") weigh `tail_weight`. Each block is a TF-IDF
vector, l2-normalised on its own; an item's score is `char_weight` × char cosine +
(1 − `char_weight`) × word cosine + `whole_weight` × plain char cosine, times the item's weight
(raised to `weight_power`).

When several items share an id (the labels of one concept), the id scores the best of its
items plus `group_mean` × the mean score of all its items (a concept whose labels all match
beats one with a single matching label), plus `count_prior` × log(1 + number of items) and an
optional per-id prior (`id_priors`), both only for ids that match at all.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import sparse

from kohtaanto.recognition.analyzer import Analyzer, get_analyzer
from kohtaanto.recognition.stopwords import stopwords
from kohtaanto.taxonomy.model import ConceptKind, Taxonomy

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

_NOISE_RE = re.compile(
    r"\(?\b[mwfhdx]\s*/\s*[mwfhdx](?:\s*/\s*[mwfhdx])?\b\)?|\b(?:full|part)[\s-]?time\b|"
    r"\b(?:remote|hybrid|urgent|immediate start|kokoaikai\w*|osa-aikai\w*|heltid|deltid)\b",
    re.IGNORECASE,
)
_SEPARATOR_RE = re.compile(r"\s[-–—|]\s|[|,;:()\[\]]")
_WORD_RE = re.compile(r"[^\W_]+(?:\+\+|#)?")
SENIORITY = frozenset(
    [
        "senior",
        "junior",
        "sr",
        "jr",
        "trainee",
        "entry",
        "level",
        "experienced",
        "i",
        "ii",
        "iii",
        "iv",
        "nuorempi",
        "vanhempi",
    ]
)
PREPOSITIONS = frozenset(
    [
        # en
        "of",
        "for",
        "in",
        "at",
        "with",
        "to",
        "on",
        # da/no/sv
        "af",
        "av",
        "til",
        "för",
        "for",
        "i",
        "på",
        "med",
        "inden",
        "innen",
        "inom",
        "ved",
        "vid",
    ]
)
CACHE_SIZE = 100_000
ITEM_DEFAULTS: dict[str, float] = {"whole_weight": 0.0, "group_mean": 0.0}
"""Defaults of `from_items` (arbitrary items, e.g. MELO surface forms), under the weights file."""
WORD_MARK = "\x01"
"""Prefix of word (stem) features in the vocabulary, which also holds char n-grams."""
WHOLE_MARK = "\x02"
"""Prefix of the plain character n-grams of the third block."""


def clean_title(title: str) -> str:
    """The title without vacancy noise such as "(m/f/d)" or "full-time"."""
    return " ".join(_NOISE_RE.sub(" ", title).split())


@dataclass(frozen=True, slots=True)
class TitleParams:
    """Tuned parameters (see `weights/ensemble-v*.json`, `title` and `title_items`)."""

    char_weight: float = 0.5
    ngram_low: int = 2
    ngram_high: int = 4
    max_query_df: float = 1.0
    """Query features found in more than this share of the items are skipped (speed)."""
    suffix_weight: float = 1.0
    modifier_weight: float = 1.0
    seniority_weight: float = 0.3
    tail_weight: float = 1.0
    group_mean: float = 0.5
    feedback: float = 0.0
    """Pseudo-relevance feedback: weight of the best items' vectors added to the query."""
    feedback_items: int = 3
    label_prior: float = 0.0
    bonus: float = 0.0
    whole_weight: float = 0.6
    """Weight of a third block: plain character n-grams (`whole_low`–`whole_high`) of every
    word, unweighted by word role (the baseline's view of the text)."""
    whole_low: int = 2
    whole_high: int = 4
    count_prior: float = 0.0
    """Added to an id's score × log(1 + its number of items)."""
    narrower_prior: float = -0.2
    """Occupation linking (`occupation_priors`): added × log(1 + narrower occupations). Titles
    name specific jobs, so broad occupations with many narrower ones are demoted."""
    weight_power: float = 1.0
    """Item weights are raised to this power (sharpens label-type weights)."""

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> TitleParams:
        known = {f.name: f.type for f in fields(cls)}
        converted: dict[str, Any] = {}
        for key, value in values.items():
            if key in known:
                converted[key] = int(value) if known[key] == "int" else float(value)
        return cls(**converted)


class _Words:
    """Per-word analysis of the linker's language: stem and char n-grams, cached per word."""

    def __init__(self, analyzer: Analyzer, params: TitleParams) -> None:
        self.analyzer = analyzer
        self.params = params
        self.stopwords = stopwords(analyzer.param or "") | (
            stopwords("en") if analyzer.param != "en" else frozenset()
        )
        self._splits: dict[tuple[str, bool], tuple[tuple[str, float], ...]] = {}

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_splits": {}}

    def features(self, word: str) -> dict[str, float]:
        """Feature → weight of one lower-cased word: char n-grams and the stem."""
        low, high = self.params.ngram_low, self.params.ngram_high
        suffix = self.params.suffix_weight
        padded = f" {word} "
        size = len(padded)
        grams: dict[str, float] = {}
        for n in range(low, min(high, size) + 1):
            for i in range(size - n + 1):
                gram = padded[i : i + n]
                weight = suffix if i + n == size else 1.0
                grams[gram] = grams.get(gram, 0.0) + weight
        grams[WORD_MARK + self.analyzer.normalize_word(word)] = 1.0
        if self.params.whole_weight:
            for n in range(self.params.whole_low, min(self.params.whole_high, size) + 1):
                for i in range(size - n + 1):
                    gram = WHOLE_MARK + padded[i : i + n]
                    grams[gram] = grams.get(gram, 0.0) + 1.0
        return grams

    def split(self, text: str, query: bool) -> tuple[tuple[str, float], ...]:
        """(word, weight) of a text, cached."""
        key = (text, query)
        found = self._splits.get(key)
        if found is None:
            if len(self._splits) >= CACHE_SIZE:
                self._splits.clear()
            found = self._splits[key] = self._split(text, query)
        return found

    def _split(self, text: str, query: bool) -> tuple[tuple[str, float], ...]:
        params = self.params
        if query:
            text = clean_title(text)
            segments = [s for s in _SEPARATOR_RE.split(text) if s.strip()]
        else:
            segments = [text]
        result: list[tuple[str, float]] = []
        for number, segment in enumerate(segments):
            words = [w.lower() for w in _WORD_RE.findall(segment) if not w.isdigit()]
            if not words:
                continue
            content = [w for w in words if w not in self.stopwords or w in PREPOSITIONS]
            head = _head(content)
            base = 1.0 if number == 0 else params.tail_weight
            for position, word in enumerate(content):
                if word in PREPOSITIONS or word in self.stopwords:
                    continue
                if word in SENIORITY and len(content) > 1:
                    weight = params.seniority_weight
                elif position == head:
                    weight = 1.0
                else:
                    weight = params.modifier_weight
                result.append((word, base * weight))
        return tuple(result)


def _head(words: Sequence[str]) -> int:
    """Position of the head word: the last before the first inner preposition, else the
    last word."""
    for position, word in enumerate(words):
        if position > 0 and word in PREPOSITIONS:
            return position - 1
    return len(words) - 1


class TitleLinker:
    """Ranks items by a blend of char n-gram and word TF-IDF cosine similarity."""

    def __init__(
        self,
        ids: Sequence[str],
        texts: Sequence[str],
        analyzer: Analyzer,
        item_weights: Sequence[float] | None = None,
        params: TitleParams | None = None,
        id_priors: Mapping[str, float] | None = None,
        **overrides: float,
    ) -> None:
        base = params or TitleParams()
        current = {f.name: getattr(base, f.name) for f in fields(base)}
        self.params = TitleParams.from_mapping({**current, **overrides})
        self.analyzer = analyzer
        self.words = _Words(analyzer, self.params)
        # items of one id become contiguous (ids in first-seen order)
        first: dict[str, int] = {}
        for item_id in ids:
            first.setdefault(item_id, len(first))
        order = sorted(range(len(ids)), key=lambda i: first[ids[i]])
        self.ids: list[str] = list(first)
        self.item_group = np.asarray([first[ids[i]] for i in order], dtype=np.int64)
        self.unique = len(self.ids) == len(ids)
        starts = np.flatnonzero(np.diff(self.item_group, prepend=-1))
        self.starts = starts.astype(np.int64)
        self.counts = np.diff(np.append(self.starts, len(order))).astype(np.float64)
        weights = np.asarray(item_weights if item_weights is not None else [1.0] * len(ids))
        weights = weights**self.params.weight_power
        self.item_weights = weights[order] if len(order) else weights
        self.id_prior = self.params.count_prior * np.log1p(self.counts)
        if id_priors:
            self.id_prior = self.id_prior + np.asarray(
                [id_priors.get(item_id, 0.0) for item_id in self.ids]
            )
        self.vocabulary: dict[str, int] = {}
        self._word_vectors: dict[str, tuple[IntArray, FloatArray]] = {}
        matrix = self._fit([texts[i] for i in order])
        self.matrix_t = matrix.T.tocsr()
        """Features × items, for gathering the posting lists of a query's features."""
        self.rows = matrix if self.params.feedback else None

    @classmethod
    def from_items(
        cls,
        items: Sequence[tuple[str, str]],
        analyzer: Analyzer | None = None,
        **params: float,
    ) -> TitleLinker:
        """A linker over arbitrary (id, text) items; parameters default to the shipped
        tuned `title_items` parameters of the ensemble weights file."""
        from kohtaanto.recognition.ensemble import load_weights

        merged = {**ITEM_DEFAULTS, **load_weights().params.get("title_items", {}), **params}
        return cls(
            [i for i, _ in items],
            [t for _, t in items],
            analyzer or get_analyzer("simple"),
            params=TitleParams.from_mapping(merged),
        )

    # --- fitting -------------------------------------------------------------------------------
    def _fit(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """Items × features: (items × words) @ (words × features), then TF-IDF."""
        words: dict[str, int] = {}
        rows: list[int] = []
        cols: list[int] = []
        values: list[float] = []
        for row, text in enumerate(texts):
            for word, weight in self.words.split(text, False):
                rows.append(row)
                cols.append(words.setdefault(word, len(words)))
                values.append(weight)
        item_words = sparse.csr_matrix(
            (np.asarray(values), (np.asarray(rows, dtype=np.int64), np.asarray(cols))),
            shape=(len(texts), len(words)),
        )
        vocabulary = self.vocabulary
        indptr = [0]
        indices: list[int] = []
        data: list[float] = []
        for word in words:
            for feature, value in self.words.features(word).items():
                indices.append(vocabulary.setdefault(feature, len(vocabulary)))
                data.append(value)
            indptr.append(len(indices))
        word_features = sparse.csr_matrix(
            (np.asarray(data), np.asarray(indices, dtype=np.int64), np.asarray(indptr)),
            shape=(len(words), len(vocabulary)),
        )
        matrix = sparse.csr_matrix(item_words @ word_features)
        matrix.sum_duplicates()
        df = np.bincount(matrix.indices, minlength=len(vocabulary))
        self.idf = np.log((len(texts) + 1) / (df + 1.0)) + 1.0
        self.block = np.zeros(len(vocabulary), dtype=np.int64)
        """Block of each feature: 0 char n-grams, 1 words, 2 plain char n-grams."""
        marks = {WORD_MARK: 1, WHOLE_MARK: 2}
        for feature, index in vocabulary.items():
            self.block[index] = marks.get(feature[:1], 0)
        self.block_weights = np.asarray(
            [self.params.char_weight, 1.0 - self.params.char_weight, self.params.whole_weight]
        )
        self.common = df > max(50.0, self.params.max_query_df * len(texts))
        matrix.data = matrix.data * self.idf[matrix.indices]
        return self._blend(matrix)

    def _word_vector(self, word: str) -> tuple[IntArray, FloatArray]:
        """Known feature ids and weights of one query word, cached."""
        found = self._word_vectors.get(word)
        if found is None:
            vocabulary = self.vocabulary
            pairs = [
                (index, value)
                for feature, value in self.words.features(word).items()
                if (index := vocabulary.get(feature)) is not None
            ]
            found = (
                np.asarray([i for i, _ in pairs], dtype=np.int64),
                np.asarray([v for _, v in pairs], dtype=np.float64),
            )
            if len(self._word_vectors) >= CACHE_SIZE:
                self._word_vectors.clear()
            self._word_vectors[word] = found
        return found

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_word_vectors": {}}

    def _blend(self, matrix: sparse.csr_matrix) -> sparse.csr_matrix:
        """Rows l2-normalised per block (chars, words), scaled by the block weights."""
        matrix = sparse.csr_matrix(matrix)
        block = self.block[matrix.indices]
        n = matrix.shape[0]
        row_of = np.repeat(np.arange(n), np.diff(matrix.indptr))
        key = row_of * 3 + block
        norms = np.sqrt(np.bincount(key, weights=matrix.data**2, minlength=3 * n))
        norms[norms == 0] = 1.0
        matrix.data = matrix.data * (self.block_weights[block] / norms[key])
        return matrix

    # --- queries -------------------------------------------------------------------------------
    def query_vector(self, query: str) -> tuple[IntArray, FloatArray]:
        """(feature ids, values) of one query, blended like the items."""
        parts = [
            (self._word_vector(word), weight) for word, weight in self.words.split(query, True)
        ]
        parts = [(vector, weight) for vector, weight in parts if len(vector[0])]
        if not parts:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        if len(parts) == 1:
            (cols, values), weight = parts[0]
            values = values * weight
        else:
            all_cols = np.concatenate([vector[0] for vector, _ in parts])
            all_values = np.concatenate([vector[1] * weight for vector, weight in parts])
            unique, inverse = np.unique(all_cols, return_inverse=True)
            cols = np.asarray(unique, dtype=np.int64)
            values = np.asarray(np.bincount(inverse, weights=all_values), dtype=np.float64)
        values = values * self.idf[cols]
        block = self.block[cols]
        norms = np.sqrt(np.bincount(block, weights=values * values, minlength=3))
        norms[norms == 0] = 1.0
        values = values * (self.block_weights[block] / norms[block])
        keep = ~self.common[cols]
        return cols[keep], values[keep]

    def item_scores(self, cols: IntArray, values: FloatArray) -> FloatArray:
        """Dense scores of every item (in internal order) for one query vector."""
        matrix = self.matrix_t
        starts = matrix.indptr[cols]
        lengths = matrix.indptr[cols + 1] - starts
        total = int(lengths.sum())
        offsets = np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(total)
        weights = matrix.data[offsets] * np.repeat(values, lengths)
        sums = np.bincount(matrix.indices[offsets], weights=weights, minlength=len(self.item_group))
        return np.asarray(sums, dtype=np.float64)

    def _group_scores(self, scores: FloatArray) -> FloatArray:
        """Per-id scores from item scores (items along the last axis)."""
        weighted = scores * self.item_weights
        if self.unique:
            return self._with_prior(weighted)
        two_d = weighted.ndim == 2
        columns = np.ascontiguousarray(weighted.T) if two_d else weighted
        counts = self.counts[:, None] if two_d else self.counts
        best = np.maximum.reduceat(columns, self.starts, axis=0)
        if self.params.group_mean:
            mean = np.add.reduceat(columns, self.starts, axis=0) / counts
            best = best + self.params.group_mean * mean
        return self._with_prior(best.T if two_d else best)

    def _with_prior(self, scores: FloatArray) -> FloatArray:
        """Scores plus the id priors, for ids that match at all (which stay positive, so that
        a negative prior demotes an id but never hides it)."""
        matched = scores > 0.0
        shifted = np.maximum(scores + self.id_prior, scores * 1e-3)
        return np.asarray(np.where(matched, shifted, scores), dtype=np.float64)

    def id_scores(self, query: str) -> FloatArray:
        """Dense scores of every id (in `self.ids` order) for one query."""
        cols, values = self.query_vector(query)
        if not len(cols):
            return np.zeros(len(self.ids))
        scores = self.item_scores(cols, values)
        if self.rows is not None:
            scores = self._feedback(cols, values, scores)
        return self._group_scores(scores)

    def _feedback(self, cols: IntArray, values: FloatArray, scores: FloatArray) -> FloatArray:
        """Scores of the query expanded by the mean vector of its best items."""
        assert self.rows is not None
        count = self.params.feedback_items
        if not scores.any():
            return scores
        top = np.argpartition(-scores, min(count, len(scores) - 1))[:count]
        block = self.rows[top]
        all_cols = np.concatenate((cols, block.indices.astype(np.int64)))
        all_values = np.concatenate((values, block.data * (self.params.feedback / count)))
        unique, inverse = np.unique(all_cols, return_inverse=True)
        summed = np.bincount(inverse, weights=all_values)
        keep = ~self.common[unique]
        return self.item_scores(unique[keep], summed[keep])

    def scores(self, query: str, k: int = 10) -> tuple[IntArray, FloatArray]:
        """Positions in `ids` and scores of the k best ids (positive scores only)."""
        return top_k(self.id_scores(query), k)

    def rank(self, query: str, k: int = 10, bonus: float | None = None) -> list[tuple[str, float]]:
        """Ids with scores in [0, 1], best first (ties by position). `bonus` is accepted for
        compatibility and ignored: several items of one id count through `group_mean`."""
        positions, values = self.scores(query, k)
        ids = self.ids
        return [
            (ids[p], min(1.0, v)) for p, v in zip(positions.tolist(), values.tolist(), strict=True)
        ]

    def score_matrix(self, queries: Sequence[str]) -> FloatArray:
        """Dense scores (queries × ids, in `self.ids` order) with one sparse product (no
        feedback). Memory is len(queries) × items floats: pass batches."""
        indptr = [0]
        indices: list[IntArray] = []
        data: list[FloatArray] = []
        for query in queries:
            cols, values = self.query_vector(query)
            indices.append(cols)
            data.append(values)
            indptr.append(indptr[-1] + len(cols))
        vectors = sparse.csr_matrix(
            (
                np.concatenate(data) if data else np.zeros(0),
                np.concatenate(indices) if indices else np.zeros(0, dtype=np.int64),
                np.asarray(indptr),
            ),
            shape=(len(queries), len(self.vocabulary)),
        )
        dense = np.asarray((vectors @ self.matrix_t).toarray(), dtype=np.float64)
        return self._group_scores(dense)

    def rank_many(
        self, queries: Sequence[str], k: int = 10, batch: int = 256
    ) -> list[list[tuple[str, float]]]:
        """`rank` for many queries with one sparse product per batch (no feedback)."""
        results: list[list[tuple[str, float]]] = []
        ids = self.ids
        for start in range(0, len(queries), batch):
            grouped = self.score_matrix(queries[start : start + batch])
            for row in grouped:
                positions, values = top_k(row, k)
                results.append(
                    [
                        (ids[p], min(1.0, v))
                        for p, v in zip(positions.tolist(), values.tolist(), strict=True)
                    ]
                )
        return results


def top_k(scores: FloatArray, k: int) -> tuple[IntArray, FloatArray]:
    """Indices and values of the k best positive scores, best first (ties by index)."""
    if k <= 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    if len(scores) > 4 * k:
        candidates = np.argpartition(-scores, k - 1)[:k]
        candidates = candidates[scores[candidates] > 0.0]
    else:
        candidates = np.flatnonzero(scores > 0.0)
    values = scores[candidates]
    order = np.lexsort((candidates, -values))[:k]
    return candidates[order].astype(np.int64), values[order]


def occupation_priors(taxonomy: Taxonomy, params: TitleParams) -> dict[str, float]:
    """Per-occupation priors (`id_priors`) from the taxonomy's structure:
    `narrower_prior` × log(1 + number of narrower occupations)."""
    if not params.narrower_prior:
        return {}
    occupations = {c.uri for c in taxonomy.of_kind(ConceptKind.OCCUPATION)}
    priors: dict[str, float] = {}
    for uri, narrower in taxonomy.narrower().items():
        count = sum(1 for child in narrower if child in occupations)
        if uri in occupations and count:
            priors[uri] = params.narrower_prior * math.log1p(count)
    return priors


def analyzer_for_title(lang: str) -> Analyzer:
    """Snowball stems for title words (titles are short and mostly in the base form; char
    n-grams cover compounds), `simple` where there is no stemmer."""
    try:
        return get_analyzer(f"snowball({lang})")
    except ValueError:
        return get_analyzer("simple")

"""Job-title linking: weighted char n-grams plus stemmed words over titles in any language.

`TitleLinker(ids, texts, analyzer, params=…)` indexes (id, text) items; `rank` returns ids,
best first, `rank_many` ranks a batch of titles with one sparse matrix product per batch and
`score_matrix` gives the dense queries × ids scores of a batch. `Engine.link_title(s)` builds it
over the occupations' labels with `params.title` of the weights file.

Features of a text, per word, in three blocks: character n-grams within word boundaries
(those at the word end, where the head of a compound sits, weigh `suffix_weight` times more),
the word's stem and the stems of adjacent word pairs (`pair_weight`), and (if `whole_weight`
> 0) plain character n-grams of `whole_low`–`whole_high` characters. The head of a title (its
last word, or the last word before a preposition: "director *of* sales") weighs 1, the other
words `modifier_weight` and seniority words `seniority_weight`. Vacancy noise ("(m/f/d)",
"full-time", numbers) is removed from queries, and words after a separator ("Nurse - London")
weigh `tail_weight`. Character n-grams found in more than `max_df` of the items are left out
(like stop words; they cost the most and say the least), and document frequencies count ids,
not items, if `idf_by_id` is set. Each block is a TF-IDF vector,
l2-normalised on its own; an item's score is `char_weight` × char cosine + (1 − `char_weight`)
× word cosine + `whole_weight` × plain char cosine, times the item's weight (raised to
`weight_power`).

When several items share an id (the labels of one concept), the id scores the best of its
items plus `group_mean` × the mean score of all its items, plus `doc_weight` × the score of
the id's document (the sum of its items' vectors: words spread over several labels count),
plus `count_prior` × log(1 + number of items) and an optional per-id prior (`id_priors`), both
only for ids that match at all.

Scoring is sparse throughout: a batch of queries is one sparse product with the posting lists
of its features, and only ids that share a feature with a query are touched.

With `structure` (the default) and a language that `title_structure.json` describes (fi, sv,
en), a query is read by `title_structure.TitleStructure` first: its employment terms, places,
employers and seniority words are set aside and the part that names the job is ranked, with the
rest as context ("Lähihoitaja, vanhustyö (vakituinen)" is ranked as "Lähihoitaja, vanhustyö").
The core alone and the core with its seniority words are also tried as exact labels. In Finnish
(Voikko), compound parts are word features too (`part_weight`), and the best `rerank_depth` ids
are reranked by the compound head rule: a label with the title's head gains `fit_bonus` if its
modifiers fit the title and loses `conflict_penalty` if they conflict ("rahastonhoitaja" is not a
"lähihoitaja"), a label with the same parts as the title's core gains `key_bonus`, and one whose
further segment ("myyntiedustaja, *sähkö*") is not in the title loses `spec_penalty`.
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
from kohtaanto.recognition.ensemble import params_from_mapping
from kohtaanto.recognition.stopwords import stopwords
from kohtaanto.recognition.title_structure import (
    Fit,
    ParsedTitle,
    Shape,
    TitleStructure,
    linker_words,
)
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
SENIORITY = linker_words("seniority")
"""Words the linker weighs `seniority_weight` in every language (`title_structure.json`)."""
PREPOSITIONS = linker_words("prepositions")
"""Words that end a title's head phrase ("director *of* sales"), in every language."""
CACHE_SIZE = 100_000
MIN_DF_CUT = 50
"""`max_df` and `max_query_df` never drop features found in at most this many items."""
WORD_MARK = "\x01"
"""Prefix of word (stem) features in the vocabulary, which also holds char n-grams."""
WHOLE_MARK = "\x02"
"""Prefix of the plain character n-grams of the third block."""
PART_MARK = "\x03"
"""Prefix of compound-part features (lemmas of a compound's parts), in the word block."""


def clean_title(title: str) -> str:
    """The title without vacancy noise such as "(m/f/d)" or "full-time"."""
    return " ".join(_NOISE_RE.sub(" ", title).split())


@dataclass(frozen=True, slots=True)
class TitleParams:
    """Tuned parameters (see `weights/ensemble-v*.json`, `title`; the defaults of the
    parameters not in the weights file were tuned on JobBERT titles.validation, acc@1, through
    `Engine.link_titles`)."""

    char_weight: float = 0.5
    ngram_low: int = 2
    ngram_high: int = 4
    max_query_df: float = 1.0
    """Query features found in more than this share of the items are skipped (speed)."""
    pair_weight: float = 0.5
    """Weight of word pairs (adjacent words' stems, in the word block)."""
    max_df: float = 0.02
    """Char n-grams found in more than this share of the items (and in more than `MIN_DF_CUT`
    items) are left out of every vector, like stop words: they say little, and they are what
    makes scoring slow (their posting lists cover most items). Words are always kept."""
    idf_by_id: float = 1.0
    """If set, document frequencies count ids (concepts), not items (labels): the many labels
    of one concept do not make its words look common."""
    doc_weight: float = 0.5
    """Weight of the similarity between the query and an id's document (the sum of its items'
    vectors, blended like an item), added to the id's score: it credits words spread over
    several labels."""
    suffix_weight: float = 2.0
    modifier_weight: float = 1.0
    seniority_weight: float = 0.0
    tail_weight: float = 1.0
    group_mean: float = 0.0
    feedback: float = 0.0
    """Pseudo-relevance feedback: weight of the best items' vectors added to the query."""
    feedback_items: int = 3
    label_prior: float = 0.0
    bonus: float = 0.0
    whole_weight: float = 0.0
    """Weight of a third block: plain character n-grams (`whole_low`–`whole_high`) of every
    word, unweighted by word role (the baseline's view of the text)."""
    whole_low: int = 2
    whole_high: int = 4
    count_prior: float = 0.0
    """Added to an id's score × log(1 + its number of items)."""
    narrower_prior: float = -0.25
    """Occupation linking (`occupation_priors`): added × log(1 + narrower occupations). Titles
    name specific jobs, so broad occupations with many narrower ones are demoted."""
    weight_power: float = 2.0
    """Item weights are raised to this power (sharpens label-type weights)."""
    exact_first: int = 1
    """An id one of whose items is exactly the query (case, spacing and vacancy noise aside)
    ranks first with score 1: a person who types "chef" expects "chef", not "head chef".
    Among several such ids, the one whose exact item weighs more (a preferred label) is first.
    With `structure`, the title's core and context ("Lähihoitaja" of "Lähihoitaja, keikkatyö,
    Turku") and the core with its seniority words ("vanhempi konstaapeli") are tried too."""
    structure: int = 1
    """Read the title's own structure (`title_structure.TitleStructure` of the analyzer's
    language, when `title_structure.json` has one): rank the core and the context of the title,
    not its employment terms, places, employers and seniority words, and rerank the best
    `rerank_depth` ids by the compound head rule and the labels' further segments (the bonuses
    and penalties below, added to an id's score for its best-fitting label)."""
    rerank_depth: int = 30
    key_bonus: float = 0.3
    """For a label whose first segment has the same parts as the title's core ("tuotannon
    työntekijä" for "Tuotantotyöntekijä"), times the label's weight."""
    fit_bonus: float = 0.5
    """For a label with the title's head (or a head of the same meaning) whose modifiers fit
    the title ("trukinkuljettaja" for "trukkikuski"), times the label's weight and the share of
    the title's modifiers that the label has ("kukka- ja puutarhakaupan myyjä" for "Kukkakaupan
    myyjä" more than "myyjä")."""
    conflict_penalty: float = 0.3
    """For a label with the title's head whose modifiers conflict with the title's
    ("lähihoitaja" for "rahastonhoitaja"): an id scoring no more than this is dropped."""
    spec_penalty: float = 0.3
    """For a label with the title's head whose further segments are not in the title
    ("myyntiedustaja, sähkö" for "Myyntiedustaja, B2B")."""
    part_weight: float = 1.5
    """With `structure`, the weight of each compound part of a word as a word feature
    ("kassatyöntekijä": kassa, työ, tekijä), so that a compound meets the labels that share
    its parts ("kassanhoitaja")."""

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> TitleParams:
        return params_from_mapping(cls, values)


class _Words:
    """Per-word analysis of the linker's language: stem and char n-grams, cached per word."""

    def __init__(
        self, analyzer: Analyzer, params: TitleParams, structure: TitleStructure | None = None
    ) -> None:
        self.analyzer = analyzer
        self.params = params
        self.structure = structure
        """Reads a query's structure (its core and context are what is ranked) and gives
        compound parts (`PART_MARK` features, when `part_weight` is set)."""
        self.stopwords = stopwords(analyzer.param or "") | (
            stopwords("en") if analyzer.param != "en" else frozenset()
        )
        self._splits: dict[tuple[str, bool], tuple[tuple[str, float], ...]] = {}

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_splits": {}}

    def features(self, word: str) -> dict[str, float]:
        """Feature → weight of one lower-cased word: char n-grams and the stem (a pair of
        adjacent words, "a b", has only the pair of their stems)."""
        if " " in word:
            normalize = self.analyzer.normalize_word
            return {WORD_MARK + " ".join(normalize(part) for part in word.split(" ")): 1.0}
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
        if self.structure is not None and self.params.part_weight:
            parts = self.structure.parts(word)
            if len(parts) > 1:
                for part in parts:
                    grams[PART_MARK + part] = self.params.part_weight
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
            if self.structure is not None:
                text = self.structure.parse(text).query or text
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
            previous = ""
            for position, word in enumerate(content):
                if word in PREPOSITIONS or word in self.stopwords:
                    previous = ""
                    continue
                if word in SENIORITY and len(content) > 1:
                    weight = params.seniority_weight
                elif position == head:
                    weight = 1.0
                else:
                    weight = params.modifier_weight
                result.append((word, base * weight))
                if previous and params.pair_weight and word not in SENIORITY:
                    result.append((f"{previous} {word}", base * params.pair_weight))
                previous = "" if word in SENIORITY else word
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
        self.structure = (
            TitleStructure.for_language(analyzer.param) if self.params.structure else None
        )
        """The title structure of the analyzer's language (None if it has none)."""
        self.words = _Words(analyzer, self.params, self.structure)
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
        raw_weights = np.asarray(item_weights if item_weights is not None else [1.0] * len(ids))
        weights = raw_weights**self.params.weight_power
        self.item_weights = weights[order] if len(order) else weights
        self.id_prior = self.params.count_prior * np.log1p(self.counts)
        if id_priors:
            self.id_prior = self.id_prior + np.asarray(
                [id_priors.get(item_id, 0.0) for item_id in self.ids]
            )
        self.vocabulary: dict[str, int] = {}
        self._word_vectors: dict[str, tuple[IntArray, FloatArray]] = {}
        self.exact: dict[str, tuple[tuple[int, float], ...]] = {}
        """Exact-match key of an item's text → (position in `ids`, weight of its heaviest item
        with that text) of the ids with it."""
        if self.params.exact_first:
            exact: dict[str, dict[int, float]] = {}
            for i, item_id in enumerate(ids):
                found = exact.setdefault(_exact_key(texts[i]), {})
                position = first[item_id]
                found[position] = max(found.get(position, 0.0), float(raw_weights[i]))
            self.exact = {key: tuple(found.items()) for key, found in exact.items() if key}
        self.texts = [texts[i] for i in order]
        """The items' texts, in internal order (items of one id together)."""
        self.shapes: list[Shape] = []
        """The items' shapes (internal order), when the structure reranks."""
        if self.structure is not None:
            shapes = self.structure.fit_labels([ids[i] for i in order], self.texts)
            if self.structure.rerank:
                self.shapes = shapes
        matrix = self._fit([texts[i] for i in order])
        self.matrix_t = sparse.csr_matrix(matrix.T @ sparse.diags(self.item_weights))
        """Features × items (times the item weights), for the posting lists of a query's
        features."""
        self.rows = matrix if self.params.feedback else None
        grouped = self.params.doc_weight and not self.unique
        self.doc_t = self._documents(matrix) if grouped else None
        """Features × ids: the sums of each id's (weighted) item vectors, blended like items
        (only when some ids have several items)."""

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
        if self.params.idf_by_id and not self.unique:
            # document frequency over ids: the many labels of one concept count once
            membership = sparse.csr_matrix(
                (np.ones(len(texts)), (self.item_group, np.arange(len(texts)))),
                shape=(len(self.ids), len(texts)),
            )
            per_id = sparse.csr_matrix(membership @ matrix)
            id_df = np.bincount(per_id.indices, minlength=len(vocabulary))
            self.idf = np.log((len(self.ids) + 1) / (id_df + 1.0)) + 1.0
        self.block_weights = np.asarray(
            [self.params.char_weight, 1.0 - self.params.char_weight, self.params.whole_weight]
        )
        self.block = np.zeros(len(vocabulary), dtype=np.int64)
        """Block of each feature: 0 char n-grams, 1 words, 2 plain char n-grams."""
        marks = {WORD_MARK: 1, WHOLE_MARK: 2, PART_MARK: 1}
        for feature, index in vocabulary.items():
            self.block[index] = marks.get(feature[:1], 0)
        self.common = df > max(MIN_DF_CUT, self.params.max_query_df * len(texts))
        self.dropped = (df > max(MIN_DF_CUT, self.params.max_df * len(texts))) & (self.block != 1)
        matrix.data = matrix.data * self.idf[matrix.indices] * ~self.dropped[matrix.indices]
        matrix.eliminate_zeros()
        self._cache_word_vectors(list(words)[:CACHE_SIZE], word_features)
        return self._blend(matrix)

    def _cache_word_vectors(self, words: Sequence[str], word_features: sparse.csr_matrix) -> None:
        """Fill the query word cache with the items' own words (their rows of kept features),
        so that queries mostly find their words analysed already."""
        keep = ~self.dropped[word_features.indices]
        indices = word_features.indices[keep].astype(np.int64)
        data = np.asarray(word_features.data[keep], dtype=np.float64)
        row_of = np.repeat(np.arange(word_features.shape[0]), np.diff(word_features.indptr))
        counts = np.bincount(row_of[keep], minlength=word_features.shape[0])
        bounds = np.concatenate(([0], np.cumsum(counts))).tolist()
        for row, word in enumerate(words):
            low, high = bounds[row], bounds[row + 1]
            self._word_vectors[word] = (indices[low:high], data[low:high])

    def _documents(self, matrix: sparse.csr_matrix) -> sparse.csr_matrix:
        membership = sparse.csr_matrix(
            (self.item_weights, (self.item_group, np.arange(len(self.item_group)))),
            shape=(len(self.ids), len(self.item_group)),
        )
        # blended like an item: each block l2-normalised and scaled by the block weights
        documents = self._blend(sparse.csr_matrix(membership @ matrix))
        return sparse.csr_matrix((documents * self.params.doc_weight).T)

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
            cols = np.asarray([i for i, _ in pairs], dtype=np.int64)
            keep = ~self.dropped[cols]
            found = (cols[keep], np.asarray([v for _, v in pairs], dtype=np.float64)[keep])
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
        kept = ~self.dropped[cols]
        cols, values = cols[kept], values[kept]
        block = self.block[cols]
        norms = np.sqrt(np.bincount(block, weights=values * values, minlength=3))
        norms[norms == 0] = 1.0
        values = values * (self.block_weights[block] / norms[block])
        keep = ~self.common[cols]
        return cols[keep], values[keep]

    def item_scores(self, cols: IntArray, values: FloatArray) -> FloatArray:
        """Dense scores of every item (in internal order, times its weight) for one query
        vector."""
        matrix = self.matrix_t
        starts = matrix.indptr[cols]
        lengths = matrix.indptr[cols + 1] - starts
        total = int(lengths.sum())
        offsets = np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(total)
        weights = matrix.data[offsets] * np.repeat(values, lengths)
        sums = np.bincount(matrix.indices[offsets], weights=weights, minlength=len(self.item_group))
        return np.asarray(sums, dtype=np.float64)

    def _group_scores(self, scores: FloatArray, documents: FloatArray | None = None) -> FloatArray:
        """Per-id scores from (weighted) item scores (items along the last axis), plus the
        document scores of the ids if given."""
        weighted = scores
        if self.unique:
            return self._with_prior(weighted if documents is None else weighted + documents)
        two_d = weighted.ndim == 2
        columns = np.ascontiguousarray(weighted.T) if two_d else weighted
        counts = self.counts[:, None] if two_d else self.counts
        best = np.maximum.reduceat(columns, self.starts, axis=0)
        if self.params.group_mean:
            mean = np.add.reduceat(columns, self.starts, axis=0) / counts
            best = best + self.params.group_mean * mean
        best = best.T if two_d else best
        return self._with_prior(best if documents is None else best + documents)

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
        if self.doc_t is None:
            return self._group_scores(scores)
        vector = sparse.csr_matrix((values, cols, [0, len(cols)]), shape=(1, len(self.vocabulary)))
        documents = np.asarray((vector @ self.doc_t).toarray()).ravel()
        return self._group_scores(scores, documents)

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
        if self.rows is None:
            return self.rank_many([query], k)[0]
        positions, values = self.scores(query, self._depth(k))
        return self._finish(query, self.parse(query), positions.tolist(), values.tolist(), k)

    def parse(self, query: str) -> ParsedTitle | None:
        """The title's structure, if the linker reads it (`params.structure`)."""
        return self.structure.parse(query) if self.structure is not None else None

    def _depth(self, k: int) -> int:
        """How many ids to score before reranking the best `k`."""
        return max(k, self.params.rerank_depth) if self.shapes else k

    def _finish(
        self,
        query: str,
        parsed: ParsedTitle | None,
        positions: Sequence[int],
        values: Sequence[float],
        k: int,
    ) -> list[tuple[str, float]]:
        """The k best (id, score in [0, 1]) from scored positions: reranked by the title's
        structure, then exact labels first."""
        pairs = list(zip(positions, values, strict=True))
        if parsed is not None and pairs and self.shapes:
            pairs = self._rerank(parsed, pairs)
        ranked = [(self.ids[p], min(1.0, v)) for p, v in pairs if v > 0.0]
        keys = [query]
        if parsed is not None:
            keys += [parsed.query, ", ".join(filter(None, (parsed.senior_core, *parsed.context)))]
            if not parsed.context:
                keys.append(parsed.senior_core)
        return self._exact_first(keys, ranked, k)

    def _rerank(
        self, parsed: ParsedTitle, pairs: list[tuple[int, float]]
    ) -> list[tuple[int, float]]:
        """(position, score) pairs with each id's structural adjustment added, best first (ties
        by position)."""
        assert self.structure is not None
        shape = self.structure.title_shape(parsed)
        if not shape.head:
            return pairs
        adjusted = [(p, v + self._adjustment(shape, p)) for p, v in pairs]
        adjusted.sort(key=lambda pair: (-pair[1], pair[0]))
        return adjusted

    def _adjustment(self, shape: Shape, position: int) -> float:
        """The structural bonus (or penalty) of an id for a title: that of its best-fitting
        item among those with the title's head or parts (0 if none has them)."""
        structure = self.structure
        assert structure is not None
        start = int(self.starts[position])
        best: float | None = None
        for item in range(start, start + int(self.counts[position])):
            label = self.shapes[item]
            if not structure.related(shape, label):
                continue
            fit = structure.fit(shape, label)
            if fit.same_head or fit.same_key:
                value = self._fit_value(fit, float(self.item_weights[item]))
                best = value if best is None else max(best, value)
        return best or 0.0

    def _fit_value(self, fit: Fit, weight: float) -> float:
        """The bonus (times the item's weight) minus the penalties of one label's fit."""
        params = self.params
        bonus = params.key_bonus if fit.same_key else 0.0
        penalty = 0.0
        if fit.modifiers == "fits":
            bonus += params.fit_bonus * fit.coverage
        elif fit.modifiers == "conflict":
            penalty += params.conflict_penalty
        if (fit.same_head or fit.same_key) and fit.specs == "unmatched":
            penalty += params.spec_penalty
        return bonus * weight - penalty

    def _exact_first(
        self, queries: Sequence[str], ranked: list[tuple[str, float]], k: int
    ) -> list[tuple[str, float]]:
        """`ranked` with the ids that have an item exactly equal to the first of `queries` that
        any item equals moved first (score 1): heavier exact items first, then in `ranked`
        order."""
        exact: tuple[tuple[int, float], ...] = ()
        if self.exact:
            for query in queries:
                exact = self.exact.get(_exact_key(query), ()) if query else ()
                if exact:
                    break
        if not exact:
            return ranked[:k]
        order = {item_id: n for n, (item_id, _) in enumerate(ranked)}
        first = sorted(
            ((self.ids[p], weight) for p, weight in exact),
            key=lambda pair: (-pair[1], order.get(pair[0], len(order))),
        )
        first_ids = [item_id for item_id, _ in first]
        chosen = set(first_ids)
        rest = [pair for pair in ranked if pair[0] not in chosen]
        return ([(item_id, 1.0) for item_id in first_ids] + rest)[:k]

    def query_matrix(self, queries: Sequence[str]) -> sparse.csr_matrix:
        """Queries × features, each row blended like `query_vector` (built for the whole batch
        at once from the cached word vectors)."""
        rows: list[int] = []
        weights: list[float] = []
        parts: list[tuple[IntArray, FloatArray]] = []
        for row, query in enumerate(queries):
            for word, weight in self.words.split(query, True):
                vector = self._word_vector(word)
                if len(vector[0]):
                    rows.append(row)
                    weights.append(weight)
                    parts.append(vector)
        shape = (len(queries), len(self.vocabulary))
        if not parts:
            return sparse.csr_matrix(shape)
        lengths = np.asarray([len(cols) for cols, _ in parts])
        cols = np.concatenate([cols for cols, _ in parts])
        values = np.concatenate([values for _, values in parts]) * np.repeat(weights, lengths)
        row_of = np.repeat(np.asarray(rows, dtype=np.int64), lengths)
        matrix = sparse.csr_matrix((values, (row_of, cols)), shape=shape)  # sums duplicates
        matrix.data = matrix.data * self.idf[matrix.indices]
        block = self.block[matrix.indices]
        row_of = np.repeat(np.arange(len(queries)), np.diff(matrix.indptr))
        key = row_of * 3 + block
        norms = np.sqrt(np.bincount(key, weights=matrix.data**2, minlength=3 * len(queries)))
        norms[norms == 0] = 1.0
        matrix.data = matrix.data * (self.block_weights[block] / norms[key])
        matrix.data[self.common[matrix.indices]] = 0.0
        matrix.eliminate_zeros()
        return matrix

    def sparse_scores(self, queries: Sequence[str]) -> tuple[IntArray, FloatArray]:
        """(flat positions, scores) of the matching cells of the queries × ids score matrix
        (row-major, ascending), computed with one sparse product; other cells are 0."""
        vectors = self.query_matrix(queries)
        products = sparse.csr_matrix(vectors @ self.matrix_t)
        items = products.indices
        size = len(queries) * len(self.ids)
        rows = np.repeat(np.arange(len(queries), dtype=np.int64), np.diff(products.indptr))
        key = rows * len(self.ids) + self.item_group[items]
        weighted = products.data
        scores = np.zeros(size)
        if self.unique:
            scores[key] = weighted
        else:
            np.maximum.at(scores, key, weighted)
        if self.doc_t is not None:
            documents = sparse.csr_matrix(vectors @ self.doc_t)
            rows = np.repeat(np.arange(len(queries), dtype=np.int64), np.diff(documents.indptr))
            scores[rows * len(self.ids) + documents.indices] += documents.data
        matched = np.flatnonzero(scores)
        position = matched % len(self.ids)
        values = scores[matched]
        if self.params.group_mean and not self.unique:
            sums = np.bincount(key, weights=weighted, minlength=size)[matched]
            values = values + self.params.group_mean * sums / self.counts[position]
        # priors only for ids that match at all, which stay positive (see `_with_prior`)
        values = np.maximum(values + self.id_prior[position], values * 1e-3)
        return matched, values

    def score_matrix(self, queries: Sequence[str]) -> FloatArray:
        """Dense scores (queries × ids, in `self.ids` order) with one sparse product (no
        feedback). Memory is len(queries) × ids floats: pass batches."""
        scores = np.zeros(len(queries) * len(self.ids))
        matched, values = self.sparse_scores(queries)
        scores[matched] = values
        return scores.reshape(len(queries), len(self.ids))

    def rank_many(
        self, queries: Sequence[str], k: int = 10, batch: int = 256
    ) -> list[list[tuple[str, float]]]:
        """`rank` for many queries with one sparse product per batch (no feedback)."""
        results: list[list[tuple[str, float]]] = []
        ids = self.ids
        if k <= 0 or not ids:
            return [[] for _ in queries]
        depth = self._depth(k)
        for start in range(0, len(queries), batch):
            chunk = queries[start : start + batch]
            matched, values = self.sparse_scores(chunk)
            bounds = np.searchsorted(matched, np.arange(len(chunk) + 1) * len(ids)).tolist()
            positions = matched % len(ids)
            for row in range(len(chunk)):
                low, high = bounds[row], bounds[row + 1]
                best, scores = _top_k_among(values[low:high], positions[low:high], depth)
                results.append(self._finish(chunk[row], self.parse(chunk[row]), best, scores, k))
        return results


def _exact_key(text: str) -> str:
    """The text as compared for an exact match: without vacancy noise, case or extra spaces."""
    return clean_title(text).casefold()


def _top_k_among(values: FloatArray, ids: IntArray, k: int) -> tuple[list[int], list[float]]:
    """The k best (id, value) pairs, best first (ties by id), as lists."""
    if len(values) > k:
        keep = np.argpartition(-values, k - 1)[:k]
        values, ids = values[keep], ids[keep]
    order = np.lexsort((ids, -values))
    best: list[int] = ids[order].tolist()
    scores: list[float] = values[order].tolist()
    return best, scores


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

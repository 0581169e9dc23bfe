"""Sparse TF-IDF vectors over arbitrary features (char n-grams or word lemmas).

A small, picklable replacement for scikit-learn's vectorizers, fast for one short query at a
time: the item matrix is kept transposed (feature → items), so scoring a query touches only the
posting lists of its features.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import sparse

from kohtaanto.recognition.store import pack_csr, pack_strings, unpack_csr, unpack_strings

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


def char_ngrams(text: str, low: int = 2, high: int = 4) -> list[str]:
    """Character n-grams within word boundaries, like scikit-learn's `char_wb`."""
    grams: list[str] = []
    for word in text.lower().split():
        padded = f" {word} "
        size = len(padded)
        for n in range(low, high + 1):
            if n > size:
                break
            grams.extend(padded[i : i + n] for i in range(size - n + 1))
    return grams


class TfidfIndex:
    """Items as l2-normalised, sublinear TF-IDF vectors; cosine top-k for queries."""

    def __init__(self, items: Sequence[Sequence[str]], max_query_df: float = 1.0) -> None:
        """`max_query_df`: query features found in more than this share of the items are
        skipped when scoring (they weigh little and cost the most)."""
        self.vocabulary: dict[str, int] = {}
        counts = self._counts(items)
        df = np.bincount(counts.indices, minlength=len(self.vocabulary))
        self.idf = np.log((len(items) + 1) / (df + 1.0)) + 1.0
        self.common = df > max(50.0, max_query_df * len(items))
        self.size = len(items)
        counts.data = (1.0 + np.log(counts.data)) * self.idf[counts.indices]
        self.matrix_t = _normalise_rows(counts).T.tocsr()

    def _counts(self, items: Sequence[Sequence[str]]) -> sparse.csr_matrix:
        """Feature counts per item, growing the vocabulary."""
        vocabulary = self.vocabulary
        flat = [vocabulary.setdefault(f, len(vocabulary)) for features in items for f in features]
        rows = np.repeat(np.arange(len(items)), [len(features) for features in items])
        ones = np.ones(len(flat), dtype=np.float64)
        shape = (len(items), len(vocabulary))
        matrix = sparse.csr_matrix((ones, (rows, np.asarray(flat, dtype=np.int64))), shape=shape)
        matrix.sum_duplicates()
        return matrix

    def state(self, prefix: str = "") -> dict[str, npt.NDArray[Any]]:
        """Arrays to save; `from_state` restores an equal index."""
        return {
            f"{prefix}idf": self.idf,
            f"{prefix}common": self.common,
            f"{prefix}size": np.asarray([self.size], dtype=np.int64),
            **pack_strings(f"{prefix}vocabulary", list(self.vocabulary)),
            **pack_csr(f"{prefix}matrix_t", self.matrix_t),
        }

    @classmethod
    def from_state(cls, arrays: Mapping[str, npt.NDArray[Any]], prefix: str = "") -> TfidfIndex:
        self = cls.__new__(cls)
        features = unpack_strings(f"{prefix}vocabulary", arrays)
        self.vocabulary = dict(zip(features, range(len(features)), strict=True))
        self.idf = np.asarray(arrays[f"{prefix}idf"], dtype=np.float64)
        self.common = np.asarray(arrays[f"{prefix}common"], dtype=np.bool_)
        self.size = int(arrays[f"{prefix}size"][0])
        self.matrix_t = unpack_csr(f"{prefix}matrix_t", arrays)
        return self

    def query(self, features: Iterable[str]) -> tuple[IntArray, FloatArray]:
        """The (feature ids, values) of one l2-normalised query vector (sublinear TF-IDF;
        features common in the items are left out after normalising)."""
        found = [i for i in map(self.vocabulary.get, features) if i is not None]
        if not found:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        cols, counts = np.unique(np.asarray(found, dtype=np.int64), return_counts=True)
        values = (1.0 + np.log(counts)) * self.idf[cols]
        norm = float(np.sqrt(values @ values)) or 1.0
        keep = ~self.common[cols]
        return cols[keep], values[keep] / norm

    def similarities(self, cols: IntArray, values: FloatArray) -> FloatArray:
        """Dense cosine similarities of one query (from `query`) with every item."""
        items, weights = self.contributions(cols, values)
        sums = np.bincount(items, weights=weights, minlength=self.size)
        return sums.astype(np.float64, copy=False)

    def contributions(self, cols: IntArray, values: FloatArray) -> tuple[IntArray, FloatArray]:
        """(item, partial product) pairs of a query; their sums per item are the cosines."""
        matrix = self.matrix_t
        starts = matrix.indptr[cols]
        lengths = matrix.indptr[cols + 1] - starts
        total = int(lengths.sum())
        offsets = np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(total)
        weights = matrix.data[offsets] * np.repeat(values, lengths)
        return np.asarray(matrix.indices[offsets], dtype=np.int64), weights


def _normalise_rows(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0.0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix)


def top_k(scores: FloatArray, k: int) -> tuple[IntArray, FloatArray]:
    """Indices and values of the k best positive scores, best first (ties by index)."""
    candidates = np.flatnonzero(scores > 0.0)
    return top_k_among(scores[candidates], candidates, k)


def top_k_among(values: FloatArray, ids: IntArray, k: int) -> tuple[IntArray, FloatArray]:
    """The k best (id, value) pairs with positive values, best first (ties by id)."""
    if len(values) > k:
        keep = np.argpartition(-values, k - 1)[:k]
        values, ids = values[keep], ids[keep]
    positive = values > 0.0
    values, ids = values[positive], ids[positive]
    order = np.lexsort((ids, -values))
    return ids[order].astype(np.int64), values[order]

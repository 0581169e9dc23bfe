"""The baseline of every benchmark: character n-gram TF-IDF with cosine ranking.

`TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True)` fitted on the
surface forms being ranked; rows are L2-normalised, so a dot product is the cosine.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np
import numpy.typing as npt
from sklearn.feature_extraction.text import TfidfVectorizer

FloatArray = npt.NDArray[np.float64]


def make_vectorizer() -> TfidfVectorizer:
    return TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True)


class CharNgramRanker:
    """Cosine ranking of (id, text) items; several items may share an id (a concept's labels).

    `scores()` returns one column per item; `grouped_scores()` one column per distinct id,
    the maximum over that id's items.
    """

    def __init__(self, items: Sequence[tuple[str, str]]) -> None:
        if not items:
            raise ValueError("the baseline needs at least one item to rank")
        first: dict[str, int] = {}
        for i, (item_id, _) in enumerate(items):
            first.setdefault(item_id, i)
        # stable sort: the items of one id become contiguous, ids keep first-seen order
        order = sorted(range(len(items)), key=lambda i: first[items[i][0]])
        self.item_order = order
        """Original index of the item in each column."""
        self.item_ids = [items[i][0] for i in order]
        texts = [items[i][1] for i in order]
        self.vectorizer = make_vectorizer()
        self.matrix = self.vectorizer.fit_transform(texts).tocsr()
        self.ids: list[str] = list(dict.fromkeys(self.item_ids))
        starts = [0]
        for i in range(1, len(self.item_ids)):
            if self.item_ids[i] != self.item_ids[i - 1]:
                starts.append(i)
        self._starts = np.asarray(starts, dtype=np.intp)
        self._grouped = len(self.ids) != len(self.item_ids)

    def scores(self, queries: Sequence[str]) -> FloatArray:
        """Cosine of each query (rows) against each item (columns, in `item_ids` order)."""
        vectors = self.vectorizer.transform(list(queries))
        return np.asarray((vectors @ self.matrix.T).toarray(), dtype=np.float64)

    def grouped_scores(self, queries: Sequence[str]) -> FloatArray:
        """Best cosine per distinct id (columns in `ids` order)."""
        scores = self.scores(queries)
        if not self._grouped:
            return scores
        return np.asarray(np.maximum.reduceat(scores, self._starts, axis=1), dtype=np.float64)

    def iter_grouped(
        self, queries: Sequence[str], batch: int = 256
    ) -> Iterator[tuple[int, FloatArray]]:
        """(offset, grouped score block) for consecutive batches of queries (bounded memory)."""
        for start in range(0, len(queries), batch):
            yield start, self.grouped_scores(queries[start : start + batch])

    def rank(self, query: str, k: int | None = None) -> list[tuple[str, float]]:
        """Distinct ids by best cosine, best first (ties keep item order)."""
        row = self.grouped_scores([query])[0]
        return top_k(self.ids, row, k)


def top_k(ids: Sequence[str], row: FloatArray, k: int | None = None) -> list[tuple[str, float]]:
    """The `k` best (id, score) pairs of one score row, ties in id order (stable)."""
    if k is None or k >= len(ids):
        order = np.argsort(-row, kind="stable")
    else:
        part = np.argpartition(-row, k - 1)[:k]
        order = part[np.lexsort((part, -row[part]))]
    return [(ids[i], float(row[i])) for i in order]

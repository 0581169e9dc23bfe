from __future__ import annotations

import numpy as np
import pytest

from benchmarks.baseline import CharNgramRanker, top_k

ITEMS = [
    ("dev", "software developer"),
    ("nurse", "nurse"),
    ("driver", "truck driver"),
    ("nurse", "registered nurse"),
]


def test_ranks_by_character_ngrams() -> None:
    ranker = CharNgramRanker(ITEMS)
    assert ranker.ids == ["dev", "nurse", "driver"]
    assert ranker.rank("registered nurse")[0] == ("nurse", pytest.approx(1.0))
    # tolerant of typos: character n-grams, not words
    assert ranker.rank("sofware develper", k=1)[0][0] == "dev"
    assert ranker.rank("lorry driver", k=1)[0][0] == "driver"


def test_grouped_scores_are_the_best_item_of_an_id() -> None:
    ranker = CharNgramRanker(ITEMS)
    per_item = ranker.scores(["nurse"])[0]
    grouped = ranker.grouped_scores(["nurse"])[0]
    assert per_item.shape == (4,)
    assert grouped.shape == (3,)
    nurse_columns = [i for i, item in enumerate(ranker.item_ids) if item == "nurse"]
    assert grouped[1] == pytest.approx(per_item[nurse_columns].max())
    assert grouped[1] == pytest.approx(1.0)
    assert np.all((grouped >= 0) & (grouped <= 1 + 1e-9))
    # item_order maps columns back to the input positions
    assert [ITEMS[i][0] for i in ranker.item_order] == ranker.item_ids


def test_iter_grouped_batches() -> None:
    ranker = CharNgramRanker(ITEMS)
    queries = ["nurse", "developer", "driver"]
    blocks = list(ranker.iter_grouped(queries, batch=2))
    assert [offset for offset, _ in blocks] == [0, 2]
    stacked = np.vstack([block for _, block in blocks])
    assert np.allclose(stacked, ranker.grouped_scores(queries))


def test_top_k_is_stable_on_ties() -> None:
    row = np.array([0.5, 0.9, 0.5, 0.1])
    assert [i for i, _ in top_k(["a", "b", "c", "d"], row)] == ["b", "a", "c", "d"]
    assert [i for i, _ in top_k(["a", "b", "c", "d"], row, 2)] == ["b", "a"]


def test_needs_items() -> None:
    with pytest.raises(ValueError, match="at least one"):
        CharNgramRanker([])


def test_the_products_tfidf_index_gives_scikit_learns_cosines() -> None:
    """`kohtaanto.recognition.vectors.TfidfIndex` (decision 008) against the baseline's
    library: the same sublinear, smoothed, l2-normalised weights and so the same cosines."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    from kohtaanto.recognition.vectors import TfidfIndex, char_ngrams

    texts = [
        "software developer",
        "nurse",
        "truck driver",
        "registered nurse",
        "forklift truck operator",
        "käyttää trukkia",
    ]
    queries = ["Senior software developer", "nurse nurse aide", "truckförare", "xyz"]
    for low, high in ((2, 4), (3, 5)):
        index = TfidfIndex([char_ngrams(text, low, high) for text in texts])
        sklearn = TfidfVectorizer(analyzer="char_wb", ngram_range=(low, high), sublinear_tf=True)
        matrix = sklearn.fit_transform(texts)
        for query in queries:
            ours = index.similarities(*index.query(char_ngrams(query, low, high)))
            theirs = (sklearn.transform([query]) @ matrix.T).toarray().ravel()
            assert np.allclose(ours, theirs)

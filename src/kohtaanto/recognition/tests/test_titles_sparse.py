"""The title linker's sparse batch scoring, dropped common n-grams, word pairs, id documents
and document frequencies over ids."""

from __future__ import annotations

import numpy as np
import pytest

from kohtaanto.recognition.titles import TitleLinker, TitleParams, analyzer_for_title

JOBS = ["developer", "manager", "assistant", "engineer", "driver", "cleaner", "operator"]
FIELDS = ["software", "sales", "kitchen", "bus", "office", "network", "forklift", "data"]


def _items() -> tuple[list[str], list[str]]:
    """Many labels sharing common words (so that some n-grams pass `max_df`)."""
    ids: list[str] = []
    texts: list[str] = []
    for job in JOBS:
        for number, field in enumerate(FIELDS):
            uri = f"{field}-{job}"
            ids += [uri, uri, uri]
            texts += [f"{field} {job}", f"{job} of {field}", f"senior {field} {job} {number}"]
    return ids, texts


def _linker(**params: float) -> TitleLinker:
    ids, texts = _items()
    weights = [1.0 if i % 3 == 0 else 0.9 for i in range(len(ids))]
    priors = {"sales-manager": -0.1, "bus-driver": 0.05}
    return TitleLinker(
        ids,
        texts,
        analyzer_for_title("en"),
        item_weights=weights,
        params=TitleParams.from_mapping(params),
        id_priors=priors,
    )


QUERIES = ["Software Developer", "sales manager (m/f/d)", "Kitchen Assistant - London", "qqq", ""]


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"max_df": 0.05, "whole_weight": 0.5},
        {"doc_weight": 0.5, "group_mean": 0.0, "idf_by_id": 1.0},
        {"doc_weight": 0.3, "group_mean": 0.4, "pair_weight": 0.0, "max_df": 1.0},
    ],
)
def test_sparse_batch_scores_equal_the_dense_path(params: dict[str, float]) -> None:
    linker = _linker(**params, exact_first=0)  # the raw order (exact-first is tested apart)
    batch = linker.score_matrix(QUERIES)
    for row, query in zip(batch, QUERIES, strict=True):
        assert np.allclose(row, linker.id_scores(query))
    ranked = linker.rank_many(QUERIES, k=4, batch=2)
    for query, ranking in zip(QUERIES, ranked, strict=True):
        positions, values = linker.scores(query, 4)
        assert [uri for uri, _ in ranking] == [linker.ids[p] for p in positions]
        assert np.allclose([s for _, s in ranking], np.minimum(values, 1.0))


def test_common_char_ngrams_are_dropped_but_words_are_kept() -> None:
    linker = _linker(max_df=0.05)
    assert linker.dropped.any()
    assert not (linker.dropped & (linker.block == 1)).any()
    assert not linker.matrix_t[np.flatnonzero(linker.dropped)].nnz
    assert linker.rank("forklift operator", k=1)[0][0] == "forklift-operator"
    kept = _linker(max_df=1.0)
    assert not kept.dropped.any()


def test_word_pairs_prefer_the_same_word_order() -> None:
    items = [("a", "developer of software"), ("b", "software developer")]
    ids, texts = [i for i, _ in items], [t for _, t in items]
    analyzer = analyzer_for_title("en")
    plain = TitleLinker(ids, texts, analyzer, pair_weight=0.0, max_df=1.0)
    a, b = plain.score_matrix(["software developer"])[0]
    assert a == pytest.approx(b)
    paired = TitleLinker(ids, texts, analyzer, pair_weight=0.5, max_df=1.0)
    a, b = paired.score_matrix(["software developer"])[0]
    assert b > a


def test_documents_credit_words_spread_over_labels() -> None:
    items = [("a", "photographer"), ("a", "photo editor"), ("b", "photographer")]
    ids, texts = [i for i, _ in items], [t for _, t in items]
    analyzer = analyzer_for_title("en")
    plain = TitleLinker(ids, texts, analyzer, doc_weight=0.0, group_mean=0.0)
    documents = TitleLinker(ids, texts, analyzer, doc_weight=0.5, group_mean=0.0)
    query = ["photographer and photo editor"]
    (a, b), (a_doc, b_doc) = plain.score_matrix(query)[0], documents.score_matrix(query)[0]
    assert a_doc - a > b_doc - b > 0.0


def test_idf_by_id_counts_the_labels_of_one_concept_once() -> None:
    items = [("a", "nurse"), ("a", "staff nurse"), ("a", "nurse assistant"), ("b", "welder")]
    ids, texts = [i for i, _ in items], [t for _, t in items]
    analyzer = analyzer_for_title("en")
    by_item = TitleLinker(ids, texts, analyzer, idf_by_id=0.0)
    by_id = TitleLinker(ids, texts, analyzer, idf_by_id=1.0)
    nurse = by_item.vocabulary["\x01nurs"]
    welder = by_item.vocabulary["\x01welder"]
    assert by_item.idf[nurse] < by_item.idf[welder]
    assert by_id.idf[nurse] == pytest.approx(by_id.idf[welder])

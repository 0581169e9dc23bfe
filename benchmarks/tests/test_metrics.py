from __future__ import annotations

import pytest

from benchmarks.metrics import (
    average_precision,
    hit_at_k,
    mean,
    r_precision_at_k,
    reciprocal_rank,
)


def test_average_precision_trec_eval_semantics() -> None:
    # relevant hits at ranks 1 and 3; "f" is never retrieved but still counts: (1/1 + 2/3) / 3
    assert average_precision(["a", "b", "c", "d", "e"], {"a", "c", "f"}) == pytest.approx(5 / 9)
    # hits at ranks 2 and 4: (1/2 + 2/4) / 2
    assert average_precision(["x", "a", "y", "b"], {"a", "b"}) == pytest.approx(0.5)
    assert average_precision(["a", "b"], {"a", "b"}) == 1.0
    assert average_precision(["x", "y"], {"a"}) == 0.0
    assert average_precision([], {"a"}) == 0.0
    assert average_precision(["a"], set()) == 0.0


def test_average_precision_counts_a_repeated_id_once() -> None:
    # ranking collapses to [a, x, b]: (1/1 + 2/3) / 2
    assert average_precision(["a", "a", "x", "b"], {"a", "b"}) == pytest.approx(5 / 6)


def test_map_is_the_mean_over_queries() -> None:
    values = [average_precision(["a", "b"], {"a"}), average_precision(["b", "a"], {"a"})]
    assert mean(values) == pytest.approx((1.0 + 0.5) / 2)
    assert mean([]) == 0.0


def test_reciprocal_rank() -> None:
    assert reciprocal_rank(["x", "y", "a"], {"a"}) == pytest.approx(1 / 3)
    assert reciprocal_rank(["x", "y", "a"], {"a"}, k=2) == 0.0
    assert reciprocal_rank(["x", "y", "a"], {"a"}, k=3) == pytest.approx(1 / 3)
    assert reciprocal_rank(["a", "b"], {"a", "b"}) == 1.0
    assert reciprocal_rank([], {"a"}) == 0.0
    # MRR over three queries: (1 + 1/2 + 0) / 3
    ranks = [reciprocal_rank(r, {"a"}) for r in (["a"], ["b", "a"], ["b"])]
    assert mean(ranks) == pytest.approx(0.5)


def test_accuracy_at_k() -> None:
    ranking = ["x", "y", "z", "a", "b", "c"]
    assert hit_at_k(ranking, {"a"}, 1) == 0.0
    assert hit_at_k(ranking, {"a"}, 3) == 0.0
    assert hit_at_k(ranking, {"a"}, 4) == 1.0
    assert hit_at_k(["a"], {"a"}, 1) == 1.0
    assert hit_at_k(["x", "x", "a"], {"a"}, 2) == 1.0  # duplicates collapse


def test_r_precision_at_k() -> None:
    # 3 gold, 2 in the top 5 → 2 / min(5, 3)
    assert r_precision_at_k(["a", "x", "b", "y", "z"], {"a", "b", "c"}, 5) == pytest.approx(2 / 3)
    # 7 gold, 3 in the top 5 → 3 / 5
    gold = {"a", "b", "c", "d", "e", "f", "g"}
    assert r_precision_at_k(["a", "x", "b", "c", "y", "d"], gold, 5) == pytest.approx(0.6)
    # a hit beyond K does not count
    assert r_precision_at_k(["x", "y", "a"], {"a"}, 2) == 0.0
    assert r_precision_at_k(["a"], {"a"}, 10) == 1.0
    assert r_precision_at_k(["a"], set(), 5) == 0.0
    # the same suggestion twice counts once
    assert r_precision_at_k(["a", "a"], {"a", "b"}, 5) == pytest.approx(0.5)

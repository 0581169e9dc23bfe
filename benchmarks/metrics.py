"""Ranking metrics with the semantics of trec_eval and of the published evaluation sets.

Every function takes a ranking (ids, best first) and the set of relevant ids of one query.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence


def average_precision(ranking: Sequence[str], relevant: Collection[str]) -> float:
    """trec_eval `map` for one query.

    Sum of the precision at the rank of every relevant document retrieved, divided by the
    number of relevant documents (retrieved or not). Duplicate ids count once, at their first
    rank. 0.0 when nothing is relevant.
    """
    if not relevant:
        return 0.0
    hits = 0
    total = 0.0
    seen: set[str] = set()
    rank = 0
    for doc in ranking:
        if doc in seen:
            continue
        seen.add(doc)
        rank += 1
        if doc in relevant:
            hits += 1
            total += hits / rank
            if hits == len(relevant):
                break
    return total / len(relevant)


def reciprocal_rank(
    ranking: Sequence[str], relevant: Collection[str], k: int | None = None
) -> float:
    """1 / rank of the first relevant id (within the top `k` if given), else 0."""
    seen: set[str] = set()
    for doc in ranking:
        if doc in seen:
            continue
        seen.add(doc)
        if k is not None and len(seen) > k:
            break
        if doc in relevant:
            return 1.0 / len(seen)
    return 0.0


def hit_at_k(ranking: Sequence[str], relevant: Collection[str], k: int) -> float:
    """1.0 when a relevant id is among the top `k`, else 0.0 (accuracy@k for one query)."""
    return 1.0 if any(doc in relevant for doc in _dedup(ranking, k)) else 0.0


def r_precision_at_k(ranking: Sequence[str], relevant: Collection[str], k: int) -> float:
    """Relevant ids among the top `k` divided by min(k, number of relevant ids).

    The per-sentence metric of Decorte et al. (2022). 0.0 when nothing is relevant.
    """
    if not relevant:
        return 0.0
    found = sum(1 for doc in _dedup(ranking, k) if doc in relevant)
    return found / min(k, len(relevant))


def mean(values: Iterable[float]) -> float:
    items = list(values)
    return sum(items) / len(items) if items else 0.0


def _dedup(ranking: Sequence[str], k: int | None = None) -> list[str]:
    """The first `k` distinct ids (all when `k` is None), without reading further."""
    if k is None:
        return list(dict.fromkeys(ranking))
    seen: dict[str, None] = {}
    for doc in ranking:
        if len(seen) >= k:
            break
        seen.setdefault(doc, None)
    return list(seen)

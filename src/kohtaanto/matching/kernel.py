"""The batch scoring kernel: sparse products, filters, penalties and per-row top-k.

`Tables` holds everything on the opportunity side plus the taxonomy expansions; it is built once
(and scattered once to Dask workers). `profile_chunk_top_k` scores a chunk of profiles against
every opportunity; `opportunity_chunk_top_k` scores a chunk of opportunities against every
profile. Both compute the formula of `score.py` with the same floating-point operations, so the
scores are bit-identical to `Matcher.explain` (the rules' dyadic weights make every sum exact).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from kohtaanto.matching.encode import OpportunityArrays, ProfileArrays, Vocabulary
from kohtaanto.matching.graph import SkillGraph
from kohtaanto.matching.rules import (
    OCCUPATION_RELATED,
    PENALTY_HOURS,
    SKILL_BROADER,
    SKILL_RELATED,
    ScoringRules,
)

BUCKETS = 1024


@dataclass(frozen=True)
class TopK:
    """Per-row best entries, rows ascending, then score descending, then column ascending."""

    rows: np.ndarray
    cols: np.ndarray
    scores: np.ndarray


@dataclass
class Tables:
    rules: ScoringRules
    opportunities: OpportunityArrays
    weights: sp.csr_matrix
    """skills × opportunities: w_essential or w_optional."""
    scale: np.ndarray
    """skill_share / z per opportunity (0 when it names no skills)."""
    occupation: sp.csr_matrix
    """occupations × opportunities, 1 where the opportunity is of that occupation."""
    broader: sp.csr_matrix
    related: sp.csr_matrix
    occupation_related: sp.csr_matrix
    excludes: np.ndarray
    """uint64 demand mask excluded by each constraint bit."""
    weights_t: sp.csr_matrix
    """opportunities × skills (the transpose of `weights`)."""


def _adjacency(table: dict[str, frozenset[str]], index: dict[str, int], n: int) -> sp.csr_matrix:
    pairs = [
        (index[a], index[b]) for a, bs in table.items() if a in index for b in bs if b in index
    ]
    rows = np.asarray([p[0] for p in pairs], dtype=np.int32)
    cols = np.asarray([p[1] for p in pairs], dtype=np.int32)
    return sp.csr_matrix((np.ones(len(pairs)), (rows, cols)), shape=(n, n))


def build_tables(
    opportunities: OpportunityArrays, vocab: Vocabulary, graph: SkillGraph, rules: ScoringRules
) -> Tables:
    n_skills, n_occupations, m = len(vocab.skills), len(vocab.occupations), len(opportunities)
    essential, optional = opportunities.essential, opportunities.optional
    weights_t = sp.csr_matrix(essential * rules.essential_weight + optional * rules.optional_weight)
    weights = weights_t.T.tocsr()
    z = (
        rules.essential_weight * np.diff(essential.indptr).astype(np.float64)
        + rules.optional_weight * np.diff(optional.indptr).astype(np.float64)
    )
    scale = np.zeros(m)
    np.divide(rules.skill_share, z, out=scale, where=z > 0)
    has = opportunities.occupation >= 0
    occupation = sp.csr_matrix(
        (np.ones(int(has.sum())), (opportunities.occupation[has], np.flatnonzero(has))),
        shape=(n_occupations, m),
    )
    excludes = np.zeros(max(len(vocab.constraints), 1), dtype=np.uint64)
    for name, bit in vocab.constraints.items():
        for demand in rules.excluded_demands(frozenset({name})):
            if demand in vocab.demands:
                excludes[bit] |= np.uint64(1 << vocab.demands[demand])
    return Tables(
        rules=rules,
        opportunities=opportunities,
        weights=weights,
        scale=scale,
        occupation=occupation,
        broader=_adjacency(dict(graph.broader), vocab.skills, n_skills),
        related=_adjacency(dict(graph.related), vocab.skills, n_skills),
        occupation_related=_adjacency(
            dict(graph.occupation_related), vocab.occupations, n_occupations
        ),
        excludes=excludes,
        weights_t=weights_t,
    )


def _with_credit(base: sp.csr_matrix, *parts: tuple[sp.csr_matrix, float]) -> sp.csr_matrix:
    """Element-wise max of `base` and every (reached-through matrix, credit)."""
    result = base
    for reached, credit in parts:
        reached = reached.tocsr()
        reached.data[:] = credit
        result = result.maximum(reached)
    return sp.csr_matrix(result)


def expand(tables: Tables, profiles: ProfileArrays) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    """(skill credits, occupation credits) of each profile: exact 1, partial by rule."""
    rules, skills = tables.rules, profiles.skills
    credits = _with_credit(
        skills,
        (skills @ tables.broader, rules.value(SKILL_BROADER)),
        (skills @ tables.related, rules.value(SKILL_RELATED)),
    )
    occupations = profiles.occupations
    occupation_credits = _with_credit(
        occupations,
        (occupations @ tables.occupation_related, rules.value(OCCUPATION_RELATED)),
    )
    return credits, occupation_credits


def _base(skill_raw: sp.csr_matrix, occupation: sp.csr_matrix, share: float) -> sp.csr_matrix:
    occupation = sp.csr_matrix(occupation)
    occupation.data *= share
    result = sp.csr_matrix(skill_raw + occupation)
    result.sort_indices()
    return result


def _finish(
    tables: Tables, profiles: ProfileArrays, p: np.ndarray, o: np.ndarray, base: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(keep mask, score) for pairs (profile row p, opportunity row o) with base scores."""
    rules, opps = tables.rules, tables.opportunities
    rule = rules.rules[PENALTY_HOURS]
    excess = np.maximum(0.0, np.abs(profiles.hours[p] - opps.hours[o]) - rule.params["tolerance_h"])
    penalty = rule.value * np.minimum(1.0, excess / rule.params["scale_h"])
    penalty[np.isnan(penalty)] = 0.0
    score = np.maximum(0.0, base - penalty)
    keep = score > 0
    region, municipality = opps.region[o], opps.municipality[o]
    keep &= (
        (opps.remote[o] == 2)
        | (region == -1)
        | (region == profiles.region[p])
        | ((municipality != -1) & (municipality == profiles.municipality[p]))
    )
    excluded = np.zeros(len(profiles), dtype=np.uint64)
    for bit in range(len(tables.excludes)):
        has = (profiles.constraints >> np.uint64(bit)) & np.uint64(1)
        excluded |= np.where(has == 1, tables.excludes[bit], np.uint64(0))
    keep &= (excluded[p] & opps.demands[o]) == 0
    levels = profiles.languages
    for j in range(opps.language.shape[1]):
        language = opps.language[o, j].astype(np.int64)
        needed = opps.language_level[o, j]
        have = levels[p, np.maximum(language, 0)] if levels.shape[1] else np.zeros(len(p))
        keep &= (language < 0) | (have >= needed)
    return keep, score


def top_k_rows(matrix: sp.csr_matrix, scores: np.ndarray, keep: np.ndarray, k: int) -> TopK:
    """Exact top-k per row (ties by column) via a per-row score histogram, then a small sort."""
    rows = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))[keep]
    cols, values = matrix.indices[keep], scores[keep]
    bucket = np.minimum((values * BUCKETS).astype(np.int64), BUCKETS - 1)
    bucket = np.maximum(bucket, 0)
    hist = np.bincount(rows * BUCKETS + bucket, minlength=matrix.shape[0] * BUCKETS)
    from_top = np.cumsum(hist.reshape(-1, BUCKETS)[:, ::-1], axis=1)
    reached = from_top >= k
    lowest = np.where(reached.any(axis=1), BUCKETS - 1 - reached.argmax(axis=1), 0)
    near = bucket >= lowest[rows]
    rows, cols, values = rows[near], cols[near], values[near]
    order = np.lexsort((cols, -values, rows))
    rows, cols, values = rows[order], cols[order], values[order]
    starts = np.searchsorted(rows, rows, side="left")
    first = (np.arange(len(rows)) - starts) < k
    return TopK(rows[first], cols[first].astype(np.int64), values[first])


@dataclass(frozen=True)
class ColumnView:
    """The opportunity side restricted to `columns` (ascending): the only ones that can pass."""

    columns: np.ndarray
    weights: sp.csr_matrix
    scale: np.ndarray
    occupation: sp.csr_matrix


def column_view(tables: Tables, columns: np.ndarray | None = None) -> ColumnView:
    if columns is None:
        columns = np.arange(len(tables.opportunities))
    occupation_t = tables.occupation.T.tocsr()
    return ColumnView(
        columns,
        tables.weights_t[columns].T.tocsr(),
        tables.scale[columns],
        occupation_t[columns].T.tocsr(),
    )


def region_columns(tables: Tables, region: int, municipalities: np.ndarray) -> np.ndarray:
    """Opportunities that can pass `filter.region` for people of `region` (−1: unknown)."""
    opps = tables.opportunities
    mask = (opps.remote == 2) | (opps.region == -1) | np.isin(opps.municipality, municipalities)
    if region >= 0:
        mask |= opps.region == region
    return np.flatnonzero(mask)


def profile_chunk_top_k(
    tables: Tables, profiles: ProfileArrays, k: int, view: ColumnView | None = None
) -> TopK:
    """Rows = profiles of the chunk; columns = positions among all opportunities."""
    view = view or column_view(tables)
    credits, occupation_credits = expand(tables, profiles)
    raw = sp.csr_matrix(credits @ view.weights)
    raw.data *= view.scale[raw.indices]
    base = _base(raw, occupation_credits @ view.occupation, tables.rules.occupation_share)
    p = np.repeat(np.arange(base.shape[0]), np.diff(base.indptr))
    o = view.columns[base.indices]
    keep, score = _finish(tables, profiles, p, o, base.data)
    best = top_k_rows(base, score, keep, k)
    return TopK(best.rows, view.columns[best.cols], best.scores)


@dataclass
class ProfileSide:
    """All profiles, expanded and transposed once, for scoring chunks of opportunities."""

    profiles: ProfileArrays
    credits_t: sp.csr_matrix
    occupation_t: sp.csr_matrix
    weights_t: sp.csr_matrix
    """opportunities × skills."""
    occupation_of: sp.csr_matrix
    """opportunities × occupations."""


def profile_side(tables: Tables, profiles: ProfileArrays) -> ProfileSide:
    credits, occupation_credits = expand(tables, profiles)
    return ProfileSide(
        profiles,
        credits.T.tocsr(),
        occupation_credits.T.tocsr(),
        tables.weights_t,
        tables.occupation.T.tocsr(),
    )


def opportunity_chunk_top_k(tables: Tables, side: ProfileSide, start: int, stop: int, k: int) -> TopK:
    """Rows = opportunities start…stop (numbered from 0 in `TopK.rows`), columns = profiles."""
    raw = sp.csr_matrix(side.weights_t[start:stop] @ side.credits_t)
    raw.data *= np.repeat(tables.scale[start:stop], np.diff(raw.indptr))
    occupation = side.occupation_of[start:stop] @ side.occupation_t
    base = _base(raw, occupation, tables.rules.occupation_share)
    o = np.repeat(np.arange(start, stop), np.diff(base.indptr))
    keep, score = _finish(tables, side.profiles, base.indices, o, base.data)
    return top_k_rows(base, score, keep, k)

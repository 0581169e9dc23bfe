"""The batch scoring kernel: sparse products, filters, penalties and per-row top-k.

`Tables` holds everything on the opportunity side plus the taxonomy expansions; it is built once
(and scattered once to Dask workers). `profile_chunk_top_k` scores a chunk of profiles against
every opportunity; `opportunity_chunk_top_k` scores a chunk of opportunities against every
profile. Both compute the formula of `score.py` with the same floating-point operations, so the
scores are bit-identical to `Matcher.explain` (the rules' dyadic weights make every sum exact).

scoring-v2: `expand` gives the skills of every known language (`skill.language`, any level:
a level below the asked one fails `filter.language`, so such pairs never reach a top-k) and takes
away skills that conflict with the profile's restrictions, as `score.effective_skills` does;
`penalty.restriction` is one more column of the opportunity classes (`Tables.conflicts`).
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
    PENALTY_RESTRICTION,
    SKILL_BROADER,
    SKILL_RELATED,
    ScoringRules,
)

BUCKETS = 1024
PRESCREEN = 4
"""Filters run on the PRESCREEN·k best base scores of a row first (see `_prescreened_top_k`)."""


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
    """features (skills, then occupations) × opportunities: skill_share·w_essential or
    skill_share·w_optional for skills, occupation_share·z for the opportunity's occupation."""
    z: np.ndarray
    """Σ skill weights per opportunity, 1 when it names no skills."""
    broader: sp.csr_matrix
    related: sp.csr_matrix
    occupation_related: sp.csr_matrix
    excludes: np.ndarray
    """uint64 demand mask excluded by each constraint bit."""
    weights_t: sp.csr_matrix
    """opportunities × features (the transpose of `weights`)."""
    classes: OpportunityClasses
    language_skills: sp.csr_matrix
    """languages × skills: the skills a known language gives (`skill.language`)."""
    banned: sp.csr_matrix
    """constraint bits × skills: the skills a restriction takes away (`penalty.restriction`)."""
    conflicts: np.ndarray
    """uint64 per opportunity: the constraint bits whose conflicting skills it names."""
    restriction_value: float


@dataclass(frozen=True)
class OpportunityClasses:
    """Opportunities that look alike to the language, constraint and hours rules.

    A chunk of profiles is checked once per class (a few hundred), and each pair then needs one
    look-up instead of a dozen gathers.
    """

    of: np.ndarray
    """class of each opportunity."""
    language: np.ndarray
    language_level: np.ndarray
    demands: np.ndarray
    hours: np.ndarray
    conflicts: np.ndarray


def opportunity_classes(
    opps: OpportunityArrays, conflicts: np.ndarray | None = None
) -> OpportunityClasses:
    hours_bits = np.where(np.isnan(opps.hours), -1.0, opps.hours).view(np.int64)
    if conflicts is None:
        conflicts = np.zeros(len(opps), dtype=np.uint64)
    key = np.column_stack(
        [
            opps.language.astype(np.int64),
            opps.language_level.astype(np.int64),
            opps.demands.view(np.int64),
            hours_bits,
            conflicts.view(np.int64),
        ]
    )
    _, first, of = np.unique(key, axis=0, return_index=True, return_inverse=True)
    return OpportunityClasses(
        of=of.ravel().astype(np.int64),
        language=opps.language[first],
        language_level=opps.language_level[first],
        demands=opps.demands[first],
        hours=opps.hours[first],
        conflicts=conflicts[first],
    )


def _adjacency(table: dict[str, frozenset[str]], index: dict[str, int], n: int) -> sp.csr_matrix:
    pairs = [
        (index[a], index[b]) for a, bs in table.items() if a in index for b in bs if b in index
    ]
    rows = np.asarray([p[0] for p in pairs], dtype=np.int32)
    cols = np.asarray([p[1] for p in pairs], dtype=np.int32)
    return sp.csr_matrix((np.ones(len(pairs)), (rows, cols)), shape=(n, n))


def _binary_rows(rows: list[list[int]], width: int) -> sp.csr_matrix:
    pairs = [(r, c) for r, cols in enumerate(rows) for c in sorted(set(cols))]
    return sp.csr_matrix(
        (
            np.ones(len(pairs)),
            (
                np.asarray([p[0] for p in pairs], dtype=np.int32),
                np.asarray([p[1] for p in pairs], dtype=np.int32),
            ),
        ),
        shape=(len(rows), width),
    )


def _language_and_restriction_tables(
    opportunities: OpportunityArrays, vocab: Vocabulary, rules: ScoringRules
) -> tuple[sp.csr_matrix, sp.csr_matrix, np.ndarray]:
    """(languages × skills, constraint bits × skills, conflict bits per opportunity). Grows
    `vocab.skills` with the concepts of every language in it (so that partial credit through
    them is seen as the pairwise scorer sees it) and widens the opportunity matrices."""
    by_code = rules.languages.by_code
    for code in list(vocab.languages):
        for uri in sorted(by_code.get(code, ())):
            vocab.index(vocab.skills, uri)
    n_skills, m = len(vocab.skills), len(opportunities)
    opportunities.essential.resize((m, n_skills))
    opportunities.optional.resize((m, n_skills))
    language_skills = _binary_rows(
        [
            [vocab.skills[u] for u in by_code.get(code, ()) if u in vocab.skills]
            for code in vocab.languages
        ],
        n_skills,
    )
    table = rules.conflict_table()
    banned = _binary_rows(
        [
            [vocab.skills[u] for u in table.get(name, ()) if u in vocab.skills]
            for name in vocab.constraints
        ],
        n_skills,
    )
    named = sp.csr_matrix(opportunities.essential + opportunities.optional)
    conflicts = np.zeros(m, dtype=np.uint64)
    for bit in range(banned.shape[0]):
        columns = banned.indices[banned.indptr[bit] : banned.indptr[bit + 1]]
        if len(columns):
            hits = np.asarray(named[:, columns].sum(axis=1)).ravel() > 0
            conflicts[hits] |= np.uint64(1 << bit)
    return language_skills, banned, conflicts


def build_tables(
    opportunities: OpportunityArrays, vocab: Vocabulary, graph: SkillGraph, rules: ScoringRules
) -> Tables:
    language_skills, banned, conflicts = _language_and_restriction_tables(
        opportunities, vocab, rules
    )
    n_skills, n_occupations, m = len(vocab.skills), len(vocab.occupations), len(opportunities)
    essential, optional = opportunities.essential, opportunities.optional
    skill_weights = essential * rules.essential_weight + optional * rules.optional_weight
    z = rules.essential_weight * np.diff(essential.indptr).astype(
        np.float64
    ) + rules.optional_weight * np.diff(optional.indptr).astype(np.float64)
    z[z == 0] = 1.0
    has = opportunities.occupation >= 0
    occupation = sp.csr_matrix(
        (
            rules.occupation_share * z[has],
            (np.flatnonzero(has), opportunities.occupation[has]),
        ),
        shape=(m, n_occupations),
    )
    weights_t = sp.csr_matrix(sp.hstack([skill_weights * rules.skill_share, occupation]))
    weights = weights_t.T.tocsr()
    excludes = np.zeros(max(len(vocab.constraints), 1), dtype=np.uint64)
    for name, bit in vocab.constraints.items():
        for demand in rules.excluded_demands(frozenset({name})):
            if demand in vocab.demands:
                excludes[bit] |= np.uint64(1 << vocab.demands[demand])
    return Tables(
        rules=rules,
        opportunities=opportunities,
        weights=weights,
        z=z,
        broader=_adjacency(dict(graph.broader), vocab.skills, n_skills),
        related=_adjacency(dict(graph.related), vocab.skills, n_skills),
        occupation_related=_adjacency(
            dict(graph.occupation_related), vocab.occupations, n_occupations
        ),
        excludes=excludes,
        weights_t=weights_t,
        classes=opportunity_classes(opportunities, conflicts),
        language_skills=language_skills,
        banned=banned,
        conflicts=conflicts,
        restriction_value=(
            rules.value(PENALTY_RESTRICTION) if rules.has(PENALTY_RESTRICTION) else 0.0
        ),
    )


def _with_credit(base: sp.csr_matrix, *parts: tuple[sp.csr_matrix, float]) -> sp.csr_matrix:
    """Element-wise max of `base` and every (reached-through matrix, credit)."""
    result = base
    for reached, credit in parts:
        reached = reached.tocsr()
        reached.data[:] = credit
        result = result.maximum(reached)
    return sp.csr_matrix(result)


def _constraint_bits(constraints: np.ndarray, n_bits: int) -> sp.csr_matrix:
    """profiles × constraint bits, 1 where the profile states the constraint."""
    columns = np.arange(n_bits, dtype=np.uint64)
    has = ((constraints[:, None] >> columns[None, :]) & np.uint64(1)).astype(np.float64)
    return sp.csr_matrix(has)


def effective_skills(tables: Tables, profiles: ProfileArrays) -> sp.csr_matrix:
    """`score.effective_skills` as a matrix: own skills plus known languages' skills, minus
    skills that conflict with the profile's restrictions."""
    skills = profiles.skills
    n_skills = tables.language_skills.shape[1]
    if skills.shape[1] < n_skills:
        skills = sp.csr_matrix(skills, copy=True)
        skills.resize((skills.shape[0], n_skills))
    lang = tables.language_skills
    if lang.nnz and profiles.languages.shape[1]:
        known = sp.csr_matrix((profiles.languages[:, : lang.shape[0]] > 0).astype(np.float64))
        if known.shape[1] < lang.shape[0]:
            known.resize((known.shape[0], lang.shape[0]))
        given = sp.csr_matrix(known @ lang)
        given.data[:] = 1.0
        skills = sp.csr_matrix(skills.maximum(given))
    if tables.banned.nnz:
        ban = sp.csr_matrix(
            _constraint_bits(profiles.constraints, tables.banned.shape[0]) @ tables.banned
        )
        if ban.nnz:
            ban.data[:] = 1.0
            skills = sp.csr_matrix(skills - skills.multiply(ban))
            skills.eliminate_zeros()
    return skills


def expand(tables: Tables, profiles: ProfileArrays) -> sp.csr_matrix:
    """Credits per feature (skills, then occupations): exact 1, partial by rule."""
    rules, skills = tables.rules, effective_skills(tables, profiles)
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
    return sp.csr_matrix(sp.hstack([credits, occupation_credits]))


def _finish(
    tables: Tables, profiles: ProfileArrays, p: np.ndarray, o: np.ndarray, base: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(keep mask, score) for pairs (profile row p, opportunity row o) with base scores."""
    rules, opps = tables.rules, tables.opportunities
    rule = rules.rules[PENALTY_HOURS]
    excess = np.maximum(0.0, np.abs(profiles.hours[p] - opps.hours[o]) - rule.params["tolerance_h"])
    penalty = rule.value * np.minimum(1.0, excess / rule.params["scale_h"])
    penalty[np.isnan(penalty)] = 0.0
    clash = (profiles.constraints[p] & tables.conflicts[o]) != 0
    restriction = np.where(clash, tables.restriction_value, 0.0)
    score = np.maximum(0.0, base - (penalty + restriction))
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


def _excluded(tables: Tables, constraints: np.ndarray) -> np.ndarray:
    excluded = np.zeros(len(constraints), dtype=np.uint64)
    for bit in range(len(tables.excludes)):
        has = (constraints >> np.uint64(bit)) & np.uint64(1)
        excluded |= np.where(has == 1, tables.excludes[bit], np.uint64(0))
    return excluded


def _class_tables(tables: Tables, profiles: ProfileArrays) -> tuple[np.ndarray, np.ndarray]:
    """(passes language and constraint filters, hours + restriction penalty), each profiles ×
    classes."""
    classes, rule = tables.classes, tables.rules.rules[PENALTY_HOURS]
    wanted, offered = profiles.hours[:, None], classes.hours[None, :]
    excess = np.maximum(0.0, np.abs(wanted - offered) - rule.params["tolerance_h"])
    penalty = rule.value * np.minimum(1.0, excess / rule.params["scale_h"])
    penalty[np.isnan(penalty)] = 0.0
    clash = (profiles.constraints[:, None] & classes.conflicts[None, :]) != 0
    penalty = penalty + np.where(clash, tables.restriction_value, 0.0)
    ok = (_excluded(tables, profiles.constraints)[:, None] & classes.demands[None, :]) == 0
    levels = profiles.languages
    for j in range(classes.language.shape[1]):
        language = classes.language[:, j].astype(np.int64)
        if levels.shape[1] == 0:
            ok &= (language < 0)[None, :]
            continue
        have = levels[:, np.maximum(language, 0)]
        ok &= (language < 0)[None, :] | (have >= classes.language_level[None, :, j])
    return ok, penalty


def _finish_by_class(
    tables: Tables,
    profiles: ProfileArrays,
    p: np.ndarray,
    o: np.ndarray,
    base: np.ndarray,
    region: int,
    classes: tuple[np.ndarray, np.ndarray],
) -> tuple[np.ndarray, np.ndarray]:
    """`_finish` for a chunk of profiles that all live in `region` (−1: unknown)."""
    ok_table, penalty_table = classes
    n_classes = ok_table.shape[1]
    flat = p * n_classes + tables.classes.of[o]
    score = np.maximum(0.0, base - penalty_table.ravel()[flat])
    keep = (score > 0) & ok_table.ravel()[flat]
    opps = tables.opportunities
    column_ok = (opps.remote == 2) | (opps.region == -1)
    if region >= 0:
        column_ok |= opps.region == region
    outside = keep & ~column_ok[o]
    if outside.any():
        municipality = opps.municipality[o[outside]]
        same = (municipality != -1) & (municipality == profiles.municipality[p[outside]])
        keep[np.flatnonzero(outside)[~same]] = False
    return keep, score


def _buckets(values: np.ndarray) -> np.ndarray:
    """floor(score · (BUCKETS − 1)) as int32; scores lie in [0, 1]."""
    bucket = (values * (BUCKETS - 1)).astype(np.int32)
    np.clip(bucket, 0, BUCKETS - 1, out=bucket)
    return bucket


def _lowest_buckets(rows: np.ndarray, bucket: np.ndarray, n_rows: int, k: int) -> np.ndarray:
    """Per row, the lowest bucket still needed to hold the k best values (0: keep all).

    Everything in a lower bucket b scores below b / (BUCKETS − 1).
    """
    key = rows * BUCKETS
    key += bucket
    hist = np.bincount(key, minlength=n_rows * BUCKETS)
    reached = np.cumsum(hist.reshape(-1, BUCKETS)[:, ::-1], axis=1) >= k
    lowest: np.ndarray = np.where(reached.any(axis=1), BUCKETS - 1 - reached.argmax(axis=1), 0)
    return lowest


def top_k(rows: np.ndarray, cols: np.ndarray, values: np.ndarray, n_rows: int, k: int) -> TopK:
    """Exact top-k per row (ties by column): a per-row histogram of scores, then a small sort."""
    bucket = _buckets(values)
    near = bucket >= _lowest_buckets(rows, bucket, n_rows, k)[rows]
    rows, cols, values = rows[near], cols[near], values[near]
    order = np.lexsort((cols, -values, rows))
    rows, cols, values = rows[order], cols[order], values[order]
    starts = np.searchsorted(rows, rows, side="left")
    first = (np.arange(len(rows)) - starts) < k
    return TopK(rows[first], cols[first].astype(np.int64), values[first])


def top_k_rows(matrix: sp.csr_matrix, scores: np.ndarray, keep: np.ndarray, k: int) -> TopK:
    rows = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))
    return top_k(rows[keep], matrix.indices[keep], scores[keep], matrix.shape[0], k)


@dataclass(frozen=True)
class ColumnView:
    """The opportunity side restricted to `columns` (ascending): the only ones that can pass."""

    columns: np.ndarray
    weights: sp.csr_matrix
    z: np.ndarray


def column_view(tables: Tables, columns: np.ndarray | None = None) -> ColumnView:
    if columns is None:
        columns = np.arange(len(tables.opportunities))
    return ColumnView(columns, tables.weights_t[columns].T.tocsr(), tables.z[columns])


def region_columns(tables: Tables, region: int, municipalities: np.ndarray) -> np.ndarray:
    """Opportunities that can pass `filter.region` for people of `region` (−1: unknown)."""
    opps = tables.opportunities
    mask = (opps.remote == 2) | (opps.region == -1)
    mask |= np.isin(opps.municipality, municipalities[municipalities >= 0])
    if region >= 0:
        mask |= opps.region == region
    return np.flatnonzero(mask)


def profile_chunk_top_k(
    tables: Tables,
    profiles: ProfileArrays,
    k: int,
    view: ColumnView | None = None,
    region: int | None = None,
) -> TopK:
    """Rows = profiles of the chunk; columns = positions among all opportunities.

    With `region` (every profile of the chunk in that region, −1 for unknown) the filters run
    per opportunity class, which is several times faster than per pair.
    """
    view = view or column_view(tables)
    base = sp.csr_matrix(expand(tables, profiles) @ view.weights)
    base.data /= view.z[base.indices]
    p = np.repeat(np.arange(base.shape[0]), np.diff(base.indptr))
    if region is None:
        o = view.columns[base.indices]
        keep, score = _finish(tables, profiles, p, o, base.data)
        best = top_k(p[keep], o[keep], score[keep], base.shape[0], k)
    else:
        best = _prescreened_top_k(tables, profiles, p, base, view.columns, region, k)
    return best


def _prescreened_top_k(
    tables: Tables,
    profiles: ProfileArrays,
    p: np.ndarray,
    base: sp.csr_matrix,
    columns: np.ndarray,
    region: int,
    k: int,
) -> TopK:
    """Filters and penalties only for the PRESCREEN·k best base scores of each row.

    The final score never exceeds the base score, so a row whose k-th final score is at least
    the bound of everything left out is exact; the other rows are redone in full.
    """
    n_rows, values = base.shape[0], base.data
    bucket = _buckets(values)
    lowest = _lowest_buckets(p, bucket, n_rows, PRESCREEN * k)
    chosen = np.flatnonzero(bucket >= np.repeat(lowest, np.diff(base.indptr)))
    del bucket
    classes = _class_tables(tables, profiles)
    rows, o = p[chosen], columns[base.indices[chosen]]
    keep, score = _finish_by_class(tables, profiles, rows, o, values[chosen], region, classes)
    best = top_k(rows[keep], o[keep], score[keep], n_rows, k)
    count = np.bincount(best.rows, minlength=n_rows)
    kth = np.full(n_rows, -1.0)
    if len(best.rows):
        last = np.flatnonzero(np.diff(np.append(best.rows, n_rows)))
        kth[best.rows[last]] = best.scores[last]
    exact = (lowest == 0) | ((count >= k) & (kth * (BUCKETS - 1) >= lowest))
    if exact.all():
        return best
    redo = ~exact[p]
    rows, o = p[redo], columns[base.indices[redo]]
    keep, score = _finish_by_class(tables, profiles, rows, o, values[redo], region, classes)
    again = top_k(rows[keep], o[keep], score[keep], n_rows, k)
    mine = exact[best.rows]
    merged = TopK(
        np.concatenate([best.rows[mine], again.rows]),
        np.concatenate([best.cols[mine], again.cols]),
        np.concatenate([best.scores[mine], again.scores]),
    )
    order = np.lexsort((merged.cols, -merged.scores, merged.rows))
    return TopK(merged.rows[order], merged.cols[order], merged.scores[order])


@dataclass
class ProfileSide:
    """All profiles, expanded and transposed once, for scoring chunks of opportunities."""

    profiles: ProfileArrays
    features_t: sp.csr_matrix
    """features × profiles."""


def profile_side(tables: Tables, profiles: ProfileArrays) -> ProfileSide:
    return ProfileSide(profiles, expand(tables, profiles).T.tocsr())


def opportunity_chunk_top_k(
    tables: Tables, side: ProfileSide, start: int, stop: int, k: int
) -> TopK:
    """Rows = opportunities start…stop (numbered from 0 in `TopK.rows`), columns = profiles."""
    base = sp.csr_matrix(tables.weights_t[start:stop] @ side.features_t)
    base.data /= np.repeat(tables.z[start:stop], np.diff(base.indptr))
    o = np.repeat(np.arange(start, stop), np.diff(base.indptr))
    keep, score = _finish(tables, side.profiles, base.indices, o, base.data)
    return top_k_rows(base, score, keep, k)

"""Synthetic profiles and opportunities drawn from a taxonomy's real skill structure.

For benchmarks and demos, never for people. Skill co-occurrence comes from occupations' essential
and optional skills (an opportunity is "an occupation's skills, subsampled"; a person holds one to
three occupations, related ones likely), and skill frequencies from how many occupations call a
skill essential (the background skills every profile also has). Profiles hold 10–60 skills,
opportunities 5–25. Everything is drawn from one seeded `numpy.random.Generator`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from kohtaanto.matching.encode import OpportunityArrays, ProfileArrays, Vocabulary
from kohtaanto.matching.graph import SkillGraph
from kohtaanto.taxonomy.model import ConceptKind, Relation, Taxonomy

LANGUAGES = ("fi", "sv", "en", "ru", "et", "ar", "so")
DEMANDS = ("heavy_lifting", "night_shifts", "standing", "driving", "outdoor_work")
CONSTRAINTS = tuple(f"no_{d}" for d in DEMANDS)
N_MUNICIPALITIES, N_REGIONS = 293, 19


@dataclass(frozen=True)
class Pools:
    occupations: list[str]
    essential: list[np.ndarray]
    optional: list[np.ndarray]
    siblings: list[np.ndarray]
    cdf: np.ndarray
    """Cumulative skill frequencies (essential-skill counts) over `Vocabulary.skills`."""


def seed_vocabulary(taxonomy: Taxonomy, graph: SkillGraph) -> Vocabulary:
    """Skills and occupations of the taxonomy in a stable order, plus the synthetic names."""
    vocab = Vocabulary()
    skills = {c.uri for c in taxonomy if c.kind.is_skill_like}
    skills |= set(graph.broader) | set(graph.related)
    for uri in sorted(skills):
        vocab.index(vocab.skills, uri)
    for uri in sorted(c.uri for c in taxonomy.of_kind(ConceptKind.OCCUPATION)):
        vocab.index(vocab.occupations, uri)
    for code in LANGUAGES:
        vocab.index(vocab.languages, code)
    for i in range(N_MUNICIPALITIES):
        vocab.index(vocab.places, f"KU{i:03d}")
    for i in range(N_REGIONS):
        vocab.index(vocab.places, f"MK{i:02d}")
    for name in CONSTRAINTS:
        vocab.index(vocab.constraints, name)
    for name in DEMANDS:
        vocab.index(vocab.demands, name)
    return vocab


def pools(taxonomy: Taxonomy, vocab: Vocabulary) -> Pools:
    occupations: list[str] = []
    essential: list[np.ndarray] = []
    optional: list[np.ndarray] = []
    groups: dict[str, list[int]] = defaultdict(list)
    frequency: Counter[int] = Counter()
    for uri in sorted(taxonomy.occupation_skills):
        relations = taxonomy.occupation_skills[uri]
        ess = sorted(vocab.skills[s] for s, r in relations.items() if r is Relation.ESSENTIAL)
        opt = sorted(vocab.skills[s] for s, r in relations.items() if r is Relation.OPTIONAL)
        if len(ess) < 3 or uri not in vocab.occupations:
            continue
        frequency.update(ess)
        concept = taxonomy.concepts.get(uri)
        groups[(concept.code or "")[:3] if concept else ""].append(len(occupations))
        occupations.append(uri)
        essential.append(np.asarray(ess, dtype=np.int64))
        optional.append(np.asarray(opt, dtype=np.int64))
    siblings = [np.empty(0, dtype=np.int64)] * len(occupations)
    for members in groups.values():
        for i in members:
            siblings[i] = np.asarray(members, dtype=np.int64)
    weights = np.zeros(len(vocab.skills))
    for skill, count in frequency.items():
        weights[skill] = count
    return Pools(occupations, essential, optional, siblings, np.cumsum(weights) / weights.sum())


def _pairs_csr(
    rows: list[np.ndarray], cols: list[np.ndarray], shape: tuple[int, int]
) -> sp.csr_matrix:
    """Binary CSR from (row, column) pairs; duplicates collapse to 1."""
    row = np.concatenate(rows) if rows else np.zeros(0, np.int64)
    col = np.concatenate(cols) if cols else np.zeros(0, np.int64)
    matrix = sp.csr_matrix((np.ones(len(row)), (row, col)), shape=shape)
    matrix.sum_duplicates()
    matrix.data[:] = 1.0
    matrix.indices = matrix.indices.astype(np.int32)
    return matrix


def _sample_groups(
    rng: np.random.Generator,
    group_of: np.ndarray,
    take: np.ndarray,
    pool_of: list[np.ndarray],
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """For every row i, `take[i]` distinct items of `pool_of[group_of[i]]` (fewer if short)."""
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    order = np.argsort(group_of, kind="stable")
    bounds = np.flatnonzero(np.diff(group_of[order])) + 1
    for members in np.split(order, bounds):
        if len(members) == 0:
            continue
        pool = pool_of[group_of[members[0]]]
        if len(pool) == 0:
            continue
        keys = rng.random((len(members), len(pool))).argsort(axis=1)
        chosen = np.arange(len(pool))[None, :] < take[members][:, None]
        rows.append(np.broadcast_to(members[:, None], keys.shape)[chosen])
        cols.append(pool[keys][chosen])
    return rows, cols


def _places(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    zipf = 1.0 / np.arange(1, N_MUNICIPALITIES + 1) ** 0.9
    municipality = rng.choice(N_MUNICIPALITIES, n, p=zipf / zipf.sum()).astype(np.int32)
    return municipality, (N_MUNICIPALITIES + municipality % N_REGIONS).astype(np.int32)


def opportunities(
    pool: Pools, vocab: Vocabulary, m: int, rng: np.random.Generator
) -> OpportunityArrays:
    n_occ = len(pool.occupations)
    occupation = rng.integers(0, n_occ, m)
    size = rng.integers(5, 26, m)
    n_required = np.maximum(2, np.round(size * 0.6)).astype(np.int64)
    rows, cols = _sample_groups(rng, occupation, n_required, pool.essential)
    essential = _pairs_csr(rows, cols, (m, len(vocab.skills)))
    nice_pool = [np.concatenate([e, o]) for e, o in zip(pool.essential, pool.optional, strict=True)]
    rows, cols = _sample_groups(rng, occupation, size, nice_pool)
    optional = _pairs_csr(rows, cols, (m, len(vocab.skills)))
    optional = optional - optional.multiply(essential)
    optional.eliminate_zeros()
    optional = _trim(optional, np.maximum(size - np.diff(essential.indptr), 0))
    municipality, region = _places(rng, m)
    language = np.full((m, 4), -1, dtype=np.int16)
    level = np.zeros((m, 4), dtype=np.uint8)
    fi, en, sv = (vocab.languages[c] for c in ("fi", "en", "sv"))
    wants_fi, wants_en, wants_sv = rng.random(m) < 0.8, rng.random(m) < 0.3, rng.random(m) < 0.05
    for j, (wanted, code, lo, hi) in enumerate(
        ((wants_fi, fi, 3, 5), (wants_en, en, 4, 5), (wants_sv, sv, 3, 4))
    ):
        language[wanted, j] = code
        level[wanted, j] = rng.integers(lo, hi, int(wanted.sum()))
    demands = np.zeros(m, dtype=np.uint64)
    for bit in range(len(DEMANDS)):
        demands |= np.where(rng.random(m) < 0.12, np.uint64(1 << bit), np.uint64(0))
    codes = np.asarray([vocab.occupations[u] for u in pool.occupations], np.int32)[occupation]
    return OpportunityArrays(
        ids=np.asarray([f"o{i:07d}" for i in range(m)]),
        essential=essential,
        optional=optional,
        occupation=codes,
        language=language,
        language_level=level,
        municipality=municipality,
        region=region,
        remote=rng.choice(3, m, p=[0.77, 0.15, 0.08]).astype(np.int8),
        hours=rng.choice([37.5, 30.0, 20.0], m, p=[0.7, 0.2, 0.1]),
        demands=demands,
    )


def _trim(matrix: sp.csr_matrix, keep: np.ndarray) -> sp.csr_matrix:
    """Keep the first `keep[i]` stored entries of row i."""
    position = np.arange(matrix.nnz) - np.repeat(matrix.indptr[:-1], np.diff(matrix.indptr))
    mask = position < np.repeat(keep, np.diff(matrix.indptr))
    rows = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))[mask]
    return _pairs_csr([rows], [matrix.indices[mask]], matrix.shape)


def profiles(pool: Pools, vocab: Vocabulary, n: int, rng: np.random.Generator) -> ProfileArrays:
    n_occ = len(pool.occupations)
    first = rng.integers(0, n_occ, n)
    size = rng.integers(10, 61, n)
    occ_codes = np.asarray([vocab.occupations[u] for u in pool.occupations], np.int32)
    # a second occupation for half the people: a sibling in the same ISCO group, else any
    second = rng.integers(0, n_occ, n)
    group_size = np.asarray([len(s) for s in pool.siblings])
    pick = (rng.random(n) * np.maximum(group_size[first], 1)).astype(np.int64)
    has_group = group_size[first] > 1
    flat = np.concatenate([s if len(s) else np.zeros(1, np.int64) for s in pool.siblings])
    offset = np.concatenate([[0], np.cumsum([max(len(s), 1) for s in pool.siblings])])[:-1]
    second = np.where(has_group & (rng.random(n) < 0.6), flat[offset[first] + pick], second)
    has_second = rng.random(n) < 0.5
    rows, cols = _sample_groups(rng, first, np.round(size * 0.45).astype(np.int64), pool.essential)
    r2, c2 = _sample_groups(rng, first, np.round(size * 0.2).astype(np.int64), pool.optional)
    idx = np.flatnonzero(has_second)
    r3, c3 = _sample_groups(
        rng, second[idx], np.round(size[idx] * 0.25).astype(np.int64), pool.essential
    )
    r3 = [idx[r] for r in r3]
    background = np.round(size * 0.2).astype(np.int64)
    back_rows = np.repeat(np.arange(n), background)
    back_cols = np.minimum(
        np.searchsorted(pool.cdf, rng.random(int(background.sum()))), len(pool.cdf) - 1
    )
    skills = _pairs_csr(
        [*rows, *r2, *r3, back_rows], [*cols, *c2, *c3, back_cols], (n, len(vocab.skills))
    )
    occupations = _pairs_csr(
        [np.arange(n), idx],
        [occ_codes[first], occ_codes[second[idx]]],
        (n, len(vocab.occupations)),
    )
    levels = np.zeros((n, len(vocab.languages)), dtype=np.uint8)
    fi, sv, en = (vocab.languages[c] for c in ("fi", "sv", "en"))
    native_fi = rng.random(n) < 0.82
    levels[:, fi] = np.where(native_fi, 7, rng.integers(1, 6, n))
    levels[:, sv] = np.where(rng.random(n) < 0.15, rng.integers(2, 8, n), 0)
    levels[:, en] = np.where(rng.random(n) < 0.6, rng.integers(2, 7, n), 0)
    other = rng.integers(vocab.languages["ru"], len(LANGUAGES), n)
    levels[np.flatnonzero(~native_fi), other[~native_fi]] = 7
    constraints = np.zeros(n, dtype=np.uint64)
    for bit, share in enumerate((0.10, 0.08, 0.04, 0.05, 0.03)):
        constraints |= np.where(rng.random(n) < share, np.uint64(1 << bit), np.uint64(0))
    municipality, region = _places(rng, n)
    hours = rng.choice([37.5, 30.0, 20.0, np.nan], n, p=[0.72, 0.12, 0.11, 0.05])
    return ProfileArrays(
        ids=np.asarray([f"p{i:07d}" for i in range(n)]),
        skills=skills,
        occupations=occupations,
        languages=levels,
        municipality=municipality,
        region=region,
        hours=hours,
        constraints=constraints,
    )

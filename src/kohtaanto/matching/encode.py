"""Profiles and opportunities as arrays: the input of the batch engine and of the npz format.

Rows are sorted by id, so "ties broken by row" is "ties broken by id" everywhere. Categorical
values are positions in a shared `Vocabulary`; −1 means unknown. Constraints and physical
demands are bit masks over at most 64 names.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from kohtaanto.matching.model import Opportunity, Profile, Remote, level_rank

REMOTE_CODES = {Remote.NONE: 0, Remote.HYBRID: 1, Remote.REMOTE: 2}
MAX_LANGUAGE_REQUIREMENTS = 4


@dataclass
class Vocabulary:
    """Name → position tables; `index` adds unknown names at the end."""

    skills: dict[str, int] = field(default_factory=dict)
    occupations: dict[str, int] = field(default_factory=dict)
    languages: dict[str, int] = field(default_factory=dict)
    places: dict[str, int] = field(default_factory=dict)
    """Municipality and region codes share one table."""
    constraints: dict[str, int] = field(default_factory=dict)
    demands: dict[str, int] = field(default_factory=dict)

    @staticmethod
    def index(table: dict[str, int], name: str | None, limit: int | None = None) -> int:
        if name is None:
            return -1
        position = table.setdefault(name, len(table))
        if limit is not None and position >= limit:
            raise ValueError(f"more than {limit} distinct values (at {name!r})")
        return position

    def mask(self, table: dict[str, int], names: Iterable[str]) -> int:
        bits = 0
        for name in names:
            bits |= 1 << self.index(table, name, limit=64)
        return bits

    def as_lists(self) -> dict[str, list[str]]:
        return {name: list(getattr(self, name)) for name in _TABLES}

    @classmethod
    def from_lists(cls, lists: dict[str, Sequence[str]]) -> Vocabulary:
        return cls(**{name: {v: i for i, v in enumerate(lists[name])} for name in _TABLES})


_TABLES = ("skills", "occupations", "languages", "places", "constraints", "demands")


def _binary(rows: list[list[int]], width: int) -> sp.csr_matrix:
    unique = [sorted(set(r)) for r in rows]
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(u) for u in unique])
    indices = np.fromiter((i for u in unique for i in u), dtype=np.int32, count=int(indptr[-1]))
    data = np.ones(len(indices), dtype=np.float64)
    return sp.csr_matrix((data, indices, indptr), shape=(len(rows), width))


@dataclass
class ProfileArrays:
    ids: np.ndarray
    skills: sp.csr_matrix
    occupations: sp.csr_matrix
    languages: np.ndarray
    """(n, n_languages) uint8 level ranks (0 none … 7 native)."""
    municipality: np.ndarray
    region: np.ndarray
    hours: np.ndarray
    """float64, NaN when not given."""
    constraints: np.ndarray
    """uint64 bit mask over `Vocabulary.constraints`."""

    def __len__(self) -> int:
        return len(self.ids)

    def take(self, rows: np.ndarray | slice) -> ProfileArrays:
        """The profiles at `rows` (positions or a slice), in that order."""
        return ProfileArrays(
            self.ids[rows],
            self.skills[rows],
            self.occupations[rows],
            self.languages[rows],
            self.municipality[rows],
            self.region[rows],
            self.hours[rows],
            self.constraints[rows],
        )


@dataclass
class OpportunityArrays:
    ids: np.ndarray
    essential: sp.csr_matrix
    optional: sp.csr_matrix
    """Nice-to-have skills that are not also essential."""
    occupation: np.ndarray
    language: np.ndarray
    """(m, MAX_LANGUAGE_REQUIREMENTS) int16 language positions, −1 padding."""
    language_level: np.ndarray
    municipality: np.ndarray
    region: np.ndarray
    remote: np.ndarray
    hours: np.ndarray
    demands: np.ndarray

    def __len__(self) -> int:
        return len(self.ids)


def _hours(value: float | None) -> float:
    return float("nan") if value is None else float(value)


def _widths(vocab: Vocabulary) -> tuple[int, int, int]:
    return len(vocab.skills), len(vocab.occupations), len(vocab.languages)


def encode_profiles(profiles: Iterable[Profile], vocab: Vocabulary) -> ProfileArrays:
    """Encode, sorted by id; grows `vocab` with unknown names (encode opportunities after)."""
    items = sorted(profiles, key=lambda p: p.id)
    skills = [[vocab.index(vocab.skills, s) for s in p.skills] for p in items]
    occupations = [[vocab.index(vocab.occupations, o) for o in p.occupations] for p in items]
    languages = [
        {vocab.index(vocab.languages, c): level_rank(lv) for c, lv in p.languages.items()}
        for p in items
    ]
    n_skills, n_occupations, n_languages = _widths(vocab)
    level = np.zeros((len(items), n_languages), dtype=np.uint8)
    for row, known in enumerate(languages):
        for column, rank in known.items():
            level[row, column] = rank
    return ProfileArrays(
        ids=np.asarray([p.id for p in items], dtype=str),
        skills=_binary(skills, n_skills),
        occupations=_binary(occupations, n_occupations),
        languages=level,
        municipality=np.asarray(
            [vocab.index(vocab.places, p.municipality) for p in items], dtype=np.int32
        ),
        region=np.asarray([vocab.index(vocab.places, p.region) for p in items], dtype=np.int32),
        hours=np.asarray([_hours(p.hours_wanted) for p in items], dtype=np.float64),
        constraints=np.asarray(
            [vocab.mask(vocab.constraints, p.constraints) for p in items], dtype=np.uint64
        ),
    )


def encode_opportunities(
    opportunities: Iterable[Opportunity], vocab: Vocabulary
) -> OpportunityArrays:
    items = sorted(opportunities, key=lambda o: o.id)
    essential = [[vocab.index(vocab.skills, s) for s in o.required_skills] for o in items]
    optional = [
        [vocab.index(vocab.skills, s) for s in o.nice_to_have_skills - o.required_skills]
        for o in items
    ]
    language = np.full((len(items), MAX_LANGUAGE_REQUIREMENTS), -1, dtype=np.int16)
    language_level = np.zeros((len(items), MAX_LANGUAGE_REQUIREMENTS), dtype=np.uint8)
    for row, o in enumerate(items):
        if len(o.languages_required) > MAX_LANGUAGE_REQUIREMENTS:
            raise ValueError(f"{o.id}: more than {MAX_LANGUAGE_REQUIREMENTS} languages")
        for j, (code, lv) in enumerate(sorted(o.languages_required.items())):
            language[row, j] = vocab.index(vocab.languages, code)
            language_level[row, j] = level_rank(lv)
    occupation = [vocab.index(vocab.occupations, o.occupation) for o in items]
    return OpportunityArrays(
        ids=np.asarray([o.id for o in items], dtype=str),
        essential=_binary(essential, len(vocab.skills)),
        optional=_binary(optional, len(vocab.skills)),
        occupation=np.asarray(occupation, dtype=np.int32),
        language=language,
        language_level=language_level,
        municipality=np.asarray(
            [vocab.index(vocab.places, o.municipality) for o in items], dtype=np.int32
        ),
        region=np.asarray([vocab.index(vocab.places, o.region) for o in items], dtype=np.int32),
        remote=np.asarray([REMOTE_CODES[o.remote] for o in items], dtype=np.int8),
        hours=np.asarray([_hours(o.hours) for o in items], dtype=np.float64),
        demands=np.asarray(
            [vocab.mask(vocab.demands, o.physical_demands) for o in items], dtype=np.uint64
        ),
    )


def widen(
    profiles: ProfileArrays, opportunities: OpportunityArrays, vocab: Vocabulary
) -> tuple[ProfileArrays, OpportunityArrays]:
    """Pad the matrices of arrays encoded before `vocab` grew to its final size."""
    n_skills, n_occupations, n_languages = _widths(vocab)
    pad = n_languages - profiles.languages.shape[1]
    if pad:
        profiles.languages = np.pad(profiles.languages, ((0, 0), (0, pad)))
    profiles.skills.resize((len(profiles), n_skills))
    profiles.occupations.resize((len(profiles), n_occupations))
    opportunities.essential.resize((len(opportunities), n_skills))
    opportunities.optional.resize((len(opportunities), n_skills))
    return profiles, opportunities


def encode(
    profiles: Iterable[Profile], opportunities: Iterable[Opportunity], vocab: Vocabulary
) -> tuple[ProfileArrays, OpportunityArrays]:
    """Both sides against one vocabulary (seed it with the skill graph's skills first)."""
    profile_arrays = encode_profiles(profiles, vocab)
    opportunity_arrays = encode_opportunities(opportunities, vocab)
    return widen(profile_arrays, opportunity_arrays, vocab)

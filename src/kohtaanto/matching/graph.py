"""What counts as a partial match: the ESCO skill hierarchy, skill relations, related occupations.

Built once from a `Taxonomy` and shared by the single-pair scorer (`score.py`) and the batch
engine (`batch.py`), so both apply the same relations.

- `skill.broader`: a skill and its direct broader or narrower skill (`Concept.broader`, both ends
  skill-like; skill groups are not skills and give no credit).
- `skill.related`: ESCO skill ↔ skill relations (`Taxonomy.skill_relations`), both directions.
- `occupation.related`: the same ISCO group (the first `isco_digits` digits of `Concept.code`), or
  essential-skill sets whose Jaccard overlap is at least `shared_essential_min`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from kohtaanto.matching.rules import (
    OCCUPATION_RELATED,
    OCCUPATION_SAME,
    SKILL_BROADER,
    SKILL_RELATED,
    ScoringRules,
)
from kohtaanto.taxonomy.model import ConceptKind, Relation, Taxonomy


@dataclass(frozen=True, slots=True)
class Partial:
    """A required skill earned partially through a skill the person has."""

    skill: str
    via: str
    rule_id: str
    credit: float


def _freeze(table: Mapping[str, set[str]]) -> dict[str, frozenset[str]]:
    return {key: frozenset(values) for key, values in table.items() if values}


@dataclass(frozen=True, slots=True)
class SkillGraph:
    broader: Mapping[str, frozenset[str]]
    """skill → skills directly broader or narrower than it (symmetric)."""
    related: Mapping[str, frozenset[str]]
    """skill → ESCO-related skills (symmetric)."""
    occupation_related: Mapping[str, frozenset[str]]
    """occupation → related occupations, itself excluded (symmetric)."""

    @classmethod
    def empty(cls) -> SkillGraph:
        return cls({}, {}, {})

    @classmethod
    def from_taxonomy(cls, taxonomy: Taxonomy, rules: ScoringRules) -> SkillGraph:
        concepts = taxonomy.concepts
        broader: dict[str, set[str]] = defaultdict(set)
        for concept in concepts.values():
            if not concept.kind.is_skill_like:
                continue
            for parent in concept.broader:
                other = concepts.get(parent)
                if other is not None and other.kind.is_skill_like and parent != concept.uri:
                    broader[concept.uri].add(parent)
                    broader[parent].add(concept.uri)
        related: dict[str, set[str]] = defaultdict(set)
        for relation in taxonomy.skill_relations:
            if relation.source != relation.target:
                related[relation.source].add(relation.target)
                related[relation.target].add(relation.source)
        return cls(_freeze(broader), _freeze(related), related_occupations(taxonomy, rules))

    def partial(self, have: Iterable[str], skill: str, rules: ScoringRules) -> Partial | None:
        """The best partial credit for `skill` from the skills in `have` (which lack it)."""
        owned = have if isinstance(have, (set, frozenset, Mapping)) else set(have)
        best: Partial | None = None
        for rule_id, table in ((SKILL_BROADER, self.broader), (SKILL_RELATED, self.related)):
            hits = [uri for uri in table.get(skill, ()) if uri in owned]
            credit = rules.value(rule_id)
            if hits and (best is None or credit > best.credit):
                best = Partial(skill, min(hits), rule_id, credit)
        return best

    def occupation_credit(
        self, have: frozenset[str], occupation: str | None, rules: ScoringRules
    ) -> tuple[float, str | None]:
        """(credit, rule id) of an opportunity's occupation against the person's occupations."""
        if occupation is None:
            return 0.0, None
        if occupation in have:
            return 1.0, OCCUPATION_SAME
        if have & self.occupation_related.get(occupation, frozenset()):
            return rules.value(OCCUPATION_RELATED), OCCUPATION_RELATED
        return 0.0, None


def _isco_prefix(code: str | None, digits: int) -> str | None:
    if not code:
        return None
    head = code.split(".")[0]
    return head[:digits] if len(head) >= digits and head[:digits].isdigit() else None


def related_occupations(taxonomy: Taxonomy, rules: ScoringRules) -> dict[str, frozenset[str]]:
    """Same ISCO group, or essential-skill Jaccard ≥ `shared_essential_min`."""
    occupations = sorted(c.uri for c in taxonomy.of_kind(ConceptKind.OCCUPATION))
    related: dict[str, set[str]] = defaultdict(set)
    groups: dict[str, list[str]] = defaultdict(list)
    for uri in occupations:
        prefix = _isco_prefix(taxonomy.concepts[uri].code, rules.isco_digits)
        if prefix is not None:
            groups[prefix].append(uri)
    for members in groups.values():
        for uri in members:
            related[uri].update(m for m in members if m != uri)
    skills = sorted({s for rel in taxonomy.occupation_skills.values() for s in rel})
    column = {uri: i for i, uri in enumerate(skills)}
    rows, cols = [], []
    for row, uri in enumerate(occupations):
        for skill, relation in taxonomy.occupation_skills.get(uri, {}).items():
            if relation is Relation.ESSENTIAL:
                rows.append(row)
                cols.append(column[skill])
    matrix = sp.csr_matrix(
        (np.ones(len(rows)), (rows, cols)), shape=(len(occupations), max(len(skills), 1))
    )
    shared = (matrix @ matrix.T).tocoo()
    sizes = np.asarray(matrix.sum(axis=1)).ravel()
    union = sizes[shared.row] + sizes[shared.col] - shared.data
    keep = (shared.row != shared.col) & (shared.data >= rules.shared_essential_min * union)
    for a, b in zip(shared.row[keep], shared.col[keep], strict=True):
        related[occupations[a]].add(occupations[b])
    return _freeze(related)

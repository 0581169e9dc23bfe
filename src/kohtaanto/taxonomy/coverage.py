"""Which skills need labels in a language: the skills most often implied by a set of
occupations, and those of them a taxonomy cannot name in that language.

Issue 13 asks for Swedish and everyday Finnish labels for "the 1,000 skills most often implied
by the occupations in the demo and in the development sets"; `most_implied_skills` is that
ranking (an essential relation counts 1, an optional one 0.5, each occupation as often as it
occurs) and `without_labels` says which of them still lack a label. Pure functions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from kohtaanto.taxonomy.model import Relation, Taxonomy

__all__ = ["RELATION_WEIGHTS", "most_implied_skills", "without_labels"]

RELATION_WEIGHTS = {Relation.ESSENTIAL: 1.0, Relation.OPTIONAL: 0.5}


def most_implied_skills(
    taxonomy: Taxonomy, occupations: Mapping[str, float], limit: int = 1000
) -> list[tuple[str, float]]:
    """(skill URI, weight) of the `limit` skills most often implied by `occupations` (URI →
    how often it occurs), heaviest first, ties by URI; skills the taxonomy lacks are left out."""
    weights: dict[str, float] = {}
    for occupation, count in occupations.items():
        for skill, relation in taxonomy.occupation_skills.get(occupation, {}).items():
            weights[skill] = weights.get(skill, 0.0) + count * RELATION_WEIGHTS.get(relation, 0.0)
    ranked = sorted(
        ((uri, weight) for uri, weight in weights.items() if uri in taxonomy and weight > 0),
        key=lambda item: (-item[1], item[0]),
    )
    return ranked[:limit]


def without_labels(taxonomy: Taxonomy, uris: Iterable[str], lang: str) -> list[str]:
    """The concepts among `uris` that have no preferred or alternative label in `lang`."""
    missing = []
    for uri in uris:
        concept = taxonomy.get(uri)
        labels = concept.labels.get(lang) if concept is not None else None
        if labels is None or not (labels.preferred or labels.alternative):
            missing.append(uri)
    return missing

"""Gold labels → concept URIs, and the label items the baselines rank."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kohtaanto.taxonomy.model import ConceptKind, Taxonomy


@dataclass(slots=True)
class LabelResolver:
    """Map a gold label (an English preferred label or a concept URI) to a URI.

    Exact preferred label first, then case-insensitive; unknown labels are remembered in
    `unresolved` and returned unchanged (so they can never match a suggestion).
    """

    exact: dict[str, str]
    folded: dict[str, str]
    uris: frozenset[str]
    unresolved: set[str] = field(default_factory=set)

    @classmethod
    def from_taxonomy(
        cls, taxonomy: Taxonomy, kinds: Iterable[ConceptKind] | None = None, lang: str = "en"
    ) -> LabelResolver:
        wanted = set(kinds) if kinds is not None else None
        exact: dict[str, str] = {}
        folded: dict[str, str] = {}
        for concept in taxonomy:
            if wanted is not None and concept.kind not in wanted:
                continue
            label_set = concept.labels.get(lang)
            if label_set is None or not label_set.preferred:
                continue
            exact.setdefault(label_set.preferred, concept.uri)
            folded.setdefault(label_set.preferred.casefold(), concept.uri)
        return cls(exact, folded, frozenset(taxonomy.concepts))

    def resolve(self, label: str) -> str:
        if label in self.uris:
            return label
        uri = self.exact.get(label) or self.folded.get(label.casefold())
        if uri is None:
            self.unresolved.add(label)
            return label
        return uri


def label_items(
    taxonomy: Taxonomy, kinds: Iterable[ConceptKind], lang: str
) -> list[tuple[str, str]]:
    """(URI, label) for every label in `lang` of every concept of the given kinds."""
    items: list[tuple[str, str]] = []
    for concept in taxonomy.of_kind(*kinds):
        label_set = concept.labels.get(lang)
        if label_set is not None:
            items.extend((concept.uri, label) for label in label_set.all())
    return items

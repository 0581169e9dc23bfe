"""A deterministic recognizer for tests and the demo: the first skills of the taxonomy."""

from __future__ import annotations

from kohtaanto.recognition.clauses import Document
from kohtaanto.recognition.recognizer.base import Hit, Recognizer
from kohtaanto.taxonomy.model import ConceptKind, Taxonomy


class DummyRecognizer(Recognizer):
    name = "dummy"

    def _build(self, taxonomy: Taxonomy) -> None:
        count = int(self.params.get("count", 3))  # type: ignore[call-overload]
        concepts = sorted(taxonomy, key=lambda c: c.uri)
        self.fixed = [(c.uri, c.kind) for c in concepts if c.kind.is_skill_like][:count]

    def _suggest(self, doc: Document, kinds: frozenset[ConceptKind]) -> list[Hit]:
        return [
            Hit(uri, round(1.0 - 0.1 * rank, 3), (), 0)
            for rank, (uri, kind) in enumerate(self.fixed)
            if kind in kinds
        ]

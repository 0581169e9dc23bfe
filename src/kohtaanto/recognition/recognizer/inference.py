"""Occupation → essential skills inference: skills a person in the occupation usually has.

Inferred hits are never text evidence: they carry no spans of their own, only a pointer
(`Hit.source`) to the occupation that was found in the text.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from kohtaanto.recognition.clauses import Document
from kohtaanto.recognition.recognizer.base import Hit, Recognizer
from kohtaanto.taxonomy.model import ConceptKind, Taxonomy


class InferenceRecognizer(Recognizer):
    name = "inference"
    kinds = frozenset({ConceptKind.SKILL, ConceptKind.KNOWLEDGE, ConceptKind.COMPETENCE})

    def _build(self, taxonomy: Taxonomy) -> None:
        self.essential = {
            occupation: taxonomy.essential_skills(occupation)
            for occupation in taxonomy.occupation_skills
        }
        self.kind_of = {c.uri: c.kind for c in taxonomy}

    def infer(
        self,
        found: Sequence[Hit],
        kinds: Collection[ConceptKind] | None = None,
        known: Collection[str] = (),
    ) -> list[Hit]:
        """Essential skills of the occupations among `found`, scored by the occupation;
        never one of `found` or `known` (concepts already found in the text)."""
        wanted = self.kinds if kinds is None else self.kinds & frozenset(kinds)
        known = {hit.uri for hit in found} | set(known)
        inferred: dict[str, Hit] = {}
        for hit in found:
            for skill in self.essential.get(hit.uri, ()):
                if skill in known or self.kind_of.get(skill) not in wanted:
                    continue
                if skill not in inferred or hit.score > inferred[skill].score:
                    inferred[skill] = Hit(skill, hit.score, hit.evidence, hit.clause, hit.uri)
        return list(inferred.values())

    def _suggest(self, doc: Document, kinds: frozenset[ConceptKind]) -> list[Hit]:
        return []  # works on other recognizers' hits, see `infer`

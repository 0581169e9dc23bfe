"""The result types of recognition: suggestions with evidence spans."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from kohtaanto.taxonomy.model import ConceptKind


@dataclass(frozen=True)
class Evidence:
    """Where a suggestion was found: `text[start:end]` of the input, and the label words it
    matched."""

    start: int
    end: int
    text: str
    matched: str


@dataclass(frozen=True)
class Suggestion:
    uri: str
    label: str
    kind: ConceptKind
    score: float
    """In [0, 1]."""
    evidence: tuple[Evidence, ...]
    recognizers: tuple[str, ...]
    inferred: bool = False
    """Inferred from an occupation found in the text, not found in the text itself."""
    goal: bool = False
    """Something the person wants to learn ("haluaisin oppia hitsaamaan"), not a skill."""
    context: str = ""
    """Where it was found: "" (the person's work, studies or life) or "hobby" (only in
    what the person tells about hobbies or volunteering: "vapaa-ajalla laulan kuorossa",
    "olen urheiluseuran rahastonhoitaja"), to be kept in its own group."""

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["kind"] = str(self.kind)
        data["evidence"] = [asdict(e) for e in self.evidence]
        data["recognizers"] = list(self.recognizers)
        return data

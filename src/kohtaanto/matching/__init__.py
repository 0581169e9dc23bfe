"""Pure matching library: explainable person ↔ opportunity scores, learning paths, batch top-k.

No Django here (an import-linter contract and a test check it). NumPy/SciPy load only with the
modules that need them (`graph`, `kernel`, `batch`, `synthetic`, `dataset`).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from kohtaanto.matching.explanation import Explanation, explanation_text
from kohtaanto.matching.learning import LearningPath, learning_path
from kohtaanto.matching.model import (
    Course,
    Opportunity,
    OpportunityKind,
    Profile,
    Remote,
    SkillEvidence,
    profile_from_record,
)
from kohtaanto.matching.rules import ScoringRules, load_rules

if TYPE_CHECKING:
    from kohtaanto.matching.graph import SkillGraph
    from kohtaanto.matching.score import (
        Matcher,
        explain,
        suggest_candidates,
        suggest_for_profile,
    )

_LAZY = {
    "SkillGraph": "kohtaanto.matching.graph",
    "Matcher": "kohtaanto.matching.score",
    "explain": "kohtaanto.matching.score",
    "suggest_for_profile": "kohtaanto.matching.score",
    "suggest_candidates": "kohtaanto.matching.score",
}

__all__ = [
    "Course",
    "Explanation",
    "LearningPath",
    "Matcher",
    "Opportunity",
    "OpportunityKind",
    "Profile",
    "Remote",
    "ScoringRules",
    "SkillEvidence",
    "SkillGraph",
    "explain",
    "explanation_text",
    "learning_path",
    "load_rules",
    "profile_from_record",
    "suggest_candidates",
    "suggest_for_profile",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)

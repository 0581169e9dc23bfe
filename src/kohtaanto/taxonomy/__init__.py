"""Pure taxonomy library: concepts, labels, relations, importers and the compiled index.

No Django here (an import-linter contract enforces it).
"""

from kohtaanto.taxonomy.model import (
    Concept,
    ConceptKind,
    LabelSet,
    Relation,
    SkillRelation,
    Taxonomy,
)

__all__ = ["Concept", "ConceptKind", "LabelSet", "Relation", "SkillRelation", "Taxonomy"]

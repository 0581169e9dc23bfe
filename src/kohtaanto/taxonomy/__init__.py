"""Pure taxonomy library: concepts, labels, relations, importers and the compiled index.

No Django here (an import-linter contract enforces it). Importers load lazily, so importing this
package stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from kohtaanto.taxonomy.errors import (
    IndexFormatError,
    TaxonomyError,
    TaxonomyFormatError,
    UnknownSourceError,
)
from kohtaanto.taxonomy.model import (
    Concept,
    ConceptKind,
    LabelSet,
    Relation,
    SkillRelation,
    Taxonomy,
)

if TYPE_CHECKING:
    from kohtaanto.taxonomy.build import build_taxonomy
    from kohtaanto.taxonomy.esco_csv import load_esco
    from kohtaanto.taxonomy.index import load_index, save_index
    from kohtaanto.taxonomy.skos import load_skos

_LAZY = {
    "build_taxonomy": "kohtaanto.taxonomy.build",
    "load_esco": "kohtaanto.taxonomy.esco_csv",
    "load_skos": "kohtaanto.taxonomy.skos",
    "load_index": "kohtaanto.taxonomy.index",
    "save_index": "kohtaanto.taxonomy.index",
}

__all__ = [
    "Concept",
    "ConceptKind",
    "IndexFormatError",
    "LabelSet",
    "Relation",
    "SkillRelation",
    "Taxonomy",
    "TaxonomyError",
    "TaxonomyFormatError",
    "UnknownSourceError",
    "build_taxonomy",
    "load_esco",
    "load_index",
    "load_skos",
    "save_index",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)

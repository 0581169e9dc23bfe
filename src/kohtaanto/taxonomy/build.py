"""Build one taxonomy from several sources, dispatching on the kind of each source.

A source is the literal name `starter` (the small taxonomy shipped with Kohtaanto), a compiled
index file, a SKOS file (.ttl, .rdf, .xml, .nt, …) or ESCO CSV (a zip, a folder or a .csv).
All ESCO sources go to one `load_esco` call, so that a language package and the relations
package given separately still merge correctly.

When the starter set or ESCO is among the sources, the project's own synonym file
(`data/synonyms-kohtaanto.csv`: Swedish and everyday Finnish labels) is applied by default, and
with ESCO also the starter set's own Finnish and Swedish labels of the concepts ESCO has
(`synonyms.labels_of`) and `data/synonyms-kohtaanto-esco.csv` (labels for ESCO skills the
starter set lacks);
`project_synonyms=False` leaves them out; `synonyms` adds further synonym CSV files
(`kohtaanto.taxonomy.synonyms`). Rows naming concepts the sources do not have are reported in
`build_report(...)`'s problems, never dropped silently.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kohtaanto.taxonomy.errors import TaxonomyError, UnknownSourceError
from kohtaanto.taxonomy.model import Taxonomy

if TYPE_CHECKING:
    from kohtaanto.taxonomy.synonyms import ApplyReport

Progress = Callable[[str, int, int], None]
STARTER = "starter"


STARTER_LABEL_LANGUAGES = ("fi", "sv")
"""Languages whose starter labels are added to an ESCO build (ESCO has its English ones)."""


def load_starter() -> Taxonomy:
    """The starter taxonomy (`kohtaanto.taxonomy.starter`), imported only when asked for."""
    try:
        module = importlib.import_module("kohtaanto.taxonomy.starter")
    except ModuleNotFoundError as exc:
        if exc.name != "kohtaanto.taxonomy.starter":
            raise
        raise TaxonomyError(
            "the starter taxonomy is not available in this installation "
            "(kohtaanto.taxonomy.starter is missing)"
        ) from None
    taxonomy: Taxonomy = module.load_starter()
    return taxonomy


def _classify(source: str | Path) -> str:
    from kohtaanto.taxonomy.index import is_index
    from kohtaanto.taxonomy.skos import SKOS_SUFFIXES

    if str(source) == STARTER:
        return "starter"
    path = Path(source)
    if not path.exists():
        raise UnknownSourceError(f"{source}: no such file or folder (or use 'starter')")
    if path.is_file() and is_index(path):
        return "index"
    if path.is_dir() or path.suffix.lower() in {".zip", ".csv"}:
        return "esco"
    if path.suffix.lower() in SKOS_SUFFIXES:
        return "skos"
    raise UnknownSourceError(
        f"{source}: not a known source (an ESCO zip, folder or .csv, a SKOS file, "
        "an index file or 'starter')"
    )


def build_taxonomy(
    sources: Sequence[str | Path],
    progress: Progress | None = None,
    *,
    synonyms: Sequence[str | Path] = (),
    project_synonyms: bool = True,
) -> Taxonomy:
    """Load and merge `sources` into one taxonomy, then apply synonyms (see the module)."""
    return build_with_report(
        sources, progress, synonyms=synonyms, project_synonyms=project_synonyms
    )[0]


def build_with_report(
    sources: Sequence[str | Path],
    progress: Progress | None = None,
    *,
    synonyms: Sequence[str | Path] = (),
    project_synonyms: bool = True,
) -> tuple[Taxonomy, ApplyReport]:
    """`build_taxonomy`, also returning what the synonym files added and what they could not
    (unknown concepts, unreadable rows, each with its file and line)."""
    from kohtaanto.taxonomy import synonyms as synonym_files

    taxonomy, kinds = _build(sources, progress)
    sets = []
    if project_synonyms and kinds & {"starter", "esco"}:
        sets.append(synonym_files.project_synonyms())
    if project_synonyms and "esco" in kinds:
        if "starter" not in kinds:
            # The starter set's own Finnish and Swedish labels (written by the team for the
            # skills our users most often have) name the same ESCO concepts: ESCO without
            # the Swedish skills download still speaks Swedish for them.
            starter = load_starter()
            sets.append(synonym_files.labels_of(starter, STARTER_LABEL_LANGUAGES, taxonomy))
        sets.append(synonym_files.project_synonyms(synonym_files.PROJECT_ESCO_SYNONYMS))
    sets.extend(synonym_files.load_synonyms(path) for path in synonyms)
    report = synonym_files.apply_synonyms(taxonomy, sets)
    for synonym_set in sets:
        report.problems[:0] = [
            synonym_files.Problem(p.line, f"{synonym_set.name}: {p.message}")
            for p in synonym_set.problems
        ]
    return taxonomy, report


def _build(sources: Sequence[str | Path], progress: Progress | None) -> tuple[Taxonomy, set[str]]:
    from kohtaanto.taxonomy.esco_csv import load_esco
    from kohtaanto.taxonomy.index import load_index
    from kohtaanto.taxonomy.skos import load_skos

    if not sources:
        raise TaxonomyError("give at least one source")
    kinds = [(_classify(source), source) for source in sources]
    esco = [source for kind, source in kinds if kind == "esco"]
    result = Taxonomy()
    for position, (kind, source) in enumerate(kinds):
        if progress and kind != "esco":
            progress(str(source), position, len(kinds))
        if kind == "starter":
            result.merge(load_starter())
        elif kind == "index":
            result.merge(load_index(source))
        elif kind == "skos":
            result.merge(load_skos(source))
        elif source is esco[0]:
            result.merge(load_esco(esco, progress))
    return result, {kind for kind, _ in kinds}

"""Import a SKOS vocabulary (Turtle, RDF/XML, N-Triples, JSON-LD) with rdflib.

prefLabel/altLabel/hiddenLabel become labels per language, definition (else scopeNote) the
description, notation the code, broader/narrower the hierarchy. Every `skos:Concept` is taken,
with the same `kind`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kohtaanto.taxonomy.errors import TaxonomyError, TaxonomyFormatError
from kohtaanto.taxonomy.model import Concept, ConceptKind, LabelSet, Taxonomy

if TYPE_CHECKING:  # rdflib is imported only when a SKOS file is read
    from rdflib import Graph, URIRef

_FORMATS = {
    ".ttl": "turtle",
    ".n3": "n3",
    ".nt": "nt",
    ".rdf": "xml",
    ".xml": "xml",
    ".owl": "xml",
    ".jsonld": "json-ld",
}
SKOS_SUFFIXES = frozenset(_FORMATS)


def _parse(path: Path) -> Graph:
    from rdflib import Graph

    fmt = _FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise TaxonomyError(f"{path.name}: unknown SKOS file type (use .ttl, .rdf, .xml or .nt)")
    graph = Graph()
    try:
        graph.parse(path, format=fmt)
    except FileNotFoundError:
        raise TaxonomyError(f"{path}: no such file") from None
    except Exception as exc:  # rdflib raises many unrelated types for bad input
        reason, line, column = _locate(exc)
        raise TaxonomyFormatError(
            path.name, f"not valid {fmt}: {reason}", line=line, column=column
        ) from None
    return graph


def _locate(exc: Exception) -> tuple[str, int | None, int | None]:
    """Reason, line and column of an rdflib parse error (Turtle's BadSyntax, XML's SAX)."""
    why = getattr(exc, "_why", None)
    if why is not None:  # rdflib.plugins.parsers.notation3.BadSyntax
        text: bytes = getattr(exc, "_str", b"")
        offset: int = getattr(exc, "_i", 0)
        column = offset - (text.rfind(b"\n", 0, offset) + 1) + 1
        return str(why), int(getattr(exc, "lines", 0)) + 1, column
    get_line, get_column = (
        getattr(exc, "getLineNumber", None),
        getattr(exc, "getColumnNumber", None),
    )
    if callable(get_line) and callable(get_column):  # xml.sax.SAXParseException
        reason = str(getattr(exc, "getMessage", lambda: exc)())
        return reason, int(get_line()), int(get_column()) + 1
    return str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__, None, None


def load_skos(
    path: str | Path, kind: ConceptKind = ConceptKind.SKILL, default_language: str = "en"
) -> Taxonomy:
    """Load every skos:Concept of an RDF file as a concept of `kind`.

    Labels and notes without a language tag count as `default_language`.
    """
    from rdflib import RDF, SKOS, URIRef

    path = Path(path)
    graph = _parse(path)
    taxonomy = Taxonomy(sources=[f"SKOS {path.name}"])
    for subject in sorted(set(graph.subjects(RDF.type, SKOS.Concept)), key=str):
        if isinstance(subject, URIRef):
            taxonomy.add(_concept(graph, subject, kind, default_language))
    for parent, child in graph.subject_objects(SKOS.narrower):
        narrower = taxonomy.get(str(child))
        if narrower is not None and str(parent) not in narrower.broader:
            narrower.broader.append(str(parent))
    return taxonomy


def _concept(graph: Graph, subject: URIRef, kind: ConceptKind, default_language: str) -> Concept:
    from rdflib import SKOS, Literal

    concept = Concept(str(subject), kind)
    for predicate, attribute in (
        (SKOS.prefLabel, "preferred"),
        (SKOS.altLabel, "alternative"),
        (SKOS.hiddenLabel, "hidden"),
    ):
        for value in sorted(graph.objects(subject, predicate), key=str):
            if isinstance(value, Literal):
                lang = value.language or default_language
                _add_label(concept.labels_in(lang), attribute, str(value))
    for predicate in (SKOS.scopeNote, SKOS.definition):  # definition wins
        for value in graph.objects(subject, predicate):
            if isinstance(value, Literal):
                concept.descriptions[value.language or default_language] = str(value).strip()
    notations = sorted(str(n) for n in graph.objects(subject, SKOS.notation))
    concept.code = notations[0] if notations else None
    concept.broader = sorted(str(b) for b in graph.objects(subject, SKOS.broader))
    return concept


def _add_label(labels: LabelSet, attribute: str, text: str) -> None:
    text = text.strip()
    if not text:
        return
    if attribute == "preferred":
        labels.preferred = labels.preferred or text
    else:
        target: list[str] = getattr(labels, attribute)
        if text not in target:
            target.append(text)

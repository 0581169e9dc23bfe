"""RDF Dataset Canonicalization (RDFC-1.0, https://www.w3.org/TR/rdf-canon/) of JSON-LD.

pyld turns the JSON-LD into an RDF dataset (with the offline document loader of
`kohtaanto.badges.contexts`); the canonicalisation itself is here rather than pyld's
`URDNA2015` because RDFC-1.0 hashes and outputs *canonical* N-Quads (control characters as
`\\b`, `\\f` or `\\uXXXX`, as rdf-canonize does), which pyld's N-Quads writer does not, and because
a verifier of untrusted input needs a work limit against "poison" graphs (RDFC-1.0 § 4.4,
the same limit as rdf-canonize: at most (number of non-unique blank nodes) ** work_factor runs
of Hash N-Degree Quads). The steps follow the specification's numbering.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pyld import jsonld

from kohtaanto.badges.contexts import UnknownContextError, document_loader

RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

# A term: (kind, value, datatype, language); kind is "I" (IRI), "B" (blank node), "L" (literal).
Term = tuple[str, str, str, str]
Quad = tuple[Term, str, Term, Term | None]


class CanonicalizationError(ValueError):
    """The document cannot be canonicalised (not JSON-LD, unknown context, too much work)."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


_LITERAL_ESCAPES = {
    **{c: f"\\u{c:04X}" for c in [*range(0x20), 0x7F]},
    0x08: "\\b",
    0x09: "\\t",
    0x0A: "\\n",
    0x0C: "\\f",
    0x0D: "\\r",
    0x22: '\\"',
    0x5C: "\\\\",
}
_LITERAL_SPECIAL = re.compile(r'[\x00-\x1f\x7f"\\]')
_IRI_SPECIAL = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def _escape_literal(value: str) -> str:
    if not _LITERAL_SPECIAL.search(value):
        return value
    return _LITERAL_SPECIAL.sub(lambda m: _LITERAL_ESCAPES[ord(m.group())], value)


def _escape_iri(value: str) -> str:
    if not _IRI_SPECIAL.search(value):
        return value
    return _IRI_SPECIAL.sub(lambda m: f"\\u{ord(m.group()):04X}", value)


def _term(term: Term, label: str | None) -> str:
    kind, value, datatype, language = term
    if kind == "I":
        return f"<{_escape_iri(value)}>"
    if kind == "B":
        return f"_:{label if label is not None else value}"
    text = f'"{_escape_literal(value)}"'
    if datatype == RDF_LANGSTRING:
        return f"{text}@{language}" if language else text
    if datatype != XSD_STRING:
        return f"{text}^^<{_escape_iri(datatype)}>"
    return text


def nquad(quad: Quad, labels: Callable[[str], str | None]) -> str:
    """One canonical N-Quad; `labels` maps a blank node id to the label written for it."""
    s, p, o, g = quad
    line = f"{_term(s, labels(s[1]) if s[0] == 'B' else None)} <{_escape_iri(p)}> "
    line += _term(o, labels(o[1]) if o[0] == "B" else None)
    if g is not None:
        line += " " + _term(g, labels(g[1]) if g[0] == "B" else None)
    return line + " .\n"


class _Issuer:
    __slots__ = ("counter", "issued", "prefix")

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.counter = 0
        self.issued: dict[str, str] = {}

    def issue(self, existing: str) -> str:
        label = self.issued.get(existing)
        if label is None:
            label = f"{self.prefix}{self.counter}"
            self.counter += 1
            self.issued[existing] = label
        return label

    def copy(self) -> _Issuer:
        clone = _Issuer(self.prefix)
        clone.counter = self.counter
        clone.issued = dict(self.issued)
        return clone


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class _State:
    quads: list[Quad]
    work_factor: int
    bnode_quads: dict[str, list[Quad]] = field(default_factory=dict)
    first_degree: dict[str, str] = field(default_factory=dict)
    canonical: _Issuer = field(default_factory=lambda: _Issuer("c14n"))
    remaining: int = 0

    def hash_first_degree(self, node: str) -> str:
        """4.6 Hash First Degree Quads."""
        cached = self.first_degree.get(node)
        if cached is None:
            lines = sorted(
                nquad(q, lambda b: "a" if b == node else "z") for q in self.bnode_quads[node]
            )
            cached = self.first_degree[node] = _sha256("".join(lines))
        return cached

    def hash_related(self, related: str, quad: Quad, issuer: _Issuer, position: str) -> str:
        """4.7 Hash Related Blank Node."""
        text = position
        if position != "g":
            text += f"<{quad[1]}>"
        if related in self.canonical.issued:
            text += "_:" + self.canonical.issued[related]
        elif related in issuer.issued:
            text += "_:" + issuer.issued[related]
        else:
            text += self.hash_first_degree(related)
        return _sha256(text)

    def hash_n_degree(self, node: str, issuer: _Issuer, depth: int = 0) -> tuple[str, _Issuer]:
        """4.8 Hash N-Degree Quads."""
        if self.remaining <= 0 or depth > MAX_HASH_N_DEGREE_DEPTH:
            raise CanonicalizationError(
                "canonicalisation needs too much work (a poison graph?)", "too_complex"
            )
        self.remaining -= 1
        related_by_hash: dict[str, list[str]] = {}
        for quad in self.bnode_quads[node]:
            s, _, o, g = quad
            for term, position in ((s, "s"), (o, "o"), (g, "g")):
                if term is not None and term[0] == "B" and term[1] != node:
                    related_hash = self.hash_related(term[1], quad, issuer, position)
                    related_by_hash.setdefault(related_hash, []).append(term[1])
        data = ""
        for related_hash in sorted(related_by_hash):
            data += related_hash
            chosen_path = ""
            chosen_issuer: _Issuer | None = None
            for permutation in itertools.permutations(related_by_hash[related_hash]):
                issuer_copy = issuer.copy()
                path = ""
                recursion: list[str] = []
                skip = False
                for related in permutation:
                    if related in self.canonical.issued:
                        path += "_:" + self.canonical.issued[related]
                    else:
                        if related not in issuer_copy.issued:
                            recursion.append(related)
                        path += "_:" + issuer_copy.issue(related)
                    if chosen_path and len(path) >= len(chosen_path) and path > chosen_path:
                        skip = True
                        break
                if skip:
                    continue
                for related in recursion:
                    result_hash, result_issuer = self.hash_n_degree(related, issuer_copy, depth + 1)
                    path += "_:" + issuer_copy.issue(related)
                    path += f"<{result_hash}>"
                    issuer_copy = result_issuer
                    if chosen_path and len(path) >= len(chosen_path) and path > chosen_path:
                        skip = True
                        break
                if skip:
                    continue
                if not chosen_path or path < chosen_path:
                    chosen_path = path
                    chosen_issuer = issuer_copy
            data += chosen_path
            assert chosen_issuer is not None
            issuer = chosen_issuer
        return _sha256(data), issuer

    def run(self) -> str:
        """4.4 Canonicalization Algorithm: the canonical N-Quads document."""
        for quad in self.quads:  # 2
            s, _, o, g = quad
            for term in (s, o, g):
                if term is not None and term[0] == "B":
                    bucket = self.bnode_quads.setdefault(term[1], [])
                    if not bucket or bucket[-1] is not quad:
                        bucket.append(quad)
        by_hash: dict[str, list[str]] = {}
        for node in self.bnode_quads:  # 3
            by_hash.setdefault(self.hash_first_degree(node), []).append(node)
        non_unique: list[list[str]] = []
        for first_hash in sorted(by_hash):  # 4
            nodes = by_hash[first_hash]
            if len(nodes) == 1:
                self.canonical.issue(nodes[0])
            else:
                non_unique.append(nodes)
        self.remaining = sum(len(nodes) for nodes in non_unique) ** self.work_factor
        for nodes in non_unique:  # 5
            paths: list[tuple[str, _Issuer]] = []
            for node in nodes:
                if node in self.canonical.issued:
                    continue
                temporary = _Issuer("b")
                temporary.issue(node)
                paths.append(self.hash_n_degree(node, temporary))
            for _, issuer in sorted(paths, key=lambda result: result[0]):
                for existing in issuer.issued:  # dicts keep the order of issue
                    self.canonical.issue(existing)
        labels = self.canonical.issued
        return "".join(sorted(nquad(q, labels.get) for q in self.quads))  # 6, 7


def canonicalize_dataset(quads: list[Quad], work_factor: int = 1) -> str:
    return _State(quads, work_factor).run()


def _term_of(node: dict[str, Any]) -> Term:
    kind = node["type"]
    if kind == "IRI":
        return ("I", node["value"], "", "")
    if kind == "blank node":
        return ("B", node["value"].removeprefix("_:"), "", "")
    return ("L", node["value"], node.get("datatype") or XSD_STRING, node.get("language") or "")


class DroppedPropertyError(ValueError):
    """A property that no context defines: JSON-LD would silently drop it."""


def _refuse_dropped(expanded_property: str | None) -> None:
    raise DroppedPropertyError(f"a property no context defines: {str(expanded_property)[:100]}")


MAX_JSON_VALUES = 4000
"""Most JSON values (objects, arrays, scalars) a document may have. A badge has about 70;
pyld's work grows with the square of an array's length (8,000 strings took 15 s), so a
verifier of untrusted input refuses the bulk before JSON-LD processing starts."""
MAX_ARRAY_LENGTH = 256
MAX_JSON_DEPTH = 32
MAX_HASH_N_DEGREE_DEPTH = 64
"""Deepest recursion of Hash N-Degree Quads (a ring of identical blank nodes recurses once
per node; past this it is a poison graph, not a credential)."""


def check_size(document: object) -> None:
    """`CanonicalizationError("too_complex")` if the JSON is beyond `MAX_JSON_VALUES`,
    `MAX_ARRAY_LENGTH` or `MAX_JSON_DEPTH` (iterative: no recursion on hostile nesting)."""
    count = 0
    stack: list[tuple[object, int]] = [(document, 0)]
    while stack:
        value, depth = stack.pop()
        count += 1
        if count > MAX_JSON_VALUES or depth > MAX_JSON_DEPTH:
            raise CanonicalizationError("the document is too big to canonicalise", "too_complex")
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            if len(value) > MAX_ARRAY_LENGTH:
                raise CanonicalizationError("an array is too long to canonicalise", "too_complex")
            stack.extend((v, depth + 1) for v in value)


def to_dataset(document: dict[str, Any]) -> list[Quad]:
    """The RDF dataset of a JSON-LD document (offline contexts only).

    "Safe mode", as Digital Bazaar's verifiers use: a property that no context defines is an
    error rather than silently dropped, so nothing can be added to a signed credential
    without breaking the signature check (and a signer cannot sign what it does not cover).
    """
    check_size(document)
    processor = jsonld.JsonLdProcessor(on_property_dropped=_refuse_dropped)
    try:
        dataset = processor.to_rdf(document, {"documentLoader": document_loader})
    except DroppedPropertyError as error:
        raise CanonicalizationError(str(error), "invalid_jsonld") from error
    except jsonld.JsonLdError as error:
        cause: BaseException | None = error
        while cause is not None:
            if isinstance(cause, UnknownContextError):
                raise CanonicalizationError(str(cause), "unknown_context") from error
            if isinstance(cause, DroppedPropertyError):
                raise CanonicalizationError(str(cause), "invalid_jsonld") from error
            cause = cause.__cause__ or cause.__context__
        message = f"not valid JSON-LD: {error}"[:300]
        raise CanonicalizationError(message, "invalid_jsonld") from error
    except (TypeError, KeyError, AttributeError, IndexError, RecursionError) as error:
        # Untrusted input may trip pyld outside its own error type: still "not JSON-LD".
        raise CanonicalizationError("not valid JSON-LD", "invalid_jsonld") from error
    quads: list[Quad] = []
    for graph_name, triples in dataset.items():
        graph: Term | None = None
        if graph_name != "@default":
            graph = (
                ("B", graph_name.removeprefix("_:"), "", "")
                if graph_name.startswith("_:")
                else ("I", graph_name, "", "")
            )
        for triple in triples:
            quads.append(
                (
                    _term_of(triple["subject"]),
                    triple["predicate"]["value"],
                    _term_of(triple["object"]),
                    graph,
                )
            )
    return quads


def canonicalize(document: dict[str, Any], work_factor: int = 1) -> str:
    """RDFC-1.0 canonical N-Quads of a JSON-LD document."""
    return canonicalize_dataset(to_dataset(document), work_factor)

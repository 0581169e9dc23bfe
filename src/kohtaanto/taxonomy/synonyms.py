"""Synonyms as data: extra labels for concepts, kept in a small CSV file and applied to a taxonomy.

The format (UTF-8, RFC 4180, a header row; columns found by name, in any order)::

    # version: 2026-12-06
    label,concept_uri,lang,kind,note
    trukkikuski,http://data.europa.eu/esco/occupation/…,fi,alternative,arkikieli
    truckförare,http://data.europa.eu/esco/occupation/…,sv,,

- `label` (required): the words people use, as they write them.
- `concept_uri` (required): the concept it names (an ESCO URI, or any URI of the taxonomy).
- `lang` (required): a language code, `fi`, `sv`, `en`, … (2–3 letters, optional region).
- `kind` (optional): `alternative` (default) or `hidden` (a misspelling or a form that should
  be recognised but never shown).
- `note` (optional): why the label is there; not used by recognition.
- `version` (optional column) or a `# version: …` line before the header: the version of the
  set. Other lines starting with `#` are comments.

`parse_synonyms` never drops a row silently: every row it cannot read becomes a `Problem` with
its line number, and `apply_synonyms` reports every row whose concept the taxonomy does not
have. Both are pure functions (no I/O besides `load_synonyms`, which reads a file).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from importlib import resources
from pathlib import Path

from kohtaanto.taxonomy.csvfile import decode, iter_rows
from kohtaanto.taxonomy.errors import TaxonomyFormatError
from kohtaanto.taxonomy.model import LabelSet, Taxonomy

__all__ = [
    "PROJECT_ESCO_SYNONYMS",
    "PROJECT_SYNONYMS",
    "ApplyReport",
    "Problem",
    "SynonymKind",
    "SynonymRow",
    "SynonymSet",
    "apply_synonyms",
    "fingerprint_of",
    "labels_of",
    "load_synonyms",
    "parse_synonyms",
    "project_synonyms",
    "with_synonyms",
]

PROJECT_SYNONYMS = "synonyms-kohtaanto.csv"
"""The project's own synonym file for the starter vocabulary's concepts (package data in
`taxonomy/data/`); applied to the starter set and to ESCO."""
PROJECT_ESCO_SYNONYMS = "synonyms-kohtaanto-esco.csv"
"""The project's own labels for ESCO skills the starter set lacks; applied to ESCO only."""
MAX_LABEL_LENGTH = 200
_LANG = re.compile(r"^[a-z]{2,3}(?:-[a-z0-9]{2,8})?$")
_VERSION_LINE = re.compile(r"^#\s*version\s*[:=]\s*(?P<version>\S.*?)\s*$", re.IGNORECASE)
_REQUIRED = ("label", "concept_uri", "lang")
_ALIASES = {"concept_uri": ("concept_uri", "uri", "concepturi"), "lang": ("lang", "language")}


class SynonymKind(StrEnum):
    ALTERNATIVE = "alternative"
    HIDDEN = "hidden"


@dataclass(frozen=True, slots=True)
class SynonymRow:
    line: int
    label: str
    concept_uri: str
    lang: str
    kind: SynonymKind = SynonymKind.ALTERNATIVE
    note: str = ""


@dataclass(frozen=True, slots=True)
class Problem:
    """A row that was not used, and why (line 0: the file as a whole)."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


@dataclass(slots=True)
class SynonymSet:
    name: str
    version: str = ""
    rows: list[SynonymRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def source(self) -> str:
        """How the set is named in `Taxonomy.sources`."""
        return self.name + (f" (version {self.version})" if self.version else "")


@dataclass(slots=True)
class ApplyReport:
    added: int = 0
    """Labels added to a concept."""
    already: int = 0
    """Rows whose label the concept already had (in that language)."""
    problems: list[Problem] = field(default_factory=list)
    """Rows not applied: unknown concept URIs."""


def _clean(value: str) -> str:
    return " ".join(unicodedata.normalize("NFC", value).split())


def parse_synonyms(data: bytes | str, name: str = "synonyms.csv") -> SynonymSet:
    """Read a synonym CSV. Rows that cannot be used are listed in `problems` with their line;
    a file that is not CSV at all (bad quoting, not UTF-8, no header) raises
    `TaxonomyFormatError`."""
    text = data if isinstance(data, str) else decode(data, name)
    result = SynonymSet(name=name)
    header: dict[str, int] | None = None
    versions: dict[str, None] = {}
    seen: dict[tuple[str, str, str], int] = {}
    for line, fields in iter_rows(text, name):
        first = fields[0].strip()
        if first.startswith("#"):
            match = _VERSION_LINE.match(",".join(fields).strip())
            if match and header is None:
                result.version = match["version"].strip().strip(",").strip()
            continue
        if header is None:
            header = _header(fields, name, line)
            continue
        row = _row(fields, header, line, result.problems)
        if row is None:
            continue
        version_col = header.get("version")
        if version_col is not None and version_col < len(fields) and fields[version_col].strip():
            versions.setdefault(fields[version_col].strip(), None)
        key = (row.concept_uri, row.lang, row.label.casefold())
        if key in seen:
            result.problems.append(Problem(line, f"the same label as line {seen[key]} (used once)"))
            continue
        seen[key] = line
        result.rows.append(row)
    if header is None:
        raise TaxonomyFormatError(name, "no header row (label,concept_uri,lang[,kind][,note])")
    if versions and not result.version:
        result.version = ", ".join(versions)
    return result


def _header(fields: list[str], name: str, line: int) -> dict[str, int]:
    lookup = {value.strip().lower(): i for i, value in reversed(list(enumerate(fields)))}
    header: dict[str, int] = {}
    for column in (*_REQUIRED, "kind", "note", "version"):
        for alias in _ALIASES.get(column, (column,)):
            if alias in lookup:
                header[column] = lookup[alias]
                break
        else:
            if column in _REQUIRED:
                raise TaxonomyFormatError(
                    name, f"missing required column {column!r}", line=line, column=1
                )
    header["_width"] = len(fields)
    return header


def _row(
    fields: list[str], header: dict[str, int], line: int, problems: list[Problem]
) -> SynonymRow | None:
    if len(fields) > header["_width"]:
        problems.append(Problem(line, f"{len(fields)} fields, the header has {header['_width']}"))
        return None

    def cell(column: str) -> str:
        index = header.get(column)
        return fields[index] if index is not None and index < len(fields) else ""

    label, uri, lang = _clean(cell("label")), cell("concept_uri").strip(), cell("lang").strip()
    kind_text = cell("kind").strip().lower() or SynonymKind.ALTERNATIVE.value
    wrong = []
    if not label:
        wrong.append("empty label")
    elif len(label) > MAX_LABEL_LENGTH:
        wrong.append(f"label longer than {MAX_LABEL_LENGTH} characters")
    if not uri:
        wrong.append("empty concept_uri")
    elif any(ch.isspace() for ch in uri):
        wrong.append("concept_uri contains spaces")
    if not _LANG.match(lang.lower()):
        wrong.append(f"lang must be a language code such as fi or sv, not {lang[:20]!r}")
    if kind_text not in {k.value for k in SynonymKind}:
        wrong.append(f"kind must be 'alternative' or 'hidden', not {kind_text[:20]!r}")
    if wrong:
        problems.append(Problem(line, "; ".join(wrong)))
        return None
    note = _clean(cell("note"))
    return SynonymRow(line, label, uri, lang.lower(), SynonymKind(kind_text), note)


def apply_synonyms(taxonomy: Taxonomy, synonyms: SynonymSet | Iterable[SynonymSet]) -> ApplyReport:
    """Add each row's label to its concept (as an alternative or hidden label) in place.

    A label the concept already has in that language (any type, compared case-insensitively) is
    counted in `already`; a row whose concept the taxonomy lacks is reported in `problems`.
    The set's name and version are added to `taxonomy.sources` when any row applied."""
    sets = [synonyms] if isinstance(synonyms, SynonymSet) else list(synonyms)
    report = ApplyReport()
    for synonym_set in sets:
        used = False
        for row in synonym_set.rows:
            concept = taxonomy.get(row.concept_uri)
            if concept is None:
                report.problems.append(
                    Problem(row.line, f"{synonym_set.name}: unknown concept {row.concept_uri}")
                )
                continue
            labels = concept.labels_in(row.lang)
            if row.label.casefold() in {label.casefold() for label in labels.all()}:
                report.already += 1
                continue
            target = labels.hidden if row.kind is SynonymKind.HIDDEN else labels.alternative
            target.append(row.label)
            report.added += 1
            used = True
        if used and synonym_set.source not in taxonomy.sources:
            taxonomy.sources.append(synonym_set.source)
    return report


def with_synonyms(
    taxonomy: Taxonomy, synonyms: Iterable[SynonymSet]
) -> tuple[Taxonomy, ApplyReport]:
    """A new taxonomy with the synonyms applied, leaving `taxonomy` untouched (it may be shared
    or cached): only the concepts that get a label are copied, everything else is shared."""
    sets = list(synonyms)
    touched = {row.concept_uri for s in sets for row in s.rows} & taxonomy.concepts.keys()
    concepts = dict(taxonomy.concepts)
    for uri in touched:
        concept = concepts[uri]
        copied = replace(concept, labels={}, broader=list(concept.broader))
        copied.collections = set(concept.collections)
        copied.descriptions = dict(concept.descriptions)
        for lang, labels in concept.labels.items():
            copied.labels[lang] = LabelSet(
                labels.preferred, list(labels.alternative), list(labels.hidden)
            )
        concepts[uri] = copied
    result = Taxonomy(
        concepts=concepts,
        occupation_skills=taxonomy.occupation_skills,
        skill_relations=taxonomy.skill_relations,
        sources=list(taxonomy.sources),
    )
    return result, apply_synonyms(result, sets)


def fingerprint_of(synonyms: Iterable[SynonymSet]) -> str:
    """A short digest of the sets' rows (for cache keys)."""
    digest = hashlib.sha256()
    for synonym_set in synonyms:
        digest.update(f"{synonym_set.name}\x1f{synonym_set.version}\x1e".encode())
        for row in synonym_set.rows:
            digest.update(
                f"{row.label}\x1f{row.concept_uri}\x1f{row.lang}\x1f{row.kind}\x1e".encode()
            )
    return digest.hexdigest()[:32]


def load_synonyms(path: str | Path) -> SynonymSet:
    """Read a synonym CSV file (the set is named after the file)."""
    path = Path(path)
    return parse_synonyms(path.read_bytes(), path.name)


def project_synonyms(name: str = PROJECT_SYNONYMS) -> SynonymSet:
    """One of the project's own synonym files (Swedish and everyday Finnish labels)."""
    data = resources.files("kohtaanto.taxonomy").joinpath("data", name).read_bytes()
    return parse_synonyms(data, name)


def labels_of(
    source: Taxonomy, languages: Sequence[str], target: Taxonomy | None = None
) -> SynonymSet:
    """The labels (preferred and alternative) of `source`'s concepts in `languages` as a
    synonym set named after `source` (its first source), only for the concepts `target` has
    when given: the starter set's Finnish and Swedish labels applied to ESCO."""
    name = f"labels of {source.sources[0] if source.sources else 'a taxonomy'}"
    result = SynonymSet(name)
    for uri, concept in source.concepts.items():
        if target is not None and target.get(uri) is None:
            continue
        for lang in languages:
            label_set = concept.labels.get(lang)
            if label_set is None:
                continue
            for label in (label_set.preferred, *label_set.alternative):
                if label:
                    result.rows.append(SynonymRow(0, label, uri, lang))
    return result


def format_problems(problems: Sequence[Problem], limit: int = 20) -> list[str]:
    """Problems as lines for a console, at most `limit` of them plus a count of the rest."""
    lines = [str(problem) for problem in problems[:limit]]
    if len(problems) > limit:
        lines.append(f"… and {len(problems) - limit} more")
    return lines

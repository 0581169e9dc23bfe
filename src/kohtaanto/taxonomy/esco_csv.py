"""Import the official ESCO CSV download (v1.0.x–1.2.x), as zips, folders or single files.

Several packages merge into one taxonomy: a classification package per language plus the
language-independent relations package. The language of a file comes from its name
(`skills_fi.csv`), else from the zip name (`… - fi - csv.zip`); a `language` column wins.
Columns are looked up by name, so versions with extra or missing optional columns load alike.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path

from kohtaanto.taxonomy.csvfile import CsvTable
from kohtaanto.taxonomy.errors import TaxonomyError, TaxonomyFormatError
from kohtaanto.taxonomy.model import Concept, ConceptKind, Relation, SkillRelation, Taxonomy

Progress = Callable[[str, int, int], None]

_FILE_LANG = re.compile(r"^(?P<base>.+?)_(?P<lang>[a-z]{2,3}(?:-[a-z]{2,4})?)$", re.IGNORECASE)
_ZIP_LANG = re.compile(r"-\s+(?P<lang>[a-z]{2,3}(?:-[a-z]{2,4})?)\s+-\s+csv", re.IGNORECASE)
_VERSION = re.compile(r"v(\d+\.\d+(?:\.\d+)?)", re.IGNORECASE)

CONCEPT_FILES = {
    "skills": ConceptKind.SKILL,
    "occupations": ConceptKind.OCCUPATION,
    "iscogroups": ConceptKind.ISCO_GROUP,
    "skillgroups": ConceptKind.SKILL_GROUP,
}
CONCEPT_TYPES = {
    "occupation": ConceptKind.OCCUPATION,
    "iscogroup": ConceptKind.ISCO_GROUP,
    "skillgroup": ConceptKind.SKILL_GROUP,
    "knowledgeskillcompetence": ConceptKind.SKILL,
}
COLLECTION_ALIASES = {"ict": "digital"}
OPTIONAL_COLUMNS = {
    "alt": ("altLabels", "altLabel"),
    "hidden": ("hiddenLabels", "hiddenLabel"),
    "type": ("conceptType",),
    "skill_type": ("skillType",),
    "reuse": ("reuseLevel",),
    "code": ("code",),
    "isco": ("iscoGroup",),
    "lang": ("language",),
}
"""Columns of concept files that some versions lack: our name → names in the header."""


@dataclass(frozen=True, slots=True)
class ReadLimits:
    """Limits on what a download may unpack to, checked before and while reading: a small
    zip that declares (or turns out to hold) far more than an ESCO package is refused before
    it fills the memory. The console command sets them from the environment
    (`KOHTAANTO_TAXONOMY_MAX_MB`, `KOHTAANTO_TAXONOMY_MAX_TOTAL_MB`,
    `KOHTAANTO_ZIP_MAX_RATIO`). ESCO v1.2's biggest CSV is about 40 MB and deflates about
    5:1."""

    max_file_bytes: int = 512 * 2**20
    max_total_bytes: int = 4 * 2**30
    max_ratio: int = 100


LIMITS = ReadLimits()
"""The limits in force (`set_limits` changes them for the process)."""


def set_limits(limits: ReadLimits) -> None:
    global LIMITS
    LIMITS = limits


def _mb(size: int) -> str:
    return f"{size / 2**20:,.0f} MB"


def _too_big(name: str, what: str) -> TaxonomyFormatError:
    return TaxonomyFormatError(name, f"{what}; refused (a damaged file or a zip bomb?)")


def _check_declared(name: str, info: zipfile.ZipInfo, limits: ReadLimits) -> None:
    if info.file_size > limits.max_file_bytes:
        raise _too_big(
            name,
            f"unpacks to {_mb(info.file_size)}, over the limit of {_mb(limits.max_file_bytes)}",
        )
    if info.file_size > max(info.compress_size, 1) * limits.max_ratio and info.file_size > 2**20:
        raise _too_big(
            name,
            f"is compressed {info.file_size // max(info.compress_size, 1):,} to 1, over the "
            f"limit of {limits.max_ratio} to 1",
        )


def read_member(archive: zipfile.ZipFile, member: str, name: str) -> bytes:
    """A zip member, within `LIMITS`: its declared size and ratio are checked first, and the
    bytes are counted while they are read (a member that lies about its size stops there)."""
    limits = LIMITS
    info = archive.getinfo(member)
    _check_declared(name, info, limits)
    cap = min(limits.max_file_bytes, max(info.compress_size, 1) * limits.max_ratio, info.file_size)
    chunks: list[bytes] = []
    read = 0
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(1 << 20):
                read += len(chunk)
                if read > max(cap, 2**20):
                    raise _too_big(name, f"unpacks to more than {_mb(cap)}")
                chunks.append(chunk)
    except zipfile.BadZipFile as exc:
        raise TaxonomyFormatError(name, f"damaged zip member ({exc})") from None
    return b"".join(chunks)


class _Stage(IntEnum):
    CONCEPTS = 0
    COLLECTIONS = 1
    BROADER = 2
    RELATIONS = 3
    SKIP = 9


@dataclass(frozen=True, slots=True)
class EscoFile:
    """One CSV member of a download: where it is and what it holds."""

    name: str
    base: str
    lang: str | None
    version: str | None
    container: Path
    member: str | None

    @property
    def stage(self) -> _Stage:
        if self.base in CONCEPT_FILES:
            return _Stage.CONCEPTS
        if self.base.endswith("collection"):
            return _Stage.COLLECTIONS
        if self.base.startswith("broaderrelations"):
            return _Stage.BROADER
        if self.base in {"occupationskillrelations", "skillskillrelations"}:
            return _Stage.RELATIONS
        return _Stage.SKIP

    def declared_size(self) -> int:
        if self.member is None:
            return self.container.stat().st_size
        with zipfile.ZipFile(self.container) as archive:
            info = archive.getinfo(self.member)
            _check_declared(self.name, info, LIMITS)
            return info.file_size

    def read(self) -> bytes:
        if self.member is None:
            size = self.container.stat().st_size
            if size > LIMITS.max_file_bytes:
                raise _too_big(
                    self.name, f"is {_mb(size)}, over the limit of {_mb(LIMITS.max_file_bytes)}"
                )
            return self.container.read_bytes()
        with zipfile.ZipFile(self.container) as archive:
            return read_member(archive, self.member, self.name)


def _describe(filename: str, container: Path, member: str | None) -> EscoFile:
    stem = Path(filename).stem
    match = _FILE_LANG.match(stem)
    base, lang = (match["base"], match["lang"].lower()) if match else (stem, None)
    if lang is None:
        zip_match = _ZIP_LANG.search(container.name)
        lang = zip_match["lang"].lower() if zip_match else None
    version = _VERSION.search(str(container))
    shown = f"{container.name}/{member}" if member else container.name
    return EscoFile(shown, base.lower(), lang, version[1] if version else None, container, member)


def discover(path: str | Path) -> list[EscoFile]:
    """Every CSV file in a zip, a folder (recursively, zips included) or a single CSV."""
    path = Path(path)
    if path.is_dir():
        found: list[EscoFile] = []
        for child in sorted(path.rglob("*")):
            if child.suffix.lower() in {".csv", ".zip"} and child.is_file():
                found.extend(discover(child))
        return found
    if not path.is_file():
        raise TaxonomyError(f"{path}: no such file or folder")
    if path.suffix.lower() == ".zip":
        try:
            with zipfile.ZipFile(path) as archive:
                members = [m for m in archive.namelist() if m.lower().endswith(".csv")]
        except zipfile.BadZipFile:
            raise TaxonomyFormatError(path.name, "not a valid zip archive") from None
        return [_describe(Path(m).name, path, m) for m in sorted(members)]
    return [_describe(path.name, path, None)]


def _labels(value: str) -> list[str]:
    return [s.strip() for s in value.splitlines() if s.strip()]


def _kind(default: ConceptKind, concept_type: str, skill_type: str) -> ConceptKind:
    skill_type = skill_type.strip().lower()
    if skill_type == "knowledge":
        return ConceptKind.KNOWLEDGE
    if skill_type.startswith(("skill", "competence")):
        return ConceptKind.SKILL
    return CONCEPT_TYPES.get(concept_type.strip().lower(), default)


def _cell(fields: list[str], index: int | None) -> str:
    return fields[index].strip() if index is not None else ""


def _row_concept(
    fields: list[str],
    uri_col: int,
    pref_col: int | None,
    cols: dict[str, int | None],
    text_cols: list[int | None],
    default: ConceptKind,
    lang: str,
) -> Concept:
    """One row of a concept or collection file as a `Concept`."""
    kind = _kind(default, _cell(fields, cols["type"]), _cell(fields, cols["skill_type"]))
    code = _cell(fields, cols["code"]) or _cell(fields, cols["isco"]) or None
    concept = Concept(fields[uri_col].strip(), kind, code=code)
    concept.reuse_level = _cell(fields, cols["reuse"]) or None
    row_lang = _cell(fields, cols["lang"]).lower() or lang
    labels = concept.labels_in(row_lang)
    labels.preferred = _cell(fields, pref_col) or None
    labels.alternative = _labels(_cell(fields, cols["alt"]))
    labels.hidden = _labels(_cell(fields, cols["hidden"]))
    description = next((t for t in (_cell(fields, c) for c in text_cols) if t), "")
    if description:
        concept.descriptions[row_lang] = description
    return concept


class _Loader:
    """Reads ESCO files into one `Taxonomy`, concept files first, relations last."""

    def __init__(self) -> None:
        self.taxonomy = Taxonomy()
        self._skill_relations: set[SkillRelation] = set()
        self._stubs: set[str] = set()
        """URIs first seen in a relation file, not in a concept file."""
        self._loaded_concepts = False

    def load(self, file: EscoFile) -> None:
        table = CsvTable(file.read(), file.name)
        if file.stage in {_Stage.CONCEPTS, _Stage.COLLECTIONS}:
            collection = None
            if file.stage is _Stage.COLLECTIONS:
                stem = re.sub(r"(skills|occupations)?collection$", "", file.base)
                collection = COLLECTION_ALIASES.get(stem, stem)
            self._loaded_concepts = True
            default = CONCEPT_FILES.get(file.base, ConceptKind.SKILL)
            self._concepts(table, default, file.lang or "en", collection)
        elif file.stage is _Stage.BROADER:
            self._broader(table)
        elif file.base == "occupationskillrelations":
            self._occupation_skills(table)
        elif file.base == "skillskillrelations":
            self._skill_skill(table)

    def _concepts(
        self, table: CsvTable, default: ConceptKind, lang: str, collection: str | None
    ) -> None:
        uri_col = table.require("conceptUri", "uri")
        pref_col = table.column("preferredLabel", "preferredTerm", "prefLabel")
        if pref_col is None and collection is None:
            table.require("preferredLabel")
        cols = {name: table.column(*aliases) for name, aliases in OPTIONAL_COLUMNS.items()}
        text_cols = [table.column(c) for c in ("description", "definition", "scopeNote")]
        for line, fields in table.rows():
            if not fields[uri_col].strip():
                raise TaxonomyFormatError(
                    table.name, "empty conceptUri", line=line, column=uri_col + 1
                )
            concept = _row_concept(fields, uri_col, pref_col, cols, text_cols, default, lang)
            if collection:
                concept.collections.add(collection)
            self.taxonomy.add(concept)

    def _concept_or_stub(self, uri: str, concept_type: str) -> Concept:
        concept = self.taxonomy.get(uri)
        if concept is None:
            kind = CONCEPT_TYPES.get(concept_type.strip().lower(), ConceptKind.SKILL)
            concept = self.taxonomy.add(Concept(uri, kind))
            self._stubs.add(uri)
        return concept

    def drop_unlabelled_stubs(self) -> None:
        """Relation-only URIs that no loaded concept file describes (inconsistent releases)."""
        if self._loaded_concepts:
            for uri in self._stubs:
                if not self.taxonomy.concepts[uri].labels:
                    del self.taxonomy.concepts[uri]

    def _broader(self, table: CsvTable) -> None:
        uri_col = table.require("conceptUri")
        broader_col = table.require("broaderUri", "broaderConceptUri")
        type_col = table.column("conceptType")
        for _, fields in table.rows():
            uri, parent = fields[uri_col].strip(), fields[broader_col].strip()
            if uri and parent:
                concept = self._concept_or_stub(uri, _cell(fields, type_col))
                if parent not in concept.broader:
                    concept.broader.append(parent)

    def _relation(self, table: CsvTable, line: int, value: str, column: int) -> Relation:
        try:
            return Relation(value.strip().lower())
        except ValueError:
            raise TaxonomyFormatError(
                table.name,
                f"relationType must be 'essential' or 'optional', not {value[:40]!r}",
                line=line,
                column=column + 1,
            ) from None

    def _occupation_skills(self, table: CsvTable) -> None:
        occ_col = table.require("occupationUri")
        rel_col = table.require("relationType")
        skill_col = table.require("skillUri")
        relations = self.taxonomy.occupation_skills
        for line, fields in table.rows():
            relation = self._relation(table, line, fields[rel_col], rel_col)
            skills = relations.setdefault(fields[occ_col].strip(), {})
            skill = fields[skill_col].strip()
            if skills.get(skill) is not Relation.ESSENTIAL:
                skills[skill] = relation

    def _skill_skill(self, table: CsvTable) -> None:
        source_col = table.require("originalSkillUri")
        rel_col = table.require("relationType")
        target_col = table.require("relatedSkillUri")
        for line, fields in table.rows():
            relation = self._relation(table, line, fields[rel_col], rel_col)
            item = SkillRelation(fields[source_col].strip(), fields[target_col].strip(), relation)
            if item not in self._skill_relations:
                self._skill_relations.add(item)
                self.taxonomy.skill_relations.append(item)


def _sources(files: list[EscoFile]) -> Iterator[str]:
    for file in files:
        if file.stage is _Stage.SKIP:
            continue
        version = f" v{file.version}" if file.version else ""
        what = file.lang or "relations"
        yield f"ESCO{version} ({what})"


def load_esco(paths: Sequence[str | Path], progress: Progress | None = None) -> Taxonomy:
    """Load and merge ESCO CSV packages (zips, folders or CSV files) into one taxonomy."""
    if isinstance(paths, str | Path):
        paths = [paths]
    files = [file for path in paths for file in discover(path)]
    wanted = sorted((f for f in files if f.stage is not _Stage.SKIP), key=lambda f: f.stage)
    if not wanted:
        raise TaxonomyError("no ESCO CSV files found in " + ", ".join(str(p) for p in paths))
    total = sum(file.declared_size() for file in wanted)  # each checked; refused early
    if total > LIMITS.max_total_bytes:
        raise TaxonomyError(
            f"the ESCO files unpack to {_mb(total)}, over the limit of "
            f"{_mb(LIMITS.max_total_bytes)}; refused"
        )
    loader = _Loader()
    for done, file in enumerate(wanted):
        if progress:
            progress(file.name, done, len(wanted))
        loader.load(file)
    loader.drop_unlabelled_stubs()
    if progress:
        progress("ESCO", len(wanted), len(wanted))
    taxonomy = loader.taxonomy
    taxonomy.sources.extend(dict.fromkeys(_sources(wanted)))
    return taxonomy

"""The starter vocabulary shipped with Kohtaanto.

A small, hand-written vocabulary for the demo and for organisations that have not downloaded ESCO:
DigComp 2.2 (5 areas, 21 competences), about 375 skills and 160 occupations that are typical for
our participants, and the essential/optional links between them. Every concept carries its ESCO
v1.1.1 URI, so the starter merges cleanly with a full ESCO import later. The labels in Finnish,
Swedish and English were written by the Kohtaanto team in plain language; no ESCO descriptions or
label lists are copied. See ``data/starter/README.md``.

The data is package data (CSV, UTF-8) read with :mod:`importlib.resources`. Everything is
validated on load and any problem raises :class:`StarterDataError` listing what is wrong and where.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable

from kohtaanto.taxonomy.errors import TaxonomyError
from kohtaanto.taxonomy.model import (
    Concept,
    ConceptKind,
    LabelSet,
    Relation,
    SkillRelation,
    Taxonomy,
)

__all__ = [
    "DIGCOMP_NAMESPACE",
    "ESCO_NAMESPACE",
    "LANGUAGES",
    "STARTER_SOURCE",
    "DigCompLevel",
    "StarterDataError",
    "load_digcomp_levels",
    "load_starter",
    "starter_data_dir",
]

STARTER_SOURCE = "Kohtaanto starter vocabulary 1 (ESCO v1.1.1 URIs, DigComp 2.2)"
LANGUAGES: tuple[str, ...] = ("fi", "sv", "en")
ESCO_NAMESPACE = "http://data.europa.eu/esco/"
DIGCOMP_NAMESPACE = "https://kohtaanto.fi/vocab/digcomp/2.2/"
"""Namespace for DigComp concepts that have no ESCO counterpart (none are needed in version 1)."""

CONCEPTS_FILE = "concepts.csv"
OCCUPATION_SKILLS_FILE = "occupation_skills.csv"
SKILL_RELATIONS_FILE = "skill_relations.csv"
DIGCOMP_LEVELS_FILE = "digcomp_levels.csv"

CONCEPT_COLUMNS: tuple[str, ...] = (
    "uri",
    "kind",
    "code",
    "broader",
    "collections",
    "pref_fi",
    "pref_sv",
    "pref_en",
    "alt_fi",
    "alt_sv",
    "alt_en",
    "desc_fi",
    "desc_sv",
    "desc_en",
)
OCCUPATION_SKILL_COLUMNS: tuple[str, ...] = ("occupation_uri", "skill_uri", "relation")
SKILL_RELATION_COLUMNS: tuple[str, ...] = ("source_uri", "target_uri", "relation")
DIGCOMP_LEVEL_COLUMNS: tuple[str, ...] = (
    "level",
    "band",
    *(f"band_{lang}" for lang in LANGUAGES),
    *(f"name_{lang}" for lang in LANGUAGES),
    *(f"desc_{lang}" for lang in LANGUAGES),
)
DIGCOMP_BANDS: tuple[str, ...] = ("foundation", "intermediate", "advanced", "highly_specialised")

LIST_SEPARATOR = "|"
_MAX_REPORTED_PROBLEMS = 50


class StarterDataError(TaxonomyError):
    """The starter vocabulary files are inconsistent; `problems` lists every finding."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        shown = self.problems[:_MAX_REPORTED_PROBLEMS]
        more = len(self.problems) - len(shown)
        lines = [f"invalid starter vocabulary ({len(self.problems)} problem(s)):"]
        lines += [f"  - {problem}" for problem in shown]
        if more:
            lines.append(f"  ... and {more} more")
        super().__init__("\n".join(lines))


@dataclass(frozen=True, slots=True)
class DigCompLevel:
    """One of the eight DigComp 2.2 proficiency levels, with plain fi/sv/en texts."""

    level: int
    band: str
    """"foundation" (1–2), "intermediate" (3–4), "advanced" (5–6) or "highly_specialised" (7–8)."""
    band_names: Mapping[str, str] = field(default_factory=dict)
    names: Mapping[str, str] = field(default_factory=dict)
    descriptions: Mapping[str, str] = field(default_factory=dict)
    """A short "I can …" statement per language, for the self-assessment."""


def starter_data_dir() -> Traversable:
    """The packaged data folder (``kohtaanto/taxonomy/data/starter``)."""
    return resources.files("kohtaanto.taxonomy").joinpath("data").joinpath("starter")


def load_starter(data_dir: Traversable | None = None) -> Taxonomy:
    """Read, validate and return the starter vocabulary.

    `data_dir` defaults to the packaged data; pass another folder (any `Traversable`, e.g. a
    `pathlib.Path`) holding files of the same layout to load an edited copy.
    Raises `StarterDataError` if anything is inconsistent.
    """
    folder = data_dir if data_dir is not None else starter_data_dir()
    problems: list[str] = []

    taxonomy = Taxonomy(sources=[STARTER_SOURCE])
    broader_refs: list[tuple[str, str, str]] = []  # (where, concept, broader)
    for where, row in _read_csv(folder, CONCEPTS_FILE, CONCEPT_COLUMNS, problems):
        concept = _concept_from_row(where, row, problems)
        if concept is None:
            continue
        if concept.uri in taxonomy.concepts:
            problems.append(f"{where}: duplicate URI {concept.uri}")
            continue
        taxonomy.concepts[concept.uri] = concept
        broader_refs.extend((where, concept.uri, parent) for parent in concept.broader)

    for where, uri, parent in broader_refs:
        if parent == uri:
            problems.append(f"{where}: concept {uri} is its own broader concept")
        elif parent not in taxonomy.concepts:
            problems.append(f"{where}: broader concept {parent} of {uri} is not in the vocabulary")

    _load_occupation_skills(folder, taxonomy, problems)
    _load_skill_relations(folder, taxonomy, problems)

    if problems:
        raise StarterDataError(problems)
    return taxonomy


def load_digcomp_levels(data_dir: Traversable | None = None) -> list[DigCompLevel]:
    """The eight DigComp 2.2 proficiency levels, in order 1–8."""
    folder = data_dir if data_dir is not None else starter_data_dir()
    problems: list[str] = []
    levels: list[DigCompLevel] = []
    for where, row in _read_csv(folder, DIGCOMP_LEVELS_FILE, DIGCOMP_LEVEL_COLUMNS, problems):
        try:
            number = int(row["level"])
        except ValueError:
            problems.append(f"{where}: level {row['level']!r} is not a number")
            continue
        if row["band"] not in DIGCOMP_BANDS:
            problems.append(f"{where}: unknown band {row['band']!r}")
        texts: dict[str, dict[str, str]] = {"band": {}, "name": {}, "desc": {}}
        for prefix, values in texts.items():
            for lang in LANGUAGES:
                value = row[f"{prefix}_{lang}"]
                if not value:
                    problems.append(f"{where}: {prefix}_{lang} is empty")
                values[lang] = value
        levels.append(
            DigCompLevel(
                level=number,
                band=row["band"],
                band_names=texts["band"],
                names=texts["name"],
                descriptions=texts["desc"],
            )
        )
    numbers = [level.level for level in levels]
    if not problems and numbers != list(range(1, 9)):
        problems.append(f"{DIGCOMP_LEVELS_FILE}: expected levels 1–8 in order, got {numbers}")
    if problems:
        raise StarterDataError(problems)
    return levels


# --- reading helpers ---------------------------------------------------------------------------


def _read_csv(
    folder: Traversable, name: str, columns: tuple[str, ...], problems: list[str]
) -> Iterator[tuple[str, dict[str, str]]]:
    """Yield ("file:line", row) with every value stripped; report missing files and columns."""
    resource = folder.joinpath(name)
    if not resource.is_file():
        problems.append(f"{name}: file not found")
        return
    text = resource.read_text(encoding="utf-8-sig")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [column for column in columns if column not in (reader.fieldnames or [])]
    if missing:
        problems.append(f"{name}: missing column(s) {', '.join(missing)}")
        return
    for row in reader:
        where = f"{name}:{reader.line_num}"
        if None in row:
            problems.append(f"{where}: more values than columns")
            continue
        yield where, {key: (value or "").strip() for key, value in row.items() if key}


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(LIST_SEPARATOR) if part.strip()]


def _concept_from_row(where: str, row: dict[str, str], problems: list[str]) -> Concept | None:
    uri = row["uri"]
    if not uri:
        problems.append(f"{where}: empty URI")
        return None
    if not uri.startswith(("http://", "https://")):
        problems.append(f"{where}: URI {uri!r} is not an http(s) URI")
    try:
        kind = ConceptKind(row["kind"])
    except ValueError:
        valid = ", ".join(k.value for k in ConceptKind)
        problems.append(f"{where}: unknown kind {row['kind']!r} for {uri} (valid: {valid})")
        return None

    labels: dict[str, LabelSet] = {}
    for lang in LANGUAGES:
        preferred = row[f"pref_{lang}"]
        if not preferred:
            problems.append(f"{where}: {uri} has no preferred label in {lang!r}")
        alternative = [alt for alt in _split(row[f"alt_{lang}"]) if alt != preferred]
        labels[lang] = LabelSet(preferred=preferred or None, alternative=alternative)
    descriptions = {lang: row[f"desc_{lang}"] for lang in LANGUAGES if row[f"desc_{lang}"]}
    return Concept(
        uri=uri,
        kind=kind,
        labels=labels,
        descriptions=descriptions,
        code=row["code"] or None,
        broader=_split(row["broader"]),
        collections=set(_split(row["collections"])),
    )


def _load_occupation_skills(folder: Traversable, taxonomy: Taxonomy, problems: list[str]) -> None:
    for where, row in _read_csv(folder, OCCUPATION_SKILLS_FILE, OCCUPATION_SKILL_COLUMNS, problems):
        occupation_uri, skill_uri = row["occupation_uri"], row["skill_uri"]
        occupation = taxonomy.get(occupation_uri)
        skill = taxonomy.get(skill_uri)
        ok = True
        if occupation is None:
            problems.append(f"{where}: unknown occupation {occupation_uri}")
            ok = False
        elif occupation.kind is not ConceptKind.OCCUPATION:
            problems.append(f"{where}: {occupation_uri} is a {occupation.kind}, not an occupation")
            ok = False
        if skill is None:
            problems.append(f"{where}: unknown skill {skill_uri}")
            ok = False
        elif not skill.kind.is_skill_like:
            problems.append(f"{where}: {skill_uri} is a {skill.kind}, not a skill")
            ok = False
        try:
            relation = Relation(row["relation"])
        except ValueError:
            problems.append(f"{where}: unknown relation {row['relation']!r}")
            continue
        if not ok:
            continue
        skills = taxonomy.occupation_skills.setdefault(occupation_uri, {})
        if skill_uri in skills:
            problems.append(f"{where}: duplicate link {occupation_uri} → {skill_uri}")
            continue
        skills[skill_uri] = relation


def _load_skill_relations(folder: Traversable, taxonomy: Taxonomy, problems: list[str]) -> None:
    if not folder.joinpath(SKILL_RELATIONS_FILE).is_file():
        return  # optional file
    seen: set[SkillRelation] = set()
    for where, row in _read_csv(folder, SKILL_RELATIONS_FILE, SKILL_RELATION_COLUMNS, problems):
        source, target = row["source_uri"], row["target_uri"]
        ok = True
        for uri in (source, target):
            concept = taxonomy.get(uri)
            if concept is None:
                problems.append(f"{where}: unknown skill {uri}")
                ok = False
            elif not concept.kind.is_skill_like:
                problems.append(f"{where}: {uri} is a {concept.kind}, not a skill")
                ok = False
        try:
            relation = Relation(row["relation"])
        except ValueError:
            problems.append(f"{where}: unknown relation {row['relation']!r}")
            continue
        if not ok:
            continue
        link = SkillRelation(source=source, target=target, relation=relation)
        if link in seen:
            problems.append(f"{where}: duplicate skill relation {source} → {target}")
            continue
        seen.add(link)
        taxonomy.skill_relations.append(link)

"""The compiled index: a whole taxonomy in one file that loads in well under two seconds.

Layout: a magic line, a format-version line, then zlib-compressed JSON of plain lists in which
every URI is written once and relations refer to URIs by position. JSON (not pickle) is used on
purpose, so that an index file from an untrusted source cannot execute code when loaded.
A file of another format version is rejected with `IndexFormatError`; rebuild it.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import tempfile
import zlib
from pathlib import Path
from typing import Any

from kohtaanto.taxonomy.errors import IndexFormatError
from kohtaanto.taxonomy.model import (
    Concept,
    ConceptKind,
    LabelSet,
    Relation,
    SkillRelation,
    Taxonomy,
)

MAGIC = b"KOHTAANTO-TAXONOMY-INDEX\n"
FORMAT_VERSION = 1
_RELATIONS = (Relation.ESSENTIAL, Relation.OPTIONAL)


def _encode(taxonomy: Taxonomy) -> dict[str, Any]:
    """Plain, deterministic lists; relations refer to URIs by position in `uris`."""
    uris = list(taxonomy.concepts)
    position = {uri: i for i, uri in enumerate(uris)}

    def ref(uri: str) -> int:
        index = position.get(uri)
        if index is None:
            index = position[uri] = len(uris)
            uris.append(uri)
        return index

    concepts = [
        [
            c.kind.value,
            c.code,
            c.reuse_level,
            sorted(c.collections),
            [ref(u) for u in c.broader],
            {lang: [s.preferred, s.alternative, s.hidden] for lang, s in c.labels.items()},
            c.descriptions,
        ]
        for c in taxonomy.concepts.values()
    ]
    occupation_skills = [
        [
            ref(occupation),
            *(x for skill, rel in skills.items() for x in (ref(skill), rel is Relation.OPTIONAL)),
        ]
        for occupation, skills in taxonomy.occupation_skills.items()
    ]
    skill_relations = [
        [ref(r.source), ref(r.target), r.relation is Relation.OPTIONAL]
        for r in taxonomy.skill_relations
    ]
    return {
        "sources": taxonomy.sources,
        "uris": uris,
        "concepts": concepts,
        "occupation_skills": occupation_skills,
        "skill_relations": skill_relations,
    }


def _decode(payload: dict[str, Any]) -> Taxonomy:
    uris: list[str] = payload["uris"]
    taxonomy = Taxonomy(sources=list(payload["sources"]))
    kinds = {kind.value: kind for kind in ConceptKind}
    concepts = taxonomy.concepts
    for uri, (kind, code, reuse, collections, broader, labels, descriptions) in zip(
        uris, payload["concepts"], strict=False
    ):
        concepts[uri] = Concept(
            uri,
            kinds[kind],
            {lang: LabelSet(p, a, h) for lang, (p, a, h) in labels.items()},
            descriptions,
            code,
            [uris[i] for i in broader],
            set(collections),
            reuse,
        )
    for occupation, *flat in payload["occupation_skills"]:
        taxonomy.occupation_skills[uris[occupation]] = {
            uris[flat[i]]: _RELATIONS[flat[i + 1]] for i in range(0, len(flat), 2)
        }
    taxonomy.skill_relations = [
        SkillRelation(uris[s], uris[t], _RELATIONS[rel]) for s, t, rel in payload["skill_relations"]
    ]
    return taxonomy


def _body(taxonomy: Taxonomy) -> bytes:
    return json.dumps(_encode(taxonomy), ensure_ascii=False, separators=(",", ":")).encode()


def dumps(taxonomy: Taxonomy) -> bytes:
    """The index file's bytes (the same for taxonomies built the same way)."""
    header = MAGIC + f"format={FORMAT_VERSION}\n".encode()
    return header + zlib.compress(_body(taxonomy), 6)


def loads(data: bytes, name: str = "index") -> Taxonomy:
    """Parse index bytes; anything but a current-format index raises `IndexFormatError`."""
    if not data.startswith(MAGIC):
        raise IndexFormatError(f"{name}: not a Kohtaanto taxonomy index (build one first)")
    version_line, _, body = data[len(MAGIC) :].partition(b"\n")
    if version_line != f"format={FORMAT_VERSION}".encode():
        found = version_line.decode("ascii", errors="replace").removeprefix("format=")[:40]
        raise IndexFormatError(
            f"{name}: index format {found}, but this version reads format {FORMAT_VERSION};"
            " rebuild the index with `kohtaanto taxonomy build`"
        )
    collecting = gc.isenabled()
    gc.disable()  # ~40% faster: the load creates ~10⁶ containers and none of them is garbage
    try:
        return _decode(json.loads(zlib.decompress(body)))
    except (zlib.error, ValueError, KeyError, IndexError, TypeError) as exc:
        raise IndexFormatError(f"{name}: the index is damaged ({type(exc).__name__})") from None
    finally:
        if collecting:
            gc.enable()


def is_index(path: str | Path) -> bool:
    """Whether `path` is a file that starts like an index."""
    try:
        with open(path, "rb") as handle:
            return handle.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def save_index(taxonomy: Taxonomy, path: str | Path) -> None:
    """Write the index atomically (a temporary file, then a rename)."""
    path = Path(path)
    data = dumps(taxonomy)
    fd, tmp = tempfile.mkstemp(dir=path.parent or Path("."), prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load_index(path: str | Path) -> Taxonomy:
    """Read an index written by `save_index`."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IndexFormatError(f"{path}: cannot read ({exc.strerror})") from None
    return loads(data, path.name)


def fingerprint(taxonomy: Taxonomy) -> str:
    """A SHA-256 of the taxonomy's content, e.g. to tell whether a DB copy is current."""
    return hashlib.sha256(_body(taxonomy)).hexdigest()

"""The one taxonomy provider: recognition, matching and labels read the same loaded vocabulary.

Where the taxonomy comes from:
1. the **active vocabulary** in the database (`Vocabulary.active`; `kohtaanto taxonomy import`
   makes the imported one active), read in one query per table;
2. while none is imported, `settings.KOHTAANTO_TAXONOMY_FILE` (a compiled index);
3. while that is empty, the starter vocabulary.

Every **reviewed** synonym set of an organisation (`models.SynonymSet`, reviewed in the admin)
is applied on top as extra labels (`taxonomy.synonyms.with_synonyms`); drafts never are.

`fingerprint()` names what is loaded: the active vocabulary's id, checksum and import time, or
the SHA-256 of the file, or that of the starter set — and the reviewed synonym sets (ids,
versions, review times), so reviewing or retiring one rebuilds the engine like an import.
It is checked on every `get_taxonomy()`, `get_engine()` and `derived()` call — once per web
request, on every call elsewhere — with one query (the active vocabulary's row and the
reviewed synonym sets; plus an `os.stat` for a file; about 0.03 ms on
SQLite, 0.2 ms on PostgreSQL, against 100 ms for recognising a story with ESCO), and when it
changes the taxonomy, the engine and everything derived from them (matching's skill graph) are
rebuilt in this process: importing a vocabulary changes recognition and matching together,
without a restart. The engine's per-language indexes are
saved under `DATA_DIR/cache/engine/<fingerprint>/` and reused after a restart; only the few most
recently used fingerprint folders are kept.

Test seams: `with use_engine(engine): …` swaps in another engine (its taxonomy then also serves
`get_taxonomy()` and `derived()`); `dummy_engine()` is the deterministic `dummy` recognizer;
`reset_engine()` forgets everything loaded (after changing settings).
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
import threading
import time
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, cast

from django.conf import settings
from django.core.signals import request_finished, request_started
from django.db import connection

from kohtaanto.recognition import Engine, build_engine
from kohtaanto.taxonomy.model import (
    Concept,
    ConceptKind,
    LabelSet,
    Relation,
    SkillRelation,
    Taxonomy,
)
from kohtaanto.taxonomy.synonyms import SynonymKind, SynonymRow, SynonymSet, with_synonyms
from kohtaanto.vocabularies import models
from kohtaanto.vocabularies.enums import LabelType, SynonymSetStatus

logger = logging.getLogger(__name__)

T = TypeVar("T")
LANGUAGES = ("fi", "sv", "en")
KEEP_CACHES = 3
"""Fingerprint folders kept under `DATA_DIR/cache/engine/` (the current one included)."""
_ENGINE = ("recognition engine",)
_CACHE_NAME = re.compile(r"^(db|file|starter)-[0-9a-f]+$")

Row = tuple[int, str, object]
"""The active vocabulary's (id, checksum, imported_at as the database driver returns it)."""
_ROW = ("id", "checksum", "imported_at")
State = tuple[Row | None, tuple[Row, ...]]
"""The active vocabulary's row, and the reviewed synonym sets' (id, version, reviewed_at)."""


@dataclass
class _Loaded:
    fingerprint: str
    taxonomy: Taxonomy
    derived: dict[Hashable, Any] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


_lock = threading.Lock()
_loaded: _Loaded | None = None
_override: list[Engine] = []
_file_hashes: dict[tuple[str, int, int], str] = {}
_starter: list[tuple[str, Taxonomy]] = []


# --- where the taxonomy comes from -------------------------------------------------------


def _state() -> State:
    """The check run on every call: one query for the active vocabulary's row and the
    reviewed synonym sets' (id, version, reviewed_at). Raw SQL, because building the same
    query through the ORM costs ten times as much as running it (measured in the ADR)."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(column) for column in _ROW)
    table = quote(models.Vocabulary._meta.db_table)
    sets = quote(models.SynonymSet._meta.db_table)
    synonym_columns = ", ".join([f"0 - {quote('id')}", quote("version"), quote("reviewed_at")])
    sql = (
        f"SELECT {columns} FROM {table} WHERE {quote('active')} = %s "  # noqa: S608
        f"UNION ALL SELECT {synonym_columns} FROM {sets} WHERE {quote('status')} = %s "
        "ORDER BY 1"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [True, SynonymSetStatus.REVIEWED.value])
        found = cursor.fetchall()
    active = [(int(r[0]), str(r[1]), r[2]) for r in found if int(r[0]) > 0]
    synonyms = tuple((-int(r[0]), str(r[1]), r[2]) for r in found if int(r[0]) < 0)
    return (active[0] if active else None), synonyms


def _setting_file() -> str:
    return str(getattr(settings, "KOHTAANTO_TAXONOMY_FILE", "") or "")


def _digest(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:32]


def _file_fingerprint(path: str) -> str:
    """SHA-256 of the file's bytes, computed once per (path, mtime, size)."""
    from kohtaanto.taxonomy.errors import IndexFormatError

    try:
        stat = os.stat(path)
        key = (path, stat.st_mtime_ns, stat.st_size)
        if key not in _file_hashes:
            _file_hashes[key] = hashlib.sha256(Path(path).read_bytes()).hexdigest()[:32]
    except OSError as error:
        raise IndexFormatError(f"{path}: cannot read ({error.strerror})") from None
    return f"file-{_file_hashes[key]}"


def _starter_taxonomy() -> tuple[str, Taxonomy]:
    if not _starter:
        from kohtaanto.taxonomy import build_taxonomy
        from kohtaanto.taxonomy.index import fingerprint as content_hash

        taxonomy = build_taxonomy(["starter"])
        _starter.append((f"starter-{content_hash(taxonomy)[:32]}", taxonomy))
    return _starter[0]


def _fingerprint_of(state: State) -> str:
    row, synonyms = state
    if row is not None:
        base = f"db-{_digest(*row)}"
    else:
        path = _setting_file()
        base = _file_fingerprint(path) if path else _starter_taxonomy()[0]
    if not synonyms:
        return base
    kind, _, digest = base.partition("-")
    return f"{kind}-{_digest(digest, *synonyms)}"


def fingerprint() -> str:
    """What is (or would be) loaded now: `db-…` (the active vocabulary's id, checksum and
    import time), `file-…` (the settings file's SHA-256) or `starter-…`."""
    if _override:
        return f"engine-{id(_override[-1]):x}"
    return _fingerprint_of(_state())


def _from_file_or_starter() -> Taxonomy:
    path = _setting_file()
    if path:
        from kohtaanto.taxonomy import load_index

        return load_index(path)
    return _starter_taxonomy()[1]


def taxonomy_from_database(vocabulary_id: int) -> Taxonomy:
    """A vocabulary as a pure `Taxonomy` (labels, descriptions, collections, codes, broader
    links, occupation skills, skill relations): one `values_list` query per table, rows in
    insertion order, so that a fresh import reads back as the taxonomy that was imported."""
    vocabulary = models.Vocabulary.objects.get(pk=vocabulary_id)
    taxonomy = Taxonomy(sources=[s for s in vocabulary.version.split("; ") if s])
    concepts = taxonomy.concepts
    by_pk: dict[int, Concept] = {}
    kinds = {kind.value: kind for kind in ConceptKind}
    rows = models.Concept.objects.filter(vocabulary_id=vocabulary_id).order_by("pk")
    for pk, uri, kind, code, reuse, collections, descriptions in rows.values_list(
        "pk", "uri", "kind", "code", "reuse_level", "collections", "descriptions"
    ):
        concept = Concept(uri, kinds[kind], {}, dict(descriptions), code or None)
        concept.collections = set(collections)
        concept.reuse_level = reuse or None
        concepts[uri] = by_pk[pk] = concept
    of_vocabulary = {"concept__vocabulary_id": vocabulary_id}
    labels = models.ConceptLabel.objects.filter(**of_vocabulary).order_by("pk")
    for concept_id, lang, label_type, text in labels.values_list(
        "concept_id", "language", "label_type", "text"
    ):
        label_set = by_pk[concept_id].labels.get(lang)
        if label_set is None:
            label_set = by_pk[concept_id].labels[lang] = LabelSet()
        if label_type == LabelType.PREFERRED:
            label_set.preferred = text
        elif label_type == LabelType.ALTERNATIVE:
            label_set.alternative.append(text)
        else:
            label_set.hidden.append(text)
    broader = models.ConceptBroader.objects.filter(**of_vocabulary).order_by("pk")
    for concept_id, broader_id in broader.values_list("concept_id", "broader_id"):
        by_pk[concept_id].broader.append(by_pk[broader_id].uri)
    relations = {relation.value: relation for relation in Relation}
    links = models.OccupationSkill.objects.filter(occupation__vocabulary_id=vocabulary_id)
    for occupation_id, skill_id, relation in links.order_by("pk").values_list(
        "occupation_id", "skill_id", "relation"
    ):
        taxonomy.occupation_skills.setdefault(by_pk[occupation_id].uri, {})[by_pk[skill_id].uri] = (
            relations[relation]
        )
    pairs = models.SkillSkillRelation.objects.filter(source__vocabulary_id=vocabulary_id)
    taxonomy.skill_relations = [
        SkillRelation(by_pk[source_id].uri, by_pk[target_id].uri, relations[relation])
        for source_id, target_id, relation in pairs.order_by("pk").values_list(
            "source_id", "target_id", "relation"
        )
    ]
    return taxonomy


def reviewed_synonym_sets(ids: list[int] | None = None) -> list[SynonymSet]:
    """The reviewed synonym sets (or those of `ids`) as pure `SynonymSet`s, oldest first."""
    sets = models.SynonymSet.objects.filter(status=SynonymSetStatus.REVIEWED)
    if ids is not None:
        sets = models.SynonymSet.objects.filter(pk__in=ids)
    result: dict[int, SynonymSet] = {
        pk: SynonymSet(name=f"{name} ({organisation_id})", version=version)
        for pk, name, organisation_id, version in sets.order_by("reviewed_at", "pk").values_list(
            "pk", "name", "organisation_id", "version"
        )
    }
    rows = models.Synonym.objects.filter(synonym_set_id__in=list(result)).order_by(
        "synonym_set_id", "line"
    )
    for set_id, line, label, uri, lang, kind, note in rows.values_list(
        "synonym_set_id", "line", "label", "concept_uri", "language", "kind", "note"
    ):
        result[set_id].rows.append(SynonymRow(line, label, uri, lang, SynonymKind(kind), note))
    return list(result.values())


def _with_reviewed_synonyms(taxonomy: Taxonomy, ids: list[int]) -> Taxonomy:
    """The taxonomy with the reviewed sets' labels (a copy: the cached one stays as it is)."""
    if not ids:
        return taxonomy
    result, report = with_synonyms(taxonomy, reviewed_synonym_sets(ids))
    if report.problems:
        logger.info("synonyms: %d rows name concepts the vocabulary lacks", len(report.problems))
    return result


class _RequestMemo(threading.local):
    """Within one web request the check runs once: a page shows one taxonomy throughout, and
    per-item label lookups do not each cost a query."""

    active = False
    loaded: _Loaded | None = None


_request = _RequestMemo()


def _request_started(**kwargs: object) -> None:
    _request.active, _request.loaded = True, None


def _request_finished(**kwargs: object) -> None:
    _request.active, _request.loaded = False, None


request_started.connect(_request_started, dispatch_uid="kohtaanto.vocabularies.provider")
request_finished.connect(_request_finished, dispatch_uid="kohtaanto.vocabularies.provider")


def _current() -> _Loaded:
    """The loaded taxonomy (checked once per request, or on every call outside requests),
    reloaded first when the fingerprint has changed."""
    if _request.active and _request.loaded is not None:
        return _request.loaded
    loaded = _checked()
    if _request.active:
        _request.loaded = loaded
    return loaded


def _checked() -> _Loaded:
    global _loaded
    state = _state()
    wanted = _fingerprint_of(state)
    loaded = _loaded
    if loaded is not None and loaded.fingerprint == wanted:
        return loaded
    with _lock:
        while _loaded is None or _loaded.fingerprint != wanted:
            started = time.perf_counter()
            row = state[0]
            taxonomy = taxonomy_from_database(row[0]) if row else _from_file_or_starter()
            taxonomy = _with_reviewed_synonyms(taxonomy, [s[0] for s in state[1]])
            # An import committed while the tables were read would mix two versions: the
            # vocabulary row changes in the same transaction, so read again if it did.
            state = _state()
            if _fingerprint_of(state) != wanted:
                wanted = _fingerprint_of(state)
                continue
            _loaded = _Loaded(wanted, taxonomy)
            seconds = time.perf_counter() - started
            logger.info("taxonomy %s: %d concepts in %.2f s", wanted, len(taxonomy), seconds)
        return _loaded


def _derived(loaded: _Loaded, key: Hashable, build: Callable[[Taxonomy], T]) -> T:
    if key not in loaded.derived:
        with loaded.lock:
            if key not in loaded.derived:
                loaded.derived[key] = build(loaded.taxonomy)
    return cast(T, loaded.derived[key])


# --- the public face ---------------------------------------------------------------------


def get_taxonomy() -> Taxonomy:
    """The taxonomy in use (the swapped-in engine's, inside `use_engine`)."""
    if _override:
        return _override[-1].taxonomy
    return _current().taxonomy


def derived(key: Hashable, build: Callable[[Taxonomy], T]) -> T:
    """`build(get_taxonomy())`, kept until the fingerprint changes (e.g. the skill graph)."""
    if _override:
        return build(_override[-1].taxonomy)
    return _derived(_current(), key, build)


def engine_cache_dir(name: str) -> Path:
    """Where the engine of fingerprint `name` keeps its indexes."""
    return Path(settings.DATA_DIR) / "cache" / "engine" / name


def _prune_caches(current: Path) -> None:
    """Keep the `KEEP_CACHES` most recently used fingerprint folders (a failure only costs
    disk space; another process losing its folder only rebuilds its indexes)."""
    with suppress(OSError):
        current.mkdir(parents=True, exist_ok=True)
        os.utime(current)
        folders = [p for p in current.parent.iterdir() if _CACHE_NAME.match(p.name) and p.is_dir()]
        folders.sort(key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in folders[KEEP_CACHES:]:
            if stale != current:
                shutil.rmtree(stale, ignore_errors=True)


def _build(taxonomy: Taxonomy, name: str) -> Engine:
    cache_dir = engine_cache_dir(name)
    _prune_caches(cache_dir)
    return build_engine(taxonomy, languages=LANGUAGES, cache_dir=cache_dir)


def get_engine() -> Engine:
    """The engine over `get_taxonomy()` (or the one swapped in by `use_engine`)."""
    if _override:
        return _override[-1]
    loaded = _current()
    return _derived(loaded, _ENGINE, lambda taxonomy: _build(taxonomy, loaded.fingerprint))


# --- test seams --------------------------------------------------------------------------


@contextmanager
def use_engine(engine: Engine) -> Iterator[Engine]:
    """Use `engine` (and its taxonomy) instead of the loaded ones inside the block."""
    _override.append(engine)
    try:
        yield engine
    finally:
        _override.remove(engine)


def reset_engine() -> None:
    """Forget swapped-in engines and everything loaded (after changing settings in tests)."""
    global _loaded
    _override.clear()
    with _lock:
        _loaded = None
    _request.loaded = None
    _file_hashes.clear()


def dummy_engine(taxonomy: Taxonomy | None = None, count: int = 3) -> Engine:
    """A deterministic engine: the `dummy` recognizer suggests the first `count` skills."""
    weights = {
        "version": 1,
        "weights": {"dummy": 1.0},
        "params": {"dummy": {"count": count}},
        "threshold": 0.0,
    }
    return build_engine(taxonomy or get_taxonomy(), weights=weights)

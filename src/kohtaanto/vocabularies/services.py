"""The only write path of the vocabularies app: copy a `Taxonomy` into the database.

`import_taxonomy` compares the taxonomy with what the vocabulary holds and writes only the
difference, in bulk and in one transaction: importing the same taxonomy twice changes nothing,
importing a newer one adds, updates and removes rows, and a failure leaves the old state intact.
The imported vocabulary becomes the active one (`Vocabulary.active`), which `provider` serves
to recognition, matching and labels alike; every process notices on its next call.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from kohtaanto.taxonomy.index import fingerprint
from kohtaanto.taxonomy.model import Concept as TaxonomyConcept
from kohtaanto.taxonomy.model import Taxonomy
from kohtaanto.vocabularies.enums import LabelType
from kohtaanto.vocabularies.models import (
    Concept,
    ConceptBroader,
    ConceptLabel,
    OccupationSkill,
    SkillSkillRelation,
    Vocabulary,
)
from kohtaanto.vocabularies.text import normalise

Progress = Callable[[str, int, int], None]
Desired = dict[tuple[Any, ...], tuple[Any, ...]]
"""Rows wanted: natural key → values of the other columns."""
BATCH_SIZE = 2000
IMPORT_VERSION = "1"
"""Part of the stored checksum: bump it when this module stores rows differently."""
_CONCEPT_FIELDS = ("kind", "code", "reuse_level", "collections", "descriptions")
_STEPS = ("concepts", "labels", "broader", "occupation skills", "skill relations")


@dataclass(slots=True)
class ImportResult:
    vocabulary: str
    concepts_created: int = 0
    concepts_updated: int = 0
    concepts_deleted: int = 0
    rows_added: int = 0
    """Labels and links (broader, occupation → skill, skill ↔ skill) added."""
    rows_removed: int = 0
    """Labels and links removed (not counting those removed with their concept)."""
    activated: bool = False
    """The vocabulary became the active one (it was not before this import)."""

    @property
    def changed(self) -> bool:
        counts = (self.concepts_created, self.concepts_updated, self.concepts_deleted)
        return any(counts) or bool(self.rows_added or self.rows_removed)

    def summary(self) -> str:
        if not self.changed:
            text = f"vocabulary {self.vocabulary!r}: already up to date"
        else:
            text = (
                f"vocabulary {self.vocabulary!r}: concepts +{self.concepts_created} "
                f"~{self.concepts_updated} -{self.concepts_deleted}; "
                f"labels and links +{self.rows_added} -{self.rows_removed}"
            )
        return text + ("; now in use for recognition and matching" if self.activated else "")


def _chunks(items: list[Any], size: int = BATCH_SIZE) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _delete(model: type[models.Model], pks: list[int]) -> None:
    for chunk in _chunks(pks, 500):
        model._default_manager.filter(pk__in=chunk).delete()


def _concept_fields(concept: TaxonomyConcept) -> dict[str, Any]:
    return {
        "kind": concept.kind.value,
        "code": (concept.code or "")[:50],
        "reuse_level": (concept.reuse_level or "")[:50],
        "collections": sorted(concept.collections),
        "descriptions": dict(sorted(concept.descriptions.items())),
    }


def _sync_concepts(
    vocabulary: Vocabulary, taxonomy: Taxonomy, result: ImportResult
) -> dict[str, int]:
    """Create, update and delete concept rows; return URI → primary key."""
    existing: dict[str, tuple[int, dict[str, Any]]] = {}
    for pk, uri, *values in Concept.objects.filter(vocabulary=vocabulary).values_list(
        "pk", "uri", *_CONCEPT_FIELDS
    ):
        existing[uri] = (pk, dict(zip(_CONCEPT_FIELDS, values, strict=True)))
    stale = [pk for uri, (pk, _) in existing.items() if uri not in taxonomy.concepts]
    _delete(Concept, stale)
    created, updated = [], []
    for concept in taxonomy:
        fields = _concept_fields(concept)
        old = existing.get(concept.uri)
        if old is None:
            created.append(Concept(vocabulary=vocabulary, uri=concept.uri, **fields))
        elif old[1] != fields:
            updated.append(Concept(pk=old[0], **fields))
    Concept.objects.bulk_create(created, batch_size=BATCH_SIZE)
    Concept.objects.bulk_update(updated, list(_CONCEPT_FIELDS), batch_size=BATCH_SIZE)
    result.concepts_created, result.concepts_updated = len(created), len(updated)
    result.concepts_deleted = len(stale)
    return dict(Concept.objects.filter(vocabulary=vocabulary).values_list("uri", "pk"))


def _column(model: type[models.Model], name: str) -> str:
    field = model._meta.get_field(name.removesuffix("_id"))
    assert isinstance(field, models.Field) and field.column
    return field.column


def _insert(
    model: type[models.Model], fields: tuple[str, ...], rows: list[tuple[Any, ...]]
) -> None:
    """Multi-row INSERTs: building ORM objects was ~75 % of a full ESCO import."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(_column(model, field)) for field in fields)
    head = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES "  # noqa: S608
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    max_params = connection.features.max_query_params or 30000
    per_statement = max(1, min(1000, max_params // len(fields)))
    with connection.cursor() as cursor:
        for chunk in _chunks(rows, per_statement):
            values = ", ".join([one] * len(chunk))
            cursor.execute(head + values, [value for row in chunk for value in row])


def _sync_rows(
    model: type[models.Model],
    queryset: models.QuerySet[Any],
    keys: tuple[str, ...],
    desired: Desired,
    result: ImportResult,
    extra: tuple[str, ...] = (),
) -> None:
    """Make the rows of `queryset`, identified by `keys`, equal to `desired` (key → extra)."""
    existing: set[tuple[Any, ...]] = set()
    stale: list[int] = []
    for pk, *key in queryset.values_list("pk", *keys):
        if tuple(key) in desired and tuple(key) not in existing:
            existing.add(tuple(key))
        else:
            stale.append(pk)
    _delete(model, stale)
    new = [key + values for key, values in desired.items() if key not in existing]
    _insert(model, keys + extra, new)
    result.rows_added += len(new)
    result.rows_removed += len(stale)


def _desired_labels(taxonomy: Taxonomy, ids: dict[str, int]) -> Desired:
    desired: Desired = {}
    for concept in taxonomy:
        pk = ids[concept.uri]
        for lang, labels in concept.labels.items():
            typed: Iterable[tuple[str, str | None]] = [
                (LabelType.PREFERRED, labels.preferred),
                *((LabelType.ALTERNATIVE, text) for text in labels.alternative),
                *((LabelType.HIDDEN, text) for text in labels.hidden),
            ]
            for label_type, text in typed:
                if text:
                    desired[(pk, lang, str(label_type), text)] = (normalise(text),)
    return desired


def _desired_links(taxonomy: Taxonomy, ids: dict[str, int]) -> list[Desired]:
    """Broader, occupation → skill and skill ↔ skill links whose both ends are known."""
    broader: Desired = {
        (ids[c.uri], ids[parent]): () for c in taxonomy for parent in c.broader if parent in ids
    }
    occupation_skills: Desired = {
        (ids[occupation], ids[skill], relation.value): ()
        for occupation, skills in taxonomy.occupation_skills.items()
        if occupation in ids
        for skill, relation in skills.items()
        if skill in ids
    }
    skill_relations: Desired = {
        (ids[r.source], ids[r.target], r.relation.value): ()
        for r in taxonomy.skill_relations
        if r.source in ids and r.target in ids
    }
    return [broader, occupation_skills, skill_relations]


def _vocabulary(name: str) -> Vocabulary:
    vocabulary = Vocabulary.objects.select_for_update().filter(name=name).first()
    return vocabulary or Vocabulary.objects.create(name=name)


def checksum(taxonomy: Taxonomy) -> str:
    """What `Vocabulary.checksum` holds: the taxonomy's fingerprint and this importer's version."""
    return hashlib.sha256(f"{fingerprint(taxonomy)}:{IMPORT_VERSION}".encode()).hexdigest()


# model, its natural key, extra columns, and the lookup that limits it to one vocabulary
_TABLES: tuple[tuple[type[models.Model], tuple[str, ...], tuple[str, ...], str], ...] = (
    (ConceptLabel, ("concept_id", "language", "label_type", "text"), ("search_text",), "concept"),
    (ConceptBroader, ("concept_id", "broader_id"), (), "concept"),
    (OccupationSkill, ("occupation_id", "skill_id", "relation"), (), "occupation"),
    (SkillSkillRelation, ("source_id", "target_id", "relation"), (), "source"),
)


def import_taxonomy(
    taxonomy: Taxonomy,
    *,
    name: str,
    progress: Progress | None = None,
    force: bool = False,
    activate: bool = True,
) -> ImportResult:
    """Make vocabulary `name` equal to `taxonomy`; idempotent, atomic, bulk.

    When the stored checksum shows the same taxonomy was imported already, nothing is read or
    written; `force=True` compares every row anyway (and repairs any drift). With `activate`
    (the default) the vocabulary becomes the active one, also when nothing else changed.
    """

    def step(index: int) -> None:
        if progress:
            progress(_STEPS[index] if index < len(_STEPS) else "done", index, len(_STEPS))

    result = ImportResult(vocabulary=name)
    wanted = checksum(taxonomy)
    with transaction.atomic():
        vocabulary = _vocabulary(name)
        if vocabulary.checksum != wanted or force:
            step(0)
            ids = _sync_concepts(vocabulary, taxonomy, result)
            desired = [_desired_labels(taxonomy, ids), *_desired_links(taxonomy, ids)]
            for index, (model, keys, extra, owner) in enumerate(_TABLES, start=1):
                step(index)
                rows = model._default_manager.filter(**{f"{owner}__vocabulary": vocabulary})
                _sync_rows(model, rows, keys, desired[index - 1], result, extra)
            _finish(vocabulary, taxonomy, wanted, result)
        if activate and not vocabulary.active:
            _activate(vocabulary)
            result.activated = True
    step(len(_STEPS))
    return result


def _activate(vocabulary: Vocabulary) -> None:
    """Make `vocabulary` the one in use (the others stop being active first: at most one)."""
    Vocabulary.objects.filter(active=True).exclude(pk=vocabulary.pk).update(active=False)
    Vocabulary.objects.filter(pk=vocabulary.pk).update(active=True)
    vocabulary.active = True


def _finish(vocabulary: Vocabulary, taxonomy: Taxonomy, wanted: str, result: ImportResult) -> None:
    """Record version, checksum and count; touch `imported_at` only when something changed."""
    fields = {
        "version": "; ".join(taxonomy.sources)[:1000],
        "checksum": wanted,
        "concept_count": len(taxonomy),
    }
    if result.changed or any(getattr(vocabulary, k) != v for k, v in fields.items()):
        for key, value in fields.items():
            setattr(vocabulary, key, value)
        vocabulary.imported_at = timezone.now()
        vocabulary.save()

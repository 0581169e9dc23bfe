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
from django.utils.translation import gettext as _

from kohtaanto.core.models import Organisation
from kohtaanto.taxonomy.index import fingerprint
from kohtaanto.taxonomy.model import Concept as TaxonomyConcept
from kohtaanto.taxonomy.model import Taxonomy
from kohtaanto.vocabularies.enums import LabelType, SynonymSetStatus
from kohtaanto.vocabularies.models import (
    Concept,
    ConceptBroader,
    ConceptLabel,
    OccupationSkill,
    SkillSkillRelation,
    Synonym,
    SynonymSet,
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


# --- an organisation's own synonyms ------------------------------------------------------


def can_review_synonyms(user: Any, organisation_id: int) -> bool:
    """Superusers, and the coordinators of the set's organisation, review synonym sets."""
    from kohtaanto.core.access import is_user, roles_of
    from kohtaanto.core.enums import Role

    if not is_user(user):
        return False
    return bool(user.is_superuser) or Role.COORDINATOR in roles_of(user, organisation_id)


def import_synonym_set(
    data: bytes | str,
    *,
    organisation: Organisation,
    name: str,
    actor: Any = None,
    file_name: str = "",
    version: str = "",
) -> SynonymSet:
    """Store a synonym CSV as a **draft** set of `organisation` (nothing reaches recognition
    until it is reviewed). Rows that cannot be read, and rows whose concept the taxonomy in use
    lacks, are kept in `problems` with their line numbers. A file that is not a synonym CSV at
    all raises `ValidationFailed` (field "file"), as does one without a single usable row."""
    from kohtaanto.core.audit import log_event
    from kohtaanto.core.enums import AuditAction
    from kohtaanto.core.errors import ValidationFailed
    from kohtaanto.taxonomy.errors import TaxonomyFormatError
    from kohtaanto.taxonomy.synonyms import parse_synonyms
    from kohtaanto.vocabularies import provider

    name = " ".join(name.split())[:100]
    if not name:
        raise ValidationFailed(errors={"name": [_("Give the synonym set a name.")]})
    try:
        parsed = parse_synonyms(data, file_name or "synonyms.csv")
    except TaxonomyFormatError as error:
        raise ValidationFailed(
            errors={"file": [_("The file is not a synonym CSV: %(error)s") % {"error": error}]}
        ) from None
    if not parsed.rows:
        raise ValidationFailed(errors={"file": [_("The file has no usable rows.")]})
    known = provider.get_taxonomy().concepts
    problems = [{"line": p.line, "message": p.message} for p in parsed.problems]
    problems += [
        {"line": row.line, "message": f"unknown concept {row.concept_uri}"}
        for row in parsed.rows
        if row.concept_uri not in known
    ]
    problems.sort(key=lambda p: (int(str(p["line"])), str(p["message"])))
    with transaction.atomic():
        synonym_set = SynonymSet.objects.create(
            organisation=organisation,
            name=name,
            version=(version or parsed.version)[:100],
            file_name=file_name[:200],
            problems=problems,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        Synonym.objects.bulk_create(
            [
                Synonym(
                    synonym_set=synonym_set,
                    line=row.line,
                    label=row.label,
                    concept_uri=row.concept_uri[:500],
                    language=row.lang,
                    kind=row.kind.value,
                    note=row.note[:500],
                )
                for row in parsed.rows
            ],
            batch_size=BATCH_SIZE,
        )
        log_event(actor, AuditAction.CREATE, synonym_set)
    return synonym_set


def _require_reviewer(actor: Any, synonym_set: SynonymSet) -> None:
    from kohtaanto.core.errors import PermissionDenied

    if not can_review_synonyms(actor, synonym_set.organisation_id):
        raise PermissionDenied(_("Only a coordinator of the organisation can review synonyms."))


def review_synonym_set(synonym_set: SynonymSet, *, actor: Any) -> SynonymSet:
    """Approve a draft: from now on its labels reach recognition (the provider's fingerprint
    changes, so every process rebuilds its engine). An earlier reviewed version of the same
    name is retired."""
    from kohtaanto.core.audit import log_event
    from kohtaanto.core.enums import AuditAction
    from kohtaanto.core.errors import ValidationFailed

    _require_reviewer(actor, synonym_set)
    with transaction.atomic():
        locked = SynonymSet.objects.select_for_update().get(pk=synonym_set.pk)
        if locked.status != SynonymSetStatus.DRAFT:
            raise ValidationFailed(errors={"status": [_("Only a draft can be reviewed.")]})
        earlier = SynonymSet.objects.filter(
            organisation_id=locked.organisation_id,
            name=locked.name,
            status=SynonymSetStatus.REVIEWED,
        )
        for old in earlier:
            old.status = SynonymSetStatus.RETIRED
            old.save(update_fields=["status"])
            log_event(actor, AuditAction.CHANGE, old)
        locked.status = SynonymSetStatus.REVIEWED
        locked.reviewed_at = timezone.now()
        locked.reviewed_by = actor
        locked.save(update_fields=["status", "reviewed_at", "reviewed_by"])
        log_event(actor, AuditAction.CHANGE, locked)
    return locked


def retire_synonym_set(synonym_set: SynonymSet, *, actor: Any) -> SynonymSet:
    """Stop using a set (a draft or a reviewed one); its labels leave recognition."""
    from kohtaanto.core.audit import log_event
    from kohtaanto.core.enums import AuditAction

    _require_reviewer(actor, synonym_set)
    with transaction.atomic():
        locked = SynonymSet.objects.select_for_update().get(pk=synonym_set.pk)
        if locked.status != SynonymSetStatus.RETIRED:
            locked.status = SynonymSetStatus.RETIRED
            locked.save(update_fields=["status"])
            log_event(actor, AuditAction.CHANGE, locked)
    return locked

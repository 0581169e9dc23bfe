"""Writes of the skills profile (the only write path).

Invariants (tested with Hypothesis):
- one `ProfileItem` per participant and concept URI (a database constraint);
- recognition creates and refreshes *suggestions* only: it never changes a confirmed or a
  rejected item, and it removes only suggestions that the new story no longer gives;
- a rejected concept stays rejected on every re-run until a person adds it back by hand.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from kohtaanto.core.audit import log_event
from kohtaanto.core.enums import AuditAction
from kohtaanto.core.errors import Conflict, PermissionDenied, ValidationFailed
from kohtaanto.core.logs import log_after_commit
from kohtaanto.people.access import (
    ParticipantNotFound,
    is_self,
    participant_object,
    require_staff_writer,
    require_writer,
    writable_object,
)
from kohtaanto.people.models import Participant
from kohtaanto.profiles import adapters
from kohtaanto.profiles.enums import ChangeKind, ChangeStatus, ItemSource, ItemStatus
from kohtaanto.profiles.models import ChangeRequest, ProfileItem, RecognitionRun
from kohtaanto.recognition import Suggestion
from kohtaanto.vocabularies import provider

logger = logging.getLogger(__name__)

PROFILE_KINDS = frozenset({"skill", "knowledge", "competence", "occupation"})


@dataclass(frozen=True)
class RecognitionSummary:
    run_id: int
    suggestions: int
    new: int
    removed: int
    duration_ms: int


def _evidence(suggestion: Suggestion) -> list[dict[str, Any]]:
    return [
        {"start": e.start, "end": e.end, "text": e.text, "matched": e.matched}
        for e in suggestion.evidence
    ]


def apply_recognition(
    participant: Participant, *, by: Any, text: str, lang: str
) -> RecognitionSummary:
    """Recognise `text` and store the result as suggestions, keeping every decision."""
    require_writer(by, participant)
    started = time.perf_counter()
    suggestions = [s for s in adapters.recognise_story(text, lang) if str(s.kind) in PROFILE_KINDS]
    now = timezone.now()
    with transaction.atomic():
        existing = {
            item.uri: item
            for item in ProfileItem.objects.select_for_update().filter(participant=participant)
        }
        seen: set[str] = set()
        to_create: list[ProfileItem] = []
        to_update: list[ProfileItem] = []
        for suggestion in suggestions:
            if suggestion.uri in seen:
                continue
            seen.add(suggestion.uri)
            item = existing.get(suggestion.uri)
            if item is None:
                to_create.append(
                    ProfileItem(
                        participant=participant,
                        uri=suggestion.uri,
                        kind=str(suggestion.kind),
                        group=adapters.group_of_uri(
                            suggestion.uri, str(suggestion.kind), suggestion.context
                        ),
                        label=suggestion.label[:255],
                        status=ItemStatus.SUGGESTED,
                        source=ItemSource.INFERRED
                        if suggestion.inferred
                        else ItemSource.RECOGNISED,
                        score=suggestion.score,
                        evidence=_evidence(suggestion),
                        goal=suggestion.goal,
                        in_latest_recognition=True,
                        created=now,
                    )
                )
                continue
            # Only rows whose values change are written (with the same story, none are).
            if item.status == ItemStatus.SUGGESTED:
                fresh = (suggestion.score, _evidence(suggestion), suggestion.goal)
                label = suggestion.label[:255]
                if (item.score, item.evidence, item.goal, item.label) != (*fresh, label):
                    item.score, item.evidence, item.goal = fresh
                    item.label = label
                    to_update.append(item)
            elif not item.evidence:
                item.evidence = _evidence(suggestion)
                to_update.append(item)
        stale = [
            item.pk
            for uri, item in existing.items()
            if uri not in seen and item.status == ItemStatus.SUGGESTED and not item.implied_by
        ]
        ProfileItem.objects.filter(pk__in=stale).delete()
        mine = ProfileItem.objects.filter(participant=participant)
        mine.exclude(uri__in=seen).update(in_latest_recognition=False)
        mine.filter(uri__in=seen, in_latest_recognition=False).update(in_latest_recognition=True)
        ProfileItem.objects.bulk_create(to_create, ignore_conflicts=True)  # a concurrent run
        if to_update:
            ProfileItem.objects.bulk_update(to_update, ["score", "evidence", "goal", "label"])
        duration = int((time.perf_counter() - started) * 1000)
        run = RecognitionRun.objects.create(
            participant=participant,
            language=lang,
            story_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
            suggestions=len(seen),
            new_suggestions=len(to_create),
            duration_ms=duration,
            by=by if getattr(by, "is_authenticated", False) else None,
        )
    log_after_commit(
        logger,
        "recognition run=%s participant=%s suggestions=%s new=%s ms=%s",
        run.pk,
        participant.pk,
        len(seen),
        len(to_create),
        duration,
    )
    return RecognitionSummary(run.pk, len(seen), len(to_create), len(stale), duration)


# --- decisions ---------------------------------------------------------------------------


def _item_for(by: Any, item_id: object) -> ProfileItem:
    return writable_object(by, ProfileItem.objects.all(), item_id)


IMPLIED_SCORE = 0.5


def implied_skill_vetoes(participant: Participant) -> frozenset[str]:
    """Skills no occupation may imply for this participant: the union of the functions named
    in `settings.KOHTAANTO_IMPLIED_SKILL_VETOES` (participant → URIs). The journey's limits on
    work are one (`journeys.services.limits.implied_skill_veto`: skills that conflict with a
    recorded restriction, only with the consent); profiles sits below journeys and cannot
    read them itself, so the setting wires them in."""
    vetoed: set[str] = set()
    for path in getattr(settings, "KOHTAANTO_IMPLIED_SKILL_VETOES", ()):
        vetoed |= set(import_string(path)(participant))
    return frozenset(vetoed)


def _imply_skills(participant: Participant, occupation_uris: Iterable[str]) -> int:
    """Suggest the essential skills of confirmed occupations (source `inferred`,
    `implied_by` the occupation), except those vetoed for the person (`implied_skill_vetoes`:
    e.g. "lift heavy weights" for someone who must not lift heavy things). Existing rows,
    whatever their status, are left alone."""
    occupation_uris = list(occupation_uris)
    if not occupation_uris:
        return 0
    taxonomy = provider.get_taxonomy()
    vetoed = implied_skill_vetoes(participant)
    new: dict[str, ProfileItem] = {}
    for occupation in occupation_uris:
        for uri in taxonomy.essential_skills(occupation):
            concept = taxonomy.get(uri)
            if concept is None or uri in new or str(concept.kind) not in PROFILE_KINDS:
                continue
            if uri in vetoed:
                continue
            new[uri] = ProfileItem(
                participant=participant,
                uri=uri,
                kind=str(concept.kind),
                group=adapters.group_of(str(concept.kind), concept.collections),
                label=concept.label(participant.preferred_language)[:255],
                status=ItemStatus.SUGGESTED,
                source=ItemSource.INFERRED,
                score=IMPLIED_SCORE,
                implied_by=occupation,
            )
    if not new:
        return 0
    have = set(
        ProfileItem.objects.filter(participant=participant, uri__in=list(new)).values_list(
            "uri", flat=True
        )
    )
    created = ProfileItem.objects.bulk_create(
        [item for uri, item in new.items() if uri not in have], ignore_conflicts=True
    )
    return len(created)


def _decide(item: ProfileItem, status: str, by: Any) -> ProfileItem:
    item.status = status
    item.decided_at = timezone.now()
    item.decided_by = by if getattr(by, "is_authenticated", False) else None
    with transaction.atomic():
        item.save()
        if status == ItemStatus.CONFIRMED and item.kind == "occupation":
            _imply_skills(item.participant, [item.uri])
        log_event(by, AuditAction.CHANGE, item)
    return item


def confirm_item(by: Any, item_id: object) -> ProfileItem:
    """Confirm a suggested (or earlier rejected) item; its source stays as it was."""
    return _decide(_item_for(by, item_id), ItemStatus.CONFIRMED, by)


def reject_item(by: Any, item_id: object) -> ProfileItem:
    """Reject an item; recognition will not suggest the concept again."""
    return _decide(_item_for(by, item_id), ItemStatus.REJECTED, by)


def decide_items(
    participant: Participant,
    *,
    by: Any,
    confirm: Iterable[int] = (),
    reject: Iterable[int] = (),
) -> int:
    """Confirm and reject several items of one participant at once; returns rows changed."""
    require_writer(by, participant)
    confirm, reject = set(confirm), set(reject)
    if confirm & reject:
        raise ValidationFailed(errors={"": [_("An item cannot be both confirmed and rejected.")]})
    items = ProfileItem.objects.filter(participant=participant)
    now = timezone.now()
    actor = by if getattr(by, "is_authenticated", False) else None
    with transaction.atomic():
        changed = items.filter(pk__in=confirm).update(
            status=ItemStatus.CONFIRMED, decided_at=now, decided_by=actor, updated=now
        )
        changed += items.filter(pk__in=reject).update(
            status=ItemStatus.REJECTED, decided_at=now, decided_by=actor, updated=now
        )
        _imply_skills(
            participant,
            items.filter(pk__in=confirm, kind="occupation").values_list("uri", flat=True),
        )
        log_event(by, AuditAction.CHANGE, participant)
    return changed


def _resolve(uri: str, lang: str) -> tuple[str, str]:
    """(kind, label) of a concept of the taxonomy or of a database vocabulary."""
    found = adapters.concept(uri)
    if found is not None and str(found.kind) in PROFILE_KINDS:
        return str(found.kind), found.label(lang)
    from kohtaanto.vocabularies.models import Concept as DbConcept
    from kohtaanto.vocabularies.selectors import concept_label

    kind = DbConcept.objects.filter(uri=uri).values_list("kind", flat=True).first()
    if kind is None or kind not in PROFILE_KINDS:
        raise ValidationFailed(
            errors={"uri": [_("Choose a skill or an occupation from the list.")]}
        )
    return kind, concept_label(uri, lang) or uri


def add_item(
    participant: Participant,
    *,
    by: Any,
    uri: str,
    lang: str = "fi",
    source: str = ItemSource.MANUAL,
    replaces_uri: str = "",
    evidence: Iterable[dict[str, Any]] = (),
) -> ProfileItem:
    """Add a confirmed concept by hand (or from a work trial or badge).

    Adding a concept that is already in the profile confirms that row (a rejected concept
    is re-added this way); it never creates a second row. `evidence` entries (e.g. where a
    skill was shown in a work trial) are added to the row's evidence, each once; an item
    that was only suggested and is confirmed with evidence takes `source` as its source.
    """
    require_writer(by, participant)
    if source not in ItemSource.values:
        raise ValidationFailed(errors={"source": [_("Unknown source.")]})
    kind, label = _resolve(uri, lang)
    now = timezone.now()
    actor = by if getattr(by, "is_authenticated", False) else None
    with transaction.atomic():
        item, created = ProfileItem.objects.select_for_update().get_or_create(
            participant=participant,
            uri=uri,
            defaults={
                "kind": kind,
                "group": adapters.group_of_uri(uri, kind),
                "label": label[:255],
                "source": source,
                "status": ItemStatus.CONFIRMED,
                "decided_at": now,
                "decided_by": actor,
                "replaces_uri": replaces_uri,
            },
        )
        new_evidence = [e for e in evidence if e not in item.evidence]
        changed = bool(new_evidence)
        if not created and item.status != ItemStatus.CONFIRMED:
            if item.status == ItemStatus.REJECTED or new_evidence:  # a new decision
                item.source = source
            item.status = ItemStatus.CONFIRMED
            item.decided_at, item.decided_by = now, actor
            item.replaces_uri = replaces_uri or item.replaces_uri
            changed = True
        if new_evidence:
            item.evidence = [*item.evidence, *new_evidence]
        if changed:
            item.save()
        if item.kind == "occupation":
            _imply_skills(participant, [uri])
        log_event(by, AuditAction.CREATE if created else AuditAction.CHANGE, item)
    return item


def replace_item(by: Any, item_id: object, new_uri: str, *, lang: str = "fi") -> ProfileItem:
    """Edit a suggestion: reject it and confirm `new_uri` instead, keeping the evidence."""
    item = _item_for(by, item_id)
    if new_uri == item.uri:
        return _decide(item, ItemStatus.CONFIRMED, by)
    _resolve(new_uri, lang)
    with transaction.atomic():
        _decide(item, ItemStatus.REJECTED, by)
        new = add_item(
            item.participant,
            by=by,
            uri=new_uri,
            lang=lang,
            source=ItemSource.EDITED,
            replaces_uri=item.uri,
        )
        if not new.evidence and item.evidence:
            new.evidence = item.evidence
            new.save(update_fields=["evidence", "updated"])
    return new


# --- changes suggested by the participant ----------------------------------------------

NOTE_MAX = 500


def suggest_change(
    participant: Participant,
    *,
    by: Any,
    kind: str,
    item_id: object = None,
    uri: str = "",
    note: str = "",
    lang: str = "fi",
) -> ChangeRequest:
    """The participant suggests removing or renaming a skill of their profile, or adding one.

    Only the participant themself suggests (coaches change the profile directly); the change
    waits for a coach (`accept_change` / `decline_change`). The same pending change is not
    stored twice.
    """
    require_writer(by, participant)
    if not is_self(by, participant):
        raise PermissionDenied
    if kind not in ChangeKind.values:
        raise ValidationFailed(errors={"kind": [_("Choose what you want to change.")]})
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise ValidationFailed(
            errors={"note": [_("The note is too long. Write at most 500 characters.")]}
        )
    item = None
    if kind in (ChangeKind.REMOVE, ChangeKind.RENAME):
        try:
            pk = int(str(item_id))
        except ValueError:
            raise ParticipantNotFound from None
        item = ProfileItem.objects.filter(pk=pk, participant=participant).first()
        if item is None:
            raise ParticipantNotFound
    label = ""
    if kind in (ChangeKind.RENAME, ChangeKind.ADD):
        uri = (uri or "").strip()
        _kind, label = _resolve(uri, lang)
        if item is not None and item.uri == uri:
            raise ValidationFailed(errors={"uri": [_("Choose a different skill.")]})
    else:
        uri = ""
    pending = ChangeRequest.objects.filter(
        participant=participant, kind=kind, item=item, uri=uri, status=ChangeStatus.PENDING
    ).first()
    if pending is not None:
        if note and note != pending.note:
            pending.note = note
            pending.save(update_fields=["note"])
        return pending
    with transaction.atomic():
        change = ChangeRequest.objects.create(
            participant=participant,
            kind=kind,
            item=item,
            item_label=item.label[:255] if item else "",
            uri=uri,
            label=label[:255],
            note=note,
            created_by=by if getattr(by, "is_authenticated", False) else None,
        )
        log_event(by, AuditAction.CREATE, change)
    return change


def _change_for(by: Any, change_id: object) -> ChangeRequest:
    change = participant_object(by, ChangeRequest.objects.select_related("item"), change_id)
    require_staff_writer(by, change.participant)
    if change.status != ChangeStatus.PENDING:
        raise Conflict(_("This suggestion has already been handled."))
    return change


def _close(change: ChangeRequest, status: str, by: Any) -> ChangeRequest:
    change.status = status
    change.decided_at = timezone.now()
    change.decided_by = by if getattr(by, "is_authenticated", False) else None
    change.save(update_fields=["status", "decided_at", "decided_by"])
    log_event(by, AuditAction.CHANGE, change)
    return change


def accept_change(by: Any, change_id: object, *, lang: str = "fi") -> ChangeRequest:
    """A coach accepts a suggested change and it is applied with the profile services:
    remove → `reject_item`, rename → `replace_item`, add → `add_item` (source: by hand)."""
    change = _change_for(by, change_id)
    with transaction.atomic():
        if change.kind == ChangeKind.REMOVE:
            if change.item is not None and change.item.status != ItemStatus.REJECTED:
                reject_item(by, change.item.pk)
        elif change.kind == ChangeKind.RENAME:
            if change.item is not None:
                replace_item(by, change.item.pk, change.uri, lang=lang)
            else:
                add_item(change.participant, by=by, uri=change.uri, lang=lang)
        else:
            add_item(change.participant, by=by, uri=change.uri, lang=lang)
        return _close(change, ChangeStatus.ACCEPTED, by)


def decline_change(by: Any, change_id: object) -> ChangeRequest:
    """A coach declines a suggested change; the profile stays as it is."""
    change = _change_for(by, change_id)
    with transaction.atomic():
        return _close(change, ChangeStatus.DECLINED, by)

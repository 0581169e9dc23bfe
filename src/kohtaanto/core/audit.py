"""Writing the audit log. `log_event` is the one write path for `AuditEvent`."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models

from kohtaanto.core.enums import AuditAction
from kohtaanto.core.models import AuditEvent, Organisation

logger = logging.getLogger("kohtaanto.audit")


def _participant_id(obj: Any) -> int | None:
    if obj is None:
        return None
    if obj._meta.label == "people.Participant":
        return int(obj.pk)
    value = getattr(obj, "participant_id", None)
    return int(value) if value is not None else None


def _organisation_id(obj: Any) -> int | None:
    if obj is None:
        return None
    if isinstance(obj, Organisation):
        return int(obj.pk)
    value = getattr(obj, "organisation_id", None)
    if value is None and getattr(obj, "participant_id", None) is not None:
        participant = getattr(obj, "participant", None)
        value = getattr(participant, "organisation_id", None)
    return int(value) if value is not None else None


def log_event(
    actor: Any,
    action: AuditAction | str,
    obj: models.Model | None,
    *,
    organisation: Organisation | None = None,
) -> AuditEvent:
    """Record that `actor` did `action` to `obj`.

    The organisation defaults to the object's own (`obj.organisation_id`, or that of its
    participant). Only ids and the actor's username are stored.
    """
    action = AuditAction(action)
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    event = AuditEvent.objects.create(
        actor=actor if is_user else None,
        actor_username=actor.get_username() if is_user else "",
        organisation_id=organisation.pk if organisation is not None else _organisation_id(obj),
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        participant_id=_participant_id(obj),
    )
    logger.debug(
        "audit action=%s object=%s:%s event=%s",
        action.value,
        event.object_type,
        event.object_id,
        event.pk,
    )
    return event


SEARCH_MARK = "*"


def log_list_read(
    actor: Any,
    model: type[models.Model],
    *,
    count: int,
    filters: Mapping[str, object] | None = None,
    searches: Iterable[str] = ("q",),
    organisation: Organisation | None = None,
) -> AuditEvent:
    """Record one read of a list of `model` rows (a bulk read of personal data): ONE event per
    list read, with the filters and the number of rows, never one per row.

    Empty filters are left out. A free-text search (the names in `searches`) may hold a
    person's name, so only the fact that one was made is kept ("*")."""
    wanted = set(searches)
    kept = {
        str(name): SEARCH_MARK if name in wanted else str(value)[:100]
        for name, value in sorted((filters or {}).items())
        if value not in (None, "", [], ())
    }
    event = AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_username=actor.get_username() if getattr(actor, "is_authenticated", False) else "",
        organisation_id=organisation.pk if organisation is not None else None,
        action=AuditAction.LIST,
        object_type=model._meta.label_lower,
        details={"filters": kept, "count": int(count)},
    )
    logger.debug("audit action=list object=%s event=%s", event.object_type, event.pk)
    return event

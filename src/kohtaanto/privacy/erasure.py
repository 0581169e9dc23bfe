"""Erasing a participant (GDPR Article 17): the one write path, used by the coordinator's
page, `kohtaanto privacy erase` and the retention rule "case_files".

`plan(participant)` says what would go and what legal holds keep (counts, holds with their
reason and end day); `erase_participant(by, participant, reason=…)` does it in one
transaction:

1. the pseudonymised statistics row (`insights.pseudonymised.keep`), so reports keep their
   figures;
2. one `HeldRecord` per legal hold that applies (a funded project's participant record for
   the funder's audit), with the fields `privacy.dispositions` names;
3. the `Erasure` record (ids and counts) and an audit event (DELETE of the participant: ids
   only). The audit log's earlier entries stay: they hold ids only (hold "audit_log");
4. every row of every model about the participant (`privacy.registry`), deepest first, then
   the participant record;
5. their user account: deleted, or, when the account has other roles or cannot be deleted,
   emptied (no name, e-mail or password, inactive). Either way they can no longer log in.
   Login-attempt records under their username go too, and their username is blanked in the
   audit log entries they made.

Who: a coordinator of the participant's organisation (`by`), or the system (`by=None`: the
CLI run by the operator, the retention task)."""

from __future__ import annotations

import secrets
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.db import models, transaction
from django.db.models import Max, Model, ProtectedError
from django.utils import timezone

from kohtaanto.core.access import roles_of
from kohtaanto.core.audit import log_event
from kohtaanto.core.enums import AuditAction, Role
from kohtaanto.core.models import AuditEvent, Membership
from kohtaanto.insights import pseudonymised
from kohtaanto.insights.models import Project, ProjectEnrolment
from kohtaanto.people.access import ParticipantNotFound
from kohtaanto.people.models import Participant
from kohtaanto.privacy import auditlog, registry, rules
from kohtaanto.privacy.models import Erasure, ErasureReason, HeldRecord
from kohtaanto.privacy.rules import shift_years

ESF_HOLD = "esf_audit"
AUDIT_HOLD = "audit_log"


@dataclass(frozen=True)
class Item:
    """One kind of row of the participant: how many there are, and the hold that copies
    some of their fields before they go ("" when nothing is kept)."""

    label: str
    model: type[Model]
    count: int
    held_by: str = ""


@dataclass(frozen=True)
class HoldItem:
    hold: str
    until: date
    project: Project | None = None
    models: tuple[type[Model], ...] = ()
    rows: int = 0
    in_place: bool = False
    """Kept where they are (the audit log), not copied."""

    @property
    def reason(self) -> Any:
        return rules.holds()[self.hold].reason


@dataclass(frozen=True)
class Plan:
    participant_id: int
    organisation_id: int
    items: tuple[Item, ...]
    holds: tuple[HoldItem, ...]
    account: str
    """"delete", "empty" (the account has other roles) or "" (no account)."""
    statistics: bool = True

    @property
    def total(self) -> int:
        return sum(item.count for item in self.items)


def may_erase(user: Any, participant: Participant) -> bool:
    return Role.COORDINATOR in roles_of(user, participant.organisation_id)


def _period(organisation_id: int, rule_id: str) -> int:
    from kohtaanto.privacy.retention import periods_for

    return periods_for(organisation_id)[rule_id]


def _esf_holds(participant: Participant, today: date) -> list[tuple[Project, date]]:
    years = _period(participant.organisation_id, rules.holds()[ESF_HOLD].rule)
    found = []
    enrolments = ProjectEnrolment.objects.filter(participant=participant).select_related("project")
    for enrolment in enrolments.order_by("project_id"):
        project = enrolment.project
        if not project.funder.strip():
            continue
        # Five years from 31 December of the year the project ended (a proxy for the
        # managing authority's last payment; while it has no end, from this year).
        end_year = (project.ends or today).year
        until = date(end_year + years, 12, 31)
        if until >= today:
            found.append((project, until))
    return found


def _held_models() -> list[type[Model]]:
    return [
        apps.get_model(d.label)
        for d in registry.declared().values()
        if d.action == registry.HOLD and d.hold == ESF_HOLD
    ]


def plan(participant: Participant, *, today: date | None = None) -> Plan:
    """What erasing `participant` removes and keeps (counts, no contents)."""
    today = today or timezone.localdate()
    missing = registry.undeclared()
    if missing:
        raise ImproperlyConfigured(f"erasure does not know what to do with {missing}")
    declared = registry.declared()
    items = []
    for model in registry.with_the_record():
        label = model._meta.label
        count = _rows(model, participant.pk).count()
        disposition = declared[label]
        items.append(Item(label, model, count, disposition.hold))
    holds: list[HoldItem] = []
    held_models = tuple(m for m in _held_models() if _rows(m, participant.pk).exists())
    for project, until in _esf_holds(participant, today):
        rows = sum(_rows(m, participant.pk).count() for m in held_models)
        holds.append(HoldItem(ESF_HOLD, until, project, held_models, rows))
    audit = AuditEvent.objects.filter(participant_id=participant.pk)
    audit_rows = audit.count()
    if audit_rows:
        years = _period(participant.organisation_id, rules.holds()[AUDIT_HOLD].rule)
        latest = audit.aggregate(last=Max("timestamp"))["last"]
        until = shift_years(timezone.localdate(latest), years)
        holds.append(HoldItem(AUDIT_HOLD, until, None, (AuditEvent,), audit_rows, True))
    held_ids = {h.hold for h in holds}
    items = [
        item if item.held_by in held_ids else Item(item.label, item.model, item.count)
        for item in items
    ]
    return Plan(
        participant.pk,
        participant.organisation_id,
        tuple(items),
        tuple(holds),
        _account_fate(participant),
    )


def _rows(model: type[Model], participant_id: int) -> models.QuerySet[Any]:
    """The rows of `model` about the participant, through a plain queryset (the
    append-only logs' managers refuse to delete; erasure is the exception they allow)."""
    lookup = registry.path_to_participant(model)
    return models.QuerySet(model=model).filter(**{lookup: participant_id})


def _account_fate(participant: Participant) -> str:
    if participant.user_id is None:
        return ""
    other_roles = (
        Membership.objects.filter(user_id=participant.user_id)
        .exclude(role=Role.PARTICIPANT)
        .exists()
    )
    user = participant.user
    if other_roles or user is None or user.is_staff or user.is_superuser:
        return "empty"
    return "delete"


def _json(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _snapshot(participant: Participant, project: Project) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for disposition in registry.declared().values():
        if disposition.action != registry.HOLD or disposition.hold != ESF_HOLD:
            continue
        model = apps.get_model(disposition.label)
        rows = _rows(model, participant.pk)
        if model is ProjectEnrolment:
            rows = rows.filter(project=project)
        values = [
            {k: _json(v) for k, v in row.items()}
            for row in rows.order_by("pk").values(*disposition.fields)
        ]
        if values:
            data[disposition.label] = values
    return data


def erase_participant(
    by: Any,
    participant: Participant,
    *,
    reason: ErasureReason | str,
    today: date | None = None,
) -> Erasure:
    """Erase `participant` (see the module docstring). `by` a coordinator of the
    participant's organisation, or None for the system. Returns the `Erasure` record."""
    reason = ErasureReason(reason)
    if by is not None and not may_erase(by, participant):
        raise ParticipantNotFound
    today = today or timezone.localdate()
    with transaction.atomic():
        participant = (
            Participant.objects.select_for_update(of=("self",))
            .select_related("user")
            .get(pk=participant.pk)
        )
        the_plan = plan(participant, today=today)
        pseudonymised.keep(participant)
        erasure = Erasure.objects.create(
            organisation_id=participant.organisation_id,
            participant_ref=participant.pk,
            reason=reason,
            by=by,
            held=[
                {
                    "hold": h.hold,
                    "until": h.until.isoformat(),
                    "project": h.project.pk if h.project else None,
                    "rows": h.rows,
                }
                for h in the_plan.holds
            ],
        )
        for hold_item in the_plan.holds:
            if hold_item.in_place or hold_item.project is None:
                continue
            HeldRecord.objects.create(
                organisation_id=participant.organisation_id,
                erasure=erasure,
                hold=hold_item.hold,
                project=hold_item.project,
                until=hold_item.until,
                data=_snapshot(participant, hold_item.project),
            )
        log_event(by, AuditAction.DELETE, participant)
        removed = _delete_rows(participant)
        _retire_account(participant, the_plan.account)
        erasure.removed = removed
        erasure.save(update_fields=["removed"])
    return erasure


def _delete_rows(participant: Participant) -> dict[str, int]:
    removed: Counter[str] = Counter()
    for model in reversed(registry.with_the_record()):
        _deleted, per_model = _rows(model, participant.pk).delete()
        removed.update({label: n for label, n in per_model.items() if n})
    return dict(sorted(removed.items()))


def _retire_account(participant: Participant, fate: str) -> None:
    user = participant.user
    if user is None or not fate:
        return
    username = user.get_username()
    _forget_logins(username)
    auditlog.forget_username(user.pk)
    if fate == "delete":
        try:
            with transaction.atomic():
                user.delete()
            return
        except ProtectedError:
            pass
    _empty_account(user)


def _empty_account(user: Any) -> None:
    user_model = get_user_model()
    user.username = f"erased-{secrets.token_hex(8)}"[
        : user_model._meta.get_field("username").max_length
    ]
    for name in ("first_name", "last_name", "email"):
        if hasattr(user, name):
            setattr(user, name, "")
    user.is_active = False
    user.set_unusable_password()
    user.save()
    Membership.objects.filter(user=user, role=Role.PARTICIPANT).delete()


def _forget_logins(username: str) -> None:
    """Failed and successful login records of django-axes keep the username and address."""
    for name in ("AccessAttempt", "AccessLog", "AccessFailureLog"):
        try:
            model = apps.get_model("axes", name)
        except LookupError:
            continue
        model.objects.filter(username=username).delete()


def erase_many(
    participants: Sequence[Participant], *, reason: ErasureReason | str
) -> list[Erasure]:
    """The system erases several participants (the retention task), each in its own
    transaction."""
    return [erase_participant(None, p, reason=reason) for p in participants]

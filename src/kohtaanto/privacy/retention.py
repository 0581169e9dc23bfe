"""Retention rules enforced (the one write path for `RetentionOverride`, `RetentionRun`
and what the rules remove).

- `periods_for(organisation)`: rule id → length in the rule's unit (the organisation's own
  setting, else the default of `data/retention.json`).
- `set_period(by, organisation, rule, value)`: a coordinator sets (or, with None, resets)
  their organisation's length, within the rule's range; audited.
- `enforce(now=…, dry_run=…, trigger=…, by=…)`: applies every rule in every organisation and
  writes a `RetentionRun` with one `RetentionCount` per rule and organisation (counts only).
  A dry run counts what would go and changes nothing else.

The rules: "case_files" (participants whose service ended, and whose projects ended, more
than N years ago are erased through `erasure.erase_participant` — holds and pseudonymised
statistics included), "invitations_not_accepted", "report_files" (the made files of report
exports; the export row stays), "audit_log", "esf_audit_hold" (held records whose day has
passed) and "pseudonymised_statistics". `tasks.enforce_retention` runs it daily
(`kohtaanto privacy retention`)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from kohtaanto.core.access import roles_of
from kohtaanto.core.audit import log_event
from kohtaanto.core.enums import AuditAction, Role
from kohtaanto.core.errors import NotFound, ValidationFailed
from kohtaanto.core.models import AuditEvent, Organisation
from kohtaanto.insights import tasks as report_tasks
from kohtaanto.insights.models import (
    ExportStatus,
    ProjectEnrolment,
    PseudonymisedRecord,
    ReportExport,
)
from kohtaanto.people.models import Invitation, Participant
from kohtaanto.privacy import auditlog, rules
from kohtaanto.privacy.erasure import erase_participant
from kohtaanto.privacy.models import (
    ErasureReason,
    HeldRecord,
    RetentionCount,
    RetentionOverride,
    RetentionRun,
)

logger = logging.getLogger(__name__)


def periods_for(organisation: Organisation | int | None) -> dict[str, int]:
    values = {rule.id: rule.default for rule in rules.rules().values()}
    if organisation is None:
        return values
    org_id = organisation.pk if isinstance(organisation, Organisation) else int(organisation)
    for rule_id, value in RetentionOverride.objects.filter(organisation_id=org_id).values_list(
        "rule", "value"
    ):
        if rule_id in values:
            values[rule_id] = value
    return values


def set_period(by: Any, organisation: Organisation, rule_id: str, value: int | None) -> None:
    """Set `organisation`'s length of `rule_id` (None: back to the default). Coordinators of
    the organisation only (else `NotFound`); a value outside the rule's range is refused."""
    if Role.COORDINATOR not in roles_of(by, organisation):
        raise NotFound
    rule = rules.rules().get(rule_id)
    if rule is None:
        raise NotFound
    with transaction.atomic():
        current = RetentionOverride.objects.filter(organisation=organisation, rule=rule_id)
        if value is None or value == rule.default:
            found = current.first()
            if found is not None:
                log_event(by, AuditAction.DELETE, found, organisation=organisation)
                found.delete()
            return
        if not rule.min <= value <= rule.max:
            raise ValidationFailed(
                errors={
                    rule_id: [
                        _("Choose a length from %(min)s to %(max)s.")
                        % {"min": rule.min, "max": rule.max}
                    ]
                }
            )
        override, created = RetentionOverride.objects.update_or_create(
            organisation=organisation,
            rule=rule_id,
            defaults={"value": value, "updated_by": by},
        )
        log_event(
            by,
            AuditAction.CREATE if created else AuditAction.CHANGE,
            override,
            organisation=organisation,
        )


# --- the rules ----------------------------------------------------------------------------------


def _cutoff_day(rule_id: str, value: int, today: dt.date) -> dt.date:
    return rules.rules()[rule_id].cutoff(today, value)


def _cutoff_moment(rule_id: str, value: int, today: dt.date) -> dt.datetime:
    """The start (local midnight) of the cutoff day: older than this is over."""
    day = _cutoff_day(rule_id, value, today)
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _case_files(org: Organisation, value: int, today: dt.date) -> QuerySet[Participant]:
    cutoff = _cutoff_day("case_files", value, today)
    in_open_project = ProjectEnrolment.objects.filter(
        Q(project__ends__isnull=True) | Q(project__ends__gte=cutoff)
    ).values("participant_id")
    return (
        Participant.objects.filter(organisation=org, outcome__date__lt=cutoff)
        .exclude(pk__in=in_open_project)
        .order_by("pk")
    )


def _invitations(org: Organisation, value: int, today: dt.date) -> QuerySet[Invitation]:
    cutoff = _cutoff_moment("invitations_not_accepted", value, today)
    return Invitation.objects.filter(
        participant__organisation=org, used_at__isnull=True, expires__lt=cutoff
    )


def _report_files(org: Organisation, value: int, today: dt.date) -> QuerySet[ReportExport]:
    cutoff = _cutoff_moment("report_files", value, today)
    return ReportExport.objects.filter(
        organisation=org, status=ExportStatus.DONE, finished__lt=cutoff
    ).exclude(file_name="")


def _audit_log(org: Organisation | None, value: int, today: dt.date) -> QuerySet[AuditEvent]:
    cutoff = _cutoff_moment("audit_log", value, today)
    # retention is the one path that removes audit entries (`privacy.auditlog`)
    rows = auditlog.entries().filter(timestamp__lt=cutoff)
    return (
        rows.filter(organisation=org) if org is not None else rows.filter(organisation__isnull=True)
    )


def _held(org: Organisation, value: int, today: dt.date) -> QuerySet[HeldRecord]:
    return HeldRecord.objects.filter(organisation=org, until__lt=today)


def _statistics(org: Organisation, value: int, today: dt.date) -> QuerySet[PseudonymisedRecord]:
    cutoff = _cutoff_day("pseudonymised_statistics", value, today)
    return PseudonymisedRecord.objects.filter(organisation=org, kept_on__lt=cutoff)


def _remove_files(rows: QuerySet[ReportExport]) -> int:
    count = 0
    for export in rows:
        path = report_tasks.path_of(export)
        if path is not None:
            path.unlink(missing_ok=True)
        count += 1
    rows.update(file_name="")
    return count


def _erase_all(rows: QuerySet[Participant]) -> int:
    count = 0
    for participant in rows:
        erase_participant(None, participant, reason=ErasureReason.RETENTION)
        count += 1
    return count


def _delete(rows: QuerySet[Any]) -> int:
    deleted, _per_model = rows.delete()
    return int(_per_model.get(rows.model._meta.label, deleted))


Selector = Callable[[Any, int, dt.date], QuerySet[Any]]

RULES: dict[str, tuple[Selector, Callable[[QuerySet[Any]], int]]] = {
    # the audit log first, so the erasures' own new entries are never the ones removed
    "audit_log": (_audit_log, auditlog.delete),
    "case_files": (_case_files, _erase_all),
    "invitations_not_accepted": (_invitations, _delete),
    "report_files": (_report_files, _remove_files),
    "esf_audit_hold": (_held, _delete),
    "pseudonymised_statistics": (_statistics, _delete),
}
"""Rule id → (the rows that are over in an organisation, how to remove them)."""


def enforce(
    *,
    now: dt.datetime | None = None,
    dry_run: bool = False,
    trigger: str = "task",
    by: Any = None,
) -> RetentionRun:
    """Apply every rule in every organisation (see the module docstring)."""
    missing = set(rules.rules()) - set(RULES)
    if missing:
        raise ValueError(f"retention rules without code: {sorted(missing)}")
    now = now or timezone.now()
    today = timezone.localdate(now)
    run = RetentionRun.objects.create(started=now, dry_run=dry_run, trigger=trigger, by=by)
    counts: list[RetentionCount] = []
    for org in Organisation.objects.order_by("pk"):
        periods = periods_for(org)
        for rule_id, (select, remove) in RULES.items():
            rows = select(org, periods[rule_id], today)
            count = rows.count() if dry_run else remove(rows)
            counts.append(RetentionCount(run=run, organisation=org, rule=rule_id, count=count))
    no_org = _audit_log(None, rules.rules()["audit_log"].default, today)
    counts.append(
        RetentionCount(
            run=run,
            organisation=None,
            rule="audit_log",
            count=no_org.count() if dry_run else auditlog.delete(no_org),
        )
    )
    RetentionCount.objects.bulk_create(counts)
    run.finished = timezone.now()
    run.save(update_fields=["finished"])
    logger.info(
        "retention run=%s dry_run=%s removed=%s",
        run.pk,
        dry_run,
        sum(c.count for c in counts),
    )
    return run


def totals(run: RetentionRun, organisation: Organisation | None = None) -> dict[str, int]:
    """Rule id → count of a run, for one organisation or all of them."""
    rows = run.counts.all()
    if organisation is not None:
        rows = rows.filter(organisation=organisation)
    found = dict.fromkeys(RULES, 0)
    for rule_id, count in rows.values_list("rule", "count"):
        found[rule_id] = found.get(rule_id, 0) + count
    return found


def runs_visible_to(user: Any, organisation: Organisation | None) -> QuerySet[RetentionRun]:
    """Retention runs for the organisation's coordinators (their own counts only)."""
    if organisation is None or Role.COORDINATOR not in roles_of(user, organisation):
        return RetentionRun.objects.none()
    return RetentionRun.objects.filter(Q(counts__organisation=organisation)).distinct()

"""Retention rules enforced (the one write path for `RetentionOverride`, `RetentionRun`
and what the rules remove).

- `periods_for(organisation)`: rule id → length in the rule's unit (the organisation's own
  setting, else the default of `data/retention.json`; a system-wide rule always its default).
- `set_period(by, organisation, rule, value)`: a coordinator sets (or, with None, resets)
  their organisation's length, within the rule's range; audited. System-wide rules are not
  theirs to set.
- `enforce(now=…, dry_run=…, trigger=…, by=…)`: applies every rule of an organisation in
  every organisation, then the rows of no organisation (`Enforcer.unowned`) and the
  system-wide rules with their default, and writes a `RetentionRun` with one `RetentionCount`
  per rule and organisation (organisation None for the rest; counts only). A dry run counts
  what would go and changes nothing else.

The rules: "case_files" (participants whose service ended, and whose projects ended, more
than N years ago are erased through `erasure.erase_participant` — holds and pseudonymised
statistics included), "invitations_not_accepted", "invitations_used", "login_links" (used or
expired; links of an account with no participant record go with the default),
"import_uploads" (the uploaded file and row report of finished or failed import runs, and
uploads in the data folder that no run names), "report_files" (the made files of report
exports; the export row stays), "audit_log", "esf_audit_hold" (held records whose day has
passed), "pseudonymised_statistics", and the system-wide "login_attempts" (django-axes) and
"sessions" (expired sessions, as `clearsessions`). `tasks.enforce_retention` runs it daily
(`kohtaanto privacy retention`)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from django.apps import apps
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Q, QuerySet
from django.db.models.functions import Coalesce
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
from kohtaanto.opportunities import tasks as import_tasks
from kohtaanto.opportunities.models import ImportJob
from kohtaanto.people.models import Invitation, LoginLink, Participant
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
    found = rules.rules()
    values = {rule.id: rule.default for rule in found.values()}
    if organisation is None:
        return values
    org_id = organisation.pk if isinstance(organisation, Organisation) else int(organisation)
    for rule_id, value in RetentionOverride.objects.filter(organisation_id=org_id).values_list(
        "rule", "value"
    ):
        if rule_id in values and not found[rule_id].system_wide:
            values[rule_id] = value
    return values


def set_period(by: Any, organisation: Organisation, rule_id: str, value: int | None) -> None:
    """Set `organisation`'s length of `rule_id` (None: back to the default). Coordinators of
    the organisation only (else `NotFound`); a value outside the rule's range is refused."""
    if Role.COORDINATOR not in roles_of(by, organisation):
        raise NotFound
    rule = rules.rules().get(rule_id)
    if rule is None or rule.system_wide:  # the same for the whole service: not theirs to set
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


def _invitations_used(org: Organisation, value: int, today: dt.date) -> QuerySet[Invitation]:
    cutoff = _cutoff_moment("invitations_used", value, today)
    return Invitation.objects.filter(participant__organisation=org, used_at__lt=cutoff)


def _login_links(org: Organisation | None, value: int, today: dt.date) -> QuerySet[LoginLink]:
    """Links used or expired before the cutoff; those of an account with no participant
    record (emptied by an erasure, or never one) belong to no organisation."""
    cutoff = _cutoff_moment("login_links", value, today)
    rows = LoginLink.objects.filter(Q(used_at__lt=cutoff) | Q(expires__lt=cutoff))
    if org is None:
        return rows.filter(user__participant_record__isnull=True)
    return rows.filter(user__participant_record__organisation=org)


def _import_runs(org: Organisation, value: int, today: dt.date) -> QuerySet[ImportJob]:
    """Finished or failed import runs that still have their upload or row report."""
    cutoff = _cutoff_moment("import_uploads", value, today)
    return (
        ImportJob.objects.filter(
            organisation=org, status__in=[ImportJob.Status.DONE, ImportJob.Status.FAILED]
        )
        .annotate(ended=Coalesce("finished_at", "created"))
        .filter(ended__lt=cutoff)
        .filter(~Q(upload="") | Q(report__isnull=False))
        .order_by("pk")
    )


def _stray_uploads(org: None, value: int, today: dt.date) -> list[Path]:
    """Uploads in the data folder that no import run names (a checked file never imported),
    last written before the cutoff."""
    cutoff = _cutoff_moment("import_uploads", value, today).timestamp()
    named = set(ImportJob.objects.exclude(upload="").values_list("upload", flat=True))
    found = []
    for path in sorted(import_tasks.folder().glob("*.upload")):
        try:
            if path.name not in named and path.stat().st_mtime < cutoff:
                found.append(path)
        except OSError:  # removed meanwhile
            continue
    return found


def _login_attempts(org: None, value: int, today: dt.date) -> list[QuerySet[Any]]:
    """django-axes' failed attempts (lockout counters), failure log and login log."""
    cutoff = _cutoff_moment("login_attempts", value, today)
    found = []
    for name in ("AccessAttempt", "AccessFailureLog", "AccessLog"):
        try:
            model = apps.get_model("axes", name)
        except LookupError:
            continue
        found.append(model.objects.filter(attempt_time__lt=cutoff))
    return found


def _sessions(org: None, value: int, today: dt.date) -> QuerySet[Session]:
    """Sessions of the database backend that expired before the cutoff (`clearsessions`)."""
    return Session.objects.filter(expire_date__lt=_cutoff_moment("sessions", value, today))


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


def _remove_uploads(rows: QuerySet[ImportJob]) -> int:
    """Remove each run's upload from the data folder and empty its report (the run's row, with
    its counts, stays until the import's own housekeeping forgets it)."""
    done = []
    for job in rows:
        if job.upload:
            (import_tasks.folder() / job.upload).unlink(missing_ok=True)
        done.append(job.pk)
    ImportJob.objects.filter(pk__in=done).update(upload="", report=None)
    return len(done)


def _unlink(paths: Sequence[Path]) -> int:
    for path in paths:
        path.unlink(missing_ok=True)
    return len(paths)


def _delete_each(querysets: Sequence[QuerySet[Any]]) -> int:
    return sum(_delete(rows) for rows in querysets)


def _count_each(querysets: Sequence[QuerySet[Any]]) -> int:
    return sum(rows.count() for rows in querysets)


def _erase_all(rows: QuerySet[Participant]) -> int:
    count = 0
    for participant in rows:
        erase_participant(None, participant, reason=ErasureReason.RETENTION)
        count += 1
    return count


def _delete(rows: QuerySet[Any]) -> int:
    deleted, _per_model = rows.delete()
    return int(_per_model.get(rows.model._meta.label, deleted))


Selector = Callable[[Any, int, dt.date], Any]


def _count(rows: QuerySet[Any]) -> int:
    return rows.count()


class Enforcer(NamedTuple):
    """How a rule finds what is over and removes it."""

    select: Selector
    """(organisation, length, today) → what is over in the organisation (None: of no
    organisation, or the whole service for a system-wide rule)."""
    remove: Callable[[Any], int]
    count: Callable[[Any], int] = _count
    """How many a dry run reports."""
    unowned: bool = False
    """A rule of an organisation that also finds rows of no organisation (with its default)."""


RULES: dict[str, Enforcer] = {
    # the audit log first, so the erasures' own new entries are never the ones removed
    "audit_log": Enforcer(_audit_log, auditlog.delete, unowned=True),
    "case_files": Enforcer(_case_files, _erase_all),
    "invitations_not_accepted": Enforcer(_invitations, _delete),
    "invitations_used": Enforcer(_invitations_used, _delete),
    "login_links": Enforcer(_login_links, _delete, unowned=True),
    "import_uploads": Enforcer(_import_runs, _remove_uploads, unowned=True),
    "report_files": Enforcer(_report_files, _remove_files),
    "esf_audit_hold": Enforcer(_held, _delete),
    "pseudonymised_statistics": Enforcer(_statistics, _delete),
    # system-wide ("scope": "system"): once, with the default
    "login_attempts": Enforcer(_login_attempts, _delete_each, _count_each),
    "sessions": Enforcer(_sessions, _delete),
}
"""Rule id → how it is enforced."""

UNOWNED: dict[str, Enforcer] = {"import_uploads": Enforcer(_stray_uploads, _unlink, len)}
"""What a rule finds of no organisation when that is not its own selector with None."""


def _apply(
    enforcer: Enforcer, org: Organisation | None, value: int, today: dt.date, dry_run: bool
) -> int:
    rows = enforcer.select(org, value, today)
    return enforcer.count(rows) if dry_run else enforcer.remove(rows)


def enforce(
    *,
    now: dt.datetime | None = None,
    dry_run: bool = False,
    trigger: str = "task",
    by: Any = None,
) -> RetentionRun:
    """Apply every rule in every organisation (see the module docstring)."""
    found = rules.rules()
    missing = set(found) - set(RULES)
    if missing:
        raise ValueError(f"retention rules without code: {sorted(missing)}")
    now = now or timezone.now()
    today = timezone.localdate(now)
    run = RetentionRun.objects.create(started=now, dry_run=dry_run, trigger=trigger, by=by)
    counts: list[RetentionCount] = []
    for org in Organisation.objects.order_by("pk"):
        periods = periods_for(org)
        for rule_id, enforcer in RULES.items():
            if not found[rule_id].system_wide:
                count = _apply(enforcer, org, periods[rule_id], today, dry_run)
                counts.append(RetentionCount(run=run, organisation=org, rule=rule_id, count=count))
    for rule_id, enforcer in RULES.items():
        if found[rule_id].system_wide or enforcer.unowned:
            enforcer = UNOWNED.get(rule_id, enforcer)
            count = _apply(enforcer, None, found[rule_id].default, today, dry_run)
            counts.append(RetentionCount(run=run, organisation=None, rule=rule_id, count=count))
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
    """Rule id → count of a run, in the order of `data/retention.json`: for one
    organisation (its own rules only), or for the whole service (every rule; the rows of no
    organisation included)."""
    rows = run.counts.all()
    if organisation is not None:
        rows = rows.filter(organisation=organisation)
    found = {
        rule.id: 0
        for rule in rules.rules().values()
        if organisation is None or not rule.system_wide
    }
    for rule_id, count in rows.values_list("rule", "count"):
        found[rule_id] = found.get(rule_id, 0) + count
    return found


def runs_visible_to(user: Any, organisation: Organisation | None) -> QuerySet[RetentionRun]:
    """Retention runs for the organisation's coordinators (their own counts only)."""
    if organisation is None or Role.COORDINATOR not in roles_of(user, organisation):
        return RetentionRun.objects.none()
    return RetentionRun.objects.filter(Q(counts__organisation=organisation)).distinct()

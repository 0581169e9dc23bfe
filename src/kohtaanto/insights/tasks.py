"""The funder report PDF, made in the background (django-tasks with the database backend,
docs/decisions/003-task-queue.md) like the big imports of `opportunities/tasks.py`.

A coordinator or analyst orders the report: `start` records a `ReportExport` row (what to
make: organisation, project, period, language; always with small numbers hidden, since the
funder reads it) and queues `make_funder_report`. The worker computes the suppressed outcome
and ESF+ reports as the one who ordered it, lays out the PDF and writes it to
`DATA_DIR/exports/<random token>.pdf`; the page of the export reads the row and refreshes
itself until the file is ready, then offers the download (an access-checked, audited view).

Files are removed `KEEP_DAYS` after they were made (`sweep`, run when a task starts and when
an export page is read); the row is kept as the record that a report was made. Nothing
personal goes to the row or the log: `error` is a code, the log has the class of an error."""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django_tasks import task

from kohtaanto.insights import access
from kohtaanto.insights.exports import content
from kohtaanto.insights.exports.documents import funder_report
from kohtaanto.insights.models import ExportKind, ExportStatus, ReportExport
from kohtaanto.insights.selectors import funder_reports
from kohtaanto.stats.periods import Period

logger = logging.getLogger(__name__)

KEEP_DAYS = 7
"""How long a made file can be downloaded."""
STALE_MINUTES = 30
"""A report still queued or running after this long has lost its worker: failed."""


class ExportFailedError(Exception):
    """Raised from the task so that the queue records a failure; carries only a code."""


def folder() -> Path:
    path = Path(settings.DATA_DIR) / "exports"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def path_of(export: ReportExport) -> Path | None:
    """The made file, when it is still there."""
    if not export.file_name or "/" in export.file_name or export.file_name.startswith("."):
        return None
    path = folder() / export.file_name
    return path if path.is_file() else None


def start(
    *, user: Any, organisation: Any, project: Any, period: Period, language: str
) -> ReportExport:
    """Record the export and queue its task, both or neither. The caller has checked access
    (`access.report_access`)."""
    with transaction.atomic():
        export = ReportExport.objects.create(
            organisation=organisation,
            project=project,
            kind=ExportKind.PDF,
            report="funder",
            period_start=period.start,
            period_end=period.end,
            language=language,
            suppressed=True,
            created_by=user,
        )
        make_funder_report.enqueue(export.pk)
    export.refresh_from_db()
    return export


def expires(export: ReportExport) -> dt.datetime | None:
    if export.finished is None:
        return None
    return export.finished + dt.timedelta(days=KEEP_DAYS)


@task()
def make_funder_report(export_id: int) -> None:
    """Make the PDF of export `export_id` (the worker calls this)."""
    sweep()
    claimed = ReportExport.objects.filter(pk=export_id, status=ExportStatus.QUEUED).update(
        status=ExportStatus.RUNNING
    )
    if not claimed:
        logger.info("funder report skipped: not waiting")
        return
    export = ReportExport.objects.select_related("organisation", "project", "created_by").get(
        pk=export_id
    )
    try:
        with translation.override(export.language):
            data = _render(export)
        name = f"{secrets.token_urlsafe(24)}.pdf"
        target = folder() / name
        tmp = target.with_suffix(".part")
        tmp.write_bytes(data)
        tmp.replace(target)
    except Exception as exc:
        code = "no_access" if isinstance(exc, access.ReportNotFound) else "error"
        ReportExport.objects.filter(pk=export_id).update(
            status=ExportStatus.FAILED, error=code, finished=timezone.now()
        )
        logger.error("funder report failed error=%s", type(exc).__name__)
        raise ExportFailedError(code) from None
    ReportExport.objects.filter(pk=export_id).update(
        status=ExportStatus.DONE, file_name=name, finished=timezone.now()
    )


def _render(export: ReportExport) -> bytes:
    user = export.created_by
    if user is None:
        raise access.ReportNotFound
    # The orderer must still be a coordinator or analyst of the organisation.
    access.report_access(user, export.organisation, suppress=True)
    period = Period(export.period_start, export.period_end)
    # one protection over both reports: they share counts and are read together
    outcomes, esf = funder_reports(
        user, export.organisation, period, project=export.project, suppress=True
    )
    report = content.funder_report(outcomes, esf, language=export.language)
    return funder_report.render(report)


def sweep(now: dt.datetime | None = None) -> int:
    """Remove files older than `KEEP_DAYS` (and stray files in the folder) and fail exports
    that waited or ran for `STALE_MINUTES`. Returns how many files were removed."""
    now = now or timezone.now()
    removed = 0
    old = ReportExport.objects.filter(
        status=ExportStatus.DONE, finished__lt=now - dt.timedelta(days=KEEP_DAYS)
    ).exclude(file_name="")
    for export in old:
        path = path_of(export)
        if path is not None:
            path.unlink(missing_ok=True)
            removed += 1
    old.update(file_name="")
    stale = now - dt.timedelta(minutes=STALE_MINUTES)
    ReportExport.objects.filter(
        status__in=[ExportStatus.QUEUED, ExportStatus.RUNNING], created__lt=stale
    ).update(status=ExportStatus.FAILED, error="not_finished", finished=now)
    known = set(ReportExport.objects.exclude(file_name="").values_list("file_name", flat=True))
    cutoff = (now - dt.timedelta(days=KEEP_DAYS)).timestamp()
    for path in folder().iterdir():
        if path.name not in known and path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
            removed += 1
    return removed

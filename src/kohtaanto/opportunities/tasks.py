"""Checks and imports of big files as durable background tasks, with their progress shown.

A file of more than `INLINE_ROWS` rows takes tens of seconds to check or import (each row goes
through the services). Such a run becomes an `ImportJob` row (its durable state) and a task in
the queue (django-tasks with the database backend, docs/decisions/003-task-queue.md); the
coordinator is sent to a page that reads the row and refreshes itself. The worker
(`kohtaanto worker`) runs `run_import_job`, which re-reads the uploaded file from
`DATA_DIR/imports/` and goes through the same service path as a small file
(`importers.apply`), so the result, the all-or-nothing rule and the audit are the same.

Signs of life. While it works, the task beats every `BEAT_SECONDS`: the rows done and the time.
On PostgreSQL the beat updates the row through the beating thread's own connection; on SQLite
it cannot (the import's transaction holds the only write lock until it ends), so the beat goes
to `DATA_DIR/imports/<token>.progress`, a file beside the database file itself. A run that is
"running" without a sign of life for `settings.TASK_STALE_SECONDS` lost its worker (killed,
machine restarted): it is marked failed when its page is read, when a worker starts a task and
when a worker starts (`sweep`). Its upload is kept, so that the coordinator can start it again
(`retry`); the import's transaction died with the worker, so nothing was written.

Uploads are removed when an import ends, when a run fails for any other reason, and
`KEEP_SECONDS` after the run was started (`sweep`), when its report is also emptied. No file
content and no personal data go to the log or to the row's error: only the class of the error.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import TaskResultStatus, task

from kohtaanto.opportunities import access
from kohtaanto.opportunities.importers import (
    ImportFileError,
    ImportReport,
    ParseResult,
    RowError,
    parse_opportunities,
)
from kohtaanto.opportunities.importers.apply import import_courses, import_opportunities
from kohtaanto.opportunities.importers.csv_courses import parse_courses_csv
from kohtaanto.opportunities.importers.tabular import load_mapping
from kohtaanto.opportunities.models import ImportJob, Opportunity

logger = logging.getLogger(__name__)

INLINE_ROWS = 200
"""Files with at most this many rows are checked and imported within the request."""
KEEP_SECONDS = 6 * 3600
"""How long an upload waits and a finished run's report can be looked at."""
RETENTION_DAYS = 30
"""How long the operator sees a run (its counts and outcome) in the admin."""
BEAT_SECONDS = 1.0
"""How often a running task gives a sign of life (and its progress)."""
QUEUE_PATIENCE_SECONDS = 60
"""After this long in the queue, the page says that the worker may not be running."""

Progress = Callable[[int, int], None]
Status = ImportJob.Status

WORKER_LOST = "worker_lost"
RETRYABLE = frozenset({WORKER_LOST})


class UploadMissingError(Exception):
    """The uploaded file is not in the data folder (removed, or a worker on another machine
    that does not share the data folder)."""


class ImportJobFailedError(Exception):
    """Raised from the task so that the queue records it as failed; carries only the kind of the
    original error (its message could quote a cell)."""


def folder() -> Path:
    """The private folder of uploaded files and of the beats written beside SQLite."""
    path = Path(settings.DATA_DIR) / "imports"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def sweep_files(path: Path | None = None) -> None:
    """Remove uploads and beats older than `KEEP_SECONDS` (checked but never imported, or left
    by a run that never finished)."""
    path = path or folder()
    too_old = time.time() - KEEP_SECONDS
    for stale in [*path.glob("*.upload"), *path.glob("*.progress")]:
        with contextlib.suppress(OSError):  # another process may have removed it
            if stale.stat().st_mtime < too_old:
                stale.unlink()


# --- the work: the same as for a small file ------------------------------------------------


def parse(data: bytes, meta: dict[str, Any]) -> ParseResult[Any]:
    """Read the file (fast; writes nothing). Raises `ImportFileError` for an unreadable file."""
    mapping = load_mapping(None, meta.get("mapping") or [])
    if meta["target"] == "courses":
        return parse_courses_csv(data, mapping)
    return parse_opportunities(data, meta["file_format"], mapping)


def apply(
    parsed: ParseResult[Any],
    meta: dict[str, Any],
    user: Any,
    *,
    dry_run: bool,
    valid_only: bool,
    progress: Progress | None = None,
) -> ImportReport:
    """Check (`dry_run`) or import `parsed` for `user` (who must still coordinate the
    organisation: `Http404` otherwise)."""
    organisation = access.access_import_organisation(user, meta["organisation"])
    if meta["target"] == "courses":
        return import_courses(
            parsed,
            organisation=organisation,
            by=user,
            dry_run=dry_run,
            valid_only=valid_only,
            progress=progress,
        )
    return import_opportunities(
        parsed,
        organisation=organisation,
        by=user,
        dry_run=dry_run,
        valid_only=valid_only,
        file_format=meta["file_format"],
        progress=progress,
    )


def report_of(job: ImportJob) -> ImportReport | None:
    """The run's report as the pages show it (None before the end, after a failure or once it
    is emptied)."""
    data = job.report
    if not isinstance(data, dict):
        return None
    return ImportReport(
        total=int(data.get("total", 0)),
        created=int(data.get("created", 0)),
        updated=int(data.get("updated", 0)),
        errors=[
            RowError(int(e["line"]), str(e["reason"]), str(e.get("external_id", "")))
            for e in data.get("errors", [])
        ],
        warnings=[
            RowError(int(w["line"]), str(w["reason"]), str(w.get("external_id", "")))
            for w in data.get("warnings", [])
        ],
        applied=bool(data.get("applied")),
        dry_run=bool(data.get("dry_run")),
    )


# --- starting, reading, retrying ----------------------------------------------------------


def start(
    *,
    token: str,
    user: Any,
    kind: str,
    meta: dict[str, Any],
    upload: str,
    total: int,
    valid_only: bool = True,
) -> ImportJob:
    """Record the run `token` and put its task in the queue, both or neither. `upload` is the
    file's name in `folder()`."""
    with transaction.atomic():
        job = ImportJob.objects.create(
            token=token,
            kind=kind,
            organisation_id=int(meta["organisation"]),
            started_by=user,
            meta=meta,
            valid_only=valid_only,
            language=translation.get_language() or settings.LANGUAGE_CODE,
            upload=upload,
            total=total,
        )
        _enqueue(job)
    job.refresh_from_db()
    return job


def _enqueue(job: ImportJob) -> None:
    runner = run_skills_job if job.kind == ImportJob.Kind.SKILLS else run_import_job
    result = runner.enqueue(job.pk, job.attempts)
    ImportJob.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])


def get_job(token: str, user: Any) -> ImportJob | None:
    """The run `token` if `user` started it (else None: another person's run is not shown),
    with its latest progress; a run whose worker died is marked failed on the way."""
    if not token or not getattr(user, "is_authenticated", False):
        return None
    job = ImportJob.objects.filter(pk=token, started_by=user).first()
    if job is None:
        return None
    live(job)
    if is_stale(job):
        mark_lost(job)
    return job


def live(job: ImportJob) -> ImportJob:
    """Take the latest beat written beside SQLite into `job` (not saved)."""
    beat = _read_beat(job.pk)
    if beat is not None and job.status == Status.RUNNING:
        done, total, at = beat
        if job.heartbeat_at is None or at > job.heartbeat_at:
            job.done, job.total, job.heartbeat_at = done, total, at
    return job


def is_stale(job: ImportJob, now: dt.datetime | None = None) -> bool:
    """A running run without a sign of life for `TASK_STALE_SECONDS`."""
    if job.status != Status.RUNNING:
        return False
    now = now or timezone.now()
    last = job.heartbeat_at or job.started_at or job.created
    return (now - last).total_seconds() > settings.TASK_STALE_SECONDS


def waiting_long(job: ImportJob, now: dt.datetime | None = None) -> bool:
    """Queued for so long that the worker may not be running."""
    now = now or timezone.now()
    return (
        job.status == Status.QUEUED and (now - job.created).total_seconds() > QUEUE_PATIENCE_SECONDS
    )


def mark_lost(job: ImportJob) -> None:
    """The worker of this running run died: failed, retryable while the upload is kept."""
    now = timezone.now()
    changed = ImportJob.objects.filter(
        pk=job.pk, status=Status.RUNNING, attempts=job.attempts
    ).update(status=Status.FAILED, error=WORKER_LOST, error_class="", finished_at=now)
    if changed:
        logger.warning("import job lost its worker kind=%s attempt=%s", job.kind, job.attempts)
        _fail_queue_entry(job.task_id, now)
    _beat_file(job.pk).unlink(missing_ok=True)
    job.refresh_from_db()


def _fail_queue_entry(task_id: str, now: dt.datetime) -> None:
    """The queue's own record of a task whose worker died stays "running" for ever: close it."""
    from django_tasks_db.models import DBTaskResult

    try:
        task_uuid = uuid.UUID(task_id)
    except ValueError:  # no id, or not the database backend's (the immediate backend)
        return
    DBTaskResult.objects.filter(id=task_uuid, status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.FAILED,
        finished_at=now,
        exception_class_path=f"{__name__}.WorkerLost",
        traceback="",
    )


def can_retry(job: ImportJob) -> bool:
    if job.kind == ImportJob.Kind.SKILLS:  # no upload: the opportunities are in the database
        return job.status == Status.FAILED and job.error in RETRYABLE
    return (
        job.status == Status.FAILED
        and job.error in RETRYABLE
        and bool(job.upload)
        and (folder() / job.upload).is_file()
    )


def retry(job: ImportJob) -> bool:
    """Queue a failed run again (same page, next attempt). False when it cannot be retried."""
    if not can_retry(job):
        return False
    with transaction.atomic():
        changed = ImportJob.objects.filter(
            pk=job.pk, status=Status.FAILED, attempts=job.attempts
        ).update(
            status=Status.QUEUED,
            attempts=F("attempts") + 1,
            done=0,
            error="",
            error_class="",
            worker="",
            started_at=None,
            heartbeat_at=None,
            finished_at=None,
        )
        if not changed:  # retried already (a second click)
            return False
        job.refresh_from_db()
        _enqueue(job)
    job.refresh_from_db()
    return True


def failure_message(job: ImportJob) -> str:
    """What the coordinator is told about a failed run: plain words, never a cell's content."""
    if job.kind == ImportJob.Kind.SKILLS:
        return _(
            "The recognition of skills stopped before the end. The imported opportunities are "
            "saved; those without suggested skills can be reviewed by hand, or you can start "
            "the recognition again."
        )
    nothing = _("Nothing was imported.")
    messages = {
        WORKER_LOST: _(
            "The work was interrupted: the server's background worker stopped in the middle "
            "of it (for example, the server was restarted)."
        ),
        "not_started": _(
            "The work never started: the server's background worker is not running. "
            "Tell the administrator."
        ),
        "upload_missing": _(
            "The server's background worker did not find the uploaded file. Choose the file "
            "again; if it happens again, tell the administrator."
        ),
        "no_access": _("You can no longer import for this organisation."),
        "file": _("The file could not be read. Check it and choose it again."),
    }
    text = messages.get(job.error)
    if text is None:
        return _(
            "The work stopped because of an error on the server. Nothing was imported. Try "
            "again; if it happens again, tell the administrator."
        )
    return f"{text} {nothing}"


# --- the task ------------------------------------------------------------------------------


@task()
def run_import_job(token: str, attempt: int) -> None:
    """Run attempt `attempt` of the check or import `token` (the worker calls this)."""
    sweep(exclude=token)
    now = timezone.now()
    claimed = ImportJob.objects.filter(pk=token, status=Status.QUEUED, attempts=attempt).update(
        status=Status.RUNNING,
        started_at=now,
        heartbeat_at=now,
        done=0,
        worker=_worker_name(),
    )
    if not claimed:  # retried, swept or removed meanwhile: an older attempt has nothing to do
        logger.info("import task skipped: its run is not waiting for attempt %s", attempt)
        return
    job = ImportJob.objects.select_related("started_by").get(pk=token)
    beat = _Beat(job)
    beat.start()
    try:
        with translation.override(job.language):
            report = _work(job, beat.progress)
    except BaseException as exc:
        beat.stop()
        stopping = not isinstance(exc, Exception)  # the worker itself is being stopped
        code = WORKER_LOST if stopping else _error_code(exc)
        _finish(
            job,
            attempt,
            status=Status.FAILED,
            error=code,
            error_class="" if stopping else type(exc).__name__[:120],
        )
        if not stopping:
            _remove_upload(job)
        # Only the kind of error goes to the log: a message could quote a cell (names, phone
        # numbers). The page says that the run failed and nothing was imported.
        logger.error(
            "import job failed kind=%s rows=%s error=%s", job.kind, job.total, type(exc).__name__
        )
        if stopping:
            raise
        raise ImportJobFailedError(f"{job.kind} failed: {type(exc).__name__}") from None
    beat.stop()
    _finish(job, attempt, status=Status.DONE, done=job.total, report=report.as_dict())
    if job.kind == ImportJob.Kind.IMPORT:
        _remove_upload(job)  # a checked file waits for its import
        if report.applied and report.opportunity_ids and job.started_by is not None:
            follow = start_skill_recognition(
                user=job.started_by,
                organisation_id=job.organisation_id,
                opportunity_ids=report.opportunity_ids,
            )
            if follow is not None:
                ImportJob.objects.filter(pk=job.pk).update(
                    meta={**job.meta, "skills_job": follow.pk}
                )


def _work(job: ImportJob, progress: Progress) -> ImportReport:
    path = folder() / job.upload if job.upload else None
    if path is None or not path.is_file():
        raise UploadMissingError
    if job.started_by is None:
        raise Http404
    parsed = parse(path.read_bytes(), job.meta)
    return apply(
        parsed,
        job.meta,
        job.started_by,
        dry_run=job.kind == ImportJob.Kind.CHECK,
        valid_only=job.valid_only,
        progress=progress,
    )


def _error_code(exc: BaseException) -> str:
    if isinstance(exc, UploadMissingError):
        return "upload_missing"
    if isinstance(exc, Http404):
        return "no_access"
    if isinstance(exc, ImportFileError):
        return "file"
    return "error"


def _finish(job: ImportJob, attempt: int, **fields: Any) -> None:
    """Record the outcome of attempt `attempt` (a later attempt's outcome is not overwritten; a
    run wrongly taken for lost gets its real outcome)."""
    now = timezone.now()
    ImportJob.objects.filter(pk=job.pk, attempts=attempt).exclude(status=Status.DONE).update(
        finished_at=now, heartbeat_at=now, **fields
    )
    _beat_file(job.pk).unlink(missing_ok=True)


def _remove_upload(job: ImportJob) -> None:
    if job.upload:
        (folder() / job.upload).unlink(missing_ok=True)


def _worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:120]


# --- skills of imported opportunities, recognised in the background ---------------------

MAX_SUGGESTIONS = 15
"""As many suggestions as the skills page offers."""


def start_skill_recognition(
    *, user: Any, organisation_id: int, opportunity_ids: list[int]
) -> ImportJob | None:
    """Queue the recognition of the skills of those of `opportunity_ids` that have no skills
    (an imported job without a `skills` column), as a run with its own progress page. None when
    every one has skills already."""
    ids = list(
        Opportunity.objects.filter(pk__in=opportunity_ids, skills__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
        .distinct()
    )
    if not ids:
        return None
    with transaction.atomic():
        job = ImportJob.objects.create(
            kind=ImportJob.Kind.SKILLS,
            organisation_id=organisation_id,
            started_by=user,
            meta={"opportunities": ids},
            language=translation.get_language() or settings.LANGUAGE_CODE,
            total=len(ids),
        )
        _enqueue(job)
    job.refresh_from_db()
    return job


def recognise_opportunity(opportunity: Opportunity) -> int:
    """Recognise `opportunity`'s skills and store them as suggestions awaiting review (with
    what the ad's words say of each: `recognition.requirement_cues`). Returns how many."""
    from kohtaanto.opportunities import services
    from kohtaanto.opportunities.recognition import opportunity_text, recognise_skills

    text = opportunity_text(opportunity.title, opportunity.description)
    hits = recognise_skills(text, opportunity.description_language)[:MAX_SUGGESTIONS]
    return services.store_skill_suggestions(
        opportunity,
        [
            services.SkillSuggestionRow(h.uri, h.label, h.kind, str(h.requirement), h.cue)
            for h in hits
        ],
    )


def recognise_opportunities(ids: list[int], progress: Progress | None = None) -> dict[str, int]:
    """The work of a skills run (also measured by `kohtaanto bench import-jobs`): each
    opportunity still without skills, one small transaction each."""
    suggested = with_skills = 0
    for done, pk in enumerate(ids, start=1):
        opportunity = Opportunity.objects.filter(pk=pk, skills__isnull=True).first()
        if opportunity is not None:
            count = recognise_opportunity(opportunity)
            suggested += count
            with_skills += bool(count)
        if progress is not None:
            progress(done, len(ids))
    return {"opportunities": len(ids), "with_suggestions": with_skills, "suggested": suggested}


@task()
def run_skills_job(token: str, attempt: int) -> None:
    """Run attempt `attempt` of the skill recognition `token` (the worker calls this)."""
    now = timezone.now()
    claimed = ImportJob.objects.filter(
        pk=token, kind=ImportJob.Kind.SKILLS, status=Status.QUEUED, attempts=attempt
    ).update(status=Status.RUNNING, started_at=now, heartbeat_at=now, done=0, worker=_worker_name())
    if not claimed:
        logger.info("skills task skipped: its run is not waiting for attempt %s", attempt)
        return
    job = ImportJob.objects.get(pk=token)
    beat = _Beat(job)
    beat.start()
    try:
        with translation.override(job.language):
            ids = [int(pk) for pk in job.meta.get("opportunities", [])]
            report = recognise_opportunities(ids, beat.progress)
    except BaseException as exc:
        beat.stop()
        stopping = not isinstance(exc, Exception)
        _finish(
            job,
            attempt,
            status=Status.FAILED,
            error=WORKER_LOST if stopping else "error",
            error_class="" if stopping else type(exc).__name__[:120],
        )
        logger.error("skills job failed rows=%s error=%s", job.total, type(exc).__name__)
        if stopping:
            raise
        raise ImportJobFailedError(f"skills failed: {type(exc).__name__}") from None
    beat.stop()
    _finish(job, attempt, status=Status.DONE, done=job.total, report=report)


# --- signs of life ------------------------------------------------------------------------


def _beat_file(token: str) -> Path:
    return folder() / f"{token}.progress"


def _read_beat(token: str) -> tuple[int, int, dt.datetime] | None:
    try:
        data = json.loads(_beat_file(token).read_text(encoding="utf-8"))
        at = dt.datetime.fromtimestamp(float(data["at"]), tz=dt.UTC)
        return int(data["done"]), int(data["total"]), at
    except (OSError, ValueError, KeyError, TypeError):
        return None


class _Beat:
    """A thread that gives the running task's sign of life and progress every `BEAT_SECONDS`
    (also while a single row takes long), until `stop`."""

    def __init__(self, job: ImportJob) -> None:
        self.token = job.pk
        self.done, self.total = 0, job.total
        self.in_file = connection.vendor == "sqlite"
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="kohtaanto-beat", daemon=True)

    def progress(self, done: int, total: int) -> None:
        self.done, self.total = done, total

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        try:
            while not self._stop.wait(BEAT_SECONDS):
                try:
                    self.write()
                except Exception as exc:  # a missed beat is not the run's failure
                    logger.warning("import job beat failed error=%s", type(exc).__name__)
        finally:
            if not self.in_file:
                connection.close()  # this thread's own connection

    def write(self) -> None:
        if self.in_file:
            path = _beat_file(self.token)
            tmp = path.with_suffix(".progress-tmp")
            tmp.write_text(
                json.dumps({"done": self.done, "total": self.total, "at": time.time()}),
                encoding="utf-8",
            )
            os.replace(tmp, path)
        else:
            ImportJob.objects.filter(pk=self.token, status=Status.RUNNING).update(
                done=self.done, total=self.total, heartbeat_at=timezone.now()
            )


# --- housekeeping -------------------------------------------------------------------------


def sweep(*, exclude: str = "") -> int:
    """Mark runs whose worker died as failed; fail runs that waited in the queue for
    `KEEP_SECONDS`; remove old uploads and reports; forget runs after `RETENTION_DAYS`.
    Returns how many runs were found without their worker. Writes only when there is
    something to change (on SQLite a running import holds the write lock)."""
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    lost = 0
    quiet_since = now - dt.timedelta(seconds=settings.TASK_STALE_SECONDS)
    for job in (
        ImportJob.objects.filter(status=Status.RUNNING)
        .exclude(pk=exclude)
        .filter(Q(heartbeat_at__lt=quiet_since) | Q(heartbeat_at__isnull=True))
    ):
        if is_stale(live(job), now):
            mark_lost(job)
            lost += 1
    old = now - dt.timedelta(seconds=KEEP_SECONDS)
    never_started = ImportJob.objects.filter(status=Status.QUEUED, created__lt=old)
    for job in never_started:
        _remove_upload(job)
    if never_started.exists():
        never_started.update(status=Status.FAILED, error="not_started", upload="", finished_at=now)
    expired = ImportJob.objects.filter(
        status__in=[Status.DONE, Status.FAILED], created__lt=old
    ).filter(~Q(upload="") | Q(report__isnull=False))
    for job in expired:
        _remove_upload(job)
    if expired.exists():
        expired.update(upload="", report=None)
    forgotten = ImportJob.objects.filter(created__lt=now - dt.timedelta(days=RETENTION_DAYS))
    if forgotten.exists():
        forgotten.delete()
    finished_tasks = DBTaskResult.objects.filter(
        task_path__in=[run_import_job.module_path, run_skills_job.module_path],
        status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED],
        finished_at__lt=old,
    )
    if finished_tasks.exists():
        finished_tasks.delete()
    sweep_files()
    return lost

"""Checks and imports of big files run in a background thread, with their progress shown.

A file of more than `INLINE_ROWS` rows takes tens of seconds to check or import (each row goes
through the services). Such a run is started here and the coordinator is sent to a page that
shows how many rows are done and refreshes itself (HTMX polling; a meta refresh without
JavaScript). The run's state — counts and, at the end, the report — is kept in Django's cache
under a random token, together with the id of the user who started it; no file content and
no personal data are kept there. The cache is a folder under the data folder (settings), so
every server process on the machine sees the progress.

The work itself is the same service path as a small file (`importers.apply`), so the result,
the all-or-nothing rule and the audit are the same.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db import connection

from kohtaanto.opportunities.importers import ImportReport

logger = logging.getLogger(__name__)

INLINE_ROWS = 200
"""Files with at most this many rows are checked and imported within the request."""
KEEP_SECONDS = 6 * 3600
"""How long a finished run's report can be looked at."""

Progress = Callable[[int, int], None]


@dataclass
class ImportJob:
    token: str
    user_id: int
    kind: str  # "check" (a dry run) or "import"
    meta: dict[str, Any]
    total: int = 0
    done: int = 0
    status: str = "running"  # "running", "done" or "failed"
    report: ImportReport | None = None
    started: float = field(default_factory=time.time)

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else 0

    @property
    def finished(self) -> bool:
        return self.status != "running"


def _key(token: str) -> str:
    return f"kohtaanto:import-job:{token}"


def _save(job: ImportJob) -> None:
    cache.set(_key(job.token), job, KEEP_SECONDS)


def get_job(token: str, user: Any) -> ImportJob | None:
    """The run `token` if `user` started it (else None: another person's run is not shown)."""
    job = cache.get(_key(token)) if token else None
    if not isinstance(job, ImportJob) or job.user_id != getattr(user, "pk", None):
        return None
    return job


def _spawn(target: Callable[[], None]) -> None:
    """Run `target` in a daemon thread with its own database connection, closed at the end
    (tests replace this function to run the work inline)."""

    def run() -> None:
        try:
            target()
        finally:
            connection.close()

    threading.Thread(target=run, name="kohtaanto-import", daemon=True).start()


def start(
    *,
    token: str,
    user: Any,
    kind: str,
    meta: dict[str, Any],
    total: int,
    work: Callable[[Progress], ImportReport],
    cleanup: Callable[[], None] | None = None,
) -> ImportJob:
    """Start `work(progress)` in the background and return its job (state saved in the cache).

    `cleanup` runs when the work ends, whatever the outcome (e.g. deleting the uploaded file).
    """
    job = ImportJob(token=token, user_id=user.pk, kind=kind, meta=meta, total=total)
    _save(job)
    step = max(1, total // 100)

    def progress(done: int, of: int) -> None:
        if done == of or done % step == 0:
            job.done, job.total = done, of
            _save(job)

    def target() -> None:
        try:
            job.report = work(progress)
            job.done = job.total
            job.status = "done"
        except Exception as exc:  # any failure must end the run visibly
            # Only the kind of error goes to the log: a message could quote a cell (names,
            # phone numbers). The page says that the run failed and nothing was imported.
            logger.error("import run failed kind=%s rows=%s error=%s", kind, total, type(exc))
            job.status = "failed"
        finally:
            _save(job)
            if cleanup is not None:
                cleanup()

    _spawn(target)
    return job

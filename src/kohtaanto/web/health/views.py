"""Health endpoints for the container, the reverse proxy and monitoring.

- ``/healthz`` (liveness): the process answers. No database, no session, no template.
- ``/readyz`` (readiness): the database answers and the task queue's table can be read; also
  how many tasks wait and how long the oldest has waited (a worker that is not running shows
  as a growing wait). 503 with ``Retry-After`` when something is unavailable.

Both are JSON, need no login, hold no personal data and are not audited. `HealthMiddleware`
(first in ``MIDDLEWARE``) answers them before host validation, the HTTPS redirect, sessions and
language selection, so that a probe on 127.0.0.1 over plain HTTP works; the URL patterns point
to the same views (``reverse("healthz")``, the access matrix).
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone

logger = logging.getLogger(__name__)

PATHS = {"/healthz": "healthz", "/readyz": "readyz"}
RETRY_AFTER_SECONDS = 10


def _json(body: dict[str, Any], status: int = 200) -> HttpResponse:
    response = JsonResponse(body, status=status)
    response["Cache-Control"] = "no-store"
    if status == 503:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def _method_not_allowed() -> HttpResponse:
    response = _json({"status": "error", "detail": "method not allowed"}, status=405)
    response["Allow"] = "GET, HEAD"
    return response


def healthz(request: HttpRequest) -> HttpResponse:
    if request.method not in {"GET", "HEAD"}:
        return _method_not_allowed()
    return _json({"status": "ok"})


def _database() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.warning("readyz: database unavailable (%s)", type(error).__name__)
        return False
    return True


def _queue() -> dict[str, Any] | None:
    """Waiting tasks and the age of the oldest, or None when the table cannot be read."""
    from django.db.models import Count, Min
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    try:
        waiting = DBTaskResult.objects.filter(status=TaskResultStatus.READY).aggregate(
            count=Count("id"), oldest=Min("enqueued_at")
        )
    except DatabaseError as error:
        logger.warning("readyz: task queue unavailable (%s)", type(error).__name__)
        return None
    oldest = waiting["oldest"]
    return {
        "waiting": waiting["count"],
        "oldest_waiting_seconds": (
            None if oldest is None else max(0, int((timezone.now() - oldest).total_seconds()))
        ),
    }


def readyz(request: HttpRequest) -> HttpResponse:
    if request.method not in {"GET", "HEAD"}:
        return _method_not_allowed()
    checks: dict[str, str] = {}
    body: dict[str, Any] = {"checks": checks}
    checks["database"] = "ok" if _database() else "unavailable"
    if settings.TASK_BACKEND != "database":
        checks["queue"] = "not used"  # tasks run within the request (KOHTAANTO_TASK_BACKEND)
    elif checks["database"] != "ok":
        checks["queue"] = "unavailable"
    else:
        queue = _queue()
        checks["queue"] = "ok" if queue is not None else "unavailable"
        if queue is not None:
            body["queue"] = queue
    ready = all(value in {"ok", "not used"} for value in checks.values())
    body = {"status": "ok" if ready else "unavailable", **body}
    return _json(body, status=200 if ready else 503)

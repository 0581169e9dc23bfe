"""Background work of the support line: deleting the call-back requests nobody completed
within `CALLBACK_KEEP_DAYS` (a caller's number is not kept longer). Queued by
`manage.py delete_expired_callbacks` from a daily timer; the call-backs page also deletes
expired ones before it reads, so a missing timer never shows an old number."""

from __future__ import annotations

from django_tasks import task

from kohtaanto.supportline import services


@task()
def delete_expired_callbacks() -> int:
    return services.delete_expired_callbacks()

"""The two changes the append-only audit log allows, both from this app only: the retention
run deletes entries older than the organisation's `audit_log` period, and an erasure blanks
the erased user's username in the entries they made (ids stay).

On PostgreSQL the log's trigger (core migrations 0002/0003) refuses every UPDATE and DELETE;
`privacy` migration 0002 lets these two through while the transaction-local setting
`kohtaanto.privacy` is 'on', which only `allowed()` sets. On SQLite the model's manager is the
guard, and a plain `QuerySet` is the way past it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection, models, transaction

from kohtaanto.core.models import AuditEvent


@contextmanager
def allowed() -> Iterator[None]:
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT set_config('kohtaanto.privacy', 'on', true)")
        try:
            yield
        finally:
            cursor.execute("SELECT set_config('kohtaanto.privacy', 'off', true)")


def entries() -> models.QuerySet[Any]:
    """Audit entries through a plain queryset (the model's manager refuses deletes)."""
    return models.QuerySet(model=AuditEvent)


def delete(rows: models.QuerySet[Any]) -> int:
    with allowed():
        deleted, _per_model = rows.delete()
    return int(deleted)


def forget_username(user_id: int) -> None:
    with allowed():
        entries().filter(actor_id=user_id).exclude(actor_username="").update(actor_username="")

"""Background work of the personal-data lifecycle: the daily retention run.

`kohtaanto privacy retention` queues `enforce_retention` for the worker (`kohtaanto worker`),
or runs it at once with `--now`; run it once a day from cron or a systemd timer (README).
The result is counts only."""

from __future__ import annotations

from django_tasks import task

from kohtaanto.privacy import retention


@task()
def enforce_retention(dry_run: bool = False) -> dict[str, object]:
    """Apply every retention rule (see `privacy.retention.enforce`)."""
    run = retention.enforce(dry_run=dry_run, trigger="task")
    return {"run": run.pk, "dry_run": dry_run, "removed": retention.totals(run)}

"""Background work of the people area: sending the reminders that are due.

`send_due_reminders` runs in the worker (`kohtaanto worker`); `kohtaanto reminders send`
queues it (a cron job or systemd timer every 15 minutes, see the README), or runs it at once
with `--now`. The result is counts only (no personal data)."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from kohtaanto.people import reminders


@task()
def send_due_reminders() -> dict[str, int]:
    """Send every reminder due now that was not sent before (see `people.reminders`)."""
    return reminders.send_due(timezone.now())

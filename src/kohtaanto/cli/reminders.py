"""`kohtaanto reminders`: send the reminders that are due (group sessions, support-line shifts).

`kohtaanto reminders send` queues the task `people.tasks.send_due_reminders` for the worker;
`--now` sends in this process instead. Run it every 15 minutes from cron or a systemd timer
(src/kohtaanto/people/README.md). A reminder is sent once however often this runs.
"""

from __future__ import annotations

import json

import click


@click.group()
def reminders() -> None:
    """Send reminders by e-mail and text message."""


@reminders.command()
@click.option("--now", "in_process", is_flag=True, help="Send in this process (no worker).")
def send(in_process: bool) -> None:
    """Send the reminders due now (each one once)."""
    from kohtaanto.cli.django_setup import setup_django

    setup_django()
    from django.utils import timezone

    from kohtaanto.people import reminders as service
    from kohtaanto.people.tasks import send_due_reminders

    if in_process:
        counts = service.send_due(timezone.now())
        click.echo(json.dumps(counts, sort_keys=True))
        return
    result = send_due_reminders.enqueue()
    click.echo(f"kohtaanto reminders: queued task {result.id}", err=True)

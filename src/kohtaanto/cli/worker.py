"""`kohtaanto worker`: run background work (checks and imports of big files) from the queue.

The queue is django-tasks' database backend (docs/decisions/003-task-queue.md), so the worker
needs nothing but the database and the data folder the web server uses. On start it marks the
runs whose worker died as failed (their coordinators can start them again), then runs
`manage.py db_worker`. SIGTERM or Ctrl+C stop it after the task at hand; a second one stops that
task too (its run is then marked failed and can be started again).
"""

from __future__ import annotations

import click


@click.command()
@click.option("--batch", is_flag=True, help="Run the tasks waiting now, then stop.")
@click.option(
    "--interval",
    type=click.FloatRange(min=0.1),
    default=1.0,
    show_default=True,
    help="Seconds between looks at an empty queue.",
)
@click.option("--reload", is_flag=True, help="Restart on code changes (development only).")
def worker(batch: bool, interval: float, reload: bool) -> None:
    """Run background work (big imports) from the database queue."""
    from kohtaanto.cli.django_setup import setup_django

    setup_django()
    from django.core.management import call_command

    from kohtaanto.opportunities import tasks

    lost = tasks.sweep()
    click.echo(f"kohtaanto worker: started; {lost} interrupted run(s) marked failed", err=True)
    args = [
        "db_worker",
        "--queue-name",
        "default",
        "--interval",
        str(interval),
        "--no-startup-delay",
        "--reload" if reload else "--no-reload",
    ]
    if batch:
        args.append("--batch")
    call_command(*args)

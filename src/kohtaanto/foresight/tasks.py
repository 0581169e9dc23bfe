"""Foresight builds in the task queue (django-tasks, database backend; decision 003)."""

from __future__ import annotations

from django_tasks import task

from kohtaanto.foresight import services


@task()
def run_foresight_build(build_id: int) -> None:
    """Compute and store the queued build `build_id` (the worker calls this)."""
    services.run_queued(build_id)

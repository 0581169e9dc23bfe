"""Queue (or with --now, run) the deletion of expired call-back requests (a daily timer)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Delete support-line call-back requests older than 14 days."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--now", action="store_true", help="Run here instead of queueing.")

    def handle(self, *args: Any, **options: Any) -> None:
        from kohtaanto.supportline import services, tasks

        if options["now"]:
            self.stdout.write(f"deleted {services.delete_expired_callbacks()}")
        else:
            result = tasks.delete_expired_callbacks.enqueue()
            self.stdout.write(f"queued task {result.id}")

"""`manage.py export_match_input --output FILE [--organisation ID]`: the batch input from the
database (consented participants, open opportunities), for `kohtaanto match batch`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from kohtaanto.matches.export import write_batch_input


class Command(BaseCommand):
    help = "Write the input of `kohtaanto match batch` (consented participants only)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", required=True, type=Path)
        parser.add_argument("--organisation", type=int, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["output"]
        with path.open("w", encoding="utf-8") as handle:
            profiles, opportunities = write_batch_input(handle, options["organisation"])
        self.stderr.write(f"{profiles} profiles, {opportunities} opportunities → {path}")

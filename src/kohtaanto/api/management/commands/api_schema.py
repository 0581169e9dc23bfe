"""`manage.py api_schema [--write | --check]` (also `make schema`): print, write or check the
committed OpenAPI document, src/kohtaanto/api/openapi.yaml."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kohtaanto.api import openapi


class Command(BaseCommand):
    help = "Print, --write or --check the committed OpenAPI document."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--write", action="store_true", help="Write the committed document.")
        parser.add_argument("--check", action="store_true", help="Fail if it differs.")

    def handle(self, *args: Any, write: bool, check: bool, **options: Any) -> None:
        if write:
            openapi.write()
            self.stderr.write(f"wrote {openapi.COMMITTED}")
        elif check:
            difference = openapi.difference()
            if difference:
                raise CommandError(difference)
            self.stderr.write("the committed OpenAPI document is up to date")
        else:
            self.stdout.write(openapi.generate(), ending="")

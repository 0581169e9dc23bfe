"""Demo data of the groups area (needs KOHTAANTO_DEMO=1; runs after load_demo_opportunities)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Load the groups demo data."

    def handle(self, *args: Any, **options: Any) -> None:
        pass

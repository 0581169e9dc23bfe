"""Demo data of qualifications: three small files in ePerusteet's format written by the
Kohtaanto team (`qualifications/data/`, see its README): the unit "Ohjaus- ja
neuvontapalveluissa toimiminen" (with a second unit) of the vocational qualification in
education and guidance, "Varastopalveluiden tuottaminen" of the vocational qualification in
logistics, and a kitchen and cleaning unit on its own. The ids are in a range ePerusteet does
not use (99xxxxx), so a real import never overwrites them.

Then recognition suggests ESCO skills for every requirement, and the best suggestion of the
first three requirements of each unit is confirmed (by the `coordinator` persona when
`load_demo` ran). Needs KOHTAANTO_DEMO=1. Idempotent: a second run imports nothing new and
leaves the decisions as they are. Everything is written through `qualifications.services`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kohtaanto.core.models import User
from kohtaanto.qualifications import services
from kohtaanto.qualifications.enums import MappingStatus
from kohtaanto.qualifications.models import QualificationUnit

DATA = Path(__file__).resolve().parents[2] / "data"
CONFIRMED_PER_UNIT = 3


class Command(BaseCommand):
    help = "Load the qualifications demo data (needs KOHTAANTO_DEMO=1)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not getattr(settings, "DEMO", False):
            raise CommandError(
                "load_demo_qualifications refuses to run: it adds demo qualifications. "
                "Set KOHTAANTO_DEMO=1 to load demo data on a demo site only."
            )
        by = User.objects.filter(username="coordinator").first()
        unit_ids: list[int] = []
        for path in sorted(DATA.glob("*.json")):
            report = services.import_document(path.read_bytes(), by=by, source=f"demo:{path.name}")
            unit_ids += report.unit_ids
            self.stdout.write(
                f"{path.name}: {report.created} created, {report.updated} updated, "
                f"{report.requirements_unchanged} requirements unchanged"
            )
        confirmed = 0
        for unit in QualificationUnit.objects.filter(pk__in=unit_ids).order_by("pk"):
            services.suggest_skills(unit, by=by)
            for requirement in unit.requirements.filter(active=True).order_by("ordinal")[
                :CONFIRMED_PER_UNIT
            ]:
                if requirement.skills.exclude(status=MappingStatus.SUGGESTED).exists():
                    continue  # decided already (an earlier run or a person)
                best = requirement.skills.filter(status=MappingStatus.SUGGESTED).order_by("id")
                first = best.first()
                if first is not None:
                    services.decide_skill(first, MappingStatus.CONFIRMED, by=by)
                    confirmed += 1
        self.stdout.write(f"{len(unit_ids)} units; {confirmed} ESCO mappings confirmed now.")

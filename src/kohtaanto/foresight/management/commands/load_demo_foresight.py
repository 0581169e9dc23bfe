"""Demo data of regional foresight: the occupations of the people affected by the Kuusankoski
paper mill's closure (the outreach demo's intervention in Kouvola: sawmill workers, machinery
assemblers and warehouse workers) and the foresight builds of Polku ry and of the whole
country from the demo's open opportunities, imported postings, confirmed company-visit needs
and the confirmed skills of the participants who allowed anonymised statistics.

So that the watch has demand to compare with, Polku ry also gets three open jobs in Kouvola
(a warehouse, home care, a machine workshop), each asking the essential skills of its
occupation in the active vocabulary, through the opportunities' services.

It also adds the demo analyst (`analyst`, the demo password) of Polku ry, who reads the same
figures with small numbers of people suppressed.

Needs KOHTAANTO_DEMO=1; runs after the other demo loaders (load_demo_outreach for the
intervention; without it only the builds are made). Idempotent: the occupations, the jobs and the
analyst are made once; each run adds a new build of the day's data (the pages read the newest).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kohtaanto.core import services as core_services
from kohtaanto.core.enums import OrganisationKind, Role
from kohtaanto.core.models import Organisation, User
from kohtaanto.core.validators import DEMO_PASSWORD
from kohtaanto.foresight import services
from kohtaanto.opportunities import services as opportunity_services
from kohtaanto.opportunities.models import Opportunity
from kohtaanto.outreach import services as outreach_services
from kohtaanto.outreach.models import Intervention

ORGANISATION = "Polku ry"
ANALYST = "analyst"
INTERVENTION_NAME = "Kuusankosken paperitehtaan sulkeminen"
ESCO = "http://data.europa.eu/esco/occupation/"
AFFECTED = [
    ESCO + "865adac9-9bb7-4680-a13d-62b2942974ac",  # sawmill worker
    ESCO + "be0e6189-46a5-4b90-8622-2d1988efba1a",  # machinery assembler
    ESCO + "bea705fe-06ac-4147-b8e0-6e8ac1208d8f",  # warehouse worker
]
KOUVOLA = "286"
JOBS = [
    (
        "Varastotyöntekijä, Kouvolan logistiikkakeskus",
        ESCO + "bea705fe-06ac-4147-b8e0-6e8ac1208d8f",
    ),
    ("Kotihoidon työntekijä, Kouvola", ESCO + "1391bdf9-bd61-4fb5-91ca-c29036ab2b60"),
    ("Koneasentaja, Kuusankoski", ESCO + "be0e6189-46a5-4b90-8622-2d1988efba1a"),
]


class Command(BaseCommand):
    help = "Load the regional foresight demo (needs KOHTAANTO_DEMO=1)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not getattr(settings, "DEMO", False):
            raise CommandError(
                "load_demo_foresight refuses to run: demo accounts share a published password. "
                "Set KOHTAANTO_DEMO=1 to load demo data on a demo site only."
            )
        polku = Organisation.objects.filter(
            name=ORGANISATION, kind=OrganisationKind.SERVICE_PROVIDER
        ).first()
        coordinator = User.objects.filter(username="coordinator").first()
        if polku is None or coordinator is None:
            raise CommandError("Run `manage.py load_demo` first (Polku ry and its personas).")
        intervention = Intervention.objects.filter(
            organisation=polku, name=INTERVENTION_NAME
        ).first()
        if intervention is not None and not intervention.affected_occupations:
            fields = {
                "name": intervention.name,
                "municipality_code": intervention.municipality_code,
                "event_kind": intervention.event_kind,
                "company_name": intervention.company_name,
                "employer": intervention.employer,
                "event_date": intervention.event_date,
                "people_affected": intervention.people_affected,
                "affected_occupations": AFFECTED,
                "description": intervention.description,
                "partners": intervention.partners,
                "groups": list(intervention.groups.values_list("pk", flat=True)),
                "mentors": list(intervention.mentors.values_list("pk", flat=True)),
            }
            outreach_services.update_intervention(intervention, by=coordinator, **fields)
        self._jobs(polku, coordinator)
        self._analyst(polku)
        own = services.build_now(polku, by=coordinator)
        national = services.build_now(None)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo foresight ready: Polku ry {own.items} postings and needs, {own.people} "
                f"people (checksum {own.checksum[:12]}); whole country {national.items} and "
                f"{national.people}."
            )
        )

    def _jobs(self, polku: Organisation, coordinator: User) -> None:
        essential = services.essential_skills()
        for title, occupation in JOBS:
            if Opportunity.objects.filter(organisation=polku, title=title).exists():
                continue
            job = opportunity_services.create_opportunity(
                organisation=polku,
                by=coordinator,
                kind="job",
                status="open",
                title=title,
                municipality_code=KOUVOLA,
                occupation_uri=occupation,
            )
            opportunity_services.set_skills(
                job,
                [
                    opportunity_services.SkillDecision(uri, "required")
                    for uri in essential.get(occupation, [])[:8]
                ],
                by=coordinator,
            )

    def _analyst(self, polku: Organisation) -> None:
        analyst = User.objects.filter(username=ANALYST).first()
        if analyst is None:
            analyst = core_services.create_user(
                username=ANALYST,
                password=DEMO_PASSWORD,
                first_name="Anna",
                last_name="Analyytikko",
                email=f"{ANALYST}@demo.kohtaanto.invalid",
            )
        core_services.add_membership(analyst, polku, Role.ANALYST)

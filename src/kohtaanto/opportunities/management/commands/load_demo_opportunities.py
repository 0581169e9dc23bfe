"""Demo employers (25), opportunities (80) and courses (62) from `opportunities/demo_data.py`.

Idempotent (rows are found again by business id and by `source="demo"` + external id); needs
KOHTAANTO_DEMO=1 and runs after `load_demo` (it uses the service organisations Polku ry and
Uusi Suunta -hanke, and makes the `employer` persona a contact of Konepaja Virtanen Oy).
Skills are taken from the starter vocabulary by their Finnish preferred label.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from kohtaanto.core import services as core_services
from kohtaanto.core.enums import OrganisationKind, Role
from kohtaanto.core.models import Organisation, User
from kohtaanto.core.validators import DEMO_PASSWORD
from kohtaanto.opportunities import demo_data, services
from kohtaanto.opportunities.enums import OpportunityStatus, SkillImportance, SkillSource
from kohtaanto.opportunities.models import Course, Opportunity

SERVICE_ORGANISATIONS = {"polku": "Polku ry", "suunta": "Uusi Suunta -hanke"}
SOURCE = "demo"


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[dict[str, str], dict[str, str]]:
    """(Finnish preferred label → URI, DigComp code → URI) of the starter vocabulary."""
    from kohtaanto.taxonomy import build_taxonomy

    taxonomy = build_taxonomy(["starter"])
    labels: dict[str, str] = {}
    codes: dict[str, str] = {}
    for concept in taxonomy:
        labels.setdefault(concept.label("fi"), concept.uri)
        if "digcomp" in concept.collections and concept.code:
            codes[concept.code] = concept.uri
    return labels, codes


def skill_uri(label: str) -> str:
    try:
        return _vocabulary()[0][label]
    except KeyError:
        raise CommandError(f"demo data: no starter concept labelled {label!r}") from None


def digcomp_uri(code: str) -> str:
    try:
        return _vocabulary()[1][code]
    except KeyError:
        raise CommandError(f"demo data: no DigComp competence {code!r}") from None


def _start_date(kind: str) -> dt.date | None:
    """Work and education trials start on the first Monday of next month."""
    if kind not in {"work_trial", "education_trial"}:
        return None
    today = timezone.localdate()
    first = (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    return first + dt.timedelta(days=(7 - first.weekday()) % 7)


class Command(BaseCommand):
    help = "Load demo employers, opportunities and courses (needs KOHTAANTO_DEMO=1)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not getattr(settings, "DEMO", False):
            raise CommandError(
                "load_demo_opportunities refuses to run: demo accounts share a published "
                "password. Set KOHTAANTO_DEMO=1 to load demo data on a demo site only."
            )
        partners = {
            key: Organisation.objects.filter(name=name).first()
            for key, name in SERVICE_ORGANISATIONS.items()
        }
        if not all(partners.values()):
            raise CommandError("Run `manage.py load_demo` first (service organisations missing).")
        with transaction.atomic():
            created = 0
            for spec in demo_data.EMPLOYERS:
                employer = self._employer(spec, partners[spec.partner])  # type: ignore[arg-type]
                if spec.contact:
                    self._contact(spec.contact, employer)
                for template_key in spec.templates:
                    created += self._opportunity(
                        spec,
                        template_key,
                        employer,
                        partners[spec.partner],  # type: ignore[arg-type]
                    )
            for course in demo_data.COURSES:
                self._course(course)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo opportunities ready: {len(demo_data.EMPLOYERS)} employers, "
                f"{Opportunity.objects.filter(source=SOURCE).count()} opportunities "
                f"({created} new), {Course.objects.filter(source=SOURCE).count()} courses."
            )
        )

    def _employer(self, spec: demo_data.Employer, partner: Organisation) -> Organisation:
        employer = Organisation.objects.filter(
            kind=OrganisationKind.EMPLOYER, business_id=spec.business_id
        ).first()
        if employer is None:
            employer = services.create_employer(
                name=spec.name, business_id=spec.business_id, municipality_code=spec.municipality
            )
        elif employer.municipality_code != spec.municipality:
            core_services.update_organisation(employer, municipality_code=spec.municipality)
        domain = spec.key + ".demo.kohtaanto.invalid"
        services.save_employer_profile(
            employer,
            industry=spec.industry,
            contact_name="",
            contact_email=f"rekry@{domain}",
            contact_phone="",
            website=f"https://{domain}/",
            service_organisation=partner,
        )
        return employer

    def _contact(self, username: str, employer: Organisation) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            first, last = demo_data.CONTACTS[username]
            user = core_services.create_user(
                username=username,
                password=DEMO_PASSWORD,
                first_name=first,
                last_name=last,
                email=f"{username}@demo.kohtaanto.invalid",
            )
        core_services.add_membership(user, employer, Role.EMPLOYER_CONTACT)

    def _opportunity(
        self,
        spec: demo_data.Employer,
        template_key: str,
        employer: Organisation,
        partner: Organisation,
    ) -> int:
        template = demo_data.TEMPLATES[template_key]
        key = (spec.key, template_key)
        status = (
            OpportunityStatus.DRAFT
            if key in demo_data.DRAFTS
            else OpportunityStatus.CLOSED
            if key in demo_data.CLOSED
            else OpportunityStatus.OPEN
        )
        fields: dict[str, Any] = {
            "kind": template.kind,
            "title": template.title,
            "description": template.description,
            "description_language": "fi",
            "employer": employer,
            "municipality_code": spec.municipality,
            "remote": template.remote,
            "languages": dict(template.languages),
            "hours_per_week": template.hours,
            "start_date": _start_date(template.kind),
            "physical_demands": list(template.physical),
            "accessibility": template.accessibility,
            "status": status,
        }
        external_id = f"demo-{spec.key}-{template_key}"
        existing = Opportunity.objects.filter(
            organisation=partner, source=SOURCE, external_id=external_id
        ).first()
        if existing is None:
            opportunity = services.create_opportunity(
                organisation=partner, external_id=external_id, source=SOURCE, **fields
            )
        else:
            opportunity = services.update_opportunity(existing, **fields)
        decisions = [
            services.SkillDecision(
                skill_uri(label), SkillImportance.REQUIRED, source=SkillSource.MANUAL
            )
            for label in template.required
        ] + [
            services.SkillDecision(
                skill_uri(label), SkillImportance.NICE_TO_HAVE, source=SkillSource.MANUAL
            )
            for label in template.nice
        ]
        services.set_skills(opportunity, decisions, replace=True)
        return int(existing is None)

    def _course(self, spec: demo_data.CourseSpec) -> None:
        skills = [skill_uri(label) for label in spec.skills] + [
            digcomp_uri(code) for code in spec.digcomp
        ]
        fields: dict[str, Any] = {
            "title": spec.title,
            "provider": spec.provider,
            "url": spec.url,
            "description": spec.description,
            "language": spec.language,
            "hours": spec.hours,
            "cost_eur": spec.cost,
            "format": spec.format,
            "open_material": spec.open_material,
        }
        external_id = f"demo-{spec.key}"
        existing = Course.objects.filter(organisation=None, external_id=external_id).first()
        if existing is None:
            services.create_course(
                organisation=None, skills=skills, external_id=external_id, source=SOURCE, **fields
            )
        else:
            services.update_course(existing, skills=skills, **fields)

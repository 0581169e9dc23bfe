"""Fixtures of the opportunities tests, on top of the personas (tests/fixtures.py).

- `partner`: the personas' employer (Konepaja Virtanen Oy) works with the personas'
  service organisation (Polku ry);
- `opportunity`: managed by Polku ry, offered by Konepaja Virtanen Oy;
- `other_employer`, `other_contact`, `other_opportunity`: another employer of Polku ry;
- `foreign_opportunity`: managed by the outsider's organisation.
"""

from __future__ import annotations

import pytest
from tests.factories import Personas, member

from kohtaanto.core.enums import OrganisationKind, Role
from kohtaanto.core.models import Organisation, User
from kohtaanto.opportunities import services
from kohtaanto.opportunities.enums import OpportunityStatus
from kohtaanto.opportunities.models import EmployerProfile, Opportunity

FORKLIFT = "http://data.europa.eu/esco/skill/28cb374e-6261-4133-8371-f9a5470145da"
PICKING = "http://data.europa.eu/esco/skill/ee5e2297-39cc-4ed6-89e5-d58016118a7f"
CUSTOMER_SERVICE = "http://data.europa.eu/esco/skill/75dfe1ee-5935-42ce-b820-697f827825c3"
CLEANING = "http://data.europa.eu/esco/skill/4f1b6304-f54a-42f0-9604-5427a28d240f"


@pytest.fixture
def partner(personas: Personas) -> EmployerProfile:
    return services.save_employer_profile(
        personas.employer_organisation,
        industry="Metalliteollisuus",
        service_organisation=personas.organisation,
    )


@pytest.fixture
def opportunity(personas: Personas, partner: EmployerProfile) -> Opportunity:
    return services.create_opportunity(
        organisation=personas.organisation,
        employer=personas.employer_organisation,
        title="Varastotyöntekijä",
        description="Keräilyä ja trukilla ajoa.",
        municipality_code="109",
        languages={"fi": "B1"},
        hours_per_week="37.5",
        status=OpportunityStatus.OPEN,
    )


@pytest.fixture
def other_employer(personas: Personas) -> Organisation:
    return services.create_employer(
        name="Siivouspalvelu Kirkas Oy",
        business_id="2345678-0",
        municipality_code="091",
        service_organisation=personas.organisation,
    )


@pytest.fixture
def other_contact(other_employer: Organisation) -> User:
    return member(other_employer, Role.EMPLOYER_CONTACT, username="other-contact")


@pytest.fixture
def other_opportunity(personas: Personas, other_employer: Organisation) -> Opportunity:
    return services.create_opportunity(
        organisation=personas.organisation,
        employer=other_employer,
        title="Siivooja",
        status=OpportunityStatus.OPEN,
    )


@pytest.fixture
def foreign_opportunity(personas: Personas) -> Opportunity:
    employer = Organisation.objects.create(name="Muu Oy", kind=OrganisationKind.EMPLOYER)
    return services.create_opportunity(
        organisation=personas.other_organisation,
        employer=employer,
        title="Kokki",
        status=OpportunityStatus.OPEN,
    )

"""A small world with known foresight answers (used by the app's, the pages' and the API's
tests and by the access matrix).

Organisation (personas.organisation), demand:
- 3 open jobs in Tampere (837, region 06) asking "pick orders" and "use pallet jacks"
  (logistics), occupation warehouse worker (ISCO 9);
- 1 open work-trial place in Tampere asking "care for older people" (care);
- 1 draft job (not counted) and 1 imported posting in Helsinki (091, region 01) asking
  "pick orders".
Supply (confirmed skills; consent for anonymised statistics):
- 6 people in Tampere with "care for older people", 2 in Tampere with "pick orders";
- 1 in Helsinki with both;
- 1 in Tampere with "pick orders" WITHOUT the consent: never counted.
Courses: "Varastotyön perusteet" (16 h) teaches "pick orders".

So in region 06 (skill groups): logistics demand 3, supply 2 (under 5); care demand 1,
supply 6; all regions: care 7 (6 + 1), logistics 3, people 06: 8, 01: 1, all 9. For an
analyst, care in 06 (6) is hidden as the complement of Helsinki's 1.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone
from tests.factories import ConsentEventFactory, ParticipantFactory

from kohtaanto.core.models import Organisation
from kohtaanto.journeys.models import Intake
from kohtaanto.opportunities.models import Course, CourseSkill, Opportunity, OpportunitySkill
from kohtaanto.people.enums import ConsentPurpose
from kohtaanto.profiles.models import ProfileItem

ESCO = "http://data.europa.eu/esco/"
PICK = ESCO + "skill/ee5e2297-39cc-4ed6-89e5-d58016118a7f"
PALLET = ESCO + "skill/078861f5-b901-48a5-951e-a3ad0a4fa0bd"
CARE_OLD = ESCO + "skill/261e740b-d32d-4356-94a8-3ea29128b70b"
WAREHOUSE = ESCO + "occupation/bea705fe-06ac-4147-b8e0-6e8ac1208d8f"
CLEANER = ESCO + "occupation/303a1e34-cb16-4054-b323-81e5eec17397"
LOGISTICS, CARE = "collection:sector:logistics", "collection:sector:care"
TAMPERE, HELSINKI = "837", "091"


def _opportunity(
    organisation: Organisation,
    municipality: str,
    skills: list[str],
    *,
    kind: str = "job",
    status: str = "open",
    source: str = "",
    occupation: str = "",
    n: int = 0,
) -> Opportunity:
    from kohtaanto.reference.places import region_of

    opportunity = Opportunity.objects.create(
        organisation=organisation,
        kind=kind,
        status=status,
        title=f"Paikka {n}",
        municipality_code=municipality,
        region_code=region_of(municipality),
        occupation_uri=occupation,
        source=source,
        external_id=f"ext-{n}" if source else "",
    )
    for uri in skills:
        OpportunitySkill.objects.create(
            opportunity=opportunity, uri=uri, importance="required", pending=False
        )
    return opportunity


def _person(
    organisation: Organisation, municipality: str, skills: list[str], consent: bool
) -> None:
    participant = ParticipantFactory(organisation=organisation)
    Intake.objects.create(participant=participant, municipality_code=municipality)
    if consent:
        ConsentEventFactory(participant=participant, purpose=ConsentPurpose.ANONYMISED_STATISTICS)
    for uri in skills:
        ProfileItem.objects.create(
            participant=participant,
            uri=uri,
            kind="skill",
            group="work",
            label=uri[-8:],
            status="confirmed",
            source="manual",
            decided_at=timezone.now(),
        )


def make_world(organisation: Organisation) -> None:
    for n in range(3):
        _opportunity(organisation, TAMPERE, [PICK, PALLET], occupation=WAREHOUSE, n=n)
    _opportunity(organisation, TAMPERE, [CARE_OLD], kind="work_trial", n=3)
    _opportunity(organisation, TAMPERE, [CARE_OLD], status="draft", n=4)
    _opportunity(organisation, HELSINKI, [PICK], source="jsonld", n=5)
    for _i in range(6):
        _person(organisation, TAMPERE, [CARE_OLD], consent=True)
    for _i in range(2):
        _person(organisation, TAMPERE, [PICK], consent=True)
    _person(organisation, HELSINKI, [PICK, CARE_OLD], consent=True)
    _person(organisation, TAMPERE, [PICK], consent=False)
    course = Course.objects.create(
        organisation=None, title="Varastotyön perusteet", hours=Decimal(16), cost_eur=Decimal(0)
    )
    CourseSkill.objects.create(course=course, uri=PICK)

"""`load_demo_opportunities`: realistic, consistent and idempotent."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from kohtaanto.core.enums import OrganisationKind, Role
from kohtaanto.core.models import Membership, Organisation
from kohtaanto.core.validators import is_valid_business_id
from kohtaanto.opportunities import demo_data
from kohtaanto.opportunities.enums import OpportunityKind, SkillImportance
from kohtaanto.opportunities.models import Course, CourseSkill, Opportunity, OpportunitySkill
from kohtaanto.reference.places import municipality
from kohtaanto.vocabularies.provider import get_taxonomy


def test_demo_data_is_consistent() -> None:
    assert len(demo_data.EMPLOYERS) == 25
    assert sum(len(e.templates) for e in demo_data.EMPLOYERS) == 80
    assert len(demo_data.COURSES) >= 60
    assert all(is_valid_business_id(e.business_id) for e in demo_data.EMPLOYERS)
    assert len({e.business_id for e in demo_data.EMPLOYERS}) == 25
    assert {municipality(e.municipality).region_fi for e in demo_data.EMPLOYERS} == {  # type: ignore[union-attr]
        "Uusimaa",
        "Kanta-Häme",
        "Pirkanmaa",
        "Varsinais-Suomi",
    }
    kinds = {demo_data.TEMPLATES[t].kind for e in demo_data.EMPLOYERS for t in e.templates}
    assert kinds == set(OpportunityKind.values)


@pytest.mark.django_db
def test_refuses_without_demo_mode() -> None:
    with override_settings(DEMO=False), pytest.raises(CommandError):
        call_command("load_demo_opportunities")


@pytest.mark.django_db
@override_settings(DEMO=True)
def test_load_is_idempotent_and_uses_starter_uris() -> None:
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("load_demo_opportunities", stdout=open("/dev/null", "w"))  # noqa: SIM115
    counts = (Opportunity.objects.count(), Course.objects.count(), OpportunitySkill.objects.count())
    assert counts[0] == 80 and counts[1] == len(demo_data.COURSES)
    call_command("load_demo_opportunities", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (
        Opportunity.objects.count(),
        Course.objects.count(),
        OpportunitySkill.objects.count(),
    ) == counts
    assert Organisation.objects.filter(kind=OrganisationKind.EMPLOYER).count() == 25
    taxonomy = get_taxonomy()
    uris = set(OpportunitySkill.objects.values_list("uri", flat=True)) | set(
        CourseSkill.objects.values_list("uri", flat=True)
    )
    assert all(uri in taxonomy for uri in uris)
    assert CourseSkill.objects.filter(framework="digcomp").exists()
    # The employer persona is a contact of Konepaja Virtanen Oy, which has demo opportunities.
    konepaja = Organisation.objects.get(business_id="1572860-0")
    assert Membership.objects.filter(
        user__username="employer", organisation=konepaja, role=Role.EMPLOYER_CONTACT
    ).exists()
    assert Opportunity.objects.filter(employer=konepaja).count() == 4
    assert Membership.objects.filter(user__username="employer2").exists()
    # Every opportunity has at least one required skill.
    assert not Opportunity.objects.exclude(skills__importance=SkillImportance.REQUIRED).exists()

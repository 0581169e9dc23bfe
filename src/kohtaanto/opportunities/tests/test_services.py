"""The services: the only writes, with their checks and audit events."""

from __future__ import annotations

import pytest

from kohtaanto.core.enums import AuditAction
from kohtaanto.core.errors import ValidationFailed
from kohtaanto.core.models import AuditEvent
from kohtaanto.opportunities import services
from kohtaanto.opportunities.enums import OpportunityStatus, SkillImportance, SkillSource
from kohtaanto.opportunities.models import CourseSkill
from kohtaanto.opportunities.recognition import recognise_skills

from .conftest import CLEANING, FORKLIFT, PICKING

pytestmark = pytest.mark.django_db


def test_create_employer_checks_the_business_id(personas) -> None:
    with pytest.raises(ValidationFailed) as info:
        services.create_employer(name="Väärä Oy", business_id="1234567-8")
    assert "business_id" in info.value.errors
    employer = services.create_employer(
        name="Oikea Oy",
        business_id="2679126-9",
        municipality_code="092",
        industry="Logistiikka",
        service_organisation=personas.organisation,
    )
    assert employer.employer_profile.industry == "Logistiikka"


def test_create_employer_checks_the_municipality() -> None:
    with pytest.raises(ValidationFailed) as info:
        services.create_employer(name="Oy", business_id="2679126-9", municipality_code="999")
    assert "municipality_code" in info.value.errors


def test_profile_only_for_employers(personas) -> None:
    with pytest.raises(ValidationFailed):
        services.save_employer_profile(personas.organisation, industry="x")


def test_create_opportunity_validates(personas, partner) -> None:
    with pytest.raises(ValidationFailed) as info:
        services.create_opportunity(organisation=personas.organisation, title="")
    assert "title" in info.value.errors
    with pytest.raises(ValidationFailed):
        services.create_opportunity(organisation=personas.employer_organisation, title="X")
    with pytest.raises(ValidationFailed):
        services.create_opportunity(
            organisation=personas.organisation, title="X", employer=personas.other_organisation
        )
    with pytest.raises(ValidationFailed) as info:
        services.create_opportunity(
            organisation=personas.organisation,
            title="X",
            start_date="2025-05-01",
            end_date="2025-04-01",
        )
    assert "end_date" in info.value.errors
    with pytest.raises(ValidationFailed):
        services.create_opportunity(organisation=personas.organisation, title="X", salary=1)
    with pytest.raises(ValidationFailed):
        services.create_opportunity(
            organisation=personas.organisation, title="X", languages={"fi": "Z9"}
        )


def test_create_update_close_are_audited(personas, opportunity) -> None:
    assert opportunity.region_code == "05"
    services.update_opportunity(opportunity, by=personas.coach, municipality_code="853")
    assert opportunity.region_code == "02"
    services.close_opportunity(opportunity, by=personas.coach)
    assert opportunity.status == OpportunityStatus.CLOSED and opportunity.closed_at
    services.open_opportunity(opportunity, by=personas.coach)
    assert opportunity.closed_at is None
    actions = list(
        AuditEvent.objects.filter(object_type__icontains="opportunity").values_list(
            "action", flat=True
        )
    )
    assert actions.count(AuditAction.CHANGE) == 3 and AuditAction.CREATE in actions


def test_set_skills_upserts_and_replaces(personas, opportunity) -> None:
    services.set_skills(
        opportunity,
        [
            services.SkillDecision(
                FORKLIFT, SkillImportance.REQUIRED, source=SkillSource.RECOGNISED
            ),
            services.SkillDecision(PICKING, SkillImportance.NICE_TO_HAVE),
        ],
        by=personas.coach,
    )
    forklift = opportunity.skills.get(uri=FORKLIFT)
    assert forklift.label == "trukin ajaminen" and forklift.kind == "skill"
    assert forklift.decided_by == personas.coach
    services.set_skills(opportunity, [services.SkillDecision(FORKLIFT, SkillImportance.IGNORED)])
    assert opportunity.skills.get(uri=FORKLIFT).importance == SkillImportance.IGNORED
    assert opportunity.skills.count() == 2
    services.set_skills(
        opportunity, [services.SkillDecision(CLEANING, SkillImportance.REQUIRED)], replace=True
    )
    assert list(opportunity.skills.values_list("uri", flat=True)) == [CLEANING]
    with pytest.raises(ValidationFailed):
        services.set_skills(opportunity, [services.SkillDecision(CLEANING, "essential")])


def test_courses_and_their_skills(personas) -> None:
    digcomp = "http://data.europa.eu/esco/skill/e439742d-558d-4f52-885e-afdc740b48cf"  # 1.1
    course = services.create_course(
        organisation=personas.organisation,
        title="Digitaidot",
        hours="6,5",
        cost_eur="0",
        skills=[FORKLIFT, digcomp],
    )
    frameworks = dict(CourseSkill.objects.values_list("uri", "framework"))
    assert frameworks == {FORKLIFT: "esco", digcomp: "digcomp"}
    services.update_course(course, skills=[digcomp], open_material=True)
    assert list(course.skills.values_list("uri", flat=True)) == [digcomp]
    with pytest.raises(ValidationFailed):
        services.create_course(organisation=None, title="X", format="podcast")
    with pytest.raises(ValidationFailed):
        services.create_course(organisation=None, title="X", cost_eur="-5")


def test_recognition_finds_skills_in_a_description() -> None:
    uris = {s.uri for s in recognise_skills("Keräilyä ja trukilla ajoa varastossa.", "fi")}
    assert {FORKLIFT, PICKING} <= uris
    assert recognise_skills("   ", "fi") == []

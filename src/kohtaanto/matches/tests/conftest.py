"""Minimal fixtures of matching: skills, consents, opportunities and courses as plain rows.

Skills are example URIs (no vocabulary needed; labels fall back to the stored ones). The
participant persona lives in Helsinki (091, Uusimaa) and speaks Finnish natively.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pytest
from tests.factories_journeys import IntakeFactory, SpokenLanguageFactory

from kohtaanto.core.models import Organisation
from kohtaanto.opportunities.models import Course, CourseSkill, Opportunity, OpportunitySkill
from kohtaanto.people.consent import give_consent
from kohtaanto.people.enums import ConsentPurpose
from kohtaanto.people.models import Participant
from kohtaanto.profiles.models import ProfileItem

S = "http://example.org/skill/"
FORKLIFT, INVENTORY, CLEANING, SAFETY, EXCEL = (
    S + "forklift",
    S + "inventory",
    S + "cleaning",
    S + "safety",
    S + "excel",
)
LABELS = {
    FORKLIFT: "trukin ajo",
    INVENTORY: "inventaario",
    CLEANING: "siivous",
    SAFETY: "työturvallisuus",
    EXCEL: "taulukkolaskenta",
}
MATCHING = (ConsentPurpose.SERVICE_PROCESSING, ConsentPurpose.MATCHING)
SHARING = (*MATCHING, ConsentPurpose.SHARE_PROFILE_WITH_EMPLOYERS)


def consent(participant: Participant, purposes: Iterable[str], by: Any = None) -> None:
    for purpose in purposes:
        give_consent(participant, purpose, by=by)


def add_skills(
    participant: Participant, uris: Iterable[str], status: str = "confirmed", kind: str = "skill"
) -> None:
    for uri in uris:
        ProfileItem.objects.create(
            participant=participant,
            uri=uri,
            kind=kind,
            group="occupation" if kind == "occupation" else "work",
            label=LABELS.get(uri, uri),
            status=status,
            source="recognised",
        )


def make_opportunity(
    organisation: Organisation,
    employer: Organisation | None,
    required: Iterable[str] = (),
    nice: Iterable[str] = (),
    **fields: Any,
) -> Opportunity:
    fields.setdefault("title", "Varastotyöntekijä")
    fields.setdefault("status", "open")
    opportunity = Opportunity.objects.create(organisation=organisation, employer=employer, **fields)
    for uri in required:
        OpportunitySkill.objects.create(
            opportunity=opportunity, uri=uri, label=LABELS.get(uri, ""), importance="required"
        )
    for uri in nice:
        OpportunitySkill.objects.create(
            opportunity=opportunity, uri=uri, label=LABELS.get(uri, ""), importance="nice_to_have"
        )
    return opportunity


def make_course(title: str, uris: Iterable[str], cost: float = 0, hours: float = 10) -> Course:
    course = Course.objects.create(title=title, cost_eur=cost, hours=hours, provider="Opisto")
    for uri in uris:
        CourseSkill.objects.create(course=course, uri=uri, label=LABELS.get(uri, ""))
    return course


def ready(participant: Participant, uris: Iterable[str], purposes: Iterable[str] = SHARING) -> None:
    """Intake in Helsinki, Finnish, confirmed skills and consents."""
    IntakeFactory(participant=participant, municipality_code="091")
    SpokenLanguageFactory(participant=participant, language="fi", level="native")
    add_skills(participant, uris)
    consent(participant, purposes)


@pytest.fixture
def warehouse(personas: Any) -> Opportunity:
    """An open warehouse job of the coach's organisation at the persona employer."""
    return make_opportunity(
        personas.organisation,
        personas.employer_organisation,
        required=[FORKLIFT, INVENTORY, SAFETY],
        nice=[EXCEL],
        title="Varastotyöntekijä",
    )


@pytest.fixture
def courses(db: None) -> list[Course]:
    return [
        make_course("Työturvallisuuskortti", [SAFETY], cost=90, hours=8),
        make_course("Turvallisuus verkossa", [SAFETY], cost=0, hours=4),
        make_course("Excel alkeet", [EXCEL], cost=0, hours=6),
    ]


@pytest.fixture
def matched(personas: Any, warehouse: Opportunity, courses: list[Course]) -> Participant:
    """The participant persona: forklift and inventory confirmed, all consents given."""
    participant: Participant = personas.participant
    ready(participant, [FORKLIFT, INVENTORY])
    return participant

"""Validation of the fields, the Y-tunnus checksum (core validator), constraints and the
1:1 adapters to `kohtaanto.matching`."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from kohtaanto.core.validators import business_id_check_digit, validate_business_id
from kohtaanto.matching.model import Opportunity as MatchingOpportunity
from kohtaanto.matching.model import OpportunityKind, Remote
from kohtaanto.opportunities import services
from kohtaanto.opportunities.adapters import to_matching_course, to_matching_opportunity
from kohtaanto.opportunities.enums import SkillImportance
from kohtaanto.opportunities.models import Opportunity
from kohtaanto.opportunities.validators import (
    validate_languages,
    validate_official_municipality,
    validate_physical_demands,
)

from .conftest import CLEANING, FORKLIFT, PICKING


@pytest.mark.parametrize("value", ["1572860-0", "2679126-9", "0737546-2", "2345678-0"])
def test_valid_business_ids(value: str) -> None:
    validate_business_id(value)


@pytest.mark.parametrize(
    "value",
    ["1572860-1", "2679126-8", "1234567-8", "157286-0", "15728600", "1572860 0", "", "abcdefg-h"],
)
def test_invalid_business_ids(value: str) -> None:
    with pytest.raises(ValidationError):
        validate_business_id(value)


def test_check_digit_of_remainder_one_has_no_valid_id() -> None:
    # Weighted sum ≡ 1 (mod 11): no check digit exists, so no id with these digits is valid.
    digits = next(
        f"{n:07d}"
        for n in range(1_000_000, 1_100_000)
        if business_id_check_digit(f"{n:07d}") is None
    )
    for check in range(10):
        with pytest.raises(ValidationError):
            validate_business_id(f"{digits}-{check}")


@pytest.mark.parametrize("value", [{"fi": "B1"}, {"fi": "native", "en": "A2"}, {}])
def test_valid_languages(value: dict[str, str]) -> None:
    validate_languages(value)


@pytest.mark.parametrize("value", [{"finnish": "B1"}, {"fi": "B3"}, {"fi": "good"}, ["fi"], "fi"])
def test_invalid_languages(value: object) -> None:
    with pytest.raises(ValidationError):
        validate_languages(value)


def test_physical_demands_and_municipalities() -> None:
    validate_physical_demands(["heavy_lifting", "night_shifts"])
    with pytest.raises(ValidationError):
        validate_physical_demands(["juggling"])
    validate_official_municipality("109")
    with pytest.raises(ValidationError):
        validate_official_municipality("999")


@pytest.mark.django_db
def test_external_id_is_unique_per_organisation_and_source(opportunity) -> None:
    services.update_opportunity(opportunity, external_id="X-1", source="csv")
    other = services.create_opportunity(
        organisation=opportunity.organisation, title="Toinen", external_id="X-1", source="jsonld"
    )
    assert other.pk  # another source may reuse the id
    with pytest.raises(IntegrityError):
        Opportunity.objects.create(
            organisation=opportunity.organisation, title="Kolmas", external_id="X-1", source="csv"
        )


@pytest.mark.django_db
def test_adapter_maps_to_matching_dataclass(opportunity) -> None:
    services.update_opportunity(
        opportunity, remote="hybrid", physical_demands=["heavy_lifting"], occupation_uri=""
    )
    services.set_skills(
        opportunity,
        [
            services.SkillDecision(FORKLIFT, SkillImportance.REQUIRED),
            services.SkillDecision(PICKING, SkillImportance.NICE_TO_HAVE),
            services.SkillDecision(CLEANING, SkillImportance.IGNORED),
        ],
    )
    result = to_matching_opportunity(opportunity)
    assert result == MatchingOpportunity(
        id=str(opportunity.pk),
        kind=OpportunityKind.JOB,
        required_skills=frozenset({FORKLIFT}),
        nice_to_have_skills=frozenset({PICKING}),
        occupation=None,
        languages_required={"fi": "B1"},
        municipality="109",
        region="05",
        remote=Remote.HYBRID,
        hours=37.5,
        physical_demands=frozenset({"heavy_lifting"}),
    )


@pytest.mark.django_db
def test_course_adapter() -> None:
    course = services.create_course(
        organisation=None, title="Trukkikortti", hours="16", cost_eur="190", skills=[FORKLIFT]
    )
    converted = to_matching_course(course)
    assert (converted.cost_eur, converted.hours, converted.skills) == (
        190.0,
        16.0,
        frozenset({FORKLIFT}),
    )

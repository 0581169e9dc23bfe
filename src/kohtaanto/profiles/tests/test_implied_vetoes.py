"""A confirmed occupation does not imply skills that conflict with the person's recorded limits
on work (with the consent): "lift heavy weights" is not suggested for someone with
no_heavy_lifting; without the consent, or without the limit, it is."""

from __future__ import annotations

import pytest

from kohtaanto.journeys.services.intake import set_restriction_codes
from kohtaanto.people.consent import give_consent, withdraw_consent
from kohtaanto.people.enums import ConsentPurpose
from kohtaanto.profiles import services
from kohtaanto.profiles.models import ProfileItem

pytestmark = pytest.mark.django_db

LIFT_HEAVY = "http://data.europa.eu/esco/skill/ab2bb44a-3956-4028-8715-8b70b1960b99"
#: A starter occupation with "lift heavy weights" as an essential skill.
MOVER = "http://data.europa.eu/esco/occupation/eeac6251-1974-42f5-91ed-513c6c883755"
RESTRICTED = ConsentPurpose.RESTRICTED_HEALTH_CONSTRAINTS


def _implied(participant) -> set[str]:  # type: ignore[no-untyped-def]
    return set(
        ProfileItem.objects.filter(participant=participant, implied_by=MOVER).values_list(
            "uri", flat=True
        )
    )


def _confirm_occupation(participant, coach) -> None:  # type: ignore[no-untyped-def]
    item = services.add_item(participant, by=coach, uri=MOVER)
    services.confirm_item(coach, item.pk)


def test_a_recorded_limit_keeps_the_conflicting_skill_out(consented, coach):
    set_restriction_codes(consented, by=coach, codes=["no_heavy_lifting"])
    assert services.implied_skill_vetoes(consented) >= {LIFT_HEAVY}
    _confirm_occupation(consented, coach)
    implied = _implied(consented)
    assert implied and LIFT_HEAVY not in implied


def test_without_the_limit_the_skill_is_implied(consented, coach):
    _confirm_occupation(consented, coach)
    assert LIFT_HEAVY in _implied(consented)


def test_without_the_consent_the_limit_is_not_used(consented, coach):
    set_restriction_codes(consented, by=coach, codes=["no_heavy_lifting"])
    withdraw_consent(consented, RESTRICTED, by=coach)
    assert services.implied_skill_vetoes(consented) == frozenset()
    _confirm_occupation(consented, coach)
    assert LIFT_HEAVY in _implied(consented)
    give_consent(consented, RESTRICTED, by=coach)
    assert LIFT_HEAVY in services.implied_skill_vetoes(consented)


def test_decide_items_respects_the_limit_too(consented, coach):
    set_restriction_codes(consented, by=coach, codes=["no_heavy_lifting"])
    item = services.add_item(consented, by=coach, uri=MOVER)
    ProfileItem.objects.filter(pk=item.pk).update(status="suggested")
    services.decide_items(consented, by=coach, confirm=[item.pk])
    implied = _implied(consented)
    assert implied and LIFT_HEAVY not in implied

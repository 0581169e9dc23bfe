"""Fixtures of the mentoring tests: a mentor in the pool and a participant who consents."""

from __future__ import annotations

import pytest
from tests.factories import Personas

from kohtaanto.core.enums import Role
from kohtaanto.core.models import Membership, User
from kohtaanto.mentoring import services
from kohtaanto.mentoring.enums import VolunteerRole
from kohtaanto.mentoring.models import VolunteerProfile
from kohtaanto.people.consent import MATCHING_PURPOSES, give_consent
from kohtaanto.people.models import Participant


def consent_to_matching(participant: Participant, by: User) -> None:
    for purpose in MATCHING_PURPOSES:
        give_consent(participant, purpose, by=by)


def add_mentor(
    personas: Personas,
    user: User,
    capacity: int = 2,
    roles: tuple[str, ...] = ("individual_mentor",),
) -> VolunteerProfile:
    if not Membership.objects.filter(
        user=user, organisation=personas.organisation, role=Role.MENTOR
    ).exists():
        Membership.objects.create(user=user, organisation=personas.organisation, role=Role.MENTOR)
    profile = services.add_volunteer(personas.coordinator, user, personas.organisation, roles)
    services.update_profile(personas.coordinator, profile, capacity_mentees=capacity)
    return profile


@pytest.fixture
def mentor_profile(personas: Personas) -> VolunteerProfile:
    return add_mentor(personas, personas.mentor, roles=(VolunteerRole.INDIVIDUAL_MENTOR,))


@pytest.fixture
def consenting(personas: Personas) -> Participant:
    consent_to_matching(personas.participant, personas.participant_user)
    return personas.participant

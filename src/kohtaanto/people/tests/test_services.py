"""Participant services."""

from __future__ import annotations

import pytest
from tests.factories import Personas, UserFactory

from kohtaanto.core.enums import AuditAction, Role
from kohtaanto.core.errors import ValidationFailed
from kohtaanto.core.models import AuditEvent, Membership
from kohtaanto.people import services
from kohtaanto.people.enums import ParticipantStatus

pytestmark = pytest.mark.django_db


def test_create_participant_audits_and_sets_coaches(personas: Personas) -> None:
    participant = services.create_participant(
        organisation=personas.organisation,
        first_name="Aino",
        last_name="Laaksonen",
        by=personas.coordinator,
        coaches=[personas.coach],
    )
    assert list(participant.coaches.all()) == [personas.coach]
    event = AuditEvent.objects.get(action=AuditAction.CREATE, participant_id=participant.pk)
    assert event.actor == personas.coordinator
    assert event.organisation == personas.organisation


def test_create_participant_with_login_adds_membership(personas: Personas) -> None:
    user = UserFactory()
    participant = services.create_participant(
        organisation=personas.organisation, first_name="A", last_name="B", user=user
    )
    assert user.participant_record == participant
    assert Membership.objects.filter(
        user=user, organisation=personas.organisation, role=Role.PARTICIPANT
    ).exists()


def test_coaches_must_be_coaches_of_the_organisation(personas: Personas) -> None:
    with pytest.raises(ValidationFailed) as excinfo:
        services.create_participant(
            organisation=personas.organisation,
            first_name="A",
            last_name="B",
            coaches=[personas.outsider],
        )
    assert "coaches" in excinfo.value.errors
    with pytest.raises(ValidationFailed):
        services.add_coach(personas.participant, personas.mentor)


def test_invalid_fields_are_refused(personas: Personas) -> None:
    with pytest.raises(ValidationFailed) as excinfo:
        services.create_participant(
            organisation=personas.organisation, first_name="", last_name="B", email="not-mail"
        )
    assert {"first_name", "email"} <= set(excinfo.value.errors)


def test_update_participant(personas: Personas) -> None:
    services.update_participant(
        personas.participant, by=personas.coach, status=ParticipantStatus.PAUSED
    )
    personas.participant.refresh_from_db()
    assert personas.participant.status == ParticipantStatus.PAUSED
    assert AuditEvent.objects.filter(
        action=AuditAction.CHANGE, participant_id=personas.participant.pk
    ).exists()
    with pytest.raises(ValidationFailed):
        services.update_participant(personas.participant, organisation=personas.other_organisation)


def test_add_and_remove_coach(personas: Personas) -> None:
    services.add_coach(personas.unassigned_participant, personas.coach, by=personas.coordinator)
    assert personas.unassigned_participant in personas.coach.coached_participants.all()
    services.remove_coach(personas.unassigned_participant, personas.coach)
    assert personas.unassigned_participant not in personas.coach.coached_participants.all()

"""`set_coaches`: the one write path for a participant's coaches (the intake page uses it)."""

from __future__ import annotations

import pytest
from tests.factories import Personas, member

from kohtaanto.core.enums import AuditAction, Role
from kohtaanto.core.errors import ValidationFailed
from kohtaanto.core.models import AuditEvent
from kohtaanto.people import services

pytestmark = pytest.mark.django_db


def coach_ids(participant) -> set[int]:
    return set(participant.coaches.values_list("pk", flat=True))


def test_set_coaches_adds_and_removes_with_an_audit_event_each(personas: Personas) -> None:
    second = member(personas.organisation, Role.COACH, username="second-coach")
    participant = personas.caseload_participant
    before = AuditEvent.objects.filter(action=AuditAction.CHANGE).count()
    services.set_coaches(participant, [str(second.pk)], by=personas.coordinator)
    assert coach_ids(participant) == {second.pk}
    assert AuditEvent.objects.filter(action=AuditAction.CHANGE).count() == before + 2


def test_set_coaches_to_the_same_set_changes_nothing(personas: Personas) -> None:
    participant = personas.caseload_participant
    before = AuditEvent.objects.count()
    services.set_coaches(participant, [personas.coach.pk], by=personas.coordinator)
    assert coach_ids(participant) == {personas.coach.pk}
    assert AuditEvent.objects.count() == before


def test_set_coaches_refuses_someone_who_is_not_a_coach_there(personas: Personas) -> None:
    participant = personas.caseload_participant
    with pytest.raises(ValidationFailed) as error:
        services.set_coaches(participant, [personas.outsider.pk], by=personas.coordinator)
    assert "coaches" in error.value.errors
    assert coach_ids(participant) == {personas.coach.pk}

"""Bulk reads of personal data are audited: one event per list read, with the filters and
the count, never a name (the API's participant list and the admin's participant list)."""

from __future__ import annotations

import pytest
from tests.factories import Personas

from kohtaanto.core.enums import AuditAction
from kohtaanto.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def _list_events() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=AuditAction.LIST))


def test_api_participant_list_is_one_event_with_filters_and_count(
    coordinator_api, personas: Personas
) -> None:
    response = coordinator_api.get("/api/v1/participants/?limit=2")
    assert response.status_code == 200
    events = _list_events()
    assert len(events) == 1
    event = events[0]
    assert event.actor == personas.coordinator
    assert event.object_type == "people.participant"
    assert event.details == {"filters": {"limit": "2"}, "count": 2}
    assert event.organisation_id == personas.organisation.pk


def test_api_participant_list_by_participant_is_audited_too(participant_api) -> None:
    participant_api.get("/api/v1/participants/")
    assert [e.details["count"] for e in _list_events()] == [1]


def test_admin_participant_changelist_is_one_event_without_search_text(
    coordinator_client, personas: Personas
) -> None:
    name = personas.participant.last_name
    response = coordinator_client.get(f"/admin/people/participant/?q={name}&status__exact=active")
    assert response.status_code == 200
    events = _list_events()
    assert len(events) == 1
    details = events[0].details
    assert details["filters"] == {"q": "*", "status__exact": "active"}
    assert details["count"] == len(response.context["cl"].result_list)
    assert name not in str(details)

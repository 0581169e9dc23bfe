"""`/api/v1/participants/` with every persona."""

from __future__ import annotations

import pytest
from tests.factories import Personas

from kohtaanto.core.enums import AuditAction
from kohtaanto.core.models import AuditEvent

pytestmark = pytest.mark.django_db

VISIBLE = {
    "coordinator": {"participant", "caseload_participant", "unassigned_participant"},
    "coach": {"participant", "caseload_participant"},
    "participant": {"participant"},
    "mentor": set(),
    "employer_contact": set(),
    "workplace_mentor": set(),
    "analyst": set(),
    "outsider": {"other_participant"},
}


@pytest.mark.parametrize("persona", sorted(VISIBLE))
def test_list_shows_visible_participants(api_client_for, personas: Personas, persona: str) -> None:
    client = api_client_for(personas.users()[persona])
    response = client.get("/api/v1/participants/")
    assert response.status_code == 200
    ids = {row["id"] for row in response.json()["results"]}
    assert ids == {getattr(personas, name).pk for name in VISIBLE[persona]}


@pytest.mark.parametrize("persona", sorted(VISIBLE))
def test_retrieve_every_record_as_every_persona(
    api_client_for, personas: Personas, persona: str
) -> None:
    client = api_client_for(personas.users()[persona])
    for name in (
        "participant",
        "caseload_participant",
        "unassigned_participant",
        "other_participant",
    ):
        response = client.get(f"/api/v1/participants/{getattr(personas, name).pk}/")
        expected = 200 if name in VISIBLE[persona] else 404
        assert response.status_code == expected, (persona, name)
        if expected == 404:
            assert response["Content-Type"] == "application/problem+json"
            assert response.json()["status"] == 404


def test_outsider_gets_404_not_403(outsider_api, personas: Personas) -> None:
    response = outsider_api.get(f"/api/v1/participants/{personas.participant.pk}/")
    assert response.status_code == 404
    body = response.json()
    assert body["type"] == "urn:kohtaanto:problem:not_found"
    assert personas.participant.last_name not in response.content.decode()


def test_retrieve_by_coach_is_audited(coach_api, personas: Personas) -> None:
    response = coach_api.get(f"/api/v1/participants/{personas.participant.pk}/")
    assert response.json()["first_name"] == personas.participant.first_name
    assert (
        AuditEvent.objects.filter(
            action=AuditAction.VIEW, actor=personas.coach, participant_id=personas.participant.pk
        ).count()
        == 1
    )


def test_own_retrieve_is_not_audited(participant_api, personas: Personas) -> None:
    participant_api.get(f"/api/v1/participants/{personas.participant.pk}/")
    assert not AuditEvent.objects.filter(action=AuditAction.VIEW).exists()


def test_anonymous_gets_problem(client, personas: Personas) -> None:
    response = client.get("/api/v1/participants/")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


def test_participants_are_read_only(coach_api, personas: Personas) -> None:
    response = coach_api.delete(f"/api/v1/participants/{personas.participant.pk}/")
    assert response.status_code == 405
    assert response.json()["title"]


@pytest.mark.parametrize("pk", ["99999999999999999999", "9223372036854775808", "0"])
def test_out_of_range_ids_are_404(coach_api, personas: Personas, pk: str) -> None:
    assert coach_api.get(f"/api/v1/participants/{pk}/").status_code == 404
    assert coach_api.get(f"/api/v1/participants/{pk}/consents/").status_code == 404


def test_list_query_count_does_not_grow(
    coordinator_api, personas: Personas, django_assert_max_num_queries
) -> None:
    from tests.factories import ParticipantFactory

    ParticipantFactory.create_batch(
        10, organisation=personas.organisation, coaches=[personas.coach]
    )
    with django_assert_max_num_queries(8):
        response = coordinator_api.get("/api/v1/participants/")
    assert response.json()["count"] == 13

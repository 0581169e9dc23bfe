from __future__ import annotations

import pytest
from tests.factories import Personas

pytestmark = pytest.mark.django_db


def test_me_for_a_coach(coach_api, personas: Personas) -> None:
    data = coach_api.get("/api/v1/me/").json()
    assert data["username"] == "coach"
    assert data["roles"] == ["coach"]
    assert data["memberships"] == [
        {
            "organisation": {
                "id": personas.organisation.pk,
                "name": "Polku ry",
                "kind": "service_provider",
            },
            "role": "coach",
        }
    ]
    assert data["participant_id"] is None


def test_me_for_a_participant(participant_api, personas: Personas) -> None:
    data = participant_api.get("/api/v1/me/").json()
    assert data["participant_id"] == personas.participant.pk
    assert data["roles"] == ["participant"]


def test_me_needs_login(client) -> None:
    response = client.get("/api/v1/me/")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'

"""`/api/v1/participants/{id}/consents/`."""

from __future__ import annotations

import pytest
from tests.factories import Personas

from kohtaanto.people.consent import has_consent, may_use_for_matching
from kohtaanto.people.services import give_consent

pytestmark = pytest.mark.django_db


def url(participant: object) -> str:
    return f"/api/v1/participants/{participant.pk}/consents/"  # type: ignore[attr-defined]


def test_get_current_state(participant_api, personas: Personas) -> None:
    give_consent(personas.participant, "matching", by=personas.participant_user)
    response = participant_api.get(url(personas.participant))
    assert response.status_code == 200
    states = {row["purpose"]: row for row in response.json()}
    assert states["matching"]["given"] is True
    assert states["service_processing"]["given"] is False
    assert states["matching"]["label"]


def test_participant_gives_and_withdraws(participant_api, personas: Personas) -> None:
    for purpose in ("service_processing", "matching"):
        response = participant_api.post(
            url(personas.participant), {"purpose": purpose, "given": True}, format="json"
        )
        assert response.status_code == 200
    assert may_use_for_matching(personas.participant)
    participant_api.post(
        url(personas.participant), {"purpose": "matching", "given": False}, format="json"
    )
    assert not may_use_for_matching(personas.participant)


def test_coach_records_consent(coach_api, personas: Personas) -> None:
    response = coach_api.post(
        url(personas.caseload_participant),
        {"purpose": "follow_up_contact", "given": True, "note": "Kysytty puhelimessa"},
        format="json",
    )
    assert response.status_code == 200
    assert has_consent(personas.caseload_participant, "follow_up_contact")


def test_coordinator_may_read_but_not_change(coordinator_api, personas: Personas) -> None:
    assert coordinator_api.get(url(personas.participant)).status_code == 200
    response = coordinator_api.post(
        url(personas.participant), {"purpose": "matching", "given": True}, format="json"
    )
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert not has_consent(personas.participant, "matching")


@pytest.mark.parametrize("persona", ["outsider", "mentor", "employer_contact", "analyst"])
def test_others_get_404(api_client_for, personas: Personas, persona: str) -> None:
    client = api_client_for(personas.users()[persona])
    assert client.get(url(personas.participant)).status_code == 404
    response = client.post(
        url(personas.participant), {"purpose": "matching", "given": True}, format="json"
    )
    assert response.status_code == 404
    assert not has_consent(personas.participant, "matching")


def test_invalid_input_is_a_problem_with_field_errors(participant_api, personas: Personas) -> None:
    response = participant_api.post(
        url(personas.participant), {"purpose": "marketing"}, format="json"
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["type"] == "urn:kohtaanto:problem:invalid"
    assert set(body["errors"]) == {"purpose", "given"}

"""`/api/v1/participants/{id}/digcomp/`: completed DigComp self-assessments (read only)."""

from __future__ import annotations

import pytest
from tests.factories import Personas

from kohtaanto.core.enums import AuditAction
from kohtaanto.core.models import AuditEvent
from kohtaanto.journeys import rules, services
from kohtaanto.journeys.models import DigCompAttempt

pytestmark = pytest.mark.django_db


def url(participant: object) -> str:
    return f"/api/v1/participants/{participant.pk}/digcomp/"  # type: ignore[attr-defined]


def answers(value: int) -> dict[str, int]:
    return dict.fromkeys(rules.digcomp().questions, value)


@pytest.fixture
def attempts(personas: Personas) -> list[DigCompAttempt]:
    first = services.submit_digcomp(
        personas.participant, by=personas.coach, answers=answers(1), with_coach=True
    )
    second = services.submit_digcomp(
        personas.participant, by=personas.participant_user, answers=answers(5)
    )
    services.start_digcomp(personas.participant, by=personas.participant_user)  # unfinished
    return [first, second]


@pytest.mark.parametrize("persona", ["coach", "coordinator"])
def test_staff_read_results_newest_first_audited(
    api_client_for, personas: Personas, attempts: list[DigCompAttempt], persona: str
) -> None:
    user = personas.users()[persona]
    response = api_client_for(user).get(url(personas.participant))
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    newest, oldest = body["results"]
    assert [newest["id"], oldest["id"]] == [attempts[1].pk, attempts[0].pk]
    assert oldest["with_coach"] is True
    assert [area["area"] for area in newest["areas"]] == list(rules.digcomp().areas)
    assert {area["mean"] for area in newest["areas"]} == {5.0}
    assert {area["band"] for area in newest["areas"]} <= set(rules.PROFICIENCY_BANDS)
    assert all(area["name"] for area in newest["areas"])
    assert AuditEvent.objects.filter(
        actor=user, action=AuditAction.VIEW, participant_id=personas.participant.pk
    ).exists()


def test_participant_reads_own_results_unaudited(
    participant_api, personas: Personas, attempts: list[DigCompAttempt]
) -> None:
    response = participant_api.get(url(personas.participant))
    assert response.status_code == 200
    assert response.json()["count"] == 2
    assert not AuditEvent.objects.filter(action=AuditAction.VIEW).exists()


def test_participant_cannot_read_another_participants_results(
    participant_api, personas: Personas
) -> None:
    services.submit_digcomp(personas.caseload_participant, by=personas.coach, answers=answers(3))
    response = participant_api.get(url(personas.caseload_participant))
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize(
    "persona", ["outsider", "mentor", "employer_contact", "workplace_mentor", "analyst"]
)
def test_others_get_404(
    api_client_for, personas: Personas, attempts: list[DigCompAttempt], persona: str
) -> None:
    response = api_client_for(personas.users()[persona]).get(url(personas.participant))
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_anonymous_is_refused(client, personas: Personas) -> None:
    response = client.get(url(personas.participant))
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


def test_pagination(coach_api, personas: Personas, attempts: list[DigCompAttempt]) -> None:
    page = coach_api.get(url(personas.participant), {"limit": 1, "offset": 1}).json()
    assert page["count"] == 2
    assert [r["id"] for r in page["results"]] == [attempts[0].pk]
    assert page["previous"] and page["next"] is None


def test_read_only(coach_api, personas: Personas) -> None:
    response = coach_api.post(url(personas.participant), {}, format="json")
    assert response.status_code == 405
    assert response["Content-Type"] == "application/problem+json"

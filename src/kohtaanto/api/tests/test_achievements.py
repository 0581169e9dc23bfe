"""`/api/v1/me/badges/` (the wallet) and `/api/v1/participants/{id}/badges/` (the issuer)."""

from __future__ import annotations

import pytest
from tests.factories import Personas

from kohtaanto.achievements.models import IssuedCredential
from kohtaanto.achievements.tests.helpers import IMMEDIATE, digcomp_badge, issue
from kohtaanto.core.enums import AuditAction
from kohtaanto.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_signing(settings, tmp_path):
    settings.TASKS = IMMEDIATE
    settings.BADGE_KEK = ""
    settings.BADGE_KEK_GENERATED_FILE = tmp_path / "badge_kek"


@pytest.fixture
def badge(personas: Personas) -> IssuedCredential:
    # Recorded and queued for signing (the signing task runs on commit, not in this test).
    return issue(personas, digcomp_badge(personas))


def test_participant_reads_own_wallet(participant_api, badge: IssuedCredential) -> None:
    response = participant_api.get("/api/v1/me/badges/")
    assert response.status_code == 200
    rows = response.json()["results"]
    assert [row["id"] for row in rows] == [badge.pk]
    assert rows[0]["name"] == "Digitaidot: tiedon etsiminen"
    assert rows[0]["state"] == badge.state
    assert rows[0]["source"] == "digcomp"
    assert rows[0]["failure_reason"] == ""
    assert "credential" not in rows[0] and "share_token" not in rows[0]


@pytest.mark.parametrize("persona", ["coach", "coordinator", "employer_contact", "analyst"])
def test_no_wallet_is_404(api_client_for, personas: Personas, badge, persona: str) -> None:
    response = api_client_for(personas.users()[persona]).get("/api/v1/me/badges/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_another_participant_does_not_see_the_badge(
    api_client_for, personas: Personas, badge: IssuedCredential
) -> None:
    from tests.factories import member

    from kohtaanto.core.enums import Role

    user = member(personas.organisation, Role.PARTICIPANT, username="participant-two")
    personas.caseload_participant.user = user
    personas.caseload_participant.save(update_fields=["user"])
    client = api_client_for(user)
    assert client.get("/api/v1/me/badges/").json()["count"] == 0
    url = f"/api/v1/participants/{personas.participant.pk}/badges/"
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("persona", ["coach", "coordinator"])
def test_issuing_staff_read_the_participants_badges_audited(
    api_client_for, personas: Personas, badge: IssuedCredential, persona: str
) -> None:
    user = personas.users()[persona]
    response = api_client_for(user).get(f"/api/v1/participants/{personas.participant.pk}/badges/")
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [badge.pk]
    assert AuditEvent.objects.filter(
        actor=user, action=AuditAction.VIEW, participant_id=personas.participant.pk
    ).exists()


@pytest.mark.parametrize(
    "persona", ["participant", "outsider", "mentor", "employer_contact", "analyst"]
)
def test_others_do_not_read_the_participants_badges(
    api_client_for, personas: Personas, badge: IssuedCredential, persona: str
) -> None:
    client = api_client_for(personas.users()[persona])
    response = client.get(f"/api/v1/participants/{personas.participant.pk}/badges/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_pagination(coach_api, personas: Personas, badge: IssuedCredential) -> None:
    second = issue(personas, digcomp_badge(personas, name_fi="Toinen merkki"))
    url = f"/api/v1/participants/{personas.participant.pk}/badges/"
    page = coach_api.get(url, {"limit": 1}).json()
    assert page["count"] == 2 and len(page["results"]) == 1
    rest = coach_api.get(url, {"limit": 1, "offset": 1}).json()
    assert {page["results"][0]["id"], rest["results"][0]["id"]} == {badge.pk, second.pk}
    assert coach_api.get(url, {"offset": "null"}).status_code == 400


def test_anonymous_is_refused(client, badge: IssuedCredential) -> None:
    response = client.get("/api/v1/me/badges/")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"

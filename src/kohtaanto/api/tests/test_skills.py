"""`/api/v1/participants/{id}/skills/`: list a profile's items, confirm or reject one."""

from __future__ import annotations

import pytest
from tests.factories import Personas
from tests.factories_journeys import ProfileItemFactory

from kohtaanto.core.enums import AuditAction
from kohtaanto.core.models import AuditEvent
from kohtaanto.profiles.enums import ItemStatus
from kohtaanto.profiles.models import ProfileItem

pytestmark = pytest.mark.django_db


def url(participant: object, suffix: str = "") -> str:
    return f"/api/v1/participants/{participant.pk}/skills/{suffix}"  # type: ignore[attr-defined]


@pytest.fixture
def items(personas: Personas) -> dict[str, ProfileItem]:
    owner = personas.participant
    return {
        "confirmed": ProfileItemFactory(
            participant=owner, status=ItemStatus.CONFIRMED, label="trukin ajo", score=0.9
        ),
        "likely": ProfileItemFactory(participant=owner, label="varastotyö", score=0.99),
        "weak": ProfileItemFactory(participant=owner, label="heikko arvaus", score=0.01),
        "rejected": ProfileItemFactory(
            participant=owner, status=ItemStatus.REJECTED, label="hylätty", score=0.9
        ),
    }


@pytest.mark.parametrize("persona", ["coach", "coordinator"])
def test_staff_see_every_item_and_the_read_is_audited(
    api_client_for, personas: Personas, items: dict[str, ProfileItem], persona: str
) -> None:
    user = personas.users()[persona]
    response = api_client_for(user).get(url(personas.participant))
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 4
    assert {row["id"] for row in body["results"]} == {item.pk for item in items.values()}
    row = next(r for r in body["results"] if r["id"] == items["confirmed"].pk)
    assert set(row) == {
        "id",
        "uri",
        "label",
        "kind",
        "group",
        "status",
        "source",
        "goal",
        "decided_at",
    }
    assert row["status"] == "confirmed"
    assert AuditEvent.objects.filter(
        actor=user, action=AuditAction.VIEW, participant_id=personas.participant.pk
    ).exists()


def test_participant_sees_what_my_path_shows(
    participant_api, personas: Personas, items: dict[str, ProfileItem]
) -> None:
    response = participant_api.get(url(personas.participant))
    assert response.status_code == 200
    ids = {row["id"] for row in response.json()["results"]}
    assert ids == {items["confirmed"].pk, items["likely"].pk}
    assert not AuditEvent.objects.filter(action=AuditAction.VIEW).exists()


def test_filters(coach_api, personas: Personas, items: dict[str, ProfileItem]) -> None:
    response = coach_api.get(url(personas.participant), {"status": "suggested"})
    assert {row["id"] for row in response.json()["results"]} == {
        items["likely"].pk,
        items["weak"].pk,
    }
    response = coach_api.get(url(personas.participant), {"status": "confirmed", "group": "work"})
    assert [row["id"] for row in response.json()["results"]] == [items["confirmed"].pk]


@pytest.mark.parametrize(
    "params", [{"status": "AAA"}, {"group": "nope"}, {"status": "confirmed\x00"}]
)
def test_unknown_filter_values_are_400(
    coach_api, personas: Personas, items: dict[str, ProfileItem], params: dict[str, str]
) -> None:
    response = coach_api.get(url(personas.participant), params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert set(response.json()["errors"]) == set(params)


def test_pagination(coach_api, personas: Personas, items: dict[str, ProfileItem]) -> None:
    first = coach_api.get(url(personas.participant), {"limit": 3}).json()
    second = coach_api.get(url(personas.participant), {"limit": 3, "offset": 3}).json()
    assert first["count"] == second["count"] == 4
    assert len(first["results"]) == 3 and len(second["results"]) == 1
    assert first["next"] and second["previous"]
    seen = {r["id"] for r in first["results"]} | {r["id"] for r in second["results"]}
    assert seen == {item.pk for item in items.values()}


@pytest.mark.parametrize(
    "persona", ["outsider", "mentor", "employer_contact", "workplace_mentor", "analyst"]
)
def test_others_get_404(
    api_client_for, personas: Personas, items: dict[str, ProfileItem], persona: str
) -> None:
    client = api_client_for(personas.users()[persona])
    response = client.get(url(personas.participant))
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert "trukin" not in response.content.decode()
    item = items["likely"]
    for action in ("confirm", "reject"):
        assert client.post(url(personas.participant, f"{item.pk}/{action}/")).status_code == 404
    item.refresh_from_db()
    assert item.status == ItemStatus.SUGGESTED


def test_participant_cannot_read_another_participants_profile(
    participant_api, personas: Personas
) -> None:
    other = ProfileItemFactory(participant=personas.caseload_participant, label="toisen taito")
    assert participant_api.get(url(personas.caseload_participant)).status_code == 404
    response = participant_api.post(url(personas.caseload_participant, f"{other.pk}/confirm/"))
    assert response.status_code == 404
    # An item of someone else under one's own record is not found either.
    response = participant_api.post(url(personas.participant, f"{other.pk}/confirm/"))
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.status == ItemStatus.SUGGESTED


def test_anonymous_is_refused(client, personas: Personas, items: dict[str, ProfileItem]) -> None:
    response = client.get(url(personas.participant))
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


def test_coach_confirms_through_the_service(
    coach_api, personas: Personas, items: dict[str, ProfileItem]
) -> None:
    item = items["likely"]
    response = coach_api.post(url(personas.participant, f"{item.pk}/confirm/"))
    assert response.status_code == 200
    assert response.json()["status"] == "confirmed"
    item.refresh_from_db()
    assert item.status == ItemStatus.CONFIRMED
    assert item.decided_by == personas.coach
    assert AuditEvent.objects.filter(
        actor=personas.coach,
        action=AuditAction.CHANGE,
        object_type="profiles.profileitem",
        object_id=str(item.pk),
    ).exists()


def test_participant_rejects_own_suggestion(
    participant_api, personas: Personas, items: dict[str, ProfileItem]
) -> None:
    item = items["weak"]
    response = participant_api.post(url(personas.participant, f"{item.pk}/reject/"))
    assert response.status_code == 200
    assert response.json()["status"] == "rejected"
    item.refresh_from_db()
    assert item.status == ItemStatus.REJECTED
    assert AuditEvent.objects.filter(
        actor=personas.participant_user, action=AuditAction.CHANGE, object_id=str(item.pk)
    ).exists()


def test_outsider_cannot_confirm_in_another_organisation(
    outsider_api, personas: Personas, items: dict[str, ProfileItem]
) -> None:
    response = outsider_api.post(url(personas.participant, f"{items['likely'].pk}/confirm/"))
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(
        actor=personas.outsider, participant_id=personas.participant.pk
    ).exists()


def test_decision_needs_post(coach_api, personas: Personas, items: dict[str, ProfileItem]) -> None:
    response = coach_api.get(url(personas.participant, f"{items['likely'].pk}/confirm/"))
    assert response.status_code == 405
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("pk", ["99999999999999999999", "9223372036854775808", "0"])
def test_out_of_range_ids_are_404(
    coach_api, personas: Personas, items: dict[str, ProfileItem], pk: str
) -> None:
    assert coach_api.post(url(personas.participant, f"{pk}/confirm/")).status_code == 404
    assert coach_api.get(f"/api/v1/participants/{pk}/skills/").status_code == 404

"""`/api/v1/groups/…` and `/api/v1/group-sessions/{id}/attendance/`."""

# ruff: noqa: F811 (the group fixtures come from the groups app's conftest)

from __future__ import annotations

import pytest
from tests.factories import Personas

from kohtaanto.core.enums import AuditAction
from kohtaanto.core.models import AuditEvent
from kohtaanto.groups import services
from kohtaanto.groups.models import Attendance, Group, GroupSession
from kohtaanto.groups.tests.conftest import group, session, started_session  # noqa: F401

pytestmark = pytest.mark.django_db

LINK = "https://meet.example.org/kiipeily"


def attendance_url(session: GroupSession) -> str:
    return f"/api/v1/group-sessions/{session.pk}/attendance/"


@pytest.fixture
def online_group(group: Group, personas: Personas) -> Group:
    services.update_group(group, by=personas.coordinator, online_link=LINK)
    group.refresh_from_db()
    return group


@pytest.mark.parametrize(
    ("persona", "sees_link"),
    [
        ("coordinator", True),
        ("coach", True),
        ("mentor", True),  # the leader
        ("participant", True),  # a member
    ],
)
def test_who_sees_the_group(
    api_client_for, personas: Personas, online_group: Group, persona: str, sees_link: bool
) -> None:
    client = api_client_for(personas.users()[persona])
    listed = client.get("/api/v1/groups/").json()
    assert [row["id"] for row in listed["results"]] == [online_group.pk]
    detail = client.get(f"/api/v1/groups/{online_group.pk}/").json()
    assert detail["name"] == "Kiipeilyryhmä"
    assert detail["member_count"] == 1
    assert detail["online"] is True
    assert detail["online_link"] == (LINK if sees_link else None)


def test_a_participant_of_the_organisation_sees_the_open_group_without_link(
    api_client_for, personas: Personas, online_group: Group
) -> None:
    from tests.factories import member

    from kohtaanto.core.enums import Role

    user = member(personas.organisation, Role.PARTICIPANT, username="participant-two")
    personas.caseload_participant.user = user
    personas.caseload_participant.save(update_fields=["user"])
    client = api_client_for(user)
    detail = client.get(f"/api/v1/groups/{online_group.pk}/")
    assert detail.status_code == 200
    assert detail.json()["online_link"] is None
    assert LINK not in detail.content.decode()
    listed = client.get("/api/v1/groups/").json()
    assert all(row["online_link"] is None for row in listed["results"])


@pytest.mark.parametrize("persona", ["outsider", "employer_contact", "workplace_mentor", "analyst"])
def test_others_see_no_group(
    api_client_for, personas: Personas, group: Group, session: GroupSession, persona: str
) -> None:
    client = api_client_for(personas.users()[persona])
    assert client.get("/api/v1/groups/").json()["count"] == 0
    for target in (
        f"/api/v1/groups/{group.pk}/",
        f"/api/v1/groups/{group.pk}/sessions/",
        attendance_url(session),
    ):
        response = client.get(target)
        assert response.status_code == 404, target
        assert response["Content-Type"] == "application/problem+json"


def test_sessions_list_and_pagination(
    participant_api, personas: Personas, group: Group, session: GroupSession, started_session
) -> None:
    everything = participant_api.get(f"/api/v1/groups/{group.pk}/sessions/").json()
    assert [row["id"] for row in everything["results"]] == [started_session.pk, session.pk]
    page = participant_api.get(f"/api/v1/groups/{group.pk}/sessions/", {"limit": 1}).json()
    assert page["count"] == 2 and [r["id"] for r in page["results"]] == [started_session.pk]


def test_kind_filter(coach_api, group: Group) -> None:
    assert coach_api.get("/api/v1/groups/", {"kind": "hobby"}).json()["count"] == 1
    assert coach_api.get("/api/v1/groups/", {"kind": "learning"}).json()["count"] == 0
    response = coach_api.get("/api/v1/groups/", {"kind": "AAA"})
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"kind"}


def test_leader_reads_the_roll_call_audited_with_initials(
    mentor_api, personas: Personas, started_session: GroupSession
) -> None:
    response = mentor_api.get(attendance_url(started_session))
    assert response.status_code == 200
    rows = response.json()
    participant = personas.participant
    assert rows == [
        {
            "participant": participant.pk,
            "name": f"{participant.first_name} {participant.last_name[:1]}.",
            "member_status": "member",
            "mark": None,
        }
    ]
    assert AuditEvent.objects.filter(
        actor=personas.mentor, action=AuditAction.VIEW, participant_id=participant.pk
    ).exists()


def test_coach_sees_full_names(
    coach_api, personas: Personas, started_session: GroupSession
) -> None:
    rows = coach_api.get(attendance_url(started_session)).json()
    assert rows[0]["name"] == personas.participant.full_name


def test_leader_records_attendance_through_the_service(
    mentor_api, personas: Personas, started_session: GroupSession
) -> None:
    body = {"marks": [{"participant": personas.participant.pk, "mark": "present"}]}
    response = mentor_api.post(attendance_url(started_session), body, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()[0]["mark"] == "present"
    row = Attendance.objects.get(session=started_session)
    assert (row.mark, row.marked_by) == ("present", personas.mentor)
    # The same marks again change nothing (idempotent).
    again = mentor_api.post(attendance_url(started_session), body, format="json")
    assert again.status_code == 200
    assert Attendance.objects.get(session=started_session).marked_at == row.marked_at


def test_attendance_refusals(
    mentor_api, personas: Personas, session: GroupSession, started_session: GroupSession
) -> None:
    mark = {"participant": personas.participant.pk, "mark": "present"}
    response = mentor_api.post(attendance_url(session), {"marks": [mark]}, format="json")
    assert response.status_code == 400  # tomorrow: the roll call is not open yet
    assert response["Content-Type"] == "application/problem+json"
    stranger = {"participant": personas.caseload_participant.pk, "mark": "present"}
    response = mentor_api.post(
        attendance_url(started_session), {"marks": [stranger]}, format="json"
    )
    assert response.status_code == 400
    assert "marks" in response.json()["errors"]
    for body in ({}, {"marks": []}, {"marks": [{**mark, "mark": "late"}]}, {"marks": "x"}):
        response = mentor_api.post(attendance_url(started_session), body, format="json")
        assert response.status_code == 400, body
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("persona", ["participant", "outsider", "employer_contact", "analyst"])
def test_only_leaders_and_managers_take_the_roll_call(
    api_client_for, personas: Personas, started_session: GroupSession, persona: str
) -> None:
    client = api_client_for(personas.users()[persona])
    assert client.get(attendance_url(started_session)).status_code == 404
    body = {"marks": [{"participant": personas.participant.pk, "mark": "absent"}]}
    assert client.post(attendance_url(started_session), body, format="json").status_code == 404
    assert not Attendance.objects.exists()


def test_anonymous_is_refused(client, group: Group) -> None:
    response = client.get("/api/v1/groups/")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"

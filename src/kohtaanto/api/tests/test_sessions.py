"""`/api/v1/participants/{id}/sessions/` and `/tasks/`: the plan page's meetings and tasks."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from tests.factories import Personas
from tests.factories_journeys import SessionFactory, TaskFactory

from kohtaanto.core.enums import AuditAction
from kohtaanto.core.models import AuditEvent
from kohtaanto.journeys.enums import SessionStatus
from kohtaanto.journeys.models import Session, Task

pytestmark = pytest.mark.django_db

OTHERS = ["outsider", "mentor", "employer_contact", "workplace_mentor", "analyst"]


def url(participant: object, suffix: str) -> str:
    return f"/api/v1/participants/{participant.pk}/{suffix}"  # type: ignore[attr-defined]


@pytest.fixture
def sessions(personas: Personas) -> dict[str, Session]:
    owner = personas.participant
    now = timezone.now()
    return {
        "held": SessionFactory(participant=owner, done_together="Harjoiteltiin haastattelua."),
        "older": SessionFactory(participant=owner, starts_at=now - dt.timedelta(days=30)),
        "planned": SessionFactory(
            participant=owner,
            status=SessionStatus.PLANNED,
            starts_at=now + dt.timedelta(days=3),
            done_together="",
        ),
        "cancelled": SessionFactory(participant=owner, status=SessionStatus.CANCELLED),
    }


@pytest.fixture
def tasks(personas: Personas) -> dict[str, Task]:
    owner = personas.participant
    return {
        "open": TaskFactory(participant=owner, title="Päivitä CV"),
        "done": TaskFactory(participant=owner, title="Soita TE-toimistoon", done_at=timezone.now()),
    }


# --- sessions --------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["coach", "coordinator"])
def test_staff_list_meetings_and_log_audited(
    api_client_for, personas: Personas, sessions: dict[str, Session], persona: str
) -> None:
    user = personas.users()[persona]
    response = api_client_for(user).get(url(personas.participant, "sessions/"))
    assert response.status_code == 200
    rows = response.json()["results"]
    assert [row["id"] for row in rows] == [
        sessions["planned"].pk,
        sessions["held"].pk,
        sessions["older"].pk,
    ]
    assert rows[1]["done_together"] == "Harjoiteltiin haastattelua."
    assert rows[1]["kind_label"]
    assert AuditEvent.objects.filter(
        actor=user, action=AuditAction.VIEW, participant_id=personas.participant.pk
    ).exists()


def test_session_status_filter(coach_api, personas: Personas, sessions: dict[str, Session]) -> None:
    planned = coach_api.get(url(personas.participant, "sessions/"), {"status": "planned"})
    assert [r["id"] for r in planned.json()["results"]] == [sessions["planned"].pk]
    held = coach_api.get(url(personas.participant, "sessions/"), {"status": "held"})
    assert [r["id"] for r in held.json()["results"]] == [
        sessions["held"].pk,
        sessions["older"].pk,
    ]
    for bad in ("AAA", "cancelled", "held\x00"):
        response = coach_api.get(url(personas.participant, "sessions/"), {"status": bad})
        assert response.status_code == 400, bad
        assert response["Content-Type"] == "application/problem+json"
        assert set(response.json()["errors"]) == {"status"}


def test_session_pagination(coach_api, personas: Personas, sessions: dict[str, Session]) -> None:
    page = coach_api.get(url(personas.participant, "sessions/"), {"limit": 2, "offset": 2}).json()
    assert page["count"] == 3
    assert [r["id"] for r in page["results"]] == [sessions["older"].pk]


def test_participant_gets_404_for_the_session_log(
    participant_api, personas: Personas, sessions: dict[str, Session]
) -> None:
    # As on the pages: the plan page is the coach's; "my path" shows no session log.
    response = participant_api.get(url(personas.participant, "sessions/"))
    assert response.status_code == 404
    assert "haastattelua" not in response.content.decode()


@pytest.mark.parametrize("persona", OTHERS)
def test_others_get_404_for_sessions(
    api_client_for, personas: Personas, sessions: dict[str, Session], persona: str
) -> None:
    client = api_client_for(personas.users()[persona])
    response = client.get(url(personas.participant, "sessions/"))
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    note = {"kind": "individual", "starts_at": timezone.now().isoformat()}
    assert (
        client.post(url(personas.participant, "sessions/"), note, format="json").status_code == 404
    )
    assert Session.objects.filter(participant=personas.participant).count() == 4


def test_coach_writes_a_session_note(coach_api, personas: Personas) -> None:
    starts_at = timezone.now() - dt.timedelta(hours=2)
    response = coach_api.post(
        url(personas.caseload_participant, "sessions/"),
        {
            "kind": "individual",
            "starts_at": starts_at.isoformat(),
            "duration_minutes": 45,
            "done_together": "Tehtiin työnhakusuunnitelma.",
            "next_steps": "Haetaan kahta paikkaa.",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "held"
    session = Session.objects.get(pk=body["id"])
    assert session.participant == personas.caseload_participant
    assert session.recorded_by == personas.coach
    assert list(session.coaches.all()) == [personas.coach]
    assert session.duration_minutes == 45
    assert AuditEvent.objects.filter(
        actor=personas.coach,
        action=AuditAction.CREATE,
        object_type="journeys.session",
        object_id=str(session.pk),
    ).exists()


def test_session_note_validation(coach_api, personas: Personas) -> None:
    target = url(personas.participant, "sessions/")
    future = (timezone.now() + dt.timedelta(days=1)).isoformat()
    response = coach_api.post(target, {"kind": "individual", "starts_at": future}, format="json")
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"starts_at"}
    response = coach_api.post(target, {"kind": "tea", "starts_at": "yesterday"}, format="json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert set(response.json()["errors"]) == {"kind", "starts_at"}
    past = (timezone.now() - dt.timedelta(hours=1)).isoformat()
    response = coach_api.post(
        target, {"kind": "individual", "starts_at": past, "surprise": 1}, format="json"
    )
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"surprise"}
    assert not Session.objects.filter(participant=personas.participant).exists()


def test_participant_cannot_write_a_session_note(participant_api, personas: Personas) -> None:
    note = {"kind": "individual", "starts_at": timezone.now().isoformat()}
    response = participant_api.post(url(personas.participant, "sessions/"), note, format="json")
    assert response.status_code == 404
    assert not Session.objects.exists()


def test_anonymous_is_refused(client, personas: Personas) -> None:
    for suffix in ("sessions/", "tasks/"):
        response = client.get(url(personas.participant, suffix))
        assert response.status_code == 401
        assert response["Content-Type"] == "application/problem+json"


# --- tasks -----------------------------------------------------------------------------------


def test_staff_see_every_task_and_filter(
    coordinator_api, personas: Personas, tasks: dict[str, Task]
) -> None:
    everything = coordinator_api.get(url(personas.participant, "tasks/")).json()
    assert {r["id"] for r in everything["results"]} == {t.pk for t in tasks.values()}
    done = coordinator_api.get(url(personas.participant, "tasks/"), {"done": "true"}).json()
    assert [(r["id"], r["done"]) for r in done["results"]] == [(tasks["done"].pk, True)]
    still = coordinator_api.get(url(personas.participant, "tasks/"), {"done": "false"}).json()
    assert [r["id"] for r in still["results"]] == [tasks["open"].pk]
    response = coordinator_api.get(url(personas.participant, "tasks/"), {"done": "AAA"})
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"done"}


def test_participant_sees_own_open_tasks_only(
    participant_api, personas: Personas, tasks: dict[str, Task]
) -> None:
    for params in ({}, {"done": "true"}):
        response = participant_api.get(url(personas.participant, "tasks/"), params)
        assert response.status_code == 200
        assert [r["id"] for r in response.json()["results"]] == [tasks["open"].pk]
    assert not AuditEvent.objects.filter(action=AuditAction.VIEW).exists()


def test_participant_cannot_see_another_participants_tasks(
    participant_api, personas: Personas
) -> None:
    TaskFactory(participant=personas.caseload_participant, title="Toisen tehtävä")
    response = participant_api.get(url(personas.caseload_participant, "tasks/"))
    assert response.status_code == 404
    assert "Toisen" not in response.content.decode()


@pytest.mark.parametrize("persona", OTHERS)
def test_others_get_404_for_tasks(
    api_client_for, personas: Personas, tasks: dict[str, Task], persona: str
) -> None:
    client = api_client_for(personas.users()[persona])
    assert client.get(url(personas.participant, "tasks/")).status_code == 404
    response = client.post(url(personas.participant, f"tasks/{tasks['open'].pk}/done/"))
    assert response.status_code == 404
    response = client.post(url(personas.participant, "tasks/"), {"title": "x"}, format="json")
    assert response.status_code == 404
    tasks["open"].refresh_from_db()
    assert tasks["open"].done_at is None
    assert Task.objects.count() == 2


def test_coach_adds_a_task(coach_api, personas: Personas) -> None:
    due = timezone.localdate() + dt.timedelta(days=14)
    response = coach_api.post(
        url(personas.participant, "tasks/"),
        {"title": "Hae kahta paikkaa", "assignee": "together", "due": due.isoformat()},
        format="json",
    )
    assert response.status_code == 201, response.json()
    task = Task.objects.get(pk=response.json()["id"])
    assert (task.title, task.assignee, task.due, task.created_by) == (
        "Hae kahta paikkaa",
        "together",
        due,
        personas.coach,
    )
    assert AuditEvent.objects.filter(
        actor=personas.coach, action=AuditAction.CREATE, object_type="journeys.task"
    ).exists()


def test_task_validation(coach_api, personas: Personas) -> None:
    response = coach_api.post(
        url(personas.participant, "tasks/"), {"title": "", "assignee": "boss"}, format="json"
    )
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"title", "assignee"}
    long_ago = timezone.localdate() - dt.timedelta(days=3650)
    response = coach_api.post(
        url(personas.participant, "tasks/"),
        {"title": "Vanha", "due": long_ago.isoformat()},
        format="json",
    )
    assert response.status_code == 400
    assert "due" in response.json()["errors"]
    assert not Task.objects.exists()


def test_coach_completes_and_reopens_a_task(
    coach_api, personas: Personas, tasks: dict[str, Task]
) -> None:
    target = url(personas.participant, f"tasks/{tasks['open'].pk}/done/")
    response = coach_api.post(target)
    assert response.status_code == 200
    assert response.json()["done"] is True
    tasks["open"].refresh_from_db()
    assert tasks["open"].done_at is not None
    assert AuditEvent.objects.filter(
        actor=personas.coach,
        action=AuditAction.CHANGE,
        object_type="journeys.task",
        object_id=str(tasks["open"].pk),
    ).exists()
    response = coach_api.post(target, {"done": False}, format="json")
    assert response.json()["done"] is False
    tasks["open"].refresh_from_db()
    assert tasks["open"].done_at is None


def test_task_of_another_participant_is_404(coach_api, personas: Personas) -> None:
    other = TaskFactory(participant=personas.caseload_participant)
    response = coach_api.post(url(personas.participant, f"tasks/{other.pk}/done/"))
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.done_at is None


def test_participant_cannot_complete_via_the_api(
    participant_api, personas: Personas, tasks: dict[str, Task]
) -> None:
    response = participant_api.post(url(personas.participant, f"tasks/{tasks['open'].pk}/done/"))
    assert response.status_code == 404
    tasks["open"].refresh_from_db()
    assert tasks["open"].done_at is None


def test_an_old_session_time_is_written_in_utc(coach_api, personas: Personas) -> None:
    # Helsinki time before 1921 has an offset in seconds (local mean time), which RFC 3339
    # cannot write: the times are given in UTC (found by schemathesis).
    response = coach_api.post(
        url(personas.participant, "sessions/"),
        {"kind": "individual", "starts_at": "1900-01-01T12:00:00+02:00"},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["starts_at"] == "1900-01-01T10:00:00Z"
    listed = coach_api.get(url(personas.participant, "sessions/")).json()["results"]
    assert [row["starts_at"] for row in listed] == ["1900-01-01T10:00:00Z"]

"""`/api/v1/mentorings/…`: mentoring relationships, read only, as each side sees them."""

# ruff: noqa: F811 (the mentoring fixtures come from the mentoring app's conftest)

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from tests.factories import Personas

from kohtaanto.core.enums import AuditAction
from kohtaanto.core.models import AuditEvent
from kohtaanto.mentoring import services
from kohtaanto.mentoring.enums import SharedSection
from kohtaanto.mentoring.models import Mentoring, VolunteerProfile
from kohtaanto.mentoring.tests.conftest import consenting, mentor_profile  # noqa: F401
from kohtaanto.people.models import Participant

pytestmark = pytest.mark.django_db

GOALS = "Harjoitella työhaastattelua."


@pytest.fixture
def proposed(
    personas: Personas, consenting: Participant, mentor_profile: VolunteerProfile
) -> Mentoring:
    return services.propose_mentoring(consenting, personas.mentor, personas.coach, goals=GOALS)


@pytest.fixture
def active(personas: Personas, proposed: Mentoring) -> Mentoring:
    services.confirm_mentoring(proposed, personas.coordinator)
    services.accept_mentoring(proposed, personas.participant_user)
    services.accept_mentoring(proposed, personas.mentor)
    services.set_shared(proposed, personas.participant_user, [SharedSection.CONTACT])
    services.add_meeting(
        proposed,
        personas.mentor,
        timezone.localdate() - dt.timedelta(days=1),
        shared_note="Käytiin kirjastossa.",
        private_note="Vaikutti väsyneeltä.",
    )
    proposed.refresh_from_db()
    return proposed


def test_mentor_sees_first_name_shared_contact_and_own_private_note(
    mentor_api, personas: Personas, active: Mentoring
) -> None:
    listed = mentor_api.get("/api/v1/mentorings/").json()
    assert [row["id"] for row in listed["results"]] == [active.pk]
    assert listed["results"][0]["participant_name"] == personas.participant.first_name
    assert listed["results"][0]["goals"] is None  # only in the detail
    detail = mentor_api.get(f"/api/v1/mentorings/{active.pk}/").json()
    assert detail["status"] == "active"
    assert detail["goals"] == GOALS
    assert detail["shared"]["sections"] == ["contact"]
    assert detail["shared"]["email"] == personas.participant.email
    assert detail["shared"]["skills"] == []
    meetings = mentor_api.get(f"/api/v1/mentorings/{active.pk}/meetings/").json()["results"]
    assert [(m["shared_note"], m["private_note"]) for m in meetings] == [
        ("Käytiin kirjastossa.", "Vaikutti väsyneeltä.")
    ]
    assert AuditEvent.objects.filter(
        actor=personas.mentor, action=AuditAction.VIEW, participant_id=personas.participant.pk
    ).exists()


@pytest.mark.parametrize("persona", ["participant", "coach", "coordinator"])
def test_other_sides_never_see_the_private_note(
    api_client_for, personas: Personas, active: Mentoring, persona: str
) -> None:
    client = api_client_for(personas.users()[persona])
    detail = client.get(f"/api/v1/mentorings/{active.pk}/").json()
    assert detail["participant_name"] == personas.participant.full_name
    assert detail["goals"] == GOALS
    assert detail["shared"] is None
    response = client.get(f"/api/v1/mentorings/{active.pk}/meetings/")
    assert [m["private_note"] for m in response.json()["results"]] == [""]
    assert "väsyneeltä" not in response.content.decode()
    viewed = AuditEvent.objects.filter(
        actor=personas.users()[persona], action=AuditAction.VIEW, object_type="mentoring.mentoring"
    ).exists()
    assert viewed is (persona != "participant")


def test_mentor_sees_nothing_before_the_coordinator_confirms(
    mentor_api, personas: Personas, proposed: Mentoring
) -> None:
    assert mentor_api.get("/api/v1/mentorings/").json()["count"] == 0
    assert mentor_api.get(f"/api/v1/mentorings/{proposed.pk}/").status_code == 404
    assert mentor_api.get(f"/api/v1/mentorings/{proposed.pk}/meetings/").status_code == 404


def test_mentor_sees_goals_only_once_allowed(
    mentor_api, personas: Personas, proposed: Mentoring
) -> None:
    services.confirm_mentoring(proposed, personas.coordinator)
    detail = mentor_api.get(f"/api/v1/mentorings/{proposed.pk}/").json()
    assert detail["status"] == "confirmed"
    assert detail["goals"] is None
    assert GOALS not in str(detail)


@pytest.mark.parametrize("persona", ["outsider", "employer_contact", "workplace_mentor", "analyst"])
def test_others_see_nothing(
    api_client_for, personas: Personas, active: Mentoring, persona: str
) -> None:
    client = api_client_for(personas.users()[persona])
    assert client.get("/api/v1/mentorings/").json()["count"] == 0
    for suffix in ("", "meetings/"):
        response = client.get(f"/api/v1/mentorings/{active.pk}/{suffix}")
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"


def test_filter_pagination_and_list_audit(
    coordinator_api, personas: Personas, active: Mentoring
) -> None:
    assert coordinator_api.get("/api/v1/mentorings/", {"status": "active"}).json()["count"] == 1
    assert coordinator_api.get("/api/v1/mentorings/", {"status": "closed"}).json()["count"] == 0
    page = coordinator_api.get("/api/v1/mentorings/", {"limit": 1, "offset": 1}).json()
    assert page["count"] == 1 and page["results"] == []
    response = coordinator_api.get("/api/v1/mentorings/", {"status": "AAA"})
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"status"}
    events = AuditEvent.objects.filter(actor=personas.coordinator, action=AuditAction.LIST)
    assert [e.details["count"] for e in events.order_by("id")] == [1, 0, 0]


def test_anonymous_is_refused(client, active: Mentoring) -> None:
    response = client.get("/api/v1/mentorings/")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"

"""The group pages end to end with Django's test client: the roll call's one POST (form and
JSON, idempotent, refused for a cancelled session), the overlap warning with its confirm box,
joining an open group."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext
from tests.factories import Personas

from kohtaanto.groups import services
from kohtaanto.groups.models import Attendance, Group, GroupMember, GroupSession
from kohtaanto.people.enums import ParticipantStatus
from kohtaanto.people.models import Participant

from .conftest import at

pytestmark = pytest.mark.django_db


def _client(user: object) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="fi")
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_roll_call_saved_by_one_post_and_again_harmlessly(
    personas: Personas, group: Group, session: GroupSession
) -> None:
    client = _client(personas.mentor)
    url = f"/groups/sessions/{session.pk}/attendance/"
    data = {f"mark-{personas.participant.pk}": "absent"}
    assert client.post(url, data).status_code == 302
    row = Attendance.objects.get(session=session, participant=personas.participant)
    assert (row.mark, row.marked_by) == ("absent", personas.mentor)
    again = client.post(url, data, HTTP_ACCEPT="application/json")
    assert again.status_code == 200
    assert again.json() == {"saved": True, "created": 0, "changed": 0, "unchanged": 1}
    assert Attendance.objects.filter(session=session).count() == 1
    page = client.get(f"/groups/sessions/{session.pk}/").content.decode()
    assert 'value="absent" checked' in page


def test_mark_everyone_else_present_without_javascript(
    personas: Personas, group: Group, session: GroupSession
) -> None:
    client = _client(personas.mentor)
    client.post(f"/groups/sessions/{session.pk}/attendance/", {"fill": "present"})
    assert Attendance.objects.get(session=session).mark == "present"


def test_roll_call_of_a_cancelled_session_is_refused_with_a_clear_message(
    personas: Personas, session: GroupSession
) -> None:
    client = _client(personas.mentor)
    response = client.post(
        f"/groups/sessions/{session.pk}/cancel/", {"reason": "Ohjaaja sairastui"}
    )
    assert response.status_code == 302
    refused = client.post(
        f"/groups/sessions/{session.pk}/attendance/",
        {f"mark-{personas.participant.pk}": "present"},
        HTTP_ACCEPT="application/json",
    )
    assert refused.status_code == 400
    assert "peruttu" in refused.json()["error"]
    assert not Attendance.objects.filter(session=session).exists()
    page = client.get(f"/groups/sessions/{session.pk}/").content.decode()
    assert "Ohjaaja sairastui" in page and 'name="mark-' not in page


def test_an_overlapping_session_shows_a_warning_and_saves_only_when_confirmed(
    personas: Personas, group: Group, session: GroupSession
) -> None:
    client = _client(personas.mentor)
    local = timezone.localtime(session.starts)
    data = {
        "date": local.date().isoformat(),
        "start": "18:00",
        "end": "20:00",
        "repeat": "once",
    }
    url = f"/groups/{group.pk}/sessions/new/"
    response = client.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "päällekkäin" in page and 'name="allow_overlap"' in page
    assert GroupSession.objects.filter(group=group).count() == 1
    assert client.post(url, {**data, "allow_overlap": "on"}).status_code == 302
    assert GroupSession.objects.filter(group=group).count() == 2


def test_weekly_series_from_the_page(personas: Personas, group: Group) -> None:
    client = _client(personas.coach)
    day = at(10, 12).date().isoformat()
    data = {"date": day, "start": "12:00", "end": "13:30", "repeat": "weekly", "count": "4"}
    assert client.post(f"/groups/{group.pk}/sessions/new/", data).status_code == 302
    series = GroupSession.objects.filter(group=group).values_list("series", flat=True)
    assert len(series) == 4 and len(set(series)) == 1


def test_a_participant_asks_to_join_and_the_leader_accepts(
    personas: Personas, group: Group
) -> None:
    services.leave(group, personas.participant, by=personas.participant_user)
    participant = _client(personas.participant_user)
    participant.post(f"/groups/{group.pk}/join/", {"action": "request"})
    member = GroupMember.objects.get(group=group, participant=personas.participant)
    assert member.status == "requested"
    leader = _client(personas.mentor)
    leader.post(f"/groups/{group.pk}/members/", {"action": "accept", "member": member.pk})
    member.refresh_from_db()
    assert member.status == "member"


def test_a_paused_participant_asking_to_join_is_told_why_not(
    personas: Personas, group: Group
) -> None:
    services.leave(group, personas.participant, by=personas.participant_user)
    Participant.objects.filter(pk=personas.participant.pk).update(status=ParticipantStatus.PAUSED)
    participant = _client(personas.participant_user)
    response = participant.post(f"/groups/{group.pk}/join/", {"action": "request"}, follow=True)
    page = response.content.decode()
    with translation.override("fi"):
        assert gettext("Only active participants can join a group.") in page
        assert gettext("The data is not valid.") not in page
    assert GroupMember.objects.get(group=group, participant=personas.participant).status == "left"


def test_the_admin_shows_the_coordinators_groups_read_only(
    personas: Personas, group: Group, session: GroupSession
) -> None:
    client = _client(personas.coordinator)
    listing = client.get("/admin/groups/group/")
    assert listing.status_code == 200 and group.name in listing.content.decode()
    change = client.get(f"/admin/groups/group/{group.pk}/change/")
    assert change.status_code == 200
    assert client.post(f"/admin/groups/group/{group.pk}/change/", {"name": "X"}).status_code == 403
    assert client.get("/admin/groups/group/add/").status_code == 403


def test_a_company_visit_group_leads_to_its_visits(personas: Personas, group: Group) -> None:
    """The way into a visit group's visits and interviews is its own page (leader, member,
    staff); other kinds of group have no such link."""
    visits = f"/outreach/groups/{group.pk}/visits/"
    assert visits not in _client(personas.mentor).get(f"/groups/{group.pk}/").content.decode()
    group.kind = "company_visits"
    group.save(update_fields=["kind"])
    for user in (personas.mentor, personas.participant_user, personas.coordinator):
        page = _client(user).get(f"/groups/{group.pk}/").content.decode()
        assert f'href="{visits}"' in page, user
        assert _client(user).get(visits).status_code == 200, user

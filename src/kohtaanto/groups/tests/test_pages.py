"""The group pages end to end with Django's test client: the roll call's one POST (form and
JSON, idempotent, refused for a cancelled session), the overlap warning with its confirm box,
joining an open group."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext
from tests.factories import ParticipantFactory, Personas

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
    personas: Personas, group: Group, started_session: GroupSession
) -> None:
    session = started_session
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
    personas: Personas, group: Group, started_session: GroupSession
) -> None:
    session = started_session
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


def test_a_participant_joins_an_open_group_directly_and_is_told_once(
    personas: Personas, group: Group
) -> None:
    services.leave(group, personas.participant, by=personas.participant_user)
    participant = _client(personas.participant_user)
    before = participant.get(f"/groups/{group.pk}/").content.decode()
    assert "Voit liittyä heti" in before and 'value="join"' in before
    response = participant.post(f"/groups/{group.pk}/join/", {"action": "join"}, follow=True)
    member = GroupMember.objects.get(group=group, participant=personas.participant)
    assert member.status == "member"  # nobody needs to approve an open group
    page = response.content.decode()
    assert page.count("Olet nyt ryhmän jäsen.") == 1


def test_a_request_made_earlier_reads_waiting_for_approval_and_the_leader_accepts(
    personas: Personas, group: Group
) -> None:
    GroupMember.objects.filter(group=group, participant=personas.participant).update(
        status="requested"
    )
    page = _client(personas.participant_user).get(f"/groups/{group.pk}/").content.decode()
    assert "Odottaa hyväksyntää" in page and "Pyytänyt päästä mukaan" not in page
    home = _client(personas.participant_user).get("/").content.decode()
    assert "Odottaa hyväksyntää" in home
    member = GroupMember.objects.get(group=group, participant=personas.participant)
    leader = _client(personas.mentor)
    leader.post(f"/groups/{group.pk}/members/", {"action": "accept", "member": member.pk})
    member.refresh_from_db()
    assert member.status == "member"


def test_the_leader_takes_someone_in_from_the_waiting_list(
    personas: Personas, group: Group
) -> None:
    services.update_group(group, by=personas.coordinator, capacity=1)
    newcomer = ParticipantFactory(organisation=personas.organisation, first_name="Sirkka")
    services.join(group, newcomer, by=None)
    row = GroupMember.objects.get(group=group, participant=newcomer)
    assert row.status == "waiting"
    leader = _client(personas.mentor)
    page = leader.get(f"/groups/{group.pk}/").content.decode()
    waiting = page[page.index("<h3>Jono</h3>") :].split("</ol>")[0]
    assert "Sirkka" in waiting and "Ota silti mukaan" in waiting
    assert "jäseniä on enemmän kuin paikkoja" in waiting
    refused = leader.post(
        f"/groups/{group.pk}/members/", {"action": "admit", "member": row.pk}, follow=True
    )
    assert "Ryhmä on täynnä" in refused.content.decode()
    row.refresh_from_db()
    assert row.status == "waiting"
    leader.post(
        f"/groups/{group.pk}/members/",
        {"action": "admit", "member": row.pk, "over_capacity": "1"},
    )
    row.refresh_from_db()
    assert row.status == "member"


def test_the_roll_call_of_a_later_session_explains_when_it_opens(
    personas: Personas, group: Group, session: GroupSession
) -> None:
    client = _client(personas.mentor)
    page = client.get(f"/groups/sessions/{session.pk}/").content.decode()
    assert "Läsnäolot voi merkitä, kun kerta alkaa." in page
    opens = timezone.localtime(session.starts - services.ROLL_CALL_OPENS)
    assert f"{opens.day}.{opens.month}.{opens.year} klo {opens:%H.%M} alkaen" in page
    assert 'name="mark-' not in page
    assert f"/groups/sessions/{session.pk}/cancel/" in page  # not started: can be cancelled
    refused = client.post(
        f"/groups/sessions/{session.pk}/attendance/",
        {f"mark-{personas.participant.pk}": "present"},
        follow=True,
    )
    assert "Läsnäolot voi merkitä, kun kerta alkaa." in refused.content.decode()
    assert not Attendance.objects.filter(session=session).exists()


def test_a_started_session_offers_no_cancelling(
    personas: Personas, group: Group, started_session: GroupSession
) -> None:
    client = _client(personas.mentor)
    page = client.get(f"/groups/sessions/{started_session.pk}/").content.decode()
    assert 'name="mark-' in page
    assert f"/groups/sessions/{started_session.pk}/cancel/" not in page
    url = f"/groups/sessions/{started_session.pk}/cancel/"
    assert 'name="reason"' not in client.get(url).content.decode()
    response = client.post(url, {"reason": "Myöhässä"})
    assert response.status_code == 200
    started_session.refresh_from_db()
    assert started_session.cancelled_at is None


def test_the_summary_line_and_the_saved_time_after_a_post_without_javascript(
    personas: Personas, group: Group, started_session: GroupSession
) -> None:
    client = _client(personas.mentor)
    url = f"/groups/sessions/{started_session.pk}/"
    page = client.get(url).content.decode()
    assert '<span data-mark="absent" hidden>' in page
    client.post(f"{url}attendance/", {f"mark-{personas.participant.pk}": "absent"})
    page = client.get(url).content.decode()
    summary = page[page.index('id="roll-call-summary"') :].split("</p>")[0]
    assert '<span data-mark="absent"> · Poissa <span class="roll-call-summary__count">1' in summary
    assert '<span data-mark="present" hidden>' in summary
    status = page[page.index('id="roll-call-status"') :].split("</p>")[0]
    assert " klo " in status and "kello" not in status


def test_the_leaders_group_page_has_unique_ids_and_button_like_add_toggles(
    personas: Personas, group: Group, session: GroupSession
) -> None:
    page = _client(personas.coordinator).get(f"/groups/{group.pk}/").content.decode()
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert 'id="id_material-title"' in page and 'id="id_task-title"' in page
    assert page.count('<summary class="hds-button hds-button--secondary">') == 2


def test_materials_and_tasks_are_added_with_their_prefixed_forms(
    personas: Personas, group: Group, session: GroupSession
) -> None:
    client = _client(personas.mentor)
    client.post(
        f"/groups/{group.pk}/materials/",
        {"material-title": "Reitit", "material-text": "Lue ennen kertaa."},
    )
    client.post(f"/groups/{group.pk}/tasks/", {"task-title": "Valitse reitti", "task-due": ""})
    assert group.materials.get().title == "Reitit"
    assert group.tasks.get().title == "Valitse reitti"


def test_a_paused_participant_asking_to_join_is_told_why_not(
    personas: Personas, group: Group
) -> None:
    services.leave(group, personas.participant, by=personas.participant_user)
    Participant.objects.filter(pk=personas.participant.pk).update(status=ParticipantStatus.PAUSED)
    participant = _client(personas.participant_user)
    response = participant.post(f"/groups/{group.pk}/join/", {"action": "join"}, follow=True)
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


def test_the_group_page_links_the_roll_call_only_of_a_session_that_can_be_marked(
    personas: Personas, group: Group, session: GroupSession, started_session: GroupSession
) -> None:
    page = _client(personas.mentor).get(f"/groups/{group.pk}/").content.decode()
    later = page[page.index(f"/groups/sessions/{session.pk}/") :].split("</a>")[0]
    now = page[page.index(f"/groups/sessions/{started_session.pk}/") :].split("</a>")[0]
    assert "Avaa kerta" in later and "Läsnäolot" not in later
    assert "Läsnäolot" in now

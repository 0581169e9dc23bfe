"""Who sees which group and what of its members (issue 14, point 7)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone
from tests.factories import ParticipantFactory, Personas

from kohtaanto.core.models import AuditEvent
from kohtaanto.groups import access, services
from kohtaanto.groups.models import Group, GroupSession
from kohtaanto.people.enums import ParticipantStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_group(personas: Personas) -> Group:
    """A closed group of the same organisation that the mentor does not lead."""
    return services.create_group(
        organisation=personas.organisation,
        by=personas.coordinator,
        name="Bändi",
        kind="hobby",
        is_open=False,
    )


def test_the_mentor_sees_only_the_groups_they_lead(
    personas: Personas, group: Group, other_group: Group
) -> None:
    assert set(access.groups_visible_to(personas.mentor)) == {group}
    assert access.can_lead(personas.mentor, group)
    assert not access.is_manager(personas.mentor, group)


def test_coordinators_and_coaches_see_every_group_of_their_organisation(
    personas: Personas, group: Group, other_group: Group
) -> None:
    assert set(access.groups_visible_to(personas.coordinator)) == {group, other_group}
    assert set(access.groups_visible_to(personas.coach)) == {group, other_group}
    assert access.caseload_ids(personas.coach, group) == {personas.participant.pk}


def test_a_participant_sees_own_and_open_groups_only(
    personas: Personas, group: Group, other_group: Group
) -> None:
    open_group = services.create_group(
        organisation=personas.organisation, by=personas.coach, name="Uinti", kind="hobby"
    )
    assert set(access.groups_visible_to(personas.participant_user)) == {group, open_group}


def test_outsiders_and_employer_side_see_nothing(personas: Personas, group: Group) -> None:
    for user in (personas.outsider, personas.employer_contact, personas.workplace_mentor):
        assert not access.groups_visible_to(user).exists()
        with pytest.raises(access.GroupNotFound):
            access.access_group(user, group.pk)


def test_a_leader_who_loses_the_role_loses_the_group(personas: Personas, group: Group) -> None:
    personas.mentor.memberships.all().delete()
    assert not access.groups_visible_to(personas.mentor).exists()


def _member(personas: Personas, group: Group, first: str, last: str) -> None:
    other = ParticipantFactory(organisation=personas.organisation, first_name=first, last_name=last)
    services.invite(group, other, by=personas.coordinator)
    services.answer_invitation(group, other, accept=True, by=None)


def test_the_leader_sees_first_names_and_initials_and_the_read_is_audited(
    personas: Personas, group: Group, started_session: GroupSession
) -> None:
    session = started_session
    _member(personas, group, "Sirkka", "Vähämaa")
    client = Client()
    client.force_login(personas.mentor)
    before = AuditEvent.objects.filter(actor=personas.mentor, action="view").count()
    page = client.get(f"/groups/sessions/{session.pk}/").content.decode()
    assert "Sirkka V." in page and "Vähämaa" not in page
    assert personas.participant.last_name not in page
    assert personas.participant.email not in page
    read = AuditEvent.objects.filter(actor=personas.mentor, action="view")
    assert read.count() == before + 2
    assert set(read.values_list("participant_id", flat=True)) >= {personas.participant.pk}


def test_a_participant_sees_times_and_places_but_not_other_members(
    personas: Personas, group: Group, session: GroupSession
) -> None:
    _member(personas, group, "Sirkka", "Vähämaa")
    client = Client()
    client.force_login(personas.participant_user)
    page = client.get(f"/groups/{group.pk}/").content.decode()
    assert group.place in page
    assert "Sirkka" not in page and "Vähämaa" not in page
    assert client.get(f"/groups/sessions/{session.pk}/").status_code == 404
    assert not AuditEvent.objects.filter(actor=personas.participant_user, action="view").exists()


def test_the_participant_home_shows_my_groups_with_the_next_session(
    personas: Personas, group: Group, session: GroupSession
) -> None:
    client = Client()
    client.force_login(personas.participant_user)
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="fi").content.decode()
    assert group.name in page
    local = timezone.localtime(session.starts)
    assert f"{local.day}.{local.month}.{local.year}" in page
    assert f"{local:%H}.{local:%M}" in page


def test_the_leader_home_links_the_roll_call_only_of_a_session_about_to_start(
    personas: Personas, group: Group, session: GroupSession
) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="fi")
    client.force_login(personas.mentor)
    page = client.get("/").content.decode()
    item = page[page.index(f"/groups/sessions/{session.pk}/") - 200 :].split("</li>")[0]
    # Tomorrow's session: its page, not "take attendance".
    assert "Avaa kerta" in item and "Merkitse läsnäolot" not in item
    soon = timezone.now() + dt.timedelta(minutes=20)
    near = services.schedule_sessions(
        group, starts=soon, ends=soon + dt.timedelta(hours=1), by=personas.mentor
    )[0]
    page = client.get("/").content.decode()
    item = page[page.index(f"/groups/sessions/{near.pk}/") - 200 :].split("</li>")[0]
    assert "Merkitse läsnäolot" in item


def test_staff_see_full_names_consistently_and_volunteers_initials(
    personas: Personas, group: Group, started_session: GroupSession
) -> None:
    _member(personas, group, "Sirkka", "Vähämaa")
    ended = ParticipantFactory(
        organisation=personas.organisation,
        first_name="Eino",
        last_name="Loppunut",
        status=ParticipantStatus.ENDED,
    )
    coordinator = Client()
    coordinator.force_login(personas.coordinator)
    detail = coordinator.get(f"/groups/{group.pk}/").content.decode()
    members = detail[detail.index('id="h-members"') : detail.index("Jono")]
    assert "Sirkka Vähämaa" in members and personas.participant.full_name in members
    roll = coordinator.get(f"/groups/sessions/{started_session.pk}/").content.decode()
    assert "Sirkka Vähämaa" in roll
    # Only active participants are offered in the invite list.
    assert personas.unassigned_participant.full_name in detail
    assert ended.full_name not in detail and f'value="{ended.pk}"' not in detail
    mentor = Client()
    mentor.force_login(personas.mentor)
    detail = mentor.get(f"/groups/{group.pk}/").content.decode()
    assert "Sirkka V." in detail and "Vähämaa" not in detail


def test_a_coach_sees_how_many_of_their_caseload_are_in_each_group(
    personas: Personas, group: Group
) -> None:
    _member(personas, group, "Sirkka", "Vähämaa")  # not in the coach's caseload
    client = Client()
    client.force_login(personas.coach)
    page = client.get("/groups/", HTTP_ACCEPT_LANGUAGE="fi").content.decode()
    card = page[page.index(group.name) :].split("</li>")[0]
    figures = [d.split("</dd>")[0] for d in card.split("<dd>")[1:]]
    assert figures == ["2", "0", "1"]  # members, waiting, of my caseload
    assert "<table" not in page  # cards: nothing cut off on a phone

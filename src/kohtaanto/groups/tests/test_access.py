"""Who sees which group and what of its members (issue 14, point 7)."""

from __future__ import annotations

import pytest
from django.test import Client
from tests.factories import ParticipantFactory, Personas

from kohtaanto.core.models import AuditEvent
from kohtaanto.groups import access, services
from kohtaanto.groups.models import Group, GroupSession

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
    personas: Personas, group: Group, session: GroupSession
) -> None:
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
    from django.utils import timezone

    local = timezone.localtime(session.starts)
    assert f"{local.day}.{local.month}.{local.year}" in page
    assert f"{local:%H}.{local:%M}" in page


def test_the_leader_home_links_straight_to_the_roll_call(
    personas: Personas, group: Group, session: GroupSession
) -> None:
    client = Client()
    client.force_login(personas.mentor)
    page = client.get("/").content.decode()
    assert f"/groups/sessions/{session.pk}/" in page


def test_a_coach_sees_how_many_of_their_caseload_are_in_each_group(
    personas: Personas, group: Group
) -> None:
    _member(personas, group, "Sirkka", "Vähämaa")  # not in the coach's caseload
    client = Client()
    client.force_login(personas.coach)
    page = client.get("/groups/", HTTP_ACCEPT_LANGUAGE="fi").content.decode()
    row = page[page.index(group.name) :].split("</tr>")[0]
    cells = [c.split(">")[-1] for c in row.split("</td>")[2:5]]
    assert cells == ["2", "0", "1"]  # members, waiting, of my caseload

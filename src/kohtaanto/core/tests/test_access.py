"""Access helpers with every persona: who sees which participant record."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpResponse
from django.test import RequestFactory
from tests.factories import Personas, member

from kohtaanto.core.access import (
    MAX_ID,
    audit_events_visible_to,
    get_visible_or_404,
    id_or_none,
    members_visible_to,
    organisations_of,
    parse_id,
    require_role,
    roles_of,
    visible_or_none,
)
from kohtaanto.core.audit import log_event
from kohtaanto.core.enums import AuditAction, Role
from kohtaanto.core.models import AuditEvent
from kohtaanto.people.access import access_participant, can_manage_consents, participants_visible_to
from kohtaanto.web.pages import role_required

pytestmark = pytest.mark.django_db


def visible(personas: Personas, persona: str) -> set[int]:
    user = personas.users()[persona]
    return set(participants_visible_to(user).values_list("pk", flat=True))


def test_coordinator_sees_every_participant_of_own_organisation(personas: Personas) -> None:
    assert visible(personas, "coordinator") == {
        personas.participant.pk,
        personas.caseload_participant.pk,
        personas.unassigned_participant.pk,
    }


def test_coach_sees_own_caseload_only(personas: Personas) -> None:
    assert visible(personas, "coach") == {
        personas.participant.pk,
        personas.caseload_participant.pk,
    }


def test_participant_sees_only_own_record(personas: Personas) -> None:
    assert visible(personas, "participant") == {personas.participant.pk}


@pytest.mark.parametrize("persona", ["mentor", "employer_contact", "workplace_mentor", "analyst"])
def test_other_roles_see_no_participant_records(personas: Personas, persona: str) -> None:
    assert visible(personas, persona) == set()


def test_outsider_sees_only_own_organisation(personas: Personas) -> None:
    assert visible(personas, "outsider") == {personas.other_participant.pk}


def test_anonymous_and_inactive_users_see_nothing(personas: Personas) -> None:
    assert not participants_visible_to(AnonymousUser()).exists()
    personas.coach.is_active = False
    personas.coach.save()
    assert not participants_visible_to(personas.coach).exists()


def test_coach_role_in_other_organisation_does_not_open_caseload(personas: Personas) -> None:
    # A coach of organisation B (no role in A) sees none of A's participants,
    # even if they are (wrongly) listed as a coach of one.
    personas.caseload_participant.coaches.add(personas.outsider)
    assert personas.caseload_participant.pk not in set(
        participants_visible_to(personas.outsider).values_list("pk", flat=True)
    )


def test_coordinator_of_other_organisation_sees_nothing_here(personas: Personas) -> None:
    other_coordinator = member(personas.other_organisation, Role.COORDINATOR)
    assert set(participants_visible_to(other_coordinator).values_list("pk", flat=True)) == {
        personas.other_participant.pk
    }


def test_visible_queryset_has_no_duplicates(personas: Personas) -> None:
    personas.participant.coaches.add(member(personas.organisation, Role.COACH))
    # coordinator who also coaches: one row per participant
    personas.participant.coaches.add(personas.coordinator)
    from kohtaanto.core.models import Membership

    Membership.objects.create(
        user=personas.coordinator, organisation=personas.organisation, role=Role.COACH
    )
    pks = list(participants_visible_to(personas.coordinator).values_list("pk", flat=True))
    assert len(pks) == len(set(pks)) == 3


@pytest.mark.parametrize(
    ("persona", "target", "allowed"),
    [
        ("coordinator", "unassigned_participant", True),
        ("coach", "caseload_participant", True),
        ("coach", "unassigned_participant", False),
        ("participant", "participant", True),
        ("participant", "caseload_participant", False),
        ("mentor", "participant", False),
        ("employer_contact", "participant", False),
        ("workplace_mentor", "participant", False),
        ("analyst", "participant", False),
        ("outsider", "participant", False),
        ("coordinator", "other_participant", False),
    ],
)
def test_access_participant(personas: Personas, persona: str, target: str, allowed: bool) -> None:
    user = personas.users()[persona]
    participant = getattr(personas, target)
    if allowed:
        assert access_participant(user, participant.pk) == participant
    else:
        with pytest.raises(Http404):
            access_participant(user, participant.pk)


@pytest.mark.parametrize("bad_id", ["abc", "", "1; drop", None, "999999"])
def test_access_participant_with_bad_ids_is_404(personas: Personas, bad_id: object) -> None:
    with pytest.raises(Http404):
        access_participant(personas.coordinator, bad_id)


# An id the way a request may send it: more than a database id column holds (SQLite refuses it
# with an OverflowError in an `__in` or foreign key lookup), or "²", which `str.isdigit` accepts
# and `int` refuses.
HUGE = "1" + "0" * 29


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (7, 7),
        ("7", 7),
        ("0", 0),
        ("007", 7),
        (MAX_ID, MAX_ID),
        (str(MAX_ID), MAX_ID),
    ],
)
def test_id_or_none_reads_a_database_id(value: object, expected: int) -> None:
    assert id_or_none(value) == expected
    assert parse_id(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        MAX_ID + 1,
        str(MAX_ID + 1),
        HUGE,
        10**30,
        "9" * 5000,  # more digits than `int` converts: a ValueError, not a number
        -1,
        "-1",
        "+1",
        " 1",
        "1 ",
        "1_000",
        "1.0",
        1.0,
        "²",
        "\u0661\u0662",  # Arabic-Indic digits: `int` reads them, an address never has them
        "abc",
        "",
        None,
        True,
        False,
    ],
)
def test_anything_else_is_no_id(value: object) -> None:
    assert id_or_none(value) is None
    with pytest.raises(Http404):
        parse_id(value)


class _Gone(Exception):
    pass


@pytest.mark.parametrize("wrong", [HUGE, "²", "abc", "-1", None])
def test_an_object_id_that_is_no_id_is_a_missing_object(personas: Personas, wrong: object) -> None:
    visible = participants_visible_to(personas.coach)
    assert visible_or_none(visible, personas.participant.pk) == personas.participant
    assert visible_or_none(visible, str(personas.participant.pk)) == personas.participant
    assert get_visible_or_404(visible, personas.participant.pk) == personas.participant
    assert visible_or_none(visible, personas.unassigned_participant.pk) is None
    assert visible_or_none(visible, wrong) is None
    with pytest.raises(Http404):
        get_visible_or_404(visible, wrong)
    with pytest.raises(_Gone):
        get_visible_or_404(visible, wrong, not_found=_Gone)


def test_view_by_other_is_audited(personas: Personas) -> None:
    access_participant(personas.coach, personas.participant.pk)
    event = AuditEvent.objects.get(action=AuditAction.VIEW)
    assert event.actor == personas.coach
    assert event.actor_username == "coach"
    assert event.participant_id == personas.participant.pk
    assert event.organisation == personas.organisation
    assert event.object_type == "people.participant"
    assert event.object_id == str(personas.participant.pk)


def test_own_view_is_not_audited(personas: Personas) -> None:
    access_participant(personas.participant_user, personas.participant.pk)
    assert not AuditEvent.objects.filter(action=AuditAction.VIEW).exists()


def test_refused_access_is_not_audited_as_a_view(personas: Personas) -> None:
    with pytest.raises(Http404):
        access_participant(personas.outsider, personas.participant.pk)
    assert not AuditEvent.objects.filter(action=AuditAction.VIEW).exists()


def test_access_participant_records_given_action(personas: Personas) -> None:
    access_participant(personas.coach, personas.participant.pk, action=AuditAction.EXPORT)
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT).count() == 1


def test_roles_and_organisations(personas: Personas) -> None:
    assert roles_of(personas.coach) == {Role.COACH}
    assert roles_of(personas.coach, personas.organisation) == {Role.COACH}
    assert roles_of(personas.coach, personas.other_organisation.pk) == set()
    assert roles_of(AnonymousUser()) == set()
    assert list(organisations_of(personas.employer_contact)) == [personas.employer_organisation]
    assert not organisations_of(personas.coach, Role.COORDINATOR).exists()
    assert not organisations_of(AnonymousUser()).exists()


def test_can_manage_consents(personas: Personas) -> None:
    assert can_manage_consents(personas.participant_user, personas.participant)
    assert can_manage_consents(personas.coach, personas.participant)
    assert not can_manage_consents(personas.coordinator, personas.participant)
    assert not can_manage_consents(personas.outsider, personas.participant)
    assert not can_manage_consents(AnonymousUser(), personas.participant)


def test_require_role(personas: Personas) -> None:
    assert require_role(personas.coach, personas.organisation, Role.COACH, Role.COORDINATOR)
    with pytest.raises(Http404):
        require_role(personas.coach, personas.organisation, Role.COORDINATOR)
    with pytest.raises(Http404):
        require_role(personas.outsider, personas.organisation, Role.COACH)
    with pytest.raises(Http404):
        require_role(personas.coach, None, Role.COACH)


def _request(user: object, organisation: object) -> object:
    request = RequestFactory().get("/somewhere/")
    request.user = user
    request.organisation = organisation
    return request


def test_role_required_decorator(personas: Personas) -> None:
    @role_required(Role.COORDINATOR)
    def view(request: object) -> HttpResponse:
        return HttpResponse("ok")

    ok = view(_request(personas.coordinator, personas.organisation))
    assert ok.status_code == 200
    with pytest.raises(Http404):
        view(_request(personas.coach, personas.organisation))
    anonymous = view(_request(AnonymousUser(), None))
    assert anonymous.status_code == 302
    assert "/login/" in anonymous["Location"]


def test_audit_events_visible_to(personas: Personas) -> None:
    own = log_event(personas.coach, AuditAction.VIEW, personas.participant)
    foreign = log_event(personas.outsider, AuditAction.VIEW, personas.other_participant)
    events = audit_events_visible_to(personas.coordinator)
    assert own in events
    assert foreign not in events
    assert not audit_events_visible_to(personas.coach).exists()
    assert not audit_events_visible_to(personas.analyst).exists()
    filtered = audit_events_visible_to(
        personas.coordinator, {"participant_id": personas.participant.pk, "action": "view"}
    )
    assert list(filtered) == [own]
    assert not audit_events_visible_to(personas.coordinator, {"action": "export"}).exists()


def test_superuser_sees_all_audit_events(personas: Personas) -> None:
    foreign = log_event(personas.outsider, AuditAction.VIEW, personas.other_participant)
    root = member(personas.organisation, Role.ANALYST, is_superuser=True)
    assert foreign in audit_events_visible_to(root, {"since": foreign.timestamp})
    assert foreign not in audit_events_visible_to(root, {"until": foreign.timestamp})


def test_members_are_visible_to_the_coordinator_only(personas: Personas) -> None:
    members = {m.user for m in members_visible_to(personas.coordinator, personas.organisation)}
    assert {personas.coordinator, personas.coach} <= members
    assert personas.outsider not in members
    for user in (personas.coach, personas.mentor, personas.outsider):
        with pytest.raises(Http404):
            members_visible_to(user, personas.organisation)

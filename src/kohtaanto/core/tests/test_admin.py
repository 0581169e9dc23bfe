"""The Django admin is scoped to the coordinator's own organisations."""

from __future__ import annotations

import pytest
from django.urls import reverse
from tests.factories import Personas, member

from kohtaanto.core.enums import AuditAction, Role
from kohtaanto.core.models import AuditEvent, Membership
from kohtaanto.people.models import Participant

pytestmark = pytest.mark.django_db


def test_coordinator_sees_only_own_participants(coordinator_client, personas: Personas) -> None:
    response = coordinator_client.get(reverse("admin:people_participant_changelist"))
    assert response.status_code == 200
    shown = {p.pk for p in response.context["cl"].result_list}
    assert shown == {
        personas.participant.pk,
        personas.caseload_participant.pk,
        personas.unassigned_participant.pk,
    }


def test_other_organisations_participant_page_is_not_shown(
    coordinator_client, personas: Personas
) -> None:
    url = reverse("admin:people_participant_change", args=[personas.other_participant.pk])
    response = coordinator_client.get(url)
    assert response.status_code in (302, 404)
    if response.status_code == 302:
        assert response["Location"] == reverse("admin:index")
    assert not AuditEvent.objects.filter(
        action=AuditAction.VIEW, participant_id=personas.other_participant.pk
    ).exists()


def test_viewing_a_participant_in_admin_is_audited(coordinator_client, personas: Personas) -> None:
    url = reverse("admin:people_participant_change", args=[personas.participant.pk])
    assert coordinator_client.get(url).status_code == 200
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW, actor=personas.coordinator, participant_id=personas.participant.pk
    ).exists()


def test_organisation_choices_are_restricted(coordinator_client, personas: Personas) -> None:
    response = coordinator_client.get(reverse("admin:people_participant_add"))
    assert response.status_code == 200
    choices = response.context["adminform"].form.fields["organisation"].queryset
    assert list(choices) == [personas.organisation]
    coaches = response.context["adminform"].form.fields["coaches"].queryset
    assert list(coaches) == [personas.coach]


def test_adding_a_participant_goes_through_the_service(
    coordinator_client, personas: Personas
) -> None:
    response = coordinator_client.post(
        reverse("admin:people_participant_add"),
        {
            "organisation": personas.organisation.pk,
            "first_name": "Anni",
            "last_name": "Testinen",
            "email": "",
            "phone": "",
            "preferred_language": "fi",
            "status": "active",
            "coaches": [personas.coach.pk],
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    created = Participant.objects.get(last_name="Testinen")
    assert list(created.coaches.all()) == [personas.coach]
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, participant_id=created.pk, actor=personas.coordinator
    ).exists()


def test_cannot_add_participant_to_other_organisation(
    coordinator_client, personas: Personas
) -> None:
    response = coordinator_client.post(
        reverse("admin:people_participant_add"),
        {
            "organisation": personas.other_organisation.pk,
            "first_name": "Anni",
            "last_name": "Väärä",
            "preferred_language": "fi",
            "status": "active",
        },
    )
    assert response.status_code == 200  # the form is shown again with an error
    assert not Participant.objects.filter(last_name="Väärä").exists()


def test_memberships_and_organisations_are_scoped(coordinator_client, personas: Personas) -> None:
    response = coordinator_client.get(reverse("admin:core_membership_changelist"))
    shown = {m.organisation_id for m in response.context["cl"].result_list}
    assert shown == {personas.organisation.pk}
    response = coordinator_client.get(reverse("admin:core_organisation_changelist"))
    assert list(response.context["cl"].result_list) == [personas.organisation]
    other = reverse("admin:core_organisation_change", args=[personas.other_organisation.pk])
    assert coordinator_client.get(other).status_code in (302, 404)


def test_adding_a_membership_goes_through_the_service(
    coordinator_client, personas: Personas
) -> None:
    response = coordinator_client.post(
        reverse("admin:core_membership_add"),
        {"user": personas.mentor.pk, "organisation": personas.organisation.pk, "role": "coach"},
    )
    assert response.status_code == 302
    assert Membership.objects.filter(user=personas.mentor, role=Role.COACH).exists()
    # A user from another organisation cannot be picked.
    response = coordinator_client.post(
        reverse("admin:core_membership_add"),
        {"user": personas.outsider.pk, "organisation": personas.organisation.pk, "role": "coach"},
    )
    assert response.status_code == 200
    assert not Membership.objects.filter(
        user=personas.outsider, organisation=personas.organisation
    ).exists()


def test_audit_events_are_read_only_and_scoped(coordinator_client, personas: Personas) -> None:
    from kohtaanto.core.audit import log_event

    own = log_event(personas.coach, AuditAction.VIEW, personas.participant)
    foreign = log_event(personas.outsider, AuditAction.VIEW, personas.other_participant)
    response = coordinator_client.get(reverse("admin:core_auditevent_changelist"))
    shown = set(response.context["cl"].result_list)
    assert own in shown
    assert foreign not in shown
    assert coordinator_client.get(reverse("admin:core_auditevent_add")).status_code == 403
    url = reverse("admin:core_auditevent_delete", args=[own.pk])
    assert coordinator_client.post(url, {"post": "yes"}).status_code == 403
    assert AuditEvent.objects.filter(pk=own.pk).exists()


def test_consent_events_are_read_only(coordinator_client, personas: Personas) -> None:
    response = coordinator_client.get(reverse("admin:people_consentevent_changelist"))
    assert response.status_code == 200
    assert coordinator_client.get(reverse("admin:people_consentevent_add")).status_code == 403


@pytest.mark.parametrize("persona", ["coach", "participant", "mentor", "analyst", "outsider"])
def test_non_coordinators_have_no_admin(client_for, personas: Personas, persona: str) -> None:
    client = client_for(personas.users()[persona])
    response = client.get(reverse("admin:people_participant_changelist"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_coordinator_of_other_org_sees_only_theirs(client_for, personas: Personas) -> None:
    other_coordinator = member(personas.other_organisation, Role.COORDINATOR)
    response = client_for(other_coordinator).get(reverse("admin:people_participant_changelist"))
    assert {p.pk for p in response.context["cl"].result_list} == {personas.other_participant.pk}


def test_superuser_sees_everything(client_for, personas: Personas) -> None:
    root = member(personas.organisation, Role.ANALYST, is_superuser=True, is_staff=True)
    response = client_for(root).get(reverse("admin:people_participant_changelist"))
    assert len(response.context["cl"].result_list) == Participant.objects.count()


def test_changing_a_participant_goes_through_the_service(
    coordinator_client, personas: Personas
) -> None:
    target = personas.unassigned_participant
    response = coordinator_client.post(
        reverse("admin:people_participant_change", args=[target.pk]),
        {
            "first_name": target.first_name,
            "last_name": target.last_name,
            "email": target.email,
            "phone": target.phone,
            "preferred_language": "sv",
            "status": "paused",
            "coaches": [personas.coach.pk],
        },
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert (target.preferred_language, target.status) == ("sv", "paused")
    assert list(target.coaches.all()) == [personas.coach]
    assert AuditEvent.objects.filter(
        action=AuditAction.CHANGE, participant_id=target.pk, actor=personas.coordinator
    ).exists()

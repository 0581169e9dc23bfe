"""Support-line admin: a coordinator adds a volunteer through the services (audited), sees only
their organisation's lines, and neither contacts nor call-backs are in the admin."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import Client
from tests.factories import OrganisationFactory, Personas

from kohtaanto.core.models import AuditEvent
from kohtaanto.supportline import services
from kohtaanto.supportline.models import CallbackRequest, LineVolunteer, SupportContact

pytestmark = pytest.mark.django_db


def test_contacts_and_callbacks_are_not_in_the_admin() -> None:
    assert not admin.site.is_registered(SupportContact)
    assert not admin.site.is_registered(CallbackRequest)


def test_coordinator_adds_a_volunteer_through_the_services(personas: Personas) -> None:
    line = services.create_line(personas.organisation, name="Tukiluuri")
    other = services.create_line(OrganisationFactory(), name="Toinen luuri")
    client = Client()
    client.force_login(personas.coordinator)
    listing = client.get("/admin/supportline/line/")
    assert "Tukiluuri" in listing.content.decode()
    assert "Toinen luuri" not in listing.content.decode()
    response = client.post(
        "/admin/supportline/linevolunteer/add/",
        {
            "line": line.pk,
            "user": personas.mentor.pk,
            "trained_on": "",
            "phone": "",
            "active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    volunteer = LineVolunteer.objects.get(line=line, user=personas.mentor)
    assert AuditEvent.objects.filter(
        object_type="supportline.linevolunteer", object_id=str(volunteer.pk), action="create"
    ).exists()
    refused = client.post(  # a coach is no volunteer: the service's message, nothing saved
        "/admin/supportline/linevolunteer/add/",
        {"line": line.pk, "user": personas.coach.pk, "trained_on": "", "phone": "", "active": "on"},
    )
    assert refused.status_code == 200  # the form again, with the message
    assert "Vain organisaation vapaaehtoinen (vertaismentori)" in refused.content.decode()
    assert not LineVolunteer.objects.filter(user=personas.coach).exists()
    assert client.get(f"/admin/supportline/line/{other.pk}/change/").status_code in (302, 404)


def test_the_shift_list_filters_only_by_the_coordinators_own_lines(personas: Personas) -> None:
    import datetime as dt

    from django.utils import timezone

    from kohtaanto.supportline.models import Shift

    mine = services.create_line(personas.organisation, name="Tukiluuri")
    second = services.create_line(personas.organisation, name="Iltaluuri")  # a filter needs two
    other = services.create_line(OrganisationFactory(), name="Toisen järjestön luuri")
    now = timezone.now()
    for line in (mine, second, other):
        Shift.objects.create(
            line=line, starts=now + dt.timedelta(days=1), ends=now + dt.timedelta(days=1, hours=3)
        )
    client = Client()
    client.force_login(personas.coordinator)
    page = client.get("/admin/supportline/shift/")
    assert page.status_code == 200
    content = page.content.decode()
    assert f"line__id__exact={mine.pk}" in content and f"line__id__exact={second.pk}" in content
    assert "Toisen järjestön luuri" not in content
    assert f"line__id__exact={other.pk}" not in content

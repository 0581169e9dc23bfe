"""A coordinator of another organisation: none of our builds by id, not our watch, and the
whole country's figures never 1–4 people away from their own organisation's."""

from __future__ import annotations

import pytest
from django.test import Client
from tests.factories import Personas

from kohtaanto.core import services as core_services
from kohtaanto.core.enums import Role
from kohtaanto.core.models import User
from kohtaanto.foresight import services
from kohtaanto.foresight.tests.world import make_world

pytestmark = pytest.mark.django_db


def test_another_organisations_coordinator_gets_404_for_our_builds(personas: Personas) -> None:
    make_world(personas.organisation)
    ours = services.build_now(personas.organisation)
    national = services.build_now(None)
    theirs = services.build_now(personas.other_organisation)
    other = User.objects.create_user(username="other-coordinator", password="x-Very-long-1")
    core_services.add_membership(other, personas.other_organisation, Role.COORDINATOR)
    client = Client()
    client.force_login(other)
    assert client.get(f"/foresight/builds/{ours.pk}/").status_code == 404
    assert client.get(f"/foresight/builds/{national.pk}/").status_code == 404  # never by id
    assert client.get(f"/foresight/builds/{theirs.pk}/").status_code == 200
    page = client.get("/foresight/?scope=national&lang=fi")
    assert page.status_code == 200
    # their own figures: nothing; the whole country's: shown suppressed, never exact
    assert "alle 5" in page.content.decode()

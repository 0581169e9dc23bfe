"""Admin: proposals are read-only, for coordinators of the participant's organisation only."""

from __future__ import annotations

import pytest
from django.test import Client

from kohtaanto.matches import services

pytestmark = pytest.mark.django_db


def test_coordinator_sees_proposals_read_only(personas, matched, warehouse) -> None:
    proposal = services.propose(personas.coach, matched.pk, warehouse.pk)
    client = Client()
    client.force_login(personas.coordinator)
    listing = client.get("/admin/matches/proposal/")
    assert listing.status_code == 200
    assert warehouse.title in listing.content.decode()
    page = client.get(f"/admin/matches/proposal/{proposal.pk}/change/")
    assert page.status_code == 200
    body = page.content.decode()
    assert matched.last_name not in body  # the participant by id only
    assert client.post(f"/admin/matches/proposal/{proposal.pk}/delete/").status_code == 403
    assert client.get("/admin/matches/proposal/add/").status_code == 403


def test_outsider_and_coach_see_no_proposals(personas, matched, warehouse) -> None:
    services.propose(personas.coach, matched.pk, warehouse.pk)
    for user in (personas.outsider, personas.coach):
        client = Client()
        client.force_login(user)
        response = client.get("/admin/matches/proposal/")
        assert response.status_code in (302, 403)

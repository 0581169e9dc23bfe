"""Passwordless login links: only where the organisation allows it, once, for 15 minutes."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.test import Client
from tests.factories import Personas

from kohtaanto.core.enums import AuditAction
from kohtaanto.core.models import AuditEvent
from kohtaanto.people import login_links
from kohtaanto.people.models import LoginLink

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://\S+/login/link/([A-Za-z0-9_-]+)/")


@pytest.fixture
def allowed(settings: Any, personas: Personas) -> Personas:
    settings.KOHTAANTO_PASSWORDLESS_ORGANISATIONS = [personas.organisation.pk]
    return personas


def test_nobody_gets_a_link_by_default(personas: Personas, client: Client) -> None:
    login_links.send_login_link(
        personas.participant_user.email, link_for=lambda t: f"http://x/login/link/{t}/"
    )
    assert not mail.outbox and not LoginLink.objects.exists()
    assert client.get("/login/link/").status_code == 404
    assert "/login/link/" not in client.get("/login/").content.decode()


def test_participant_logs_in_with_a_link_once(allowed: Personas, client: Client) -> None:
    user = allowed.participant_user
    assert 'href="/login/link/"' in client.get("/login/").content.decode()
    response = client.post("/login/link/", {"email": user.email.upper()})
    assert response.status_code == 200
    token = LINK.search(mail.outbox[0].body).group(1)
    assert token not in LoginLink.objects.get().token_hash
    # Opening the link does not log in yet (mail scanners open links).
    assert client.get(f"/login/link/{token}/").status_code == 200
    assert client.get("/").status_code == 302
    response = client.post(f"/login/link/{token}/")
    assert response["Location"] == "/"
    assert client.get("/").status_code == 200
    assert AuditEvent.objects.filter(action=AuditAction.LOGIN, actor=user).exists()
    other = Client()
    assert other.post(f"/login/link/{token}/").status_code == 410
    assert other.get("/").status_code == 302


def test_link_expires_and_is_only_for_participants(allowed: Personas, client: Client) -> None:
    link_for = lambda t: f"http://x/login/link/{t}/"  # noqa: E731
    login_links.send_login_link(allowed.coach.email, link_for=link_for)
    login_links.send_login_link("nobody@example.fi", link_for=link_for)
    assert not mail.outbox
    login_links.send_login_link(allowed.participant_user.email, link_for=link_for)
    token = LINK.search(mail.outbox[0].body).group(1)
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(minutes=16)):
        assert login_links.use_login_link(token) is None
        assert client.get(f"/login/link/{token}/").status_code == 410
    # The same answer page whether or not the address is known.
    known = client.post("/login/link/", {"email": allowed.participant_user.email})
    unknown = client.post("/login/link/", {"email": "nobody@example.fi"})
    assert known.status_code == unknown.status_code == 200
    assert known.templates[0].name == unknown.templates[0].name

"""Creating users in the Django admin (core/admin.py): with a password, or with an invitation
to set one; duplicates by e-mail refused; coordinators still cannot manage users."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.test import Client
from django.urls import reverse
from tests.factories import Personas, UserFactory

from kohtaanto.core.enums import AuditAction
from kohtaanto.core.models import AuditEvent, User

pytestmark = pytest.mark.django_db

ADD = "admin:core_user_add"


@pytest.fixture
def superuser_client(client: Client) -> Client:
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(admin)
    return client


def form(**fields: str) -> dict[str, str]:
    return {
        "username": "uusi.valmentaja",
        "email": "uusi.valmentaja@example.fi",
        "first_name": "Uusi",
        "last_name": "Valmentaja",
        "preferred_language": "fi",
        "how": "invite",
        "password1": "",
        "password2": "",
        **fields,
    }


def test_create_with_an_invitation(superuser_client: Client) -> None:
    response = superuser_client.post(reverse(ADD), form())
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(username="uusi.valmentaja")
    assert not user.has_usable_password()
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/password/reset/(\S+)/(\S+)/", mail.outbox[0].body)
    assert link and default_token_generator.check_token(user, link.group(2))
    assert "uusi.valmentaja" in mail.outbox[0].body
    actions = set(
        AuditEvent.objects.filter(object_type="core.user", object_id=str(user.pk)).values_list(
            "action", flat=True
        )
    )
    assert actions == {AuditAction.CREATE, AuditAction.CHANGE}


def test_create_with_a_password(superuser_client: Client) -> None:
    password = "Pitka-ja-hyva-salasana-7"
    response = superuser_client.post(
        reverse(ADD), form(how="set_now", password1=password, password2=password)
    )
    assert response.status_code == 302
    user = User.objects.get(username="uusi.valmentaja")
    assert user.check_password(password)
    assert not mail.outbox


def test_weak_password_and_duplicate_email_are_refused(superuser_client: Client) -> None:
    response = superuser_client.post(
        reverse(ADD), form(how="set_now", password1="123", password2="123")
    )
    assert response.status_code == 200
    UserFactory(email="uusi.valmentaja@example.fi")
    response = superuser_client.post(reverse(ADD), form())
    assert response.status_code == 200
    assert not User.objects.filter(username="uusi.valmentaja").exists()
    response = superuser_client.post(reverse(ADD), form(email=""))
    assert response.status_code == 200  # an invitation needs an address


def test_coordinators_still_cannot_manage_users(
    coordinator_client: Client, personas: Personas
) -> None:
    assert coordinator_client.get(reverse(ADD)).status_code == 403
    assert coordinator_client.post(reverse(ADD), form()).status_code == 403
    assert not User.objects.filter(username="uusi.valmentaja").exists()

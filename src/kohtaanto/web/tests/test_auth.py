"""Login, lockout, logout, password reset and password change."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_axes():
    from axes.models import AccessAttempt

    AccessAttempt.objects.all().delete()


def login(client: Client, username: str, password: str, **extra):
    return client.post("/login/", {"username": username, "password": password}, **extra)


def test_home_redirects_anonymous_users_to_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/login/?next=/"


def test_login_page_is_accessible_markup(client):
    content = client.get("/login/").content.decode()
    assert '<a class="skip-link" href="#main">' in content
    assert '<main id="main"' in content
    assert '<label class="hds-text-input__label" for="id_username">' in content
    assert 'autocomplete="username"' in content
    assert 'autocomplete="current-password"' in content


def test_login_with_right_password_goes_home(client, coach):
    response = login(client, "coach", TEST_PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_logged_in_user_is_sent_from_login_page_to_home(coach_client):
    assert coach_client.get("/login/")["Location"] == "/"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fi", "Käyttäjätunnus tai salasana on väärin."),
        ("sv", "Användarnamnet eller lösenordet är fel."),
        ("en", "The username or password is wrong."),
    ],
)
def test_wrong_password_error_is_translated(client, coach, language, text):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = login(client, "coach", "not the password")
    assert response.status_code == 200
    content = response.content.decode()
    assert text in content
    assert 'role="alert"' in content


def test_lockout_after_repeated_failures_is_translated(client, coach):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    limit = settings.AXES_FAILURE_LIMIT
    for _ in range(limit - 1):
        assert login(client, "coach", "wrong").status_code == 200
    response = login(client, "coach", "wrong")
    assert response.status_code == 429
    content = response.content.decode()
    assert "För många försök" in content
    assert "Försök igen om 15 minuter." in content
    # Even the right password is refused while locked out.
    assert login(client, "coach", TEST_PASSWORD).status_code == 429


def test_lockout_page_in_finnish(client, coach):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = login(client, "coach", "wrong")
    assert response.status_code == 429
    assert "Liian monta yritystä" in response.content.decode()


def test_logout_needs_post(coach_client):
    assert coach_client.get("/logout/").status_code == 405
    response = coach_client.post("/logout/")
    assert response.status_code == 302
    assert response["Location"] == "/login/"
    assert coach_client.get("/").status_code == 302


def test_password_reset_mail_is_sent_and_link_works(client, coach):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    response = client.post("/password/reset/", {"email": coach.email})
    assert response.status_code == 302
    assert response["Location"] == "/password/reset/sent/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [coach.email]
    assert message.subject == "Kohtaanto: skapa ett nytt lösenord"
    assert "Ditt användarnamn: coach" in message.body
    link = re.search(r"http://testserver(/password/reset/\S+/\S+/)", message.body).group(1)
    response = client.get(link, follow=True)
    assert response.status_code == 200
    set_password_url = response.redirect_chain[-1][0]
    response = client.post(
        set_password_url,
        {"new_password1": "Uusi-pitkä-salasana-42", "new_password2": "Uusi-pitkä-salasana-42"},
    )
    assert response["Location"] == "/password/reset/complete/"
    assert login(Client(), "coach", "Uusi-pitkä-salasana-42").status_code == 302


def test_password_reset_for_unknown_address_looks_the_same(client):
    response = client.post("/password/reset/", {"email": "nobody@example.fi"})
    assert response["Location"] == "/password/reset/sent/"
    assert mail.outbox == []


def test_invalid_reset_link_is_explained(client):
    response = client.get("/password/reset/MQ/wrong-token/")
    assert response.status_code == 200
    assert "Tämä linkki ei enää toimi." in response.content.decode()


def test_password_change(coach_client):
    response = coach_client.post(
        "/password/change/",
        {
            "old_password": TEST_PASSWORD,
            "new_password1": "Toinen-pitkä-salasana-7",
            "new_password2": "Toinen-pitkä-salasana-7",
        },
    )
    assert response["Location"] == "/password/change/done/"
    assert "Salasana vaihdettu" in coach_client.get("/password/change/done/").content.decode()


def test_password_change_errors_are_linked_to_fields(coach_client):
    response = coach_client.post(
        "/password/change/",
        {"old_password": "wrong", "new_password1": "a", "new_password2": "b"},
    )
    content = response.content.decode()
    assert 'aria-invalid="true"' in content
    assert 'id="id_old_password_error"' in content
    assert 'aria-describedby="id_old_password_error"' in content

"""Language choice: Finnish by default, explicit choices win, unknown codes fall back to Finnish."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from kohtaanto.web.middleware import language_from_accept_header, supported_language

pytestmark = pytest.mark.django_db

COOKIE = settings.LANGUAGE_COOKIE_NAME


def html_lang(response) -> str:
    content = response.content.decode()
    start = content.index('<html lang="') + len('<html lang="')
    return content[start : content.index('"', start)]


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("fi", "fi"),
        ("sv", "sv"),
        ("sv-FI", "sv"),
        ("EN_gb", "en"),
        ("de", None),
        ("", None),
        (None, None),
        ("x" * 40, None),
    ],
)
def test_supported_language(code, expected):
    assert supported_language(code) == expected


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("sv-FI,sv;q=0.9,en;q=0.5", "sv"),
        ("de-DE,de;q=0.9,en;q=0.5", "en"),
        ("de", None),
        ("*", None),
        ("", None),
    ],
)
def test_language_from_accept_header(header, expected):
    assert language_from_accept_header(header) == expected


def test_finnish_by_default(client):
    response = client.get("/login/")
    assert html_lang(response) == "fi"
    assert response["Content-Language"] == "fi"
    assert "Kirjaudu sisään" in response.content.decode()


@pytest.mark.parametrize(
    ("header", "expected"),
    [("sv-FI,sv;q=0.8", "sv"), ("en-GB", "en"), ("de-DE,fr;q=0.5", "fi"), ("zz", "fi")],
)
def test_accept_language(client, header, expected):
    response = client.get("/login/", HTTP_ACCEPT_LANGUAGE=header)
    assert html_lang(response) == expected
    assert "Accept-Language" in response["Vary"]


@pytest.mark.parametrize("code", ["de", "xx", "<script>", "fi-XX-very-long-and-wrong-code"])
def test_unknown_cookie_falls_back_to_finnish(client, code):
    client.cookies[COOKIE] = code
    assert html_lang(client.get("/login/")) == "fi"


def test_unknown_query_parameter_falls_back_to_finnish(client):
    response = client.get("/login/?lang=de")
    assert html_lang(response) == "fi"
    assert COOKIE not in response.cookies


def test_query_parameter_chooses_and_is_remembered(client):
    response = client.get("/login/?lang=sv")
    assert html_lang(response) == "sv"
    assert "Logga in" in response.content.decode()
    assert response.cookies[COOKIE].value == "sv"
    assert html_lang(client.get("/login/")) == "sv"


def test_query_parameter_wins_over_cookie(client):
    client.cookies[COOKIE] = "sv"
    assert html_lang(client.get("/login/?lang=en")) == "en"


def test_switcher_posts_to_set_language(client):
    response = client.post("/i18n/setlang/", {"language": "sv", "next": "/login/"})
    assert response.status_code == 302
    assert response["Location"] == "/login/"
    assert response.cookies[COOKIE].value == "sv"
    assert html_lang(client.get("/login/")) == "sv"


def test_switcher_with_a_language_django_knows_but_we_do_not_gives_finnish(client):
    client.post("/i18n/setlang/", {"language": "de", "next": "/login/"})
    assert html_lang(client.get("/login/")) == "fi"


def test_switcher_on_every_page_names_languages_in_their_own_language(client):
    content = client.get("/login/").content.decode()
    assert 'action="/i18n/setlang/"' in content
    for code, name in (("fi", "suomi"), ("sv", "svenska"), ("en", "English")):
        assert f'value="{code}" lang="{code}"' in content
        assert f">{name}</button>" in content


def test_switcher_does_not_put_the_query_string_in_next(client):
    content = client.get("/login/?lang=sv&next=/audit/").content.decode()
    assert 'name="next" value="/login/"' in content


def test_user_preference_applies_without_explicit_choice(personas, client_for):
    user = personas.coach
    user.preferred_language = "sv"
    user.save(update_fields=["preferred_language"])
    client = client_for(user)
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert html_lang(response) == "sv"


def test_explicit_choice_wins_over_user_preference(personas, client_for):
    user = personas.coach
    user.preferred_language = "sv"
    user.save(update_fields=["preferred_language"])
    client = client_for(user)
    client.cookies[COOKIE] = "en"
    assert html_lang(client.get("/")) == "en"


def test_anonymous_pages_ignore_any_user_preference():
    assert html_lang(Client().get("/login/")) == "fi"


def test_switcher_saves_the_choice_on_the_account(personas, client_for):
    user = personas.participant_user
    client = client_for(user)
    response = client.post("/i18n/setlang/", {"language": "sv", "next": "/"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.preferred_language == "sv"
    # Another device, no cookie: the saved choice still applies.
    other_device = client_for(user)
    assert html_lang(other_device.get("/", HTTP_ACCEPT_LANGUAGE="en")) == "sv"


def test_switcher_does_not_save_an_unsupported_language(personas, client_for):
    user = personas.coach
    client_for(user).post("/i18n/setlang/", {"language": "de", "next": "/"})
    user.refresh_from_db()
    assert user.preferred_language == "fi"


def test_switcher_requires_post(client):
    assert client.get("/i18n/setlang/?language=sv").status_code == 405

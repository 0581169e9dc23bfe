"""The coordinator's integrations page: make a token (shown once), list, revoke; others 404."""

from __future__ import annotations

import pytest
from tests.factories import Personas

from kohtaanto.integrations.models import ApiToken, OAuthClient
from kohtaanto.integrations.services import hash_token

pytestmark = pytest.mark.django_db

URL = "/integrations/"


@pytest.mark.parametrize("persona", ["coach", "participant", "analyst", "outsider"])
def test_only_coordinators_see_the_page(client_for, personas: Personas, persona: str) -> None:
    client = client_for(personas.users()[persona])
    assert client.get(URL).status_code == 404
    assert client.post(URL + "new/", {"kind": "token", "name": "x"}).status_code == 404


def test_coordinator_makes_a_token_sees_it_once_and_revokes_it(coordinator_client) -> None:
    response = coordinator_client.post(
        URL + "new/",
        {"kind": "token", "name": "Kuntarekisteri", "scopes": ["read"], "role": "coordinator",
         "days": "30"},
    )  # fmt: skip
    assert response.status_code == 200
    token = ApiToken.objects.get()
    page = response.content.decode()
    text = page.split('id="new-secret">')[1].split("<")[0]
    assert token.token_hash == hash_token(text)
    assert (
        response["Cache-Control"].startswith("no-store") or "no-store" in response["Cache-Control"]
    )
    listed = coordinator_client.get(URL).content.decode()
    assert token.prefix in listed and text not in listed
    revoked = coordinator_client.post(f"{URL}tokens/{token.pk}/revoke/")
    assert revoked.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_coordinator_makes_an_oauth_client(coordinator_client) -> None:
    response = coordinator_client.post(
        URL + "new/",
        {"kind": "oauth", "name": "BI", "scopes": ["read", "write"], "role": "analyst"},
    )
    assert response.status_code == 200
    client = OAuthClient.objects.get()
    assert client.application.client_id in response.content.decode()
    assert client.scope_set == {"read", "write"}


def test_invalid_form_shows_errors(coordinator_client) -> None:
    response = coordinator_client.post(URL + "new/", {"kind": "token", "name": "", "scopes": []})
    assert response.status_code == 200
    assert not ApiToken.objects.exists()
    assert "hds-text-input__error-text" in response.content.decode()


def test_foreign_token_cannot_be_revoked(outsider_client, personas: Personas) -> None:
    from kohtaanto.integrations.services import create_token

    token = create_token(personas.organisation, name="x", scopes=["read"]).token
    # The outsider is no coordinator anywhere: 404 before any lookup.
    assert outsider_client.post(f"{URL}tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None

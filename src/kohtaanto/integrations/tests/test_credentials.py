"""Integration credentials: API tokens and OAuth 2.0 client credentials, scoped, revocable,
hashed at rest, acting through the same access helpers as the pages, audited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from tests.factories import Personas

from kohtaanto.core.enums import AuditAction
from kohtaanto.core.errors import NotFound, ValidationFailed
from kohtaanto.core.models import AuditEvent
from kohtaanto.integrations import services
from kohtaanto.integrations.models import ApiToken

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


def _get(path: str, token: str, **extra: str):
    return Client().get(path, HTTP_AUTHORIZATION=f"Bearer {token}", **extra)


def _new(personas: Personas, scopes=("read",), role="coordinator", **kwargs):
    return services.create_token(
        personas.organisation,
        name="Kuntarekisteri",
        scopes=scopes,
        role=role,
        by=personas.coordinator,
        **kwargs,
    )


def test_token_is_stored_only_as_a_hash(personas: Personas) -> None:
    new = _new(personas)
    row = ApiToken.objects.get(pk=new.token.pk)
    assert new.text.startswith("kht_") and len(new.text) > 40
    assert row.prefix == new.text[:12]
    assert row.token_hash == services.hash_token(new.text) != new.text
    assert new.text not in str(ApiToken.objects.filter(pk=row.pk).values().first())
    assert not row.user.has_usable_password()


def test_token_acts_for_its_organisation_through_the_access_helpers(personas: Personas) -> None:
    new = _new(personas)
    response = _get("/api/v1/participants/", new.text)
    assert response.status_code == 200
    ids = {row["id"] for row in response.json()["results"]}
    assert personas.participant.pk in ids
    assert personas.other_participant.pk not in ids
    foreign = _get(f"/api/v1/participants/{personas.other_participant.pk}/", new.text)
    assert foreign.status_code == 404
    assert foreign["Content-Type"] == PROBLEM
    # Reading a record is audited with the integration's account as the actor.
    _get(f"/api/v1/participants/{personas.participant.pk}/", new.text)
    assert AuditEvent.objects.filter(
        actor=new.token.user, action=AuditAction.VIEW, participant_id=personas.participant.pk
    ).exists()


def test_analyst_token_sees_no_participants(personas: Personas) -> None:
    new = _new(personas, role="analyst")
    response = _get("/api/v1/participants/", new.text)
    assert response.status_code == 200
    assert response.json()["count"] == 0


def test_read_scope_cannot_write(personas: Personas) -> None:
    new = _new(personas)
    response = Client().post(
        f"/api/v1/participants/{personas.participant.pk}/consents/",
        {"purpose": "matching", "given": True},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {new.text}",
    )
    assert response.status_code == 403
    assert response["Content-Type"] == PROBLEM


@pytest.mark.parametrize("case", ["unknown", "expired", "revoked", "malformed"])
def test_bad_tokens_are_401_problems(personas: Personas, case: str, frozen_clock) -> None:
    new = _new(personas, days=1)
    text = new.text
    if case == "unknown":
        text = "kht_" + "x" * 43
    elif case == "expired":
        frozen_clock.shift(dt.timedelta(days=2))
    elif case == "revoked":
        services.revoke(new.token, by=personas.coordinator)
    elif case == "malformed":
        text = "two parts"
    response = _get("/api/v1/me/", text, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 401
    assert response["Content-Type"] == PROBLEM
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["title"] == "Authentication required"


def test_created_revoked_and_first_use_are_audited(personas: Personas) -> None:
    new = _new(personas)
    _get("/api/v1/me/", new.text)
    _get("/api/v1/me/", new.text)
    services.revoke(new.token, by=personas.coordinator)
    events = list(
        AuditEvent.objects.filter(object_type="integrations.apitoken", object_id=str(new.token.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert events == [AuditAction.CREATE, AuditAction.LOGIN, AuditAction.CHANGE]
    assert ApiToken.objects.get(pk=new.token.pk).last_used_at is not None


def test_only_coordinators_manage_tokens(personas: Personas) -> None:
    with pytest.raises(NotFound):
        services.create_token(personas.organisation, name="x", scopes=["read"], by=personas.coach)
    with pytest.raises(NotFound):
        services.revoke(_new(personas).token, by=personas.outsider)
    with pytest.raises(ValidationFailed):
        _new(personas, scopes=["admin"])


def _oauth_token(client_id: str, secret: str, scope: str | None = None):
    data = {"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret}
    if scope:
        data["scope"] = scope
    return Client().post("/api/oauth/token/", data)


def test_oauth_client_credentials(personas: Personas) -> None:
    new = services.create_oauth_client(
        personas.organisation, name="Raportointi", scopes=["read"], by=personas.coordinator
    )
    response = _oauth_token(new.client_id, new.client_secret)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["scope"] == "read"
    access = body["access_token"]
    listed = _get("/api/v1/participants/", access)
    assert listed.status_code == 200
    assert personas.other_participant.pk not in {r["id"] for r in listed.json()["results"]}
    # More scopes than the client has: refused.
    assert _oauth_token(new.client_id, new.client_secret, "read write").status_code == 400
    # A wrong secret: refused.
    assert _oauth_token(new.client_id, "wrong").status_code == 401
    # Revoked: the access token stops working and no new one is given.
    services.revoke(new.client, by=personas.coordinator)
    assert _get("/api/v1/me/", access).status_code == 401
    assert _oauth_token(new.client_id, new.client_secret).status_code in (400, 401)


def test_oauth_token_is_hashed_at_rest(personas: Personas) -> None:
    from oauth2_provider.models import AccessToken

    new = services.create_oauth_client(
        personas.organisation, name="Raportointi", scopes=["read"], by=personas.coordinator
    )
    access = _oauth_token(new.client_id, new.client_secret).json()["access_token"]
    assert not AccessToken.objects.filter(token=access).exists()
    assert new.client_secret not in str(new.client.application.client_secret)

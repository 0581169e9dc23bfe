"""API request limits (`kohtaanto.api.throttling`): per integration credential and per user,
per hashed address without credentials; over a limit 429 problem+json with Retry-After; off
unless configured (the default outside production); a malformed limit stops the start."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.test import Client
from tests.factories import Personas

from kohtaanto.api.throttling import THROTTLE_CACHE
from kohtaanto.config.env import ImproperlyConfiguredError, env_rate
from kohtaanto.integrations.services import create_token

pytestmark = pytest.mark.django_db

LOCAL = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "d"},
    THROTTLE_CACHE: {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "throttle-tests",
    },
}


@pytest.fixture
def limits(settings):  # type: ignore[no-untyped-def]
    settings.CACHES = LOCAL
    caches[THROTTLE_CACHE].clear()
    settings.API_RATE_USER = "3/minute"
    settings.API_RATE_ANONYMOUS = "2/minute"
    yield settings
    caches[THROTTLE_CACHE].clear()


def _bearer(personas: Personas, name: str) -> Client:
    token = create_token(personas.organisation, name=name, scopes=["read"])
    return Client(HTTP_AUTHORIZATION=f"Bearer {token.text}", HTTP_ACCEPT_LANGUAGE="fi")


def test_each_credential_has_its_own_limit_and_over_it_gets_429_problem_json(
    personas: Personas, limits: object
) -> None:
    first, second = _bearer(personas, "eka"), _bearer(personas, "toka")
    assert [first.get("/api/v1/me/").status_code for _ in range(3)] == [200, 200, 200]
    response = first.get("/api/v1/me/")
    assert response.status_code == 429
    assert response["Content-Type"] == "application/problem+json"
    assert int(response["Retry-After"]) > 0
    body = response.json()
    assert body["status"] == 429 and body["title"] == "Liian monta pyyntöä"
    # another credential of the same organisation, and a logged-in user, are counted apart
    assert second.get("/api/v1/me/").status_code == 200
    coach = Client()
    coach.force_login(personas.coach)
    assert coach.get("/api/v1/me/").status_code == 200


def test_requests_without_credentials_are_limited_by_a_hashed_address(
    limits: object,
) -> None:
    anonymous = Client(REMOTE_ADDR="192.0.2.44")
    assert [anonymous.get("/api/schema/").status_code for _ in range(2)] == [200, 200]
    assert anonymous.get("/api/schema/").status_code == 429
    assert Client(REMOTE_ADDR="192.0.2.45").get("/api/schema/").status_code == 200
    cache = caches[THROTTLE_CACHE]
    keys = list(cache._cache.keys())  # type: ignore[attr-defined]
    assert keys and not any("192.0.2" in key for key in keys)


def test_behind_the_proxy_the_address_is_the_one_the_proxy_added(
    limits: object, settings: object
) -> None:
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}  # type: ignore[attr-defined]
    proxy = "127.0.0.1"
    for _ in range(2):
        response = Client(REMOTE_ADDR=proxy).get("/api/schema/", HTTP_X_FORWARDED_FOR="203.0.113.9")
        assert response.status_code == 200
    # what the caller wrote in front of the proxy's entry does not make it someone else
    spoofed = Client(REMOTE_ADDR=proxy).get(
        "/api/schema/", HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.9"
    )
    assert spoofed.status_code == 429
    other = Client(REMOTE_ADDR=proxy).get("/api/schema/", HTTP_X_FORWARDED_FOR="203.0.113.10")
    assert other.status_code == 200


def test_no_limit_unless_configured(personas: Personas, settings: object) -> None:
    assert settings.API_RATE_USER == "" and settings.API_RATE_ANONYMOUS == ""  # type: ignore[attr-defined]
    client = _bearer(personas, "rajaton")
    assert {client.get("/api/v1/me/").status_code for _ in range(12)} == {200}


def test_a_limit_is_read_strictly() -> None:
    assert env_rate("X", "600/minute", environ={}) == "600/minute"
    assert env_rate("X", "600/minute", environ={"X": " 20 / second "}) == "20/second"
    assert env_rate("X", "600/minute", environ={"X": "off"}) == ""
    assert env_rate("X", "600/minute", environ={"X": ""}) == ""
    for bad in ("600", "fast", "0/minute", "10/min", "-5/hour", "10/fortnight"):
        with pytest.raises(ImproperlyConfiguredError, match="X must be a limit"):
            env_rate("X", "", environ={"X": bad})

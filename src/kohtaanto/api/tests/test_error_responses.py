"""Every error under /api/ is problem+json (issue 18), whoever asks and whatever answers it: DRF's
views, Django's own views there (the Redoc page, the OAuth token endpoint), unknown paths.
An anonymous request is a 401 with the bearer challenge; a logged-in or token-authenticated
caller without the right keeps its 403/404.

`test_every_api_pattern_refuses_a_wrong_method` walks the resolver (the walk of
tests/test_access_matrix.py), so a new API URL is checked without a line here.
"""

from __future__ import annotations

import json

import pytest
from django.test import Client
from oauth2_provider.views import TokenView
from tests.factories import Personas
from tests.test_access_matrix import url_patterns

from kohtaanto.api.limits import DEFAULT_MAX_BODY_BYTES
from kohtaanto.integrations.services import create_token

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"
CHALLENGE = 'Bearer realm="api"'
PUBLIC = {"api/schema/", "api/docs/", "api/oauth/token/"}
"""The API routes that need no login (the interface's description, the OAuth token endpoint):
a wrong method is a 405 for anonymous too. Every other route first asks who is calling (401)."""
CATCH_ALL = "api/"
"""The last API pattern: any other path under /api/, a 404 for every method."""
METHODS = ("DELETE", "PUT", "PATCH", "POST", "GET")
METHOD_NOT_ALLOWED = "urn:kohtaanto:problem:method_not_allowed"


def _problem(response, status: int) -> dict:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == PROBLEM
    body = json.loads(response.content)  # JSON whatever renderer the view negotiated
    assert body["status"] == status
    assert body["type"].startswith("urn:kohtaanto:problem:")
    assert body["title"] and body["detail"]
    return body


def _allowed(response) -> set[str]:
    return {method.strip() for method in response["Allow"].split(",")}


def _api_patterns() -> list[tuple[str, str]]:
    patterns = [(route, path) for route, path, _view in url_patterns() if route.startswith("api/")]
    assert len(patterns) > 40  # the walk found the API
    assert {route for route, _path in patterns} >= {*PUBLIC, CATCH_ALL}
    return patterns


def test_every_api_pattern_refuses_a_wrong_method(personas: Personas) -> None:
    """For each API URL pattern, each method it does not allow (learnt from `Allow`): anonymous
    gets 401 with the challenge (405 on the public routes), a logged-in coach and an
    integration token (read and write) 405 with `Allow`; all of it problem+json (anonymous
    asks in English; the coach's titles follow their own language)."""
    anonymous, coach = Client(), Client()
    coach.force_login(personas.coach)
    token = create_token(personas.organisation, name="walk", scopes=["read", "write"])
    integration = Client(HTTP_AUTHORIZATION=f"Bearer {token.text}")
    checked = 0
    for route, path in _api_patterns():
        if route == CATCH_ALL:
            continue
        allowed = _allowed(coach.options(path))
        for wrong in (method for method in METHODS if method not in allowed):
            response = anonymous.generic(wrong, path, HTTP_ACCEPT_LANGUAGE="en")
            if route in PUBLIC:
                assert _problem(response, 405)["title"] == "Method not allowed", (route, wrong)
                assert _allowed(response) == allowed, (route, wrong)
            else:
                body = _problem(response, 401)
                assert body["title"] == "Authentication required", (route, wrong)
                assert response["WWW-Authenticate"] == CHALLENGE, (route, wrong)
            for client in (coach, integration):
                response = client.generic(wrong, path)
                assert _problem(response, 405)["type"] == METHOD_NOT_ALLOWED, (route, wrong)
                assert _allowed(response) == allowed, (route, wrong)
            checked += 1
    assert checked > 100


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("path", ["/api/", "/api/nope", "/api/v1/nope/", "/api/oauth/nope/"])
def test_unknown_api_paths_are_404_problems_for_every_method(
    personas: Personas, path: str, method: str
) -> None:
    body = _problem(Client().generic(method, path, HTTP_ACCEPT_LANGUAGE="en"), 404)
    assert body["title"] == "Not found"
    assert body["type"] == "urn:kohtaanto:problem:not_found"
    _problem(_logged_in(personas).generic(method, path), 404)
    # A known resource without its slash is unknown too (no redirect to an HTML page).
    _problem(Client().get("/api/v1/me"), 404)


def _logged_in(personas: Personas) -> Client:
    client = Client()
    client.force_login(personas.coach)
    return client


def test_oauth_token_endpoint_get_is_a_405_problem_with_allow() -> None:
    response = Client().get("/api/oauth/token/", HTTP_ACCEPT_LANGUAGE="en")
    body = _problem(response, 405)
    assert body["type"] == METHOD_NOT_ALLOWED
    assert body["title"] == "Method not allowed"
    assert _allowed(response) == {"POST", "OPTIONS"}


def test_oauth_token_endpoint_keeps_rfc_6749_errors_for_its_grant() -> None:
    """A refused grant stays in RFC 6749's format (section 5.2): OAuth clients read `error`."""
    response = Client().post("/api/oauth/token/", {"grant_type": "no-such-grant"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["error"] == "unsupported_grant_type"


def test_oauth_token_endpoint_crash_and_oversized_body_are_problems(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret detail")

    monkeypatch.setattr(TokenView, "post", boom)
    client = Client(raise_request_exception=False)
    response = client.post("/api/oauth/token/", {"grant_type": "client_credentials"})
    _problem(response, 500)
    assert "secret detail" not in response.content.decode()
    big = "x" * (DEFAULT_MAX_BODY_BYTES + 1)
    _problem(client.post("/api/oauth/token/", big, content_type="text/plain"), 413)


@pytest.mark.parametrize(
    ("language", "titles"),
    [
        ("fi", ("Menetelmä ei ole sallittu", "Kirjautuminen vaaditaan", "Ei löytynyt")),
        ("sv", ("Metoden är inte tillåten", "Inloggning krävs", "Hittades inte")),
        ("en", ("Method not allowed", "Authentication required", "Not found")),
    ],
)
def test_titles_are_translated(language: str, titles: tuple[str, str, str]) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    method_not_allowed, authentication_required, not_found = titles
    assert _problem(client.get("/api/oauth/token/"), 405)["title"] == method_not_allowed
    assert _problem(client.post("/api/docs/"), 405)["title"] == method_not_allowed
    assert _problem(client.get("/api/v1/me/"), 401)["title"] == authentication_required
    assert _problem(client.get("/api/v1/nope/"), 404)["title"] == not_found


def test_anonymous_is_401_with_the_bearer_challenge() -> None:
    response = Client().get("/api/v1/participants/", HTTP_ACCEPT_LANGUAGE="en")
    body = _problem(response, 401)
    assert body["type"] == "urn:kohtaanto:problem:not_authenticated"
    assert response["WWW-Authenticate"] == CHALLENGE


def test_a_caller_without_the_right_keeps_403_or_404(personas: Personas) -> None:
    consents = f"/api/v1/participants/{personas.participant.pk}/consents/"
    body = {"purpose": "matching", "given": True}
    participant = Client()
    participant.force_login(personas.participant_user)
    _problem(participant.get(f"/api/v1/participants/{personas.participant.pk}/sessions/"), 404)
    coordinator = Client()
    coordinator.force_login(personas.coordinator)
    response = coordinator.post(consents, body, content_type="application/json")
    _problem(response, 403)
    assert "WWW-Authenticate" not in response
    reader = create_token(personas.organisation, name="reader", scopes=["read"])
    response = Client(HTTP_AUTHORIZATION=f"Bearer {reader.text}").post(
        consents, body, content_type="application/json"
    )
    _problem(response, 403)


def test_session_writes_still_need_the_csrf_token(personas: Personas) -> None:
    """The session stays an authentication of the API, CSRF-checked for unsafe methods."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.coach)
    url = f"/api/v1/participants/{personas.caseload_participant.pk}/consents/"
    body = {"purpose": "follow_up_contact", "given": True, "note": "Kysytty puhelimessa"}
    _problem(client.post(url, body, content_type="application/json"), 403)
    token = "k" * 32
    client.cookies["csrftoken"] = token
    response = client.post(url, body, content_type="application/json", HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200, response.content[:300]
    assert client.get("/api/v1/me/").status_code == 200


@pytest.mark.parametrize(
    ("path", "accept"), [("/api/v1/me/", "text/html"), ("/api/schema/", "application/yaml")]
)
def test_problems_are_json_whatever_renderer_was_negotiated(
    personas: Personas, path: str, accept: str
) -> None:
    """The browsable API's HTML and the schema's YAML renderers do not render problems."""
    _problem(Client().delete(path, HTTP_ACCEPT=accept), 401 if path != "/api/schema/" else 405)
    _problem(_logged_in(personas).delete(path, HTTP_ACCEPT=accept), 405)

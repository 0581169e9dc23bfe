"""The OpenAPI document is generated, valid, and the API keeps to it (schemathesis).

Runs in-process against the WSGI application (no network), logged in as the coach and as the
participant persona, with a handful of generated examples per operation so that it stays fast
(about 20-40 s for both; `-m slow` runs a longer one with more examples): 0 server errors, 0
responses outside the schema.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)
from tests.factories import Personas

from kohtaanto.integrations.services import create_token

pytestmark = pytest.mark.django_db

CSRF_TOKEN = "k" * 32
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def test_schema_is_served_and_lists_the_v1_resources(client) -> None:
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert {
        "/api/v1/me/",
        "/api/v1/participants/",
        "/api/v1/participants/{id}/",
        "/api/v1/participants/{participant_id}/consents/",
    } <= set(paths)


@pytest.fixture
def keep_test_connection() -> Iterator[None]:
    """Like Django's test client: don't let the WSGI handler close the test transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _credentials(personas: Personas, persona: str) -> tuple[dict[str, str], dict[str, str]]:
    """(headers, cookies). Cookies go in `case.cookies`: the WSGI test client replaces a
    Cookie header with its own cookie jar."""
    if persona == "token":  # an integration of the organisation: coordinator role, read+write
        new = create_token(personas.organisation, name="fuzz", scopes=["read", "write"])
        return {"Authorization": f"Bearer {new.text}"}, {}
    login = Client()
    login.force_login(personas.users()[persona])
    cookies = {"sessionid": login.cookies["sessionid"].value, "csrftoken": CSRF_TOKEN}
    return {"X-CSRFToken": CSRF_TOKEN}, cookies


def _fuzz(personas: Personas, persona: str, examples: int) -> Counter[int]:
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())
    headers, cookies = _credentials(personas, persona)
    statuses: Counter[int] = Counter()
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 12

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=examples,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def run(case: schemathesis.Case) -> None:
            # Generated credentials (the documented schemes) would only ever be a 401 or 403.
            if case.headers:
                case.headers.pop("Authorization", None)
            case.cookies = {**(case.cookies or {}), **cookies}
            response = case.call_and_validate(headers=headers, checks=CHECKS)
            statuses[response.status_code] += 1

        run()
    print(persona, dict(sorted(statuses.items())))  # shown with -s
    return statuses


@pytest.mark.usefixtures("keep_test_connection")
@pytest.mark.parametrize("persona", ["coach", "participant", "token"])
def test_api_conforms_to_its_schema(personas: Personas, persona: str) -> None:
    statuses = _fuzz(personas, persona, examples=4)
    assert statuses[200] > 0  # the fuzzing reached the views, not only the error paths


@pytest.mark.slow
@pytest.mark.usefixtures("keep_test_connection")
@pytest.mark.parametrize("persona", ["coach", "participant", "coordinator", "outsider", "token"])
def test_api_conforms_to_its_schema_longer(personas: Personas, persona: str) -> None:
    _fuzz(personas, persona, examples=40)

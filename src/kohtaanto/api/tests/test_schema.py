"""The OpenAPI document is generated, valid, and the API keeps to it (schemathesis).

Runs in-process against the WSGI application (no network), logged in as the coach persona,
with a handful of generated examples per operation so that it stays fast.
"""

from __future__ import annotations

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


def test_docs_page_is_served(client) -> None:
    assert client.get("/api/docs/").status_code == 200


@pytest.fixture
def keep_test_connection() -> Iterator[None]:
    """Like Django's test client: don't let the WSGI handler close the test transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.usefixtures("keep_test_connection")
def test_api_conforms_to_its_schema(personas: Personas) -> None:
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())
    login = Client()
    login.force_login(personas.coach)
    headers = {
        "Cookie": f"sessionid={login.cookies['sessionid'].value}; csrftoken={CSRF_TOKEN}",
        "X-CSRFToken": CSRF_TOKEN,
    }
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 12  # + opportunities and courses (list, detail), foresight, reports

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=5,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def run(case: schemathesis.Case) -> None:
            case.call_and_validate(headers=headers, checks=CHECKS)

        run()

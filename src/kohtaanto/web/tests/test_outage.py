"""A database outage answers 503 "try again in a moment" with Retry-After: a translated page,
problem+json under /api/ (issue 18, probe finding 6)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory
from django.urls import path

from kohtaanto.web import outage


def _lost_connection(request: HttpRequest) -> HttpResponse:
    raise OperationalError("server closed the connection unexpectedly")


def _bug(request: HttpRequest) -> HttpResponse:
    raise ValueError("a bug, not an outage")


urlpatterns = [
    path("lost/", _lost_connection),
    path("api/v1/lost/", _lost_connection),
    path("bug/", _bug),
]


@contextmanager
def database_down() -> Iterator[None]:
    """Every new cursor fails as when PostgreSQL is not running."""
    error = OperationalError('connection to server at "127.0.0.1", port 5432 failed')
    with mock.patch.object(connection, "cursor", side_effect=error):
        yield


@pytest.mark.django_db
def test_a_page_during_an_outage_is_a_finnish_503(coach_client: Client) -> None:
    coach_client.raise_request_exception = False
    with database_down():
        response = coach_client.get("/", HTTP_ACCEPT_LANGUAGE="fi")
    assert response.status_code == 503
    assert response["Retry-After"] == str(outage.RETRY_AFTER_SECONDS)
    assert response["Content-Language"] == "fi"
    page = response.content.decode()
    assert "Palvelu ei ole hetkeen käytettävissä" in page
    assert "Yritä hetken päästä uudelleen" in page
    assert "hds.min.css" in page  # the HDS look
    assert "Traceback" not in page and "OperationalError" not in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("how", "expected"),
    [
        ({"HTTP_ACCEPT_LANGUAGE": "sv-FI,sv;q=0.9"}, "Tjänsten är inte tillgänglig för tillfället"),
        ({"QUERY_STRING": "lang=en"}, "Service unavailable for a moment"),
    ],
)
def test_the_503_page_in_swedish_and_english(
    coach_client: Client, how: dict[str, str], expected: str
) -> None:
    coach_client.raise_request_exception = False
    with database_down():
        response = coach_client.get("/", **how)
    assert response.status_code == 503
    assert expected in response.content.decode()


@pytest.mark.django_db
def test_the_api_during_an_outage_is_problem_json(coach_client: Client) -> None:
    coach_client.raise_request_exception = False
    with database_down():
        response = coach_client.get("/api/v1/opportunities/", HTTP_ACCEPT_LANGUAGE="fi")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
    assert response["Retry-After"] == str(outage.RETRY_AFTER_SECONDS)
    body = response.json()
    assert body["status"] == 503
    assert body["type"] == outage.PROBLEM_TYPE
    assert body["title"] == "Palvelu ei ole käytettävissä"
    assert "tietokantaansa" in body["detail"]


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_a_lost_connection_in_a_view_is_a_503_even_when_the_database_is_back(
    client: Client,
) -> None:
    # The database answers again by the time the response goes out: the request still failed
    # because of it, so the visitor is asked to try again rather than shown an error.
    client.raise_request_exception = False
    response = client.get("/lost/")
    assert response.status_code == 503
    assert response["Retry-After"] == str(outage.RETRY_AFTER_SECONDS)
    api = client.get("/api/v1/lost/", HTTP_ACCEPT_LANGUAGE="en")
    assert api.status_code == 503
    assert api.json()["title"] == "Service unavailable"


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_other_errors_stay_500(client: Client) -> None:
    client.raise_request_exception = False
    response = client.get("/bug/")
    assert response.status_code == 500
    assert "Retry-After" not in response


def test_the_page_is_rendered_without_touching_the_database() -> None:
    # No django_db mark: any database access here raises (pytest-django blocks it).
    request = RequestFactory().get("/participants/1/", HTTP_ACCEPT_LANGUAGE="en")
    response = outage.unavailable_response(request)
    assert response.status_code == 503
    assert b"Service unavailable for a moment" in response.content


def test_outage_errors_are_recognised_through_their_cause() -> None:
    import psycopg

    try:
        try:
            raise psycopg.OperationalError("connection refused")
        except psycopg.OperationalError as error:
            raise RuntimeError("wrapped") from error
    except RuntimeError as wrapped:
        assert outage.is_outage_error(wrapped)
    assert not outage.is_outage_error(ValueError("x"))

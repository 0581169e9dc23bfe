"""Bad input never gives a 500 or an HTML page under /api/: problem+json with a clear message
(issue 18: NUL in filters, unknown filter values, malformed pagination, malformed JSON,
unknown fields, over-size bodies, unexpected errors)."""

from __future__ import annotations

import pytest
from django.test import Client
from tests.factories import Personas

from kohtaanto.api.limits import DEFAULT_MAX_BODY_BYTES
from kohtaanto.opportunities.services import create_course

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


def _problem(response, status: int) -> dict:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["status"] == status
    assert body["type"].startswith("urn:kohtaanto:problem:")
    assert body["title"] and body["detail"]
    assert "Traceback" not in response.content.decode()
    return body


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("/api/v1/opportunities/?q=%00", "q"),
        ("/api/v1/opportunities/?municipality=%00", "municipality"),
        ("/api/v1/courses/?q=a%00b", "q"),
        ("/api/v1/courses/?language=%01", "language"),
        ("/api/v1/participants/?x=%1b", "x"),
        ("/api/v1/opportunities/?q=tab%09", "q"),
    ],
)
def test_control_characters_in_query_are_400_naming_the_parameter(coach_api, url, name) -> None:
    body = _problem(coach_api.get(url), 400)
    assert name in body["errors"]


def test_control_characters_in_a_web_page_query_are_a_translated_400(coach_client) -> None:
    response = coach_client.get("/?q=%00", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "text/html" in response["Content-Type"]


def test_control_characters_in_a_web_form_are_refused(coach_client) -> None:
    response = coach_client.post("/organisation/", {"organisation": "1\x00"})
    assert response.status_code == 400
    response = coach_client.post("/organisation/", {"organisation": "1\x07"})
    assert response.status_code == 400


def test_line_breaks_in_a_form_are_allowed(coach_client, personas: Personas) -> None:
    response = coach_client.post(
        "/organisation/", {"organisation": f"{personas.organisation.pk}\n"}
    )
    assert response.status_code != 400


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("status=AAA", "status"),
        ("kind=nope", "kind"),
        ("municipality=12", "municipality"),
        ("q=" + "x" * 101, "q"),
        ("offset=null", "offset"),
        ("offset=-1", "offset"),
        ("limit=-1", "limit"),
        ("limit=0", "limit"),
        ("limit=abc", "limit"),
        ("limit=100000", "limit"),
    ],
)
def test_unknown_filter_values_and_bad_pagination_are_400(coach_api, query, name) -> None:
    body = _problem(coach_api.get(f"/api/v1/opportunities/?{query}"), 400)
    assert list(body["errors"]) == [name]


def test_good_filters_and_pagination_still_work(coach_api) -> None:
    response = coach_api.get("/api/v1/opportunities/?status=open&limit=5&offset=0&q=varasto")
    assert response.status_code == 200
    assert coach_api.get("/api/v1/courses/?course_format=online&limit=1").status_code == 200


def test_bad_course_format_is_400(coach_api) -> None:
    body = _problem(coach_api.get("/api/v1/courses/?course_format=telepathy"), 400)
    assert "course_format" in body["errors"]


def test_course_without_url_gives_null(coach_api, personas: Personas) -> None:
    course = create_course(organisation=personas.organisation, title="Trukkikortti", url="")
    response = coach_api.get(f"/api/v1/courses/{course.pk}/")
    assert response.status_code == 200
    assert response.json()["url"] is None


def _consents_url(personas: Personas) -> str:
    return f"/api/v1/participants/{personas.participant.pk}/consents/"


def test_malformed_json_is_400(coach_api, personas: Personas) -> None:
    response = coach_api.post(
        _consents_url(personas), data='{"purpose": ', content_type="application/json"
    )
    body = _problem(response, 400)
    assert "JSON" in body["detail"]


def test_nan_is_not_json(coach_api, personas: Personas) -> None:
    response = coach_api.post(
        _consents_url(personas), data='{"given": NaN}', content_type="application/json"
    )
    _problem(response, 400)


def test_control_characters_in_a_json_body_name_the_field(coach_api, personas: Personas) -> None:
    response = coach_api.post(
        _consents_url(personas),
        {"purpose": "matching", "given": True, "note": "a\u0000b"},
        format="json",
    )
    body = _problem(response, 400)
    assert list(body["errors"]) == ["note"]


def test_unknown_fields_are_refused_by_name(coach_api, personas: Personas) -> None:
    response = coach_api.post(
        _consents_url(personas),
        {"purpose": "matching", "given": True, "is_admin": True},
        format="json",
    )
    body = _problem(response, 400)
    assert list(body["errors"]) == ["is_admin"]


def test_body_over_the_limit_is_413(coach_api, personas: Personas) -> None:
    big = '{"note": "' + "x" * DEFAULT_MAX_BODY_BYTES + '"}'
    response = coach_api.post(_consents_url(personas), data=big, content_type="application/json")
    _problem(response, 413)


def test_foreign_object_id_is_404(outsider_api, personas: Personas) -> None:
    response = outsider_api.post(
        _consents_url(personas), {"purpose": "matching", "given": True}, format="json"
    )
    _problem(response, 404)


def test_unsupported_media_type_and_not_acceptable(coach_api, personas: Personas) -> None:
    response = coach_api.post(_consents_url(personas), data="x", content_type="text/csv")
    _problem(response, 415)
    _problem(coach_api.get("/api/v1/me/", HTTP_ACCEPT="application/xml"), 406)


def test_method_not_allowed_and_unknown_path(coach_api) -> None:
    _problem(coach_api.delete("/api/v1/me/"), 405)
    _problem(coach_api.get("/api/v1/nothing-here/"), 404)
    _problem(coach_api.get("/api/v1/participants/abc/"), 404)


def test_anonymous_is_401_problem(client) -> None:
    response = client.get("/api/v1/me/")
    assert response.status_code == 401
    assert response["Content-Type"] == PROBLEM
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


def test_unexpected_error_is_a_500_problem_without_stack(
    coach_api, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kohtaanto.api.views import me

    def boom(*args: object) -> None:
        raise RuntimeError("secret detail from the database")

    monkeypatch.setattr(me, "memberships_of", boom)
    response = coach_api.get("/api/v1/me/")
    body = _problem(response, 500)
    assert "secret detail" not in response.content.decode()
    assert body["type"].endswith("server_error")


def test_error_outside_drf_is_a_problem(monkeypatch: pytest.MonkeyPatch, personas) -> None:
    """An exception in a middleware under /api/ (outside DRF) is a 500 problem too."""
    from kohtaanto.core import middleware

    def explode(request: object) -> None:
        raise RuntimeError("secret detail")

    monkeypatch.setattr(middleware, "current_organisation", explode)
    client = Client(raise_request_exception=False)
    client.force_login(personas.coach)
    response = client.get("/api/v1/me/")
    _problem(response, 500)
    assert "secret detail" not in response.content.decode()


@pytest.mark.parametrize(("language", "title"), [("fi", "Ei löytynyt"), ("en", "Not found")])
def test_titles_follow_accept_language(client, language: str, title: str) -> None:
    response = client.get("/api/v1/nothing/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.json()["title"] == title


@pytest.mark.parametrize("field", ["organisation", "project"])
def test_report_ids_beyond_any_database_id_are_404(coordinator_api, personas, field) -> None:
    """Found by the longer schemathesis run: a 22-digit id gave an OverflowError (a 500)."""
    huge = "3481091652763888123904"
    params = {"organisation": personas.organisation.pk, "start": "2026-01-01", "end": "2026-06-30"}
    params[field] = huge
    query = "&".join(f"{k}={v}" for k, v in params.items())
    _problem(coordinator_api.get(f"/api/v1/reports/esf/?{query}"), 404)


def test_a_view_may_read_the_raw_body_of_a_form_post_after_the_check(client) -> None:
    # The control-character check parses the form; /verify/api/ then reads request.body
    # (was a 500: RawPostDataException).
    response = client.post("/verify/api/", {"credential": "{}"})
    assert response.status_code == 200
    refused = client.post("/verify/api/", {"credential": "a\x00b"})
    assert refused.status_code == 400


def test_a_form_encoded_post_to_a_raw_body_view_is_answered(client) -> None:
    response = client.post(
        "/verify/api/", "credential=%7B%7D", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert response.json()["checks"]

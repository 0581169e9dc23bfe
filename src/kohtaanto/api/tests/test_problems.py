"""RFC 9457 problem details for every kind of error."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.utils import translation
from django.utils.functional import Promise
from rest_framework import exceptions

from kohtaanto.api.problems import TITLES, flatten_errors, problem_exception_handler
from kohtaanto.core import errors


def handle(exc: Exception):
    return problem_exception_handler(exc, {})


def test_kohtaanto_errors() -> None:
    response = handle(errors.ValidationFailed(errors={"email": ["Bad."]}))
    assert response.status_code == 400
    assert response.data["errors"] == {"email": ["Bad."]}
    assert response.content_type == "application/problem+json"
    assert handle(errors.NotFound()).status_code == 404
    assert handle(errors.PermissionDenied()).status_code == 403
    with translation.override("en"):
        conflict = handle(errors.Conflict("Jo olemassa"))
    assert conflict.data == {
        "type": "urn:kohtaanto:problem:conflict",
        "title": "Conflict",
        "status": 409,
        "detail": "Jo olemassa",
    }


def test_django_exceptions() -> None:
    assert handle(Http404()).status_code == 404
    assert handle(DjangoPermissionDenied()).status_code == 403


def test_drf_exceptions_keep_headers() -> None:
    response = handle(exceptions.Throttled(wait=30))
    assert response.status_code == 429
    assert response["Retry-After"] == "30"
    assert handle(exceptions.MethodNotAllowed("PUT")).data["type"].endswith("method_not_allowed")


def test_unexpected_errors_are_a_500_problem_without_the_message() -> None:
    response = handle(RuntimeError("boom: secret"))
    assert response.status_code == 500
    assert response.content_type == "application/problem+json"
    assert "secret" not in str(response.data)


def test_nested_validation_errors_are_flattened() -> None:
    detail = {
        "non_field_errors": ["Whole input."],
        "address": {"city": ["Required."]},
        "items": [{}, {"skill": ["Unknown."]}],
        "tags": ["Too many."],
    }
    assert flatten_errors(detail) == {
        "": ["Whole input."],
        "address.city": ["Required."],
        "items.1.skill": ["Unknown."],
        "tags": ["Too many."],
    }


def test_titles_are_translatable() -> None:
    assert all(isinstance(title, Promise) for title in TITLES.values())
    with translation.override("fi"):
        assert isinstance(handle(errors.NotFound()).data["title"], str)

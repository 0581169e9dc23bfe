"""CurrentOrganisationMiddleware and switching organisations."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from tests.factories import Personas

from kohtaanto.core.enums import Role
from kohtaanto.core.errors import NotFound
from kohtaanto.core.middleware import CurrentOrganisationMiddleware
from kohtaanto.core.services import add_membership, set_current_organisation

pytestmark = pytest.mark.django_db


def _request(user: object) -> HttpRequest:
    request = RequestFactory().get("/")
    request.user = user  # type: ignore[assignment]
    request.session = SessionStore()
    return request


def _run(request: HttpRequest) -> HttpRequest:
    CurrentOrganisationMiddleware(lambda r: HttpResponse())(request)
    return request


def test_default_is_first_membership(personas: Personas) -> None:
    request = _run(_request(personas.coach))
    assert request.organisation == personas.organisation  # type: ignore[attr-defined]
    assert request.roles == {Role.COACH}  # type: ignore[attr-defined]


def test_anonymous_and_memberless_users_have_no_organisation(personas: Personas) -> None:
    request = _run(_request(AnonymousUser()))
    assert request.organisation is None  # type: ignore[attr-defined]
    assert request.roles == set()  # type: ignore[attr-defined]


def test_switch_organisation(personas: Personas) -> None:
    add_membership(personas.coach, personas.other_organisation, Role.COORDINATOR)
    request = _request(personas.coach)
    set_current_organisation(request, str(personas.other_organisation.pk))
    assert request.organisation == personas.other_organisation  # type: ignore[attr-defined]
    request = _run(request)  # the next request keeps the choice from the session
    assert request.organisation == personas.other_organisation  # type: ignore[attr-defined]
    assert request.roles == {Role.COORDINATOR}  # type: ignore[attr-defined]


@pytest.mark.parametrize("bad", ["other", "x", "", "999999"])
def test_switch_refused_without_membership(personas: Personas, bad: str) -> None:
    request = _request(personas.coach)
    org_id = personas.other_organisation.pk if bad == "other" else bad
    with pytest.raises(NotFound):
        set_current_organisation(request, org_id)
    assert _run(request).organisation == personas.organisation  # type: ignore[attr-defined]


def test_stale_session_choice_falls_back(personas: Personas) -> None:
    request = _request(personas.coach)
    request.session["kohtaanto_organisation_id"] = personas.other_organisation.pk
    assert _run(request).organisation == personas.organisation  # type: ignore[attr-defined]


def test_middleware_runs_on_real_requests(coach_client, personas: Personas) -> None:
    response = coach_client.get("/api/v1/me/")
    assert response.status_code == 200
    assert response.json()["current_organisation"]["id"] == personas.organisation.pk

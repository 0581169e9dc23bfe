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


# --- the memberships kept for the request (core.access) --------------------------------------


def _fresh(user: object) -> object:
    """The same user as a new object (as the next request loads it)."""
    return type(user).objects.get(pk=user.pk)  # type: ignore[attr-defined]


def test_kept_memberships_answer_as_the_database_for_every_persona(personas: Personas) -> None:
    """After the middleware, `roles_of` and `organisations_of` answer from the kept
    memberships without a query, and the same as without them."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kohtaanto.core.access import organisations_of, roles_of
    from kohtaanto.people.access import participants_visible_to

    add_membership(personas.coach, personas.other_organisation, Role.COORDINATOR)
    organisations = (None, personas.organisation, personas.other_organisation)
    for name, user in personas.users().items():
        plain = _fresh(user)
        kept = _run(_request(_fresh(user))).user  # type: ignore[attr-defined]
        with CaptureQueriesContext(connection) as queries:
            kept_roles = [roles_of(kept, org) for org in organisations]
        assert len(queries) == 0, name
        assert kept_roles == [roles_of(plain, org) for org in organisations], name
        for role in (None, *Role):
            got = set(organisations_of(kept, role).values_list("pk", flat=True))
            assert got == set(organisations_of(plain, role).values_list("pk", flat=True))
        assert set(participants_visible_to(kept)) == set(participants_visible_to(plain)), name


def test_a_changed_membership_makes_the_kept_ones_stale(personas: Personas) -> None:
    from kohtaanto.core.access import organisations_of, roles_of
    from kohtaanto.core.models import Membership

    user = _run(_request(_fresh(personas.coach))).user  # type: ignore[attr-defined]
    assert roles_of(user, personas.other_organisation) == set()
    add_membership(personas.coach, personas.other_organisation, Role.COACH)
    assert roles_of(user, personas.other_organisation) == {Role.COACH}
    assert personas.other_organisation in organisations_of(user, Role.COACH)

    user = _run(_request(_fresh(personas.coach))).user  # type: ignore[attr-defined]
    Membership.objects.filter(user=personas.coach, organisation=personas.other_organisation).get(
        role=Role.COACH
    ).delete()
    assert roles_of(user, personas.other_organisation) == set()
    assert personas.other_organisation not in organisations_of(user)

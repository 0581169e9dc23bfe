"""pytest fixtures: personas and a logged-in client per role (loaded by the root conftest.py).

`personas` builds every persona at once (see `tests.factories.Personas`); the single-persona
fixtures below are views of it. Clients: `<persona>_client` (Django test client) and
`<persona>_api` (DRF APIClient), both logged in with `force_login`.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from rest_framework.test import APIClient

from tests.factories import Personas, make_personas


@pytest.fixture
def personas(db: None) -> Personas:
    return make_personas()


def _persona(attribute: str) -> Callable[..., object]:
    def fixture(personas: Personas) -> object:
        return getattr(personas, attribute)

    fixture.__name__ = attribute
    fixture.__doc__ = f"The `{attribute}` persona (see tests.factories.Personas)."
    return pytest.fixture(fixture, name=attribute)


organisation = _persona("organisation")
other_organisation = _persona("other_organisation")
employer_organisation = _persona("employer_organisation")
coordinator = _persona("coordinator")
coach = _persona("coach")
participant_user = _persona("participant_user")
participant = _persona("participant")
caseload_participant = _persona("caseload_participant")
unassigned_participant = _persona("unassigned_participant")
mentor = _persona("mentor")
employer_contact = _persona("employer_contact")
workplace_mentor = _persona("workplace_mentor")
analyst = _persona("analyst")
outsider = _persona("outsider")
other_participant = _persona("other_participant")


@pytest.fixture
def client_for(db: None) -> Callable[[object], Client]:
    """`client_for(user)` → a Django test client logged in as `user` (or anonymous for None)."""

    def make(user: object) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)  # type: ignore[arg-type]
        return client

    return make


@pytest.fixture
def api_client_for(db: None) -> Callable[[object], APIClient]:
    """`api_client_for(user)` → a DRF APIClient logged in as `user` (or anonymous for None)."""

    def make(user: object) -> APIClient:
        client = APIClient()
        if user is not None:
            client.force_login(user)  # type: ignore[arg-type]
        return client

    return make


_USERS = {
    "coordinator": "coordinator",
    "coach": "coach",
    "participant": "participant_user",
    "mentor": "mentor",
    "employer_contact": "employer_contact",
    "workplace_mentor": "workplace_mentor",
    "analyst": "analyst",
    "outsider": "outsider",
}


def _client_fixture(role: str, attribute: str, api: bool) -> Callable[..., object]:
    def fixture(personas: Personas, client_for: Callable, api_client_for: Callable) -> object:
        user = getattr(personas, attribute)
        return api_client_for(user) if api else client_for(user)

    name = f"{role}_{'api' if api else 'client'}"
    fixture.__name__ = name
    return pytest.fixture(fixture, name=name)


coordinator_client = _client_fixture("coordinator", "coordinator", False)
coach_client = _client_fixture("coach", "coach", False)
participant_client = _client_fixture("participant", "participant_user", False)
mentor_client = _client_fixture("mentor", "mentor", False)
employer_contact_client = _client_fixture("employer_contact", "employer_contact", False)
workplace_mentor_client = _client_fixture("workplace_mentor", "workplace_mentor", False)
analyst_client = _client_fixture("analyst", "analyst", False)
outsider_client = _client_fixture("outsider", "outsider", False)

coordinator_api = _client_fixture("coordinator", "coordinator", True)
coach_api = _client_fixture("coach", "coach", True)
participant_api = _client_fixture("participant", "participant_user", True)
mentor_api = _client_fixture("mentor", "mentor", True)
employer_contact_api = _client_fixture("employer_contact", "employer_contact", True)
workplace_mentor_api = _client_fixture("workplace_mentor", "workplace_mentor", True)
analyst_api = _client_fixture("analyst", "analyst", True)
outsider_api = _client_fixture("outsider", "outsider", True)

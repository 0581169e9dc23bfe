"""pytest fixtures: personas and a logged-in client per role (loaded by the root conftest.py).

`personas` builds every persona at once (see `tests.factories.Personas`); the single-persona
fixtures below are views of it. Clients: `<persona>_client` (Django test client) and
`<persona>_api` (DRF APIClient), both logged in with `force_login`.

Also here: `compile_translations()` (called by the root conftest before any test),
`frozen_clock` for tests that read "today", and autouse resets of process-wide state so that
the tests pass in any order (pytest-randomly shuffles them).
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import time_machine
from django.test import Client
from rest_framework.test import APIClient

import kohtaanto
from tests.factories import Personas, make_personas

LOCALE_DIR = Path(kohtaanto.__file__).resolve().parent / "locale"


def compile_translations(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Compile every missing or stale `.mo` next to its `.po` (what `kohtaanto i18n compile`
    does). Each file is written to a temporary name and renamed into place, so that pytest-xdist
    workers or two test runs at once never read half a catalog."""
    import polib

    compiled = []
    for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        fd, temporary = tempfile.mkstemp(prefix=f".{mo_path.name}.", dir=mo_path.parent)
        os.close(fd)
        try:
            polib.pofile(str(po_path)).save_as_mofile(temporary)
            os.chmod(temporary, 0o644)
            os.replace(temporary, mo_path)
        finally:
            Path(temporary).unlink(missing_ok=True)
        compiled.append(mo_path)
    if compiled:
        from django.utils.translation import trans_real

        # Forget catalogs Django may have loaded before the compilation.
        trans_real._translations = {}
        trans_real._default = None
    return compiled


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Django's cache in a folder of this session, not the shared data folder: another test run
    on the machine (or an earlier one) never leaves entries behind for these tests."""
    from django.test.utils import override_settings

    folder = tmp_path_factory.mktemp("django-cache")
    backend = "django.core.cache.backends.filebased.FileBasedCache"
    caches = {
        "default": {"BACKEND": backend, "LOCATION": str(folder / "django")},
        "api_throttle": {"BACKEND": backend, "LOCATION": str(folder / "api-throttle")},
    }
    with override_settings(CACHES=caches):
        yield


@pytest.fixture(autouse=True)
def _reset_shared_state() -> Iterator[None]:
    """What one test leaves in the process must not reach the next (the order is random):
    cached entries, the active language and the taxonomy provider's request state. Each test
    starts with a fresh list of distinct persona names."""
    from tests.factories import reset_distinct_names

    reset_distinct_names()
    yield
    from django.core.cache import caches
    from django.utils import translation

    from kohtaanto.vocabularies import provider

    for cache in caches.all(initialized_only=True):
        cache.clear()
    translation.deactivate()
    # A test that sends `request_started` without `request_finished` (a view called directly,
    # an in-process API call that raised) would leave the taxonomy provider in "inside a
    # request" mode, where it checks the vocabulary only once; the next test must start
    # outside a request. The handler, not the signal: the signal also closes connections.
    provider._request_finished()


@pytest.fixture
def frozen_clock() -> Iterator[time_machine.Traveller]:
    """Stop the clock for the test at the current instant (the `--clock` one when given), so
    that "today" in the test and in the code is the same day, even at midnight. The traveller
    can `shift(...)` or `move_to(...)`."""
    with time_machine.travel(dt.datetime.now(dt.UTC), tick=False) as traveller:
        yield traveller


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

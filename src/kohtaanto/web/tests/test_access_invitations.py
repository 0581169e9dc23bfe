# ruff: noqa: E501
"""Who may open the invitation, first-login and case-file account pages: every URL of
`web/accounts/urls.py` and `web/people/urls.py` × every persona → the expected status (read as
tests/test_access_matrix.py). The public invitation pages answer everyone alike; the case-file
actions follow the participant record's rules (404 hides whether a record exists)."""

from __future__ import annotations

import pytest
from tests.factories import Personas
from tests.test_access_matrix import _url, statuses

from kohtaanto.people.models import Invitation

# fmt: off
# method  url                                        anon coach part ment empl wpm  coor anal outs othp
MATRIX = [
    ("GET",  "/invitation/",                          404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("POST", "/invitation/",                          404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("GET",  "/invitation/code/",                     200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    ("GET",  "/invitation/new-link/",                 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    ("POST", "/invitation/new-link/",                 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    ("GET",  "/invitation/not-a-real-token/",         404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("POST", "/invitation/not-a-real-token/",         405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("GET",  "/welcome/",                             302, 404, 200, 404, 404, 404, 404, 404, 404, 200),
    # Passwordless login is off unless organisations are listed (people/tests/test_login_links).
    ("GET",  "/login/link/",                          404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("POST", "/login/link/",                          404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("GET",  "/login/link/not-a-real-token/",         404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("GET",  "/participants/{own}/invite/",           302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("POST", "/participants/{own}/invite/",           302, 302, 404, 404, 404, 404, 302, 404, 404, 404),
    ("POST", "/participants/{unassigned}/invite/",    302, 404, 404, 404, 404, 404, 200, 404, 404, 404),
    # The other participant has a login (the matrix's 10th persona): the letter is refused.
    ("POST", "/participants/{other}/invite/",         302, 404, 404, 404, 404, 404, 404, 404, 302, 404),
    ("POST", "/participants/{missing}/invite/",       302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("GET",  "/participants/{own}/consents/",         302, 200, 404, 404, 404, 404, 200, 404, 404, 404),
    ("GET",  "/participants/{unassigned}/consents/",  302, 404, 404, 404, 404, 404, 200, 404, 404, 404),
    ("GET",  "/participants/{other}/consents/",       302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    ("POST", "/participants/{own}/consents/",         302, 200, 404, 404, 404, 404, 200, 404, 404, 404),
    ("GET",  "/participants/{own}/intake/consent/",   302, 200, 404, 404, 404, 404, 200, 404, 404, 404),
    ("GET",  "/participants/{other}/intake/consent/", 302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    ("POST", "/participants/{own}/intake/consent/",   302, 200, 404, 404, 404, 404, 200, 404, 404, 404),
]
# fmt: on

DATA = {"channel": "letter", "contact": "nobody@example.fi", "form_version": "2026-1"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "url", "expected"),
    [(row[0], row[1], row[2:]) for row in MATRIX],
    ids=[f"{row[0]} {row[1]}" for row in MATRIX],
)
def test_access(personas: Personas, method: str, url: str, expected: tuple[int, ...]) -> None:
    path = _url(url, personas)
    got = statuses(personas, method, path, DATA)
    assert tuple(got) == tuple(expected), f"{method} {url}: {got}"
    # A letter for someone who has an account is refused (302 back with the reason).
    assert not Invitation.objects.filter(participant=personas.participant).exists()


def test_matrix_covers_every_url_of_these_areas() -> None:
    """Every page of these two areas has a row here or in tests/test_access_matrix.py (the
    reminder pages sit there)."""
    from django.urls import resolve
    from tests.test_access_matrix import MATRIX as MAIN_MATRIX
    from tests.test_access_matrix import _any_ids

    from kohtaanto.web.accounts import urls as accounts_urls
    from kohtaanto.web.people import urls as people_urls

    names = {p.name for p in [*accounts_urls.urlpatterns, *people_urls.urlpatterns]}
    covered = {resolve(_any_ids(str(row[1]))).url_name for row in [*MATRIX, *MAIN_MATRIX]}
    assert names - covered == set()

"""Who may open which page: every web URL × every persona → the expected HTTP status.

Read a row as: "this request, made by each persona, answers with these statuses".
302 for an anonymous user always means "sent to the login page". 404 (not 403) hides whether
a record exists. Placeholders in URLs: {own} the participant persona's record (in the coach's
caseload), {unassigned} a participant of the same organisation in nobody's caseload, {other} a
participant of another organisation (the outsider coach's), {missing} an id that does not exist.
POSTs send the organisation of most personas (so the employer-side personas and the outsider,
who are not members of it, get 404 from the organisation switcher).
"""

from __future__ import annotations

import pytest
from django.test import Client

from tests.access_rows import (
    achievements,
    foresight,
    groups,
    insights,
    mentor_matching,
    mentoring,
    outreach,
    qualifications,
    supportline,
    trials_coach,
    trials_completion,
    trials_rules,
    trials_workplace,
)
from tests.factories import Personas

AREAS = (
    mentoring,
    mentor_matching,
    groups,
    outreach,
    supportline,
    qualifications,
    trials_coach,
    trials_workplace,
    trials_completion,
    trials_rules,
    insights,
    foresight,
    achievements,
)
NAMESPACES = {
    "mentoring",
    "groups",
    "outreach",
    "supportline",
    "qualifications",
    "trials",
    "insights",
    "foresight",
    "achievements",
}
"""Areas whose rows live in `tests/access_rows/<area>.py`; every page of theirs must have a row."""

# fmt: off
PERSONAS = (
    "anonymous", "coach", "participant", "mentor", "employer_contact", "workplace_mentor",
    "coordinator", "analyst", "outsider",
)

# method  url                                 anon coach part ment empl wpm  coor anal outs
MATRIX = [
    ("GET",  "/",                              302, 200, 200, 200, 200, 200, 200, 200, 200),
    ("POST", "/",                              302, 405, 405, 405, 405, 405, 405, 405, 405),
    ("GET",  "/login/",                        200, 302, 302, 302, 302, 302, 302, 302, 302),
    ("GET",  "/logout/",                       405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("POST", "/logout/",                       302, 302, 302, 302, 302, 302, 302, 302, 302),
    ("GET",  "/i18n/setlang/",                 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("POST", "/i18n/setlang/",                 302, 302, 302, 302, 302, 302, 302, 302, 302),
    ("GET",  "/password/change/",              302, 200, 200, 200, 200, 200, 200, 200, 200),
    ("GET",  "/password/change/done/",         302, 200, 200, 200, 200, 200, 200, 200, 200),
    ("GET",  "/password/reset/",               200, 200, 200, 200, 200, 200, 200, 200, 200),
    ("GET",  "/password/reset/sent/",          200, 200, 200, 200, 200, 200, 200, 200, 200),
    ("GET",  "/password/reset/MQ/bad-token/",  200, 200, 200, 200, 200, 200, 200, 200, 200),
    ("GET",  "/password/reset/complete/",      200, 200, 200, 200, 200, 200, 200, 200, 200),
    ("GET",  "/participants/{own}/",           302, 200, 404, 404, 404, 404, 200, 404, 404),
    ("GET",  "/participants/{unassigned}/",    302, 404, 404, 404, 404, 404, 200, 404, 404),
    ("GET",  "/participants/{other}/",         302, 404, 404, 404, 404, 404, 404, 404, 200),
    ("GET",  "/participants/{missing}/",       302, 404, 404, 404, 404, 404, 404, 404, 404),
    ("POST", "/participants/{own}/",           302, 405, 405, 405, 405, 405, 405, 405, 405),
    ("GET",  "/my/reminders/",                         302, 200, 200, 200, 200, 200, 200, 200, 200),
    ("POST", "/my/reminders/",                         302, 302, 302, 302, 302, 302, 302, 302, 302),
    ("GET",  "/participants/{own}/reminders/",        302, 405, 405, 405, 405, 405, 405, 405, 405),
    ("POST", "/participants/{own}/reminders/",        302, 302, 404, 404, 404, 404, 302, 404, 404),
    ("POST", "/participants/{unassigned}/reminders/", 302, 404, 404, 404, 404, 404, 302, 404, 404),
    ("POST", "/participants/{other}/reminders/",      302, 404, 404, 404, 404, 404, 404, 404, 302),
    ("GET",  "/my/consents/",                  302, 404, 200, 404, 404, 404, 404, 404, 404),
    ("POST", "/my/consents/",                  302, 405, 405, 405, 405, 405, 405, 405, 405),
    ("GET",  "/my/consents/matching/",         302, 404, 200, 404, 404, 404, 404, 404, 404),
    ("POST", "/my/consents/matching/",         302, 404, 302, 404, 404, 404, 404, 404, 404),
    ("GET",  "/my/consents/no-such-purpose/",  302, 404, 404, 404, 404, 404, 404, 404, 404),
    ("GET",  "/audit/",                        302, 404, 404, 404, 404, 404, 200, 404, 404),
    ("GET",  "/audit/?action=view&page=2",     302, 404, 404, 404, 404, 404, 200, 404, 404),
    ("POST", "/audit/",                        302, 404, 404, 404, 404, 404, 405, 404, 404),
    ("GET",  "/organisation/",                 302, 405, 405, 405, 405, 405, 405, 405, 405),
    ("POST", "/organisation/",                 302, 302, 302, 302, 404, 404, 302, 302, 404),
    ("GET",  "/opportunities/",                302, 200, 404, 404, 200, 404, 200, 404, 200),
    ("GET",  "/opportunities/import/",         302, 404, 404, 404, 404, 404, 200, 404, 404),
    ("GET",  "/opportunities/import/no-such/", 302, 404, 404, 404, 404, 404, 404, 404, 404),
    ("GET",  "/opportunities/{missing}/",      302, 404, 404, 404, 404, 404, 404, 404, 404),
    ("GET",  "/courses/",                      302, 200, 404, 404, 200, 404, 200, 404, 200),
    ("GET",  "/matches/my/",                   302, 404, 200, 404, 404, 404, 404, 404, 404),
    ("GET",  "/matches/participants/{own}/",   302, 200, 404, 404, 404, 404, 200, 404, 404),
    ("GET",  "/matches/participants/{other}/", 302, 404, 404, 404, 404, 404, 404, 404, 200),
    ("GET",  "/matches/fairness/",             302, 404, 404, 404, 404, 404, 200, 404, 404),
    ("POST", "/matches/fairness/",             302, 404, 404, 404, 404, 404, 405, 404, 404),
]
# fmt: on
MATRIX += [row for area in AREAS for row in area.ROWS]  # type: ignore[misc]


def _url(template: str, personas: Personas) -> str:
    """The row's path: the shared placeholders, and those of the area the row belongs to (only
    that area's objects are made, so a row costs one area's set-up, not every area's)."""
    extra: dict[str, object] = {}
    for area in AREAS:
        if any(row[1] == template for row in area.ROWS):
            extra.update(area.placeholders(personas))
    return template.format(
        own=personas.participant.pk,
        unassigned=personas.unassigned_participant.pk,
        other=personas.other_participant.pk,
        missing=999_999,
        **extra,
    )


def _post_data(template: str, personas: Personas) -> dict[str, object]:
    for area in AREAS:
        if template in area.POST_DATA:
            # A value may be a callable, for dates relative to the (test clock's) today.
            data = area.POST_DATA[template]
            return {key: value() if callable(value) else value for key, value in data.items()}
    organisation = personas.organisation.pk
    return {"change": "give", "language": "sv", "next": "/", "organisation": organisation}


def _client(personas: Personas, persona: str) -> Client:
    client = Client()
    if persona != "anonymous":
        client.force_login(personas.users()[persona])
    return client


def statuses(
    personas: Personas, method: str, path: str, data: dict[str, object] | None = None
) -> list[int]:
    """The status of `method path` (posting `data`) for each of `PERSONAS`, in that order; an
    anonymous 302 must lead to the login page. The one request loop of every matrix test."""
    got = []
    for persona in PERSONAS:
        client = _client(personas, persona)
        response = client.post(path, data or {}) if method == "POST" else client.get(path)
        got.append(response.status_code)
        if persona == "anonymous" and response.status_code == 302:
            assert response["Location"].startswith("/login/"), response["Location"]
    return got


@pytest.mark.django_db
def test_matrix_covers_every_persona(personas: Personas) -> None:
    assert all(len(row) == 2 + len(PERSONAS) for row in MATRIX)
    assert set(PERSONAS) == {"anonymous", *personas.users()}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "url", "expected"),
    [(row[0], row[1], row[2:]) for row in MATRIX],
    ids=[f"{row[0]} {row[1]}" for row in MATRIX],
)
def test_access(personas: Personas, method: str, url: str, expected: tuple[int, ...]) -> None:
    path = _url(url, personas)
    data = _post_data(url, personas) if method == "POST" else None
    got = []
    for persona in PERSONAS:
        client = _client(personas, persona)
        response = client.post(path, data) if method == "POST" else client.get(path)
        got.append(response.status_code)
        if persona == "anonymous" and response.status_code == 302 and url != "/logout/":
            location = response["Location"]
            assert location.startswith("/login/") or "setlang" in url, location
    if tuple(got) != tuple(expected):
        header = " ".join(f"{name[:4]:>4}" for name in PERSONAS)
        pytest.fail(
            f"{method} {url}\n"
            f"          {header}\n"
            f"expected  {' '.join(f'{status:>4}' for status in expected)}\n"
            f"got       {' '.join(f'{status:>4}' for status in got)}"
        )


def _any_ids(template: str) -> str:
    """The path of a row's URL with every placeholder filled by 1 (enough for resolving)."""
    import re

    return re.sub(r"\{[a-z_]+\}", "1", template.split("?")[0])


def test_matrix_covers_every_web_url() -> None:
    from django.urls import URLPattern, resolve

    from kohtaanto.web import urls

    names = {p.name for p in urls.urlpatterns if isinstance(p, URLPattern)}
    covered = {resolve(_any_ids(str(row[1]))).url_name for row in MATRIX}
    assert names - covered == set(), "add these pages to MATRIX"


def test_matrix_covers_every_page_of_the_areas() -> None:
    """Every page of an area in `AREAS` has a row (any id fits a placeholder for resolving)."""
    from django.urls import URLPattern, resolve

    from kohtaanto.web import urls

    covered = set()
    for area in AREAS:
        for row in area.ROWS:
            covered.add(resolve(_any_ids(str(row[1]))).view_name)
    wanted = set()
    for pattern in urls.urlpatterns:
        namespace = getattr(pattern, "namespace", None)
        if namespace in NAMESPACES:
            wanted |= {
                f"{namespace}:{p.name}" for p in pattern.url_patterns if isinstance(p, URLPattern)
            }
    assert wanted - covered == set(), "add these pages to tests/access_rows/<area>.py"

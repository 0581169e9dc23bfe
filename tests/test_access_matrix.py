"""Who may open which URL: every URL pattern of the project × every persona → the expected status.

Read a row as: "this request, made by each persona, answers with these statuses".
302 for an anonymous user always means "sent to the login page". 404 (not 403) hides whether
a record exists. Placeholders in URLs: {own} the participant persona's record (in the coach's
caseload), {unassigned} a participant of the same organisation in nobody's caseload, {other} a
participant of another organisation (the outsider coach's, and the record of the 10th persona,
"another participant"), {missing} an id that does not exist.
POSTs send the organisation of most personas (so the employer-side personas and the outsider,
who are not members of it, get 404 from the organisation switcher).

The rows: `MATRIX` below (the core pages), every module of `tests/access_rows/` (found with
pkgutil: a new area only adds a module) and the ten-column side tables of
`kohtaanto/web/tests/test_access_*.py`. `test_every_url_pattern_has_a_row` walks the resolver
(the web pages, the API, the admin, i18n, /.well-known/, /t/<token>/ links, router patterns
with or without format suffixes) and fails with the list of patterns no row reaches. The admin
has a few rows and one rule: every admin pattern sends a non-staff user to the admin login.
Under /api/ every error (4xx) is problem+json (but the OAuth token endpoint's RFC 6749 errors),
every 401 challenges with `WWW-Authenticate: Bearer realm="api"` and every 405 tells `Allow`.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
import string
from collections.abc import Iterator
from types import ModuleType

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

from kohtaanto.core.models import User
from tests import access_rows
from tests.access_rows import other_participant_user
from tests.factories import Personas

# fmt: off
PERSONAS = (
    "anonymous", "coach", "participant", "mentor", "employer_contact", "workplace_mentor",
    "coordinator", "analyst", "outsider", "other_participant",
)
"""The columns of every row. "outsider": a coach of another organisation; "other_participant":
a participant (with a login) of that other organisation, in the outsider's caseload."""
HEADER = ("anon", "coach", "part", "ment", "empl", "wpm", "coor", "anal", "outs", "othp")

# method  url                                 anon coach part ment empl wpm  coor anal outs othp
MATRIX = [
    ("GET",  "/",                              302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    ("POST", "/",                              302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("GET",  "/login/",                        200, 302, 302, 302, 302, 302, 302, 302, 302, 302),
    ("GET",  "/logout/",                       405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("POST", "/logout/",                       302, 302, 302, 302, 302, 302, 302, 302, 302, 302),
    ("GET",  "/i18n/setlang/",                 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("POST", "/i18n/setlang/",                 302, 302, 302, 302, 302, 302, 302, 302, 302, 302),
    ("GET",  "/password/change/",              302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    ("GET",  "/password/change/done/",         302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    ("GET",  "/password/reset/",               200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    ("GET",  "/password/reset/sent/",          200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    ("GET",  "/password/reset/MQ/bad-token/",  200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    ("GET",  "/password/reset/complete/",      200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    ("GET",  "/participants/{own}/",           302, 200, 404, 404, 404, 404, 200, 404, 404, 404),
    ("GET",  "/participants/{unassigned}/",    302, 404, 404, 404, 404, 404, 200, 404, 404, 404),
    ("GET",  "/participants/{other}/",         302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    ("GET",  "/participants/{missing}/",       302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("POST", "/participants/{own}/",           302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("GET",  "/my/reminders/",                         302, 200, 200, 200, 200, 200, 200, 200, 200, 200),  # noqa: E501
    ("POST", "/my/reminders/",                         302, 302, 302, 302, 302, 302, 302, 302, 302, 302),  # noqa: E501
    ("GET",  "/participants/{own}/reminders/",        302, 405, 405, 405, 405, 405, 405, 405, 405, 405),  # noqa: E501
    ("POST", "/participants/{own}/reminders/",        302, 302, 404, 404, 404, 404, 302, 404, 404, 404),  # noqa: E501
    ("POST", "/participants/{unassigned}/reminders/", 302, 404, 404, 404, 404, 404, 302, 404, 404, 404),  # noqa: E501
    ("POST", "/participants/{other}/reminders/",      302, 404, 404, 404, 404, 404, 404, 404, 302, 404),  # noqa: E501
    ("GET",  "/my/consents/",                  302, 404, 200, 404, 404, 404, 404, 404, 404, 200),
    ("POST", "/my/consents/",                  302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("GET",  "/my/consents/matching/",         302, 404, 200, 404, 404, 404, 404, 404, 404, 200),
    ("POST", "/my/consents/matching/",         302, 404, 302, 404, 404, 404, 404, 404, 404, 302),
    ("GET",  "/my/consents/no-such-purpose/",  302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("GET",  "/audit/",                        302, 404, 404, 404, 404, 404, 200, 404, 404, 404),
    ("GET",  "/audit/?action=view&page=2",     302, 404, 404, 404, 404, 404, 200, 404, 404, 404),
    ("POST", "/audit/",                        302, 404, 404, 404, 404, 404, 405, 404, 404, 404),
    ("GET",  "/organisation/",                 302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("POST", "/organisation/",                 302, 302, 302, 302, 404, 404, 302, 302, 404, 404),
    ("GET",  "/opportunities/",                302, 200, 404, 404, 200, 404, 200, 404, 200, 404),
    ("GET",  "/opportunities/import/",         302, 404, 404, 404, 404, 404, 200, 404, 404, 404),
    ("GET",  "/opportunities/import/no-such/", 302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("GET",  "/opportunities/{missing}/",      302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("GET",  "/courses/",                      302, 200, 404, 404, 200, 404, 200, 404, 200, 404),
    ("GET",  "/matches/my/",                   302, 404, 200, 404, 404, 404, 404, 404, 404, 200),
    ("GET",  "/matches/participants/{own}/",   302, 200, 404, 404, 404, 404, 200, 404, 404, 404),
    ("GET",  "/matches/participants/{other}/", 302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    ("GET",  "/matches/fairness/",             302, 404, 404, 404, 404, 404, 200, 404, 404, 404),
    ("POST", "/matches/fairness/",             302, 404, 404, 404, 404, 404, 405, 404, 404, 404),
]
# fmt: on


def _areas() -> tuple[ModuleType, ...]:
    """Every rows module of `tests/access_rows/` (pkgutil: a new module is picked up)."""
    names = sorted(
        info.name for info in pkgutil.iter_modules(access_rows.__path__) if info.name[0] != "_"
    )
    return tuple(importlib.import_module(f"{access_rows.__name__}.{name}") for name in names)


AREAS = _areas()
ROWS = [*MATRIX, *(row for area in AREAS for row in area.ROWS)]
"""Every row this module requests (the side tables request theirs in their own modules)."""


def _side_tables() -> tuple[ModuleType, ...]:
    """The ten-column tables of `kohtaanto/web/tests/test_access_*.py` (same personas, same
    `statuses`; they count for the coverage of the URL patterns)."""
    from kohtaanto.web import tests as web_tests

    modules = []
    for info in pkgutil.iter_modules(web_tests.__path__):
        if info.name.startswith("test_access_"):
            module = importlib.import_module(f"{web_tests.__name__}.{info.name}")
            rows = getattr(module, "MATRIX", None)
            if rows and all(len(row) == 2 + len(PERSONAS) for row in rows):
                modules.append(module)
    return tuple(modules)


def _area_of(template: str) -> list[ModuleType]:
    return [area for area in AREAS if any(row[1] == template for row in area.ROWS)]


def _url(template: str, personas: Personas) -> str:
    """The row's path: the shared placeholders, and those of the area the row belongs to (only
    that area's objects are made, so a row costs one area's set-up, not every area's). A value
    may be a callable, called only when the row's url names it (a costly object is then made
    only for the rows that need it)."""
    values: dict[str, object] = {
        "own": personas.participant.pk,
        "unassigned": personas.unassigned_participant.pk,
        "other": personas.other_participant.pk,
        "missing": 999_999,
    }
    for area in _area_of(template):
        values.update(area.placeholders(personas))
    named = {name for _text, name, _spec, _conv in string.Formatter().parse(template) if name}
    return template.format(
        **{
            name: value() if callable(value) else value
            for name, value in values.items()
            if name in named
        }
    )


def _post_data(template: str, personas: Personas) -> dict[str, object]:
    for area in AREAS:
        if template in area.POST_DATA:
            # A value may be a callable, for dates relative to the (test clock's) today.
            data = area.POST_DATA[template]
            return {key: value() if callable(value) else value for key, value in data.items()}
    organisation = personas.organisation.pk
    return {"change": "give", "language": "sv", "next": "/", "organisation": organisation}


def users(personas: Personas) -> dict[str, User]:
    """The logged-in personas by column name (the 10th, "another participant", gets a login)."""
    return {**personas.users(), "other_participant": other_participant_user(personas)}


def _client(personas: Personas, persona: str) -> Client:
    client = Client()
    if persona != "anonymous":
        client.force_login(users(personas)[persona])
    return client


def _request(client: Client, method: str, path: str, data: dict[str, object] | None) -> object:
    if path.startswith("/api/"):
        if method == "GET":
            return client.get(path)
        return client.generic(method, path, json.dumps(data or {}), "application/json")
    if method == "POST":
        return client.post(path, data or {})
    if method == "GET":
        return client.get(path)
    return client.generic(method, path)


OAUTH_GRANT = ("POST", "/api/oauth/")
"""The OAuth 2.0 token endpoint answers a refused grant in RFC 6749's format (application/json);
its other errors (405 to a GET, …) are problems like the rest of /api/."""
CHALLENGE = 'Bearer realm="api"'
"""The API's 401 names the bearer schemes (RFC 6750)."""
NOT_TO_LOGIN = ("/logout/", "/i18n/", "/admin/logout/")
"""Paths whose 302 for anonymous leads elsewhere than a login page (back or to the index)."""


def statuses(
    personas: Personas, method: str, path: str, data: dict[str, object] | None = None
) -> list[int]:
    """The status of `method path` (posting `data`) for each of `PERSONAS`, in that order; an
    anonymous 302 must lead to the login page; an API error must be problem+json. The one
    request loop of every matrix test."""
    got = []
    for persona in PERSONAS:
        response = _request(_client(personas, persona), method, path, data)
        status: int = response.status_code  # type: ignore[attr-defined]
        got.append(status)
        if persona == "anonymous" and status == 302 and not path.startswith(NOT_TO_LOGIN):
            location = response["Location"]  # type: ignore[index]
            assert location.startswith(("/login/", "/admin/login/")), (persona, location)
        is_grant = method == OAUTH_GRANT[0] and path.startswith(OAUTH_GRANT[1])
        if path.startswith("/api/") and not is_grant and status >= 400:
            content_type = response["Content-Type"]  # type: ignore[index]
            assert content_type.startswith("application/problem+json"), (persona, content_type)
        if path.startswith("/api/") and status == 401:
            challenge = response.get("WWW-Authenticate")  # type: ignore[attr-defined]
            assert challenge == CHALLENGE, (persona, challenge)
        if path.startswith("/api/") and status == 405:
            allowed = response.get("Allow", "")  # type: ignore[attr-defined]
            assert allowed and method not in allowed.split(", "), (persona, allowed)
    return got


def _failure(method: str, url: str, expected: tuple[int, ...], got: list[int]) -> str:
    return (
        f"{method} {url}\n"
        f"          {' '.join(f'{name:>5}' for name in HEADER)}\n"
        f"expected  {' '.join(f'{status:>5}' for status in expected)}\n"
        f"got       {' '.join(f'{status:>5}' for status in got)}"
    )


@pytest.mark.django_db
def test_matrix_covers_every_persona(personas: Personas) -> None:
    assert len(HEADER) == len(PERSONAS)
    for row in [*ROWS, *(row for table in _side_tables() for row in table.MATRIX)]:
        assert len(row) == 2 + len(PERSONAS), row
        assert row[0] in {"GET", "POST", "PUT", "PATCH", "DELETE"}, row
        assert all(isinstance(status, int) for status in row[2:]), row
    assert set(PERSONAS) == {"anonymous", *users(personas)}
    outsider, other = users(personas)["outsider"], users(personas)["other_participant"]
    assert outsider.memberships.get().organisation == personas.other_organisation
    assert other.memberships.get().organisation == personas.other_organisation
    assert personas.other_participant.coaches.get() == outsider


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "url", "expected"),
    [(row[0], row[1], row[2:]) for row in ROWS],
    ids=[f"{row[0]} {row[1]}" for row in ROWS],
)
def test_access(personas: Personas, method: str, url: str, expected: tuple[int, ...]) -> None:
    path = _url(url, personas)
    data = _post_data(url, personas) if method != "GET" else None
    got = statuses(personas, method, path, data)
    if tuple(got) != tuple(expected):
        pytest.fail(_failure(method, url, expected, got))


# --- Every URL pattern of the project has a row -------------------------------------------------


def _any_ids(template: str) -> str:
    """The path of a row's URL with every placeholder filled by 1 (enough for resolving)."""
    return re.sub(r"\{[a-z_]+\}", "1", template.split("?")[0])


def _join(prefix: str, part: str) -> str:
    """Join two pieces of a route as `ResolverMatch.route` does (a regex's `^` dropped)."""
    return part if not prefix else prefix + part.removeprefix("^")


_CONVERTER = re.compile(r"<(?:(?P<converter>[a-z_]+):)?(?P<name>\w+)>")
_SAMPLE_OF_CONVERTER = {"uuid": "00000000-0000-0000-0000-000000000001"}


def _regex_sample(regex: str) -> str:
    """A path matching a simple regex pattern (those of the admin, DRF format suffixes)."""
    sample = regex.removeprefix("^").removesuffix("$").replace("/?", "/")
    sample = re.sub(r"\(\?P<url>\.\*\)", "no-such-page/", sample)  # the admin's catch-all
    sample = re.sub(r"\(\?P<format>[^)]*\)", "json", sample)  # a format suffix
    sample = re.sub(r"\(\?P<\w+>([\w-]+)(?:\|[\w|-]*)?\)", r"\1", sample)  # first alternative
    sample = re.sub(r"\(\?P<\w+>[^)]*\)", "1", sample)  # any other group
    return sample.replace("\\", "")


def _sample(pattern: URLPattern | URLResolver) -> str:
    text = str(pattern.pattern)
    if hasattr(pattern.pattern, "_route"):  # path(): converters
        return _CONVERTER.sub(
            lambda m: _SAMPLE_OF_CONVERTER.get(m.group("converter") or "str", "1"), text
        )
    return _regex_sample(text)


def url_patterns(
    patterns: list[URLPattern | URLResolver] | None = None, prefix: str = "", sample: str = ""
) -> Iterator[tuple[str, str, str]]:
    """`(route, sample path, view)` of every URL pattern of the project, walking the resolver
    recursively. `route` is what `resolve(path).route` answers for a path of that pattern."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = _join(prefix, str(pattern.pattern))
        path = sample + _sample(pattern)
        if isinstance(pattern, URLResolver):
            yield from url_patterns(pattern.url_patterns, route, path)
        else:
            yield route, "/" + path, pattern.lookup_str


def _route_of(template: str) -> str:
    try:
        return resolve(_any_ids(template)).route
    except Resolver404:
        pytest.fail(f"the row {template!r} matches no URL pattern: remove or correct it")


ADMIN_ROWS_ONLY = {"admin/login/", "admin/logout/"}
"""Admin patterns with their own rows that do not follow the rule of the admin (the login page
answers everyone; logging out sends a non-staff user to the admin's index, then its login)."""


def test_every_url_pattern_has_a_row() -> None:
    """Every URL pattern (web, API, admin, i18n, /.well-known/, /t/<token>/, …) is reached by
    a row (any id fits a placeholder for resolving); admin patterns by the rule of the admin."""
    rows = [*ROWS, *(row for table in _side_tables() for row in table.MATRIX)]
    covered = {_route_of(str(row[1])) for row in rows}
    missing = [
        f"  {route:<70} {view}"
        for route, _sample_path, view in url_patterns()
        if route not in covered and not route.startswith("admin/")
    ]
    assert not missing, (
        f"{len(missing)} URL pattern(s) have no row in tests/test_access_matrix.py MATRIX or "
        "tests/access_rows/<area>.py (method, url, then the status for each of "
        f"{', '.join(PERSONAS)}):\n" + "\n".join(missing)
    )


def test_every_url_pattern_has_a_sample_path() -> None:
    """The walk of the resolver builds, for each pattern, a path that resolves to it (so the
    rule of the admin below requests every admin pattern, not something near it)."""
    wrong = [
        f"  {route} -> {path} -> {resolve(path).route}"
        for route, path, _view in url_patterns()
        if resolve(path).route != route
    ]
    assert not wrong, "\n".join(wrong)


# fmt: off
# method  url                                   anon coach part ment empl wpm  coor anal outs othp
ADMIN_ROWS = [
    ("GET",  "/admin/login/",                        200, 200, 200, 200, 200, 200, 302, 200, 200, 200),  # noqa: E501
    ("GET",  "/admin/logout/",                       302, 302, 302, 302, 302, 302, 405, 302, 302, 302),  # noqa: E501
    ("POST", "/admin/logout/",                       302, 302, 302, 302, 302, 302, 302, 302, 302, 302),  # noqa: E501
    ("GET",  "/admin/",                              302, 302, 302, 302, 302, 302, 200, 302, 302, 302),  # noqa: E501
    ("GET",  "/admin/people/participant/",           302, 302, 302, 302, 302, 302, 200, 302, 302, 302),  # noqa: E501
    ("GET",  "/admin/people/participant/{own}/change/", 302, 302, 302, 302, 302, 302, 200, 302, 302, 302),  # noqa: E501
    ("GET",  "/admin/people/participant/{other}/change/", 302, 302, 302, 302, 302, 302, 302, 302, 302, 302),  # noqa: E501
    ("GET",  "/admin/no-such-page/",                 302, 302, 302, 302, 302, 302, 404, 302, 302, 302),  # noqa: E501
]
# fmt: on


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "url", "expected"),
    [(row[0], row[1], row[2:]) for row in ADMIN_ROWS],
    ids=[f"{row[0]} {row[1]}" for row in ADMIN_ROWS],
)
def test_admin_access(personas: Personas, method: str, url: str, expected: tuple[int, ...]) -> None:
    got = statuses(personas, method, _url(url, personas), {})
    if tuple(got) != tuple(expected):
        pytest.fail(_failure(method, url, expected, got))


@pytest.mark.django_db
def test_every_admin_pattern_sends_non_staff_to_the_admin_login(personas: Personas) -> None:
    """The rule of the admin: for anonymous and every persona who is not staff, every admin
    pattern (its sample path) answers 302 to the admin's login page."""
    non_staff = [name for name, user in users(personas).items() if not user.is_staff]
    assert non_staff == [name for name in PERSONAS if name not in {"anonymous", "coordinator"}]
    clients = [Client()] + [_client(personas, name) for name in non_staff]
    admin = [
        (route, path)
        for route, path, _view in url_patterns()
        if route.startswith("admin/") and route not in ADMIN_ROWS_ONLY
    ]
    assert len(admin) > 20  # the walk found the admin's patterns
    wrong = []
    for route, path in admin:
        for name, client in zip(["anonymous", *non_staff], clients, strict=True):
            response = client.get(path)
            location = response.get("Location", "")
            if response.status_code != 302 or not location.startswith("/admin/login/"):
                wrong.append(f"  {route} ({path}) as {name}: {response.status_code} {location}")
    assert not wrong, "admin patterns that do not send non-staff to the login:\n" + "\n".join(wrong)

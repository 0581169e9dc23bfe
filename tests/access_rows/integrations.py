# ruff: noqa: E501
"""Access-matrix rows of the integration credentials pages (read with tests/test_access_matrix.py).

The coordinator of the organisation only (make an API token or an OAuth client, list, revoke);
everyone else 404, never 403. Wrong methods: 405 for the coordinator (the role is checked
first). {token}, {client}: a token and a client of the personas' organisation;
{other_token}: a token of the other organisation (its coordinator is nobody here: 404 for all).
"""

from __future__ import annotations

from tests.factories import Personas

# fmt: off
# method  url                                           anon coach part ment empl wpm  coor anal outs othp
ROWS: list[tuple[object, ...]] = [
    ("GET",  "/integrations/",                             302, 404, 404, 404, 404, 404, 200, 404, 404, 404),
    ("POST", "/integrations/",                             302, 404, 404, 404, 404, 404, 405, 404, 404, 404),
    ("GET",  "/integrations/new/",                         302, 404, 404, 404, 404, 404, 405, 404, 404, 404),
    ("POST", "/integrations/new/",                         302, 404, 404, 404, 404, 404, 200, 404, 404, 404),
    ("GET",  "/integrations/tokens/{token}/revoke/",       302, 404, 404, 404, 404, 404, 405, 404, 404, 404),
    ("POST", "/integrations/tokens/{token}/revoke/",       302, 404, 404, 404, 404, 404, 302, 404, 404, 404),
    ("POST", "/integrations/tokens/{other_token}/revoke/", 302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("POST", "/integrations/tokens/{missing}/revoke/",     302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("POST", "/integrations/clients/{client}/revoke/",     302, 404, 404, 404, 404, 404, 302, 404, 404, 404),
    ("POST", "/integrations/clients/{missing}/revoke/",    302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
]
# fmt: on

POST_DATA: dict[str, dict[str, object]] = {
    "/integrations/": {},
    "/integrations/new/": {"name": ""},  # invalid: the page again, nothing made
    "/integrations/tokens/{token}/revoke/": {},
    "/integrations/tokens/{other_token}/revoke/": {},
    "/integrations/tokens/{missing}/revoke/": {},
    "/integrations/clients/{client}/revoke/": {},
    "/integrations/clients/{missing}/revoke/": {},
}


def placeholders(personas: Personas) -> dict[str, object]:
    def token(organisation: object) -> int:
        from kohtaanto.integrations import services

        made = services.create_token(organisation, name="Raportointi", scopes=["read"])  # type: ignore[arg-type]
        return made.token.pk

    def client() -> int:
        from kohtaanto.integrations import services

        made = services.create_oauth_client(
            personas.organisation, name="Järjestelmä", scopes=["read"]
        )
        return made.client.pk

    return {
        "token": lambda: token(personas.organisation),
        "other_token": lambda: token(personas.other_organisation),
        "client": client,
    }

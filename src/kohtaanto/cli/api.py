"""`kohtaanto api`: credentials of integrations (needs the database). The OpenAPI document is
regenerated with `make schema` (`manage.py api_schema --write`).

    kohtaanto api token create --organisation ID --name NAME [--scope read --scope write]
                               [--role coordinator|analyst] [--days 90 | --no-expiry]
    kohtaanto api token list [--organisation ID]
    kohtaanto api token revoke PREFIX
    kohtaanto api oauth create --organisation ID --name NAME [--scope …] [--role …]
    kohtaanto api oauth list [--organisation ID]
    kohtaanto api oauth revoke CLIENT_ID

A token or a client secret is printed once and never stored (only its hash). Credentials
made here are audited with no actor (the command line). Exit status: 2 invalid input, 3 not
found, 1 the committed schema differs (`--check`).
"""

from __future__ import annotations

import sys
from typing import Any

import click

SCOPES = click.Choice(["read", "write"])
ROLES = click.Choice(["coordinator", "analyst"])


def _setup() -> None:
    from kohtaanto.cli.django_setup import setup_django

    setup_django()


def _fail(exc: Any) -> None:
    click.echo(f"error: {exc.message}", err=True)
    for field, messages in getattr(exc, "errors", {}).items():
        click.echo(f"  {field}: {' '.join(messages)}", err=True)
    sys.exit(exc.exit_code)


def _organisation(organisation_id: int) -> Any:
    from kohtaanto.core.errors import NotFound
    from kohtaanto.core.models import Organisation

    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        _fail(NotFound(f"No organisation {organisation_id}."))
    return organisation


@click.group()
def api() -> None:
    """API credentials for integrations."""


@api.group()
def token() -> None:
    """API tokens (Authorization: Bearer kht_…)."""


@token.command("create")
@click.option("--organisation", "organisation_id", type=int, required=True)
@click.option("--name", required=True, help="What the integration is, e.g. 'Kuntarekisteri'.")
@click.option("--scope", "scopes", type=SCOPES, multiple=True, default=("read",), show_default=True)
@click.option("--role", type=ROLES, default="coordinator", show_default=True)
@click.option("--days", type=int, default=90, show_default=True, help="Days until it expires.")
@click.option("--no-expiry", is_flag=True, help="The token does not expire (revoke it by hand).")
def token_create(
    organisation_id: int, name: str, scopes: tuple[str, ...], role: str, days: int, no_expiry: bool
) -> None:
    _setup()
    from kohtaanto.core.errors import KohtaantoError
    from kohtaanto.integrations import services

    organisation = _organisation(organisation_id)
    try:
        new = services.create_token(
            organisation, name=name, scopes=scopes, role=role, days=None if no_expiry else days
        )
    except KohtaantoError as exc:
        _fail(exc)
    expires = new.token.expires_at.isoformat() if new.token.expires_at else "never"
    click.echo(f"prefix {new.token.prefix}  scopes {new.token.scopes}  expires {expires}", err=True)
    click.echo("The token is shown only now; store it in the integration's secrets:", err=True)
    click.echo(new.text)


@token.command("list")
@click.option("--organisation", "organisation_id", type=int, default=None)
def token_list(organisation_id: int | None) -> None:
    _setup()
    from kohtaanto.integrations.models import ApiToken

    tokens = ApiToken.objects.select_related("organisation").order_by("organisation_id", "-id")
    if organisation_id is not None:
        tokens = tokens.filter(organisation_id=organisation_id)
    for row in tokens:
        state = "revoked" if row.revoked_at else ("expired" if row.is_expired() else "active")
        used = row.last_used_at.isoformat() if row.last_used_at else "never"
        click.echo(
            f"{row.prefix}  org {row.organisation_id}  {state:<7}  {row.scopes:<10}  "
            f"{row.role:<11}  last used {used}  {row.name}"
        )


@token.command("revoke")
@click.argument("prefix")
def token_revoke(prefix: str) -> None:
    _setup()
    from kohtaanto.core.errors import KohtaantoError
    from kohtaanto.integrations import services

    try:
        services.revoke(services.find_token(None, prefix))
    except KohtaantoError as exc:
        _fail(exc)
    click.echo(f"revoked {prefix}")


@api.group()
def oauth() -> None:
    """OAuth 2.0 clients (client credentials at /api/oauth/token/)."""


@oauth.command("create")
@click.option("--organisation", "organisation_id", type=int, required=True)
@click.option("--name", required=True)
@click.option("--scope", "scopes", type=SCOPES, multiple=True, default=("read",), show_default=True)
@click.option("--role", type=ROLES, default="coordinator", show_default=True)
def oauth_create(organisation_id: int, name: str, scopes: tuple[str, ...], role: str) -> None:
    _setup()
    from kohtaanto.core.errors import KohtaantoError
    from kohtaanto.integrations import services

    organisation = _organisation(organisation_id)
    try:
        new = services.create_oauth_client(organisation, name=name, scopes=scopes, role=role)
    except KohtaantoError as exc:
        _fail(exc)
    click.echo("The client secret is shown only now:", err=True)
    click.echo(f"client_id {new.client_id}")
    click.echo(f"client_secret {new.client_secret}")


@oauth.command("list")
@click.option("--organisation", "organisation_id", type=int, default=None)
def oauth_list(organisation_id: int | None) -> None:
    _setup()
    from kohtaanto.integrations.models import OAuthClient

    clients = OAuthClient.objects.select_related("application").order_by("organisation_id", "-id")
    if organisation_id is not None:
        clients = clients.filter(organisation_id=organisation_id)
    for row in clients:
        state = "revoked" if row.revoked_at else "active"
        click.echo(
            f"{row.application.client_id}  org {row.organisation_id}  {state:<7}  "
            f"{row.scopes:<10}  {row.role:<11}  {row.name}"
        )


@oauth.command("revoke")
@click.argument("client_id")
def oauth_revoke(client_id: str) -> None:
    _setup()
    from kohtaanto.core.errors import KohtaantoError, NotFound
    from kohtaanto.integrations import services
    from kohtaanto.integrations.models import OAuthClient

    client = OAuthClient.objects.filter(application__client_id=client_id).first()
    try:
        if client is None:
            raise NotFound()
        services.revoke(client)
    except KohtaantoError as exc:
        _fail(exc)
    click.echo(f"revoked {client_id}")

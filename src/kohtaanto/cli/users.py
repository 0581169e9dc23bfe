"""`kohtaanto users`: accounts that must exist before anyone can log in.

`kohtaanto users create-coordinator` makes the first coordinator of a new site: the
organisation (unless it exists) and a user with the coordinator role, who can then log in,
open the Django admin and add everyone else from the pages. The password is asked twice
without echo (never an option: it would stay in the shell history), or, with `--reset-link`,
not set at all: the coordinator then uses "Forgot your password?" on the login page (the site's
SMTP server sends the link). Everything goes through `kohtaanto.core.services`, in one
transaction.
"""

from __future__ import annotations

import click


@click.group()
def users() -> None:
    """Create the first coordinator of a site."""


@users.command("create-coordinator")
@click.option("--username", required=True, help="Login name (not an e-mail address).")
@click.option("--email", required=True, help="Address for password-reset mail.")
@click.option("--first-name", default="", help="First name.")
@click.option("--last-name", default="", help="Last name.")
@click.option(
    "--organisation",
    "organisation_name",
    required=True,
    help="Name of the organisation; created unless one with this exact name exists.",
)
@click.option(
    "--language",
    type=click.Choice(["fi", "sv", "en"]),
    default="fi",
    show_default=True,
    help="Language of service.",
)
@click.option(
    "--reset-link",
    is_flag=True,
    help="Set no password: the coordinator sets one through 'Forgot your password?'.",
)
def create_coordinator(
    username: str,
    email: str,
    first_name: str,
    last_name: str,
    organisation_name: str,
    language: str,
    reset_link: bool,
) -> None:
    """Create a coordinator (and their organisation) so that someone can log in."""
    from kohtaanto.cli.django_setup import setup_django

    setup_django()
    from django.contrib.auth import password_validation
    from django.core.exceptions import ValidationError
    from django.db import transaction

    from kohtaanto.core import services
    from kohtaanto.core.enums import Role
    from kohtaanto.core.errors import KohtaantoError
    from kohtaanto.core.models import Organisation, User

    if User.objects.filter(username=username).exists():
        raise click.ClickException(f"the username {username!r} is taken")
    password = None
    if not reset_link:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True, err=True)
        candidate = User(username=username, email=email, first_name=first_name)
        try:
            password_validation.validate_password(password, candidate)
        except ValidationError as error:
            raise click.ClickException(" ".join(str(m) for m in error.messages)) from None
    try:
        with transaction.atomic():
            organisation = Organisation.objects.filter(name=organisation_name).first()
            created = organisation is None
            if organisation is None:
                organisation = services.create_organisation(name=organisation_name)
            user = services.create_user(
                username=username,
                password=password,
                email=email,
                first_name=first_name,
                last_name=last_name,
                preferred_language=language,
            )
            services.add_membership(user, organisation, Role.COORDINATOR)
    except KohtaantoError as error:
        fields = getattr(error, "errors", None) or {}
        details = "; ".join(f"{name}: {' '.join(map(str, m))}" for name, m in fields.items())
        raise click.ClickException(f"{error.message} {details}".strip()) from None
    click.echo(
        f"kohtaanto users: coordinator id={user.pk} in organisation id={organisation.pk}"
        + (" (new)" if created else ""),
        err=True,
    )
    if reset_link:
        click.echo("No password was set: use 'Forgot your password?' on the login page.", err=True)

"""`kohtaanto users create-coordinator`: the first coordinator of a fresh site."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from django.test import override_settings

from kohtaanto.cli.main import cli
from kohtaanto.core.enums import Role
from kohtaanto.core.models import AuditEvent, Membership, Organisation, User

FAST = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ARGS = [
    "users",
    "create-coordinator",
    "--username",
    "koordinaattori",
    "--email",
    "koordinaattori@example.fi",
    "--organisation",
    "Uusi Polku ry",
]


@pytest.mark.django_db
@override_settings(PASSWORD_HASHERS=FAST)
def test_creates_organisation_and_coordinator_who_can_log_in() -> None:
    password = "Pitkä-ja-hyvä-salasana-2026"
    result = CliRunner().invoke(cli, ARGS, input=f"{password}\n{password}\n")
    assert result.exit_code == 0, result.output
    user = User.objects.get(username="koordinaattori")
    organisation = Organisation.objects.get(name="Uusi Polku ry")
    assert Membership.objects.filter(
        user=user, organisation=organisation, role=Role.COORDINATOR
    ).exists()
    assert user.is_staff and not user.is_superuser  # the admin, through the coordinator role
    assert user.check_password(password)
    assert password not in result.output
    assert "koordinaattori@example.fi" not in result.output
    assert AuditEvent.objects.filter(object_id=str(organisation.pk)).exists()
    # A second coordinator joins the same organisation; the username must be new.
    again = CliRunner().invoke(cli, ARGS, input=f"{password}\n{password}\n")
    assert again.exit_code == 1 and "taken" in again.output


@pytest.mark.django_db
@override_settings(PASSWORD_HASHERS=FAST)
def test_weak_or_demo_password_is_refused_and_nothing_is_created() -> None:
    for weak in ("lyhyt", "kohtaanto-demo"):
        result = CliRunner().invoke(cli, ARGS, input=f"{weak}\n{weak}\n")
        assert result.exit_code == 1
        assert "Error:" in result.output
    assert not User.objects.filter(username="koordinaattori").exists()
    assert not Organisation.objects.filter(name="Uusi Polku ry").exists()


@pytest.mark.django_db
def test_reset_link_sets_no_password_and_uses_an_existing_organisation() -> None:
    existing = Organisation.objects.create(name="Uusi Polku ry")
    result = CliRunner().invoke(cli, [*ARGS, "--reset-link", "--language", "sv"])
    assert result.exit_code == 0, result.output
    user = User.objects.get(username="koordinaattori")
    assert not user.has_usable_password()
    assert user.preferred_language == "sv"
    assert Organisation.objects.filter(name="Uusi Polku ry").count() == 1
    assert Membership.objects.get(user=user).organisation == existing
    assert "Forgot your password" in result.output

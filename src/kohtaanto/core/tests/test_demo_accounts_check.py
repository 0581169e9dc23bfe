"""The demo-password system check covers every account the demo loaders create (issue 18:
it missed `employer2` and `employer3`)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.contrib.auth.hashers import check_password, make_password
from django.core.management import call_command
from django.test import override_settings

import kohtaanto
from kohtaanto.core import checks
from kohtaanto.core.models import User
from kohtaanto.core.validators import DEMO_PASSWORD

PACKAGE = Path(kohtaanto.__file__).resolve().parent
# The loaders that create accounts with the demo password, in `make demo` order.
PASSWORD_LOADERS = (
    "load_demo",
    "load_demo_opportunities",
    "load_demo_mentoring",
    "load_demo_supportline",
    "load_demo_foresight",
)
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_every_loader_that_sets_the_demo_password_is_in_the_chain() -> None:
    found = {
        path.stem
        for path in PACKAGE.glob("*/management/commands/load_demo*.py")
        if re.search(r"\bDEMO_PASSWORD\b", path.read_text(encoding="utf-8"))
    }
    assert found == set(PASSWORD_LOADERS)


@pytest.mark.django_db
def test_the_check_names_every_demo_account_with_the_demo_password() -> None:
    with override_settings(DEMO=True, PASSWORD_HASHERS=FAST_HASHER):
        for command in PASSWORD_LOADERS:
            call_command(command, stdout=io.StringIO())
        with_password = sorted(
            username
            for username, encoded in User.objects.values_list("username", "password")
            if check_password(DEMO_PASSWORD, encoded)
        )
    assert {"employer2", "employer3", "analyst", "tukiluuri", "vapaaehtoinen-01"} <= set(
        with_password
    )
    with override_settings(DEMO=False, PASSWORD_HASHERS=FAST_HASHER):
        assert checks.demo_accounts_with_demo_password() == with_password
        errors = checks.check_demo_passwords()
    assert [error.id for error in errors] == ["kohtaanto.E001"]
    assert "employer2" in errors[0].msg and "employer3" in errors[0].msg
    assert f"and {len(with_password) - checks.SHOWN} more" in errors[0].msg


@pytest.mark.django_db
@override_settings(DEMO=False, PASSWORD_HASHERS=FAST_HASHER)
def test_an_account_in_the_demo_domain_is_covered_whatever_its_name() -> None:
    user = User.objects.create_user(
        username="uusi-persona", email=f"uusi@{checks.DEMO_EMAIL_DOMAIN}"
    )
    User.objects.filter(pk=user.pk).update(password=make_password(DEMO_PASSWORD))
    assert checks.demo_accounts_with_demo_password() == ["uusi-persona"]

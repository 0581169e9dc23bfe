"""The published demo password works only on demo sites."""

from __future__ import annotations

from unittest import mock

import pytest
from django.contrib.auth import authenticate, password_validation
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.test import RequestFactory, override_settings
from tests.factories import UserFactory

from kohtaanto.core import checks
from kohtaanto.core.validators import DEMO_PASSWORD, DemoPasswordValidator

VALIDATORS = [{"NAME": "kohtaanto.core.validators.DemoPasswordValidator"}]


@override_settings(DEMO=False)
def test_validator_refuses_demo_password_outside_demo() -> None:
    with pytest.raises(ValidationError) as excinfo:
        DemoPasswordValidator().validate(DEMO_PASSWORD)
    assert excinfo.value.error_list[0].code == "demo_password"
    DemoPasswordValidator().validate("Jokin-muu-salasana-42")
    assert DemoPasswordValidator().get_help_text()


@override_settings(DEMO=True)
def test_validator_allows_demo_password_in_demo() -> None:
    DemoPasswordValidator().validate(DEMO_PASSWORD)


@override_settings(DEMO=False, AUTH_PASSWORD_VALIDATORS=VALIDATORS)
def test_validator_works_through_django_password_validation() -> None:
    with pytest.raises(ValidationError):
        password_validation.validate_password(DEMO_PASSWORD)


def _login(username: str, password: str) -> object:
    request = RequestFactory().post("/login/")
    return authenticate(request=request, username=username, password=password)


@pytest.mark.django_db
def test_login_with_demo_password_fails_outside_demo() -> None:
    user = UserFactory(username="coach")
    user.set_password(DEMO_PASSWORD)
    user.save()
    with override_settings(DEMO=False):
        assert _login("coach", DEMO_PASSWORD) is None
        assert not user.check_password(DEMO_PASSWORD)
    with override_settings(DEMO=True):
        assert _login("coach", DEMO_PASSWORD) == user


@pytest.mark.django_db
@override_settings(DEMO=False)
def test_other_passwords_still_work_outside_demo() -> None:
    user = UserFactory(username="someone")
    user.set_password("Vahva-salasana-2025")
    user.save()
    assert _login("someone", "Vahva-salasana-2025") == user


def _demo_account(username: str, *, active: bool = True) -> None:
    user = UserFactory(username=username, is_active=active)
    user.set_password(DEMO_PASSWORD)
    user.save()


@pytest.mark.django_db
@override_settings(DEMO=False)
def test_check_fails_when_demo_accounts_keep_demo_password() -> None:
    _demo_account("coordinator")
    _demo_account("workplace-mentor")
    _demo_account("someone-else")  # not a demo persona username: not our business
    errors = checks.check_demo_passwords()
    assert [error.id for error in errors] == ["kohtaanto.E001"]
    assert "coordinator, workplace-mentor" in errors[0].msg
    assert "someone-else" not in errors[0].msg


@pytest.mark.django_db
@override_settings(DEMO=True)
def test_check_passes_on_demo_sites() -> None:
    _demo_account("coordinator")
    assert checks.check_demo_passwords() == []


@pytest.mark.django_db
@override_settings(DEMO=False)
def test_check_ignores_inactive_and_changed_accounts() -> None:
    _demo_account("coach", active=False)
    user = UserFactory(username="mentor")
    user.set_password("Vaihdettu-salasana-77")
    user.save()
    assert checks.check_demo_passwords() == []


@override_settings(DEMO=False)
def test_check_skips_when_tables_are_missing() -> None:
    with mock.patch.object(
        checks, "demo_accounts_with_demo_password", side_effect=DatabaseError("no such table")
    ):
        assert checks.check_demo_passwords() == []


@pytest.mark.django_db
@override_settings(DEMO=False)
def test_check_is_registered() -> None:
    from django.core import checks as django_checks

    _demo_account("participant")
    errors = django_checks.run_checks(tags=["security"])
    assert "kohtaanto.E001" in [error.id for error in errors]

"""Validators: Finnish business id (Y-tunnus), municipality code, demo password."""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DEMO_PASSWORD = "kohtaanto-demo"  # noqa: S105 - the published demo password, refused unless DEMO
BUSINESS_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2)
_BUSINESS_ID_RE = re.compile(r"^(\d{7})-(\d)$")
_MUNICIPALITY_RE = re.compile(r"^\d{3}$")


def business_id_check_digit(digits: str) -> int | None:
    """Check digit for the 7 digits of a Y-tunnus, or None when no valid digit exists."""
    total = sum(int(d) * w for d, w in zip(digits, BUSINESS_ID_WEIGHTS, strict=True))
    remainder = total % 11
    if remainder == 1:
        return None
    return 0 if remainder == 0 else 11 - remainder


def is_valid_business_id(value: str) -> bool:
    match = _BUSINESS_ID_RE.match(value)
    if match is None:
        return False
    return business_id_check_digit(match.group(1)) == int(match.group(2))


def validate_business_id(value: str) -> None:
    if not is_valid_business_id(value):
        raise ValidationError(
            _("Enter a valid Finnish business id (Y-tunnus), for example 1234567-1."),
            code="invalid_business_id",
        )


def validate_municipality_code(value: str) -> None:
    if not _MUNICIPALITY_RE.match(value):
        raise ValidationError(
            _("Enter a three-digit municipality code, for example 091."),
            code="invalid_municipality_code",
        )


def demo_password_allowed() -> bool:
    return bool(getattr(settings, "DEMO", False))


class DemoPasswordValidator:
    """Refuse the published demo password unless the site runs in demo mode."""

    def validate(self, password: str, user: object = None) -> None:
        if password == DEMO_PASSWORD and not demo_password_allowed():
            raise ValidationError(
                _("This password is published for the demo and cannot be used here."),
                code="demo_password",
            )

    def get_help_text(self) -> str:
        return str(_("Your password cannot be the published demo password."))

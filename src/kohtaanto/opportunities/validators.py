"""Validators of opportunity fields (languages with levels, physical demands, municipality)."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kohtaanto.opportunities.enums import LANGUAGE_LEVELS, PhysicalDemand

_LANGUAGE_RE = re.compile(r"^[a-z]{2,3}$")


def validate_languages(value: Any) -> None:
    """A mapping of ISO 639 code → CEFR level ("A1" … "C2") or "native"."""
    if not isinstance(value, dict):
        raise ValidationError(_("Languages must be a mapping of language to level."))
    for code, level in value.items():
        if not isinstance(code, str) or not _LANGUAGE_RE.match(code):
            raise ValidationError(
                _("%(code)s is not a language code such as fi or sv."),
                params={"code": str(code)[:20]},
                code="invalid_language",
            )
        if level not in LANGUAGE_LEVELS:
            raise ValidationError(
                _("%(level)s is not a language level (A1–C2 or native)."),
                params={"level": str(level)[:20]},
                code="invalid_level",
            )


def validate_physical_demands(value: Any) -> None:
    if not isinstance(value, list):
        raise ValidationError(_("Physical demands must be a list."))
    allowed = set(PhysicalDemand.values)
    for item in value:
        if item not in allowed:
            raise ValidationError(
                _("%(value)s is not a known physical demand."),
                params={"value": str(item)[:40]},
                code="invalid_physical_demand",
            )


def validate_official_municipality(value: str) -> None:
    """The code must be in the official list (Statistics Finland, `journeys/data`)."""
    from kohtaanto.reference.places import municipality

    if value and municipality(value) is None:
        raise ValidationError(
            _("%(code)s is not a Finnish municipality code."),
            params={"code": value[:5]},
            code="unknown_municipality",
        )

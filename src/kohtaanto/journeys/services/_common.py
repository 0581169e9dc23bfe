"""Small helpers shared by the journey services."""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models

from kohtaanto.core.errors import ValidationFailed
from kohtaanto.people.access import writable_object

M = TypeVar("M", bound=models.Model)


def actor(by: Any) -> Any:
    """`by` if it is a real user (for FK columns), else None."""
    return by if getattr(by, "is_authenticated", False) else None


def clean(obj: models.Model, exclude: list[str] | None = None) -> None:
    """`full_clean` turned into `ValidationFailed`."""
    try:
        obj.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        raise ValidationFailed(errors=exc.message_dict) from None


def owned(by: Any, model: type[M], object_id: object, path: str = "participant") -> M:
    """An object of a participant `by` may change, or `ParticipantNotFound`."""
    return writable_object(by, model._default_manager.all(), object_id, path)


def add_months(day: date, months: int) -> date:
    """`day` plus `months` calendar months, clamped to the month's last day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))

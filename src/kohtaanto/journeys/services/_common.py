"""Small helpers shared by the journey services."""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

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


# --- the service period ------------------------------------------------------------------------

PLAN_YEARS_AHEAD = 5
"""A goal, a step or a task due later than this many years from today is a typo."""
MEETING_YEARS_AHEAD = 1
"""A meeting booked later than this many years from today is a typo."""


def service_start_of(participant: Any) -> date:
    """The day the service started: the intake's `service_start`, or the day the participant
    was added when there is no intake yet."""
    from kohtaanto.journeys.models import Intake

    start = Intake.objects.filter(participant=participant).values_list("service_start", flat=True)
    found: date | None = start.first()
    if found is not None:
        return found
    return timezone.localdate(participant.created)


def years_ahead(years: int) -> date:
    """Today plus `years` years (29 February becomes 28 February)."""
    today = timezone.localdate()
    return add_months(today, 12 * years)


def check_plan_date(participant: Any, due: date | None, field: str = "due") -> dict[str, list[Any]]:
    """A goal's, a step's or a task's due date within the service period: not before the
    service started, not absurdly far ahead. {} when fine or empty."""
    if due is None:
        return {}
    start = service_start_of(participant)
    if due < start:
        return {
            field: [
                _("The date cannot be before the service started (%(start)s).")
                % {"start": finnish_date(start)}
            ]
        }
    latest = years_ahead(PLAN_YEARS_AHEAD)
    if due > latest:
        return {
            field: [
                _("The date is too far ahead. Choose a date before %(latest)s.")
                % {"latest": finnish_date(latest)}
            ]
        }
    return {}


def finnish_date(day: date) -> str:
    """A date as written in Finland and Sweden: 1.3.2025."""
    return f"{day.day}.{day.month}.{day.year}"

"""Reminder sources of the support line (registered in `apps.SupportlineConfig.ready`):

- `shift_reminders`: each volunteer on a shift that starts within 24 hours gets a reminder
  (once per shift and volunteer);
- `uncovered_shift_reminders`: a shift starting within 24 hours with nobody signed up is
  announced to the line's volunteers and the organisation's coordinators ("a shift without
  volunteers").
Texts carry the line's name and the time only (no contact data).

`shift_reminders` first deletes the expired call-back requests
(`services.delete_expired_callbacks`): the reminders run every 15 minutes, so a caller's number
is not kept past `CALLBACK_KEEP_DAYS` even when the daily cleanup timer is missing."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator

from django.utils import formats, timezone, translation
from django.utils.translation import gettext, pgettext

from kohtaanto.core.enums import Role
from kohtaanto.core.models import User
from kohtaanto.people.reminders import Reminder, language_of
from kohtaanto.supportline import services
from kohtaanto.supportline.enums import COVERING
from kohtaanto.supportline.models import LineVolunteer, Shift
from kohtaanto.supportline.selectors import WARNING_HOURS, with_cover

logger = logging.getLogger(__name__)


def _when(shift: Shift) -> str:
    starts = timezone.localtime(shift.starts)
    ends = timezone.localtime(shift.ends)
    # Finnish and Finland-Swedish style ("ma 7.12.2026 klo 17.00–20.00"), as on the pages:
    # Django's own Swedish formats are those of Sweden (2026-12-07 17:00).
    return (
        f"{formats.date_format(starts, 'D j.n.Y')} {pgettext('time of day', 'at')} "
        f"{formats.time_format(starts, 'H.i')}–{formats.time_format(ends, 'H.i')}"
    )


def _phones(shift: Shift) -> dict[int, str]:
    return dict(LineVolunteer.objects.filter(line_id=shift.line_id).values_list("user_id", "phone"))


def _soon(now: dt.datetime) -> Iterator[Shift]:
    return iter(
        Shift.objects.filter(
            starts__gt=now, starts__lte=now + dt.timedelta(hours=WARNING_HOURS)
        ).select_related("line")
    )


def shift_reminders(now: dt.datetime) -> Iterator[Reminder]:
    try:
        services.delete_expired_callbacks(now)
    except Exception as exc:  # the reminders still go out; the next run tries again
        logger.error("expired call-back cleanup failed error=%s", type(exc).__name__)
    for shift in _soon(now):
        phones = _phones(shift)
        for signup in shift.signups.filter(status__in=COVERING).select_related("user"):
            user = signup.user
            if not user.is_active:
                continue
            language = language_of(user=user)
            with translation.override(language):
                subject = gettext("Your support-line shift")
                text = gettext(
                    "Reminder: you have a shift on %(line)s on %(when)s. Thank you! "
                    "If you cannot come, offer a swap or cancel in Kohtaanto."
                ) % {"line": shift.line.name, "when": _when(shift)}
            yield Reminder(
                key=f"shift:{shift.pk}:user:{user.pk}",
                user=user,
                participant=None,
                subject=subject,
                text=text,
                language=language,
                phone=phones.get(user.pk, ""),
            )


def uncovered_shift_reminders(now: dt.datetime) -> Iterator[Reminder]:
    shifts = with_cover(
        Shift.objects.filter(
            starts__gt=now, starts__lte=now + dt.timedelta(hours=WARNING_HOURS)
        ).select_related("line")
    )
    for shift in shifts:
        if shift.cover:  # type: ignore[attr-defined]
            continue
        phones = _phones(shift)
        volunteers = User.objects.filter(
            support_line_roles__line_id=shift.line_id,
            support_line_roles__active=True,
            memberships__organisation_id=shift.line.organisation_id,
            memberships__role=Role.MENTOR,
            is_active=True,
        )
        coordinators = User.objects.filter(
            memberships__organisation_id=shift.line.organisation_id,
            memberships__role=Role.COORDINATOR,
            is_active=True,
        )
        for user in (volunteers | coordinators).distinct().order_by("pk"):
            language = language_of(user=user)
            with translation.override(language):
                subject = gettext("A support-line shift without volunteers")
                text = gettext(
                    "Nobody has signed up yet for the shift on %(line)s on %(when)s. "
                    "Can you take it? Sign up in Kohtaanto."
                ) % {"line": shift.line.name, "when": _when(shift)}
            yield Reminder(
                key=f"shift-uncovered:{shift.pk}:user:{user.pk}",
                user=user,
                participant=None,
                subject=subject,
                text=text,
                language=language,
                phone=phones.get(user.pk, ""),
            )

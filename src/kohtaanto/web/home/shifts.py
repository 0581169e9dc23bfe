"""The home page's "shifts" section (built with the supportline area). Returns the context of
`home/shifts.html`, or None when the user has nothing of it.

A support-line volunteer sees their next shifts, the gaps of the next 7 days and a link to log
a contact; a coordinator or analyst of a line sees links to its calendar or statistics and the
shifts without volunteers within 24 hours. Nothing about participants."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from kohtaanto.core.models import Organisation
from kohtaanto.supportline import access, selectors
from kohtaanto.supportline.models import Shift
from kohtaanto.web import facts
from kohtaanto.web.pages import user_roles


def section(request: HttpRequest, organisation: Organisation | None) -> dict[str, Any] | None:
    user = request.user
    rows = access.lines_with_roles(
        user, user_roles(request), organisation, facts.support_lines(request)
    )
    if not rows:
        return None
    volunteer_ids = [row.line.pk for row in rows if row.volunteer]
    calendar_ids = [row.line.pk for row in rows if row.calendar]
    shift_lines = access.lines_for_shifts(user)
    return {
        "lines": [
            {
                "line": row.line,
                "volunteer": row.volunteer,
                "calendar": row.calendar,
                "statistics": row.statistics,
                "warnings": selectors.warnings(row.line) if row.coordinator else [],
            }
            for row in rows
        ],
        "volunteer": bool(volunteer_ids),
        "next_shifts": [
            {"shift": shift, "week": _week(shift)}
            for shift in (
                selectors.my_next_shifts(user, shift_lines.filter(pk__in=calendar_ids))
                if volunteer_ids
                else []
            )
        ],
        "gaps": [
            {"row": row, "shift": row.shift, "week": _week(row.shift)}
            for row in (
                selectors.gaps(shift_lines.filter(pk__in=volunteer_ids)) if volunteer_ids else []
            )
        ],
    }


def _week(shift: Shift) -> str:
    return selectors.iso_week(timezone.localtime(shift.starts).date())

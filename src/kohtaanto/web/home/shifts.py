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


def section(request: HttpRequest, organisation: Organisation | None) -> dict[str, Any] | None:
    if organisation is None:
        return None
    user = request.user
    lines = access.lines_visible_to(user).filter(organisation=organisation).order_by("name", "pk")
    if not lines:
        return None
    shift_lines = access.lines_for_shifts(user).filter(organisation=organisation)
    volunteering, coordinating = access.volunteer_line_ids(user), access.coordinated_line_ids(user)
    volunteer_lines = [line for line in shift_lines if line.pk in volunteering]
    coordinated = [line for line in shift_lines if line.pk in coordinating]
    statistics = list(access.lines_for_statistics(user).filter(organisation=organisation))
    return {
        "lines": [
            {
                "line": line,
                "volunteer": line in volunteer_lines,
                "calendar": line in shift_lines,
                "statistics": line in statistics,
                "warnings": selectors.warnings(line) if line in coordinated else [],
            }
            for line in lines
        ],
        "volunteer": bool(volunteer_lines),
        "next_shifts": [
            {"shift": shift, "week": _week(shift)}
            for shift in (selectors.my_next_shifts(user, shift_lines) if volunteer_lines else [])
        ],
        "gaps": [
            {"row": row, "shift": row.shift, "week": _week(row.shift)}
            for row in (
                selectors.gaps(shift_lines.filter(pk__in=[line.pk for line in volunteer_lines]))
                if volunteer_lines
                else []
            )
        ],
    }


def _week(shift: Shift) -> str:
    return selectors.iso_week(timezone.localtime(shift.starts).date())

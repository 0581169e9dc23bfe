"""The home page's "leader" section (built with the groups area). Returns the context of
`home/leader.html`, or None when the user has nothing of it: for a user who leads groups, the
next sessions of those groups. A session that has started, or starts within
`services.ROLL_CALL_OPENS`, links straight to its roll call; a later one to its page (where the
roll call opens at the start)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from kohtaanto.core.models import Organisation
from kohtaanto.groups import access, selectors, services


def section(request: HttpRequest, organisation: Organisation | None) -> dict[str, Any] | None:
    groups = access.led_groups(request.user)
    if organisation is not None:
        groups = groups.filter(organisation=organisation)
    groups_list = list(groups.order_by("name", "id"))
    if not groups_list:
        return None
    now = timezone.now()
    sessions = selectors.upcoming_sessions(groups, days=14, limit=8)
    return {
        "groups": groups_list,
        "sessions": [
            {"session": session, "roll_call_open": services.roll_call_open(session, now)}
            for session in sessions
        ],
    }

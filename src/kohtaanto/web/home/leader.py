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
from kohtaanto.groups import selectors, services
from kohtaanto.web import facts


def section(request: HttpRequest, organisation: Organisation | None) -> dict[str, Any] | None:
    groups_list = [
        group
        for group in facts.led_groups(request)  # `access.led_groups`, read once per request
        if organisation is None or group.organisation_id == organisation.pk
    ]
    if not groups_list:
        return None
    now = timezone.now()
    sessions = selectors.upcoming_sessions([g.pk for g in groups_list], days=14, limit=8)
    return {
        "groups": groups_list,
        "sessions": [
            {"session": session, "roll_call_open": services.roll_call_open(session, now)}
            for session in sessions
        ],
    }

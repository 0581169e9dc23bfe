"""The home page's "leader" section (built with the groups area). Returns the context of
`home/leader.html`, or None when the user has nothing of it: for a user who leads groups, the
next sessions of those groups with a link straight to each one's roll call."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from kohtaanto.core.models import Organisation
from kohtaanto.groups import access, selectors


def section(request: HttpRequest, organisation: Organisation | None) -> dict[str, Any] | None:
    groups = access.led_groups(request.user)
    if organisation is not None:
        groups = groups.filter(organisation=organisation)
    groups_list = list(groups.order_by("name", "id"))
    if not groups_list:
        return None
    return {
        "groups": groups_list,
        "sessions": selectors.upcoming_sessions(groups, days=14, limit=8),
    }

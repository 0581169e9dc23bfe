"""The coach's section of the home page (their caseload)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from kohtaanto.people.access import participants_visible_to


def section(request: HttpRequest, organisation: Any) -> dict[str, Any]:
    return {
        "caseload": participants_visible_to(request.user)
        .filter(organisation=organisation, coaches=request.user.pk)
        .distinct()
    }

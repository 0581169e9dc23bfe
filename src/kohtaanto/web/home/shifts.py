"""The home page's "shifts" section (built with the supportline area). Returns the context of
`home/shifts.html`, or None when the user has nothing of it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from kohtaanto.core.models import Organisation


def section(request: HttpRequest, organisation: Organisation | None) -> dict[str, Any] | None:
    return None

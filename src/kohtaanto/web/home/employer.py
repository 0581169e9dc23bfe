"""The employer contact's section of the home page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def section(request: HttpRequest, organisation: Any) -> dict[str, Any] | None:
    """Nothing yet (the `ROLE_COMING` text is shown)."""
    return None

"""The service languages and the active one, for every face (pages, API) and service."""

from __future__ import annotations

from django.utils.translation import get_language

SERVICE_LANGUAGES = ("fi", "sv", "en")


def active_language() -> str:
    """The active language as one of "fi", "sv", "en" (Finnish for anything else)."""
    code = (get_language() or "fi")[:2]
    return code if code in SERVICE_LANGUAGES else "fi"

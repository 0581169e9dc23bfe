"""The roles of the current request, as plain strings ("coach", "participant", ...)."""

from __future__ import annotations

from django.http import HttpRequest


def user_roles(request: HttpRequest) -> frozenset[str]:
    """Roles set on the request by core's CurrentOrganisationMiddleware (empty if none)."""
    roles = getattr(request, "roles", None) or ()
    # Role is a TextChoices; str() gives its value. Plain strings hash like the values do.
    return frozenset(str(role) for role in roles)

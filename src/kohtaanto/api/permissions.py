"""Scopes of integration credentials: reading needs `read`, any other method `write`.
Logged-in people (session) are not limited by scopes; their roles decide, as on the pages."""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from kohtaanto.integrations.models import Credential


def granted_scopes(credential: Credential) -> set[str]:
    """The credential's scopes; for OAuth, those of the access token (never wider)."""
    granted = getattr(credential, "granted", None)
    allowed = credential.scope_set
    return allowed & set(granted) if granted is not None else allowed


class TokenScopes(BasePermission):
    message = "insufficient_scope"

    def has_permission(self, request: Request, view: Any) -> bool:
        credential = request.auth
        if not isinstance(credential, Credential):
            return True
        needed = "read" if request.method in SAFE_METHODS else "write"
        return needed in granted_scopes(credential)

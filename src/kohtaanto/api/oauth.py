"""django-oauth-toolkit: only the client-credentials grant of a live `OAuthClient`, and only
the scopes that client was given (asking for more, or for nothing, grants what it has)."""

from __future__ import annotations

from typing import Any

from oauth2_provider.oauth2_validators import OAuth2Validator

from kohtaanto.integrations.models import OAuthClient


def _client(request: Any) -> OAuthClient | None:
    application = getattr(request, "client", None)
    if application is None:
        return None
    return OAuthClient.objects.filter(application=application, revoked_at__isnull=True).first()


class Validator(OAuth2Validator):  # type: ignore[misc]
    def validate_grant_type(
        self, client_id: Any, grant_type: Any, client: Any, request: Any, *args: Any, **kwargs: Any
    ) -> bool:
        return grant_type == "client_credentials" and _client(request) is not None

    def validate_scopes(
        self, client_id: Any, scopes: Any, client: Any, request: Any, *args: Any, **kwargs: Any
    ) -> bool:
        kohtaanto_client = _client(request)
        return kohtaanto_client is not None and set(scopes) <= kohtaanto_client.scope_set

    def get_default_scopes(
        self, client_id: Any, request: Any, *args: Any, **kwargs: Any
    ) -> list[str]:
        kohtaanto_client = _client(request)
        return sorted(kohtaanto_client.scope_set) if kohtaanto_client is not None else []

"""How the integration credentials appear in the OpenAPI document (drf-spectacular)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class ApiTokenScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    target_class = "kohtaanto.api.authentication.ApiTokenAuthentication"
    name = "apiToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "An organisation's API token (kht_…), made by a coordinator.",
        }


class OAuthScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    target_class = "kohtaanto.api.authentication.OAuthAuthentication"
    name = "oauth2"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {
            "type": "oauth2",
            "flows": {
                "clientCredentials": {
                    "tokenUrl": "/api/oauth/token/",
                    "scopes": {"read": "Read", "write": "Write"},
                }
            },
        }

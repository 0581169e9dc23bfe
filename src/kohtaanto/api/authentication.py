"""DRF authentication of integrations: `Authorization: Bearer <token>`.

- `ApiTokenAuthentication`: tokens that start with `kht_` (`kohtaanto.integrations.services`).
- `OAuthAuthentication`: any other bearer token, an access token from `/api/oauth/token/`
  (client credentials, django-oauth-toolkit).
Both make the request act as the credential's service account (`request.user`) and put the
credential in `request.auth` (scopes: `permissions.TokenScopes`). A bearer token that is
unknown, expired or revoked is a 401 problem with `WWW-Authenticate: Bearer`.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oauth2_provider.contrib.rest_framework import OAuth2Authentication
from oauth2_provider.models import AccessToken
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.request import Request

from kohtaanto.integrations import services
from kohtaanto.integrations.models import ApiToken, Credential, OAuthClient

CHALLENGE = 'Bearer realm="api"'


class InvalidToken(exceptions.APIException):
    """401 whatever the order of the authentication classes (DRF would turn an
    `AuthenticationFailed` into a 403 when the first class is the session's)."""

    status_code = 401
    default_detail = _("The access token is not valid: it is unknown, expired or revoked.")
    default_code = "invalid_token"
    auth_header = CHALLENGE


def bearer(request: Request) -> str | None:
    parts = get_authorization_header(request).split()
    if not parts or parts[0].lower() != b"bearer":
        return None
    if len(parts) != 2:
        raise InvalidToken()
    try:
        return parts[1].decode("ascii")
    except UnicodeDecodeError:
        raise InvalidToken() from None


def _accept(credential: Credential) -> tuple[Any, Credential]:
    if credential.revoked_at is not None or not credential.user.is_active:
        raise InvalidToken()
    services.note_use(credential)
    return credential.user, credential


class ApiTokenAuthentication(BaseAuthentication):
    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        text = bearer(request)
        if text is None or not text.startswith(services.TOKEN_PREFIX):
            return None
        token = (
            ApiToken.objects.select_related("user", "organisation")
            .filter(token_hash=services.hash_token(text))
            .first()
        )
        if token is None or token.is_expired():
            raise InvalidToken()
        return _accept(token)

    def authenticate_header(self, request: Request) -> str:
        return CHALLENGE


class OAuthAuthentication(OAuth2Authentication):  # type: ignore[misc]
    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        text = bearer(request)
        if text is None or text.startswith(services.TOKEN_PREFIX):
            return None
        access = (
            AccessToken.objects.select_related("application")
            .filter(token_checksum=hashlib.sha256(text.encode("utf-8")).hexdigest())
            .first()
        )
        if access is None or access.expires <= timezone.now() or access.application is None:
            raise InvalidToken()
        client = (
            OAuthClient.objects.select_related("user", "organisation")
            .filter(application=access.application)
            .first()
        )
        if client is None:
            raise InvalidToken()
        user, credential = _accept(client)
        credential.granted = set(access.scope.split())  # type: ignore[attr-defined]
        return user, credential

    def authenticate_header(self, request: Request) -> str:
        return CHALLENGE

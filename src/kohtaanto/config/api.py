"""Settings of the REST API's integrations (imported at the end of settings.py; decision 013).

OAuth 2.0 (django-oauth-toolkit): client credentials only, scopes `read` and `write`, access
tokens for an hour, stored only as a hash (RFC 9700). `API_MAX_BODY_BYTES`: the largest API
request body (413 above it).
"""

from __future__ import annotations

from kohtaanto.config.env import env_int

OAUTH2_PROVIDER = {
    "SCOPES": {"read": "Read", "write": "Write"},
    "DEFAULT_SCOPES": ["read"],
    "ACCESS_TOKEN_EXPIRE_SECONDS": env_int("KOHTAANTO_OAUTH_TOKEN_SECONDS", 3600, minimum=60),
    "OAUTH2_VALIDATOR_CLASS": "kohtaanto.api.oauth.Validator",
    "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,
    # RFC 9700 (OAuth 2.0 security best current practice): only client credentials are used,
    # but every other flow is held to the BCP too, so `check --deploy` has nothing to warn of.
    "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PASSWORD_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PKCE_METHOD": True,
    "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT": True,
    "COMPLIANT_BCP_RFC9700_AUTHZ_RESPONSE_ISS": True,
    "COMPLIANT_BCP_RFC9700_REFRESH_TOKEN": True,
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_SCHEME": True,
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https"],
}
API_MAX_BODY_BYTES = env_int("KOHTAANTO_API_MAX_BODY_BYTES", 1024 * 1024, minimum=1024)
# django-oauth-toolkit's models are swappable; the migrations need the setting by name.
OAUTH2_PROVIDER_APPLICATION_MODEL = "oauth2_provider.Application"

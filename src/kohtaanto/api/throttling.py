"""Request limits of the API (DRF throttling), read from the settings on every request:

- `API_RATE_USER` (`KOHTAANTO_API_RATE`, 600/minute in production): per logged-in user and
  per integration credential (an API token or an OAuth client acts as its own service account,
  so each credential has its own limit);
- `API_RATE_ANONYMOUS` (`KOHTAANTO_API_ANONYMOUS_RATE`, 60/minute in production): per address
  for requests without credentials (the schema; every other endpoint answers 401 first).

An empty value turns a limit off (the default outside production). Over a limit: 429
problem+json with `Retry-After` (`kohtaanto.api.problems`). The counts are kept in the
`api_throttle` cache, shared by every server process on the machine; an anonymous caller's
address is kept only as a keyed hash (no address in the cache), for at most the limit's period.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.utils.crypto import salted_hmac
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

THROTTLE_CACHE = "api_throttle"


class _FromSettings:
    """The limit named by `setting`, the cache `api_throttle`, addresses hashed."""

    setting = ""
    cache: BaseCache

    def __init__(self) -> None:
        self.cache = caches[THROTTLE_CACHE]  # per request: the cache of the current settings
        super().__init__()

    def get_rate(self) -> str | None:
        return str(getattr(settings, self.setting, "") or "") or None

    def get_ident(self, request: Any) -> str:
        address = super().get_ident(request)  # type: ignore[misc]
        return salted_hmac("kohtaanto.api.throttle", str(address)).hexdigest()[:32]


class UserThrottle(_FromSettings, UserRateThrottle):
    """Per user or integration credential (anonymous callers: per hashed address)."""

    setting = "API_RATE_USER"


class AnonymousThrottle(_FromSettings, AnonRateThrottle):
    """Per hashed address, for requests without credentials only."""

    setting = "API_RATE_ANONYMOUS"

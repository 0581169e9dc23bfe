"""Size limit of API request bodies (`API_MAX_BODY_BYTES`, default 1 MiB): over it, 413."""

from __future__ import annotations

from django.conf import settings

DEFAULT_MAX_BODY_BYTES = 1024 * 1024


def max_body_bytes() -> int:
    return int(getattr(settings, "API_MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES))

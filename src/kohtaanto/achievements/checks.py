"""System check of the badge key-encryption key (registered in `AchievementsConfig.ready`):
in production a missing KEK is an error at start-up (`manage.py check`, `migrate`, the web
server), not a failure at the first badge; a KEK that is not base64 of 32 bytes is an error
everywhere. The check never shows the KEK itself."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.core.exceptions import ImproperlyConfigured


@register(Tags.security)
def check_badge_kek(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    if not settings.BADGE_KEK and settings.BADGE_KEK_GENERATED_FILE is None:
        return [
            Error(
                "KOHTAANTO_BADGE_KEK is not set: Open Badges cannot seal or open signing keys.",
                hint="Set KOHTAANTO_BADGE_KEK or KOHTAANTO_BADGE_KEK_FILE; "
                "`manage.py badge_keys --new-kek` prints a new key.",
                id="kohtaanto.E101",
            )
        ]
    if settings.BADGE_KEK or settings.BADGE_OLD_KEKS:
        from kohtaanto.achievements.keys import keks

        try:
            keks()
        except ImproperlyConfigured as error:
            return [Error(str(error), id="kohtaanto.E102")]
    return []

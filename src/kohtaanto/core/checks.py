"""System checks for the deployment (registered in `CoreConfig.ready`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.core.checks import Error, Tags, register
from django.db import DatabaseError

from kohtaanto.core.validators import DEMO_PASSWORD

DEMO_USERNAMES = (
    "coordinator",
    "coach",
    "coach2",
    "participant",
    "mentor",
    "employer",
    "workplace-mentor",
)


def demo_accounts_with_demo_password() -> list[str]:
    """Usernames of active demo persona accounts whose password is still the demo password."""
    from kohtaanto.core.models import User

    found = []
    for username, encoded in User.objects.filter(
        username__in=DEMO_USERNAMES, is_active=True
    ).values_list("username", "password"):
        # The raw hasher check: User.check_password refuses the demo password outside demo.
        if check_password(DEMO_PASSWORD, encoded):
            found.append(username)
    return sorted(found)


@register(Tags.security)
def check_demo_passwords(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    if getattr(settings, "DEMO", False):
        return []
    try:
        usernames = demo_accounts_with_demo_password()
    except DatabaseError:
        return []  # no tables yet (before migrate) or no database: nothing to check
    if not usernames:
        return []
    return [
        Error(
            "Demo accounts still have the published demo password while KOHTAANTO_DEMO is off: "
            + ", ".join(usernames),
            hint="Change or deactivate these accounts, or set KOHTAANTO_DEMO=1 on a demo site.",
            id="kohtaanto.E001",
        )
    ]

"""System checks for the deployment (registered in `CoreConfig.ready`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.core.checks import Error, Tags, register
from django.db import DatabaseError

from kohtaanto.core.validators import DEMO_PASSWORD

# Every account the demo loaders (`make demo`) create with the demo password: the personas
# (scripts/print-demo-logins.sh), the 30 volunteers `vapaaehtoinen-NN`, and anyone whose
# address is in the demo domain (every loader gives its accounts one). A test runs the whole
# demo chain and fails when a loader makes an account with the demo password this misses.
DEMO_USERNAMES = (
    "coordinator",
    "analyst",
    "coach",
    "coach2",
    "participant",
    "mentor",
    "tukiluuri",
    "employer",
    "employer2",
    "employer3",
    "workplace-mentor",
)
DEMO_USERNAME_PREFIXES = ("vapaaehtoinen-",)
DEMO_EMAIL_DOMAIN = "demo.kohtaanto.invalid"
SHOWN = 12  # usernames named in the error; the rest are counted


def demo_accounts() -> Any:
    """Active accounts the demo loaders create (a queryset of users)."""
    from django.db.models import Q

    from kohtaanto.core.models import User

    condition = Q(username__in=DEMO_USERNAMES) | Q(email__iendswith=f"@{DEMO_EMAIL_DOMAIN}")
    for prefix in DEMO_USERNAME_PREFIXES:
        condition |= Q(username__startswith=prefix)
    return User.objects.filter(condition, is_active=True)


def demo_accounts_with_demo_password() -> list[str]:
    """Usernames of active demo accounts whose password is still the demo password."""
    found = []
    for username, encoded in demo_accounts().values_list("username", "password"):
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
            + ", ".join(usernames[:SHOWN])
            + (f" and {len(usernames) - SHOWN} more" if len(usernames) > SHOWN else ""),
            hint="Change or deactivate these accounts, or set KOHTAANTO_DEMO=1 on a demo site.",
            id="kohtaanto.E001",
        )
    ]

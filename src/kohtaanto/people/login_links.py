"""Passwordless login: a one-time link by e-mail, where the organisation allows it.

Only participants of the organisations listed in `settings.KOHTAANTO_PASSWORDLESS_ORGANISATIONS`
can get one. A link works once, for `LINK_MINUTES` minutes; a newer link replaces the older
ones. Only the token's keyed hash is stored. Asking for a link never tells whether an account
exists. Logging in with a link is audited like any login (`core.signals`).
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext

from kohtaanto.core.logs import log_after_commit
from kohtaanto.core.models import User
from kohtaanto.people.models import LoginLink, Participant

logger = logging.getLogger(__name__)

LINK_MINUTES = 15
_HMAC_SALT = "kohtaanto.people.login_links"


def _hash(token: str) -> str:
    return salted_hmac(_HMAC_SALT, token, algorithm="sha256").hexdigest()


def passwordless_organisation_ids() -> list[int]:
    return list(getattr(settings, "KOHTAANTO_PASSWORDLESS_ORGANISATIONS", []) or [])


def is_enabled() -> bool:
    return bool(passwordless_organisation_ids())


def _eligible(email: str) -> User | None:
    allowed = passwordless_organisation_ids()
    if not allowed or "@" not in email:
        return None
    record = (
        Participant.objects.select_related("user")
        .filter(user__email__iexact=email.strip(), user__is_active=True)
        .filter(organisation_id__in=allowed)
        .first()
    )
    return record.user if record is not None else None


def send_login_link(email: str, *, link_for: Callable[[str], str]) -> None:
    """E-mail a one-time login link if `email` belongs to a participant who may use one.
    Quiet otherwise (and when the mail cannot be sent): the page says the same either way."""
    user = _eligible(email)
    if user is None:
        return
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    try:
        with transaction.atomic():
            LoginLink.objects.filter(user=user, used_at=None, expires__gt=now).update(expires=now)
            link = LoginLink.objects.create(
                user=user,
                token_hash=_hash(token),
                created=now,
                expires=now + timedelta(minutes=LINK_MINUTES),
            )
            with translation.override(user.preferred_language or "fi"):
                subject = gettext("Your login link to Kohtaanto")
                body = "\n\n".join(
                    [
                        gettext("Open this link to log in to Kohtaanto:"),
                        link_for(token),
                        gettext(
                            "The link works once and for %(minutes)d minutes. "
                            "If you did not ask for it, you can ignore this message."
                        )
                        % {"minutes": LINK_MINUTES},
                    ]
                )
            send_mail(str(subject), body, None, [user.email], fail_silently=False)
    except Exception as exc:  # nothing recorded; the person can ask again
        logger.warning("login link not sent: %s", type(exc).__name__)
        return
    log_after_commit(logger, "login link created id=%s user=%s", link.pk, user.pk)


def find_usable(token: str) -> LoginLink | None:
    """The link if it can still be used now (unused, not expired, the user still eligible)."""
    if not token or len(token) > 128:
        return None
    link = LoginLink.objects.select_related("user").filter(token_hash=_hash(token)).first()
    if link is None or link.used_at is not None or link.expires <= timezone.now():
        return None
    if _eligible(link.user.email) != link.user:
        return None
    return link


def use_login_link(token: str) -> User | None:
    """Consume the link and return its user, or None when it does not work."""
    with transaction.atomic():
        link = find_usable(token)
        if link is None:
            return None
        link = LoginLink.objects.select_for_update().select_related("user").get(pk=link.pk)
        if link.used_at is not None:
            return None
        link.used_at = timezone.now()
        link.save(update_fields=["used_at"])  # the login itself is audited by core.signals
    log_after_commit(logger, "login link used id=%s user=%s", link.pk, link.user.pk)
    return link.user

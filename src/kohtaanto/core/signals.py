"""Audit logins and logouts (no personal data: the actor id and username only); a changed
membership makes the memberships kept for a request stale (`core.access`)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from kohtaanto.core.access import forget_memberships
from kohtaanto.core.audit import log_event
from kohtaanto.core.enums import AuditAction
from kohtaanto.core.models import Membership


@receiver(user_logged_in, dispatch_uid="kohtaanto_audit_login")
def audit_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    log_event(user, AuditAction.LOGIN, None)


@receiver(user_logged_out, dispatch_uid="kohtaanto_audit_logout")
def audit_logout(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        log_event(user, AuditAction.LOGOUT, None)


@receiver(post_save, sender=Membership, dispatch_uid="kohtaanto_membership_saved")
@receiver(post_delete, sender=Membership, dispatch_uid="kohtaanto_membership_deleted")
def membership_changed(sender: Any, **kwargs: Any) -> None:
    forget_memberships()

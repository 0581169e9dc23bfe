"""Audit logins and logouts (no personal data: the actor id and username only)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver

from kohtaanto.core.audit import log_event
from kohtaanto.core.enums import AuditAction


@receiver(user_logged_in, dispatch_uid="kohtaanto_audit_login")
def audit_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    log_event(user, AuditAction.LOGIN, None)


@receiver(user_logged_out, dispatch_uid="kohtaanto_audit_logout")
def audit_logout(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        log_event(user, AuditAction.LOGOUT, None)

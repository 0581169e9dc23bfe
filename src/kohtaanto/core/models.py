"""Core models: users, organisations, memberships (roles) and the audit log."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kohtaanto.core.enums import AuditAction, Language, OrganisationKind, Role
from kohtaanto.core.validators import (
    DEMO_PASSWORD,
    demo_password_allowed,
    validate_business_id,
    validate_municipality_code,
)


class User(AbstractUser):
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=Language.choices, default=Language.FINNISH
    )

    def check_password(self, raw_password: str | None) -> bool:
        # The published demo password never logs anyone in outside demo mode.
        if raw_password == DEMO_PASSWORD and not demo_password_allowed():
            return False
        return super().check_password(raw_password)

    async def acheck_password(self, raw_password: str | None) -> bool:
        if raw_password == DEMO_PASSWORD and not demo_password_allowed():
            return False
        return await super().acheck_password(raw_password)


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("kind"),
        max_length=32,
        choices=OrganisationKind.choices,
        default=OrganisationKind.SERVICE_PROVIDER,
    )
    business_id = models.CharField(
        _("business id"),
        max_length=9,
        blank=True,
        validators=[validate_business_id],
        help_text=_("Finnish business id (Y-tunnus), for example 1234567-1."),
    )
    municipality_code = models.CharField(
        _("municipality code"),
        max_length=3,
        blank=True,
        validators=[validate_municipality_code],
        help_text=_("Statistics Finland three-digit code, for example 091 for Helsinki."),
    )
    created = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ("name", "id")

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    created = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ("organisation_id", "user_id", "role")
        constraints = [
            models.UniqueConstraint(
                fields=("user", "organisation", "role"), name="core_membership_unique_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} / {self.get_role_display()}"


class AppendOnlyError(RuntimeError):
    """An attempt to change or delete a row of an append-only log."""


class AppendOnlyQuerySet(models.QuerySet[Any]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError(f"{self.model._meta.label} is append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError(f"{self.model._meta.label} is append-only.")


class AppendOnlyModel(models.Model):
    """Rows are only ever inserted. (Foreign keys may still be nulled when users are erased.)"""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError(f"{self._meta.label} is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError(f"{self._meta.label} is append-only.")


class AuditEvent(AppendOnlyModel):
    """Who did what to which object. Ids only, never names or other personal data."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    actor_username = models.CharField(_("actor username"), max_length=150, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    action = models.CharField(_("action"), max_length=32, choices=AuditAction.choices)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    # A plain id, not a foreign key: the trail outlives an erased participant record.
    participant_id = models.BigIntegerField(_("participant id"), null=True, blank=True)
    timestamp = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    # A list read (`AuditAction.LIST`): {"filters": {name: value}, "count": n}. Never names:
    # free-text searches are stored as "*" (see `core.audit.log_list_read`).
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ("-timestamp", "-id")
        indexes = [
            models.Index(fields=("organisation", "-timestamp"), name="core_audit_org_time"),
            models.Index(fields=("participant_id", "-timestamp"), name="core_audit_part_time"),
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.object_type}:{self.object_id}"

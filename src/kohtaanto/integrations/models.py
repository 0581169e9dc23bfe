"""Credentials of integrations: API tokens and OAuth 2.0 clients (decision 013).

Each credential acts through its own *service account*: a `core.User` without a usable
password whose only membership is one role (coordinator or analyst) in the credential's
organisation. The access helpers the pages use therefore apply unchanged: an integration
sees exactly what a member with that role in that organisation would see, and the audit
trail names the integration's account. Revoking a credential deactivates its account.

Tokens are stored only as a SHA-256 hash; the visible `prefix` (the first 12 characters,
e.g. `kht_AbC123xy`) identifies a token in lists and on the command line.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kohtaanto.core.models import Organisation


class Scope(models.TextChoices):
    READ = "read", _("Read")
    WRITE = "write", _("Write")


class IntegrationRole(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator: the organisation's records")
    ANALYST = "analyst", _("Analyst: aggregate reports only")


class Credential(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    name = models.CharField(_("name"), max_length=100)
    scopes = models.CharField(_("scopes"), max_length=50, help_text=_("read, write"))
    role = models.CharField(_("role"), max_length=20, choices=IntegrationRole.choices)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("service account"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def scope_set(self) -> set[str]:
        return set(self.scopes.split())

    @property
    def integration_organisation(self) -> Organisation:
        return self.organisation


class ApiToken(Credential):
    prefix = models.CharField(_("prefix"), max_length=12, unique=True)
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return self.prefix

    def is_expired(self, now: datetime | None = None) -> bool:
        return self.expires_at is not None and self.expires_at <= (now or timezone.now())


class OAuthClient(Credential):
    """An OAuth 2.0 client-credentials application (django-oauth-toolkit) of an organisation."""

    application = models.OneToOneField(
        "oauth2_provider.Application",
        on_delete=models.PROTECT,
        related_name="kohtaanto_client",
        verbose_name=_("application"),
    )

    class Meta:
        verbose_name = _("OAuth client")
        verbose_name_plural = _("OAuth clients")
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return self.name

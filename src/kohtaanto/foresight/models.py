"""A stored foresight build: the aggregation's result for an organisation or the whole country.

Pages, the API and the CLI read the latest finished build; nothing is computed on a request.
`result` holds the rows of `kohtaanto.matching.foresight.ForesightResult.data` (exact counts;
small supply counts are suppressed when read, `selectors`), `checksum` their sha256.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kohtaanto.core.models import Organisation


class Scope(models.TextChoices):
    ORGANISATION = "organisation", _("Organisation")
    NATIONAL = "national", _("Whole country")


class BuildStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Running")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class Engine(models.TextChoices):
    LOCAL = "local", _("One process")
    DASK = "dask", _("Dask cluster")


class ForesightBuild(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    scope = models.CharField(_("scope"), max_length=16, choices=Scope.choices)
    status = models.CharField(
        _("status"), max_length=8, choices=BuildStatus.choices, default=BuildStatus.QUEUED
    )
    engine = models.CharField(
        _("engine"), max_length=8, choices=Engine.choices, default=Engine.LOCAL
    )
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    result = models.JSONField(_("result"), null=True, blank=True)
    checksum = models.CharField(_("checksum"), max_length=64, blank=True)
    items = models.PositiveIntegerField(_("demand items"), default=0)
    people = models.PositiveIntegerField(_("people counted"), default=0)
    done = models.PositiveIntegerField(_("parts done"), default=0)
    total = models.PositiveIntegerField(_("parts"), default=0)
    error = models.CharField(_("error"), max_length=120, blank=True)
    task_id = models.CharField(_("task"), max_length=64, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    created = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    built_at = models.DateTimeField(_("built"), null=True, blank=True)
    duration_seconds = models.FloatField(_("duration (s)"), null=True, blank=True)

    class Meta:
        verbose_name = _("foresight build")
        verbose_name_plural = _("foresight builds")
        ordering = ("-created", "-id")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(scope="national", organisation__isnull=True)
                | models.Q(scope="organisation", organisation__isnull=False),
                name="foresight_build_scope",
            )
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.status} {self.created:%Y-%m-%d %H:%M}"

    @property
    def percent(self) -> int:
        return min(100, int(100 * self.done / self.total)) if self.total else 0

    @property
    def finished(self) -> bool:
        return self.status in {BuildStatus.DONE, BuildStatus.FAILED}

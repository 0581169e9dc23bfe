"""The personal-data lifecycle: erasures done, what legal holds keep, retention settings per
organisation and the reports of the retention runs. No model here points at a participant:
an erased participant is named by their former id only (like the audit log)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kohtaanto.core.models import Organisation


class ErasureReason(models.TextChoices):
    """Why a participant's data is erased (GDPR Article 17(1)); no free text, so no
    personal data in the record of the erasure."""

    REQUEST = "request", _("The person asked for it and the data is no longer needed")
    CONSENT_WITHDRAWN = "consent_withdrawn", _("The person withdrew their consent")
    OBJECTION = "objection", _("The person objected to the processing")
    UNLAWFUL = "unlawful", _("The data was processed unlawfully")
    RETENTION = "retention", _("The retention period ended")


class Erasure(models.Model):
    """The record that a participant was erased: ids and counts only."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    participant_ref = models.BigIntegerField(_("former participant number"), db_index=True)
    reason = models.CharField(_("reason"), max_length=32, choices=ErasureReason.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("erased by"),
    )
    at = models.DateTimeField(_("erased"), default=timezone.now)
    removed = models.JSONField(_("rows removed"), default=dict)
    """Model label → rows removed."""
    held = models.JSONField(_("kept by legal holds"), default=list)
    """One {"hold", "until", "rows"} per hold that applied (rows: model label → count)."""

    class Meta:
        verbose_name = _("erasure")
        verbose_name_plural = _("erasures")
        ordering = ("-at", "-id")

    def __str__(self) -> str:
        return f"erasure {self.pk}"


class HeldRecord(models.Model):
    """What a legal hold keeps of an erased participant (a funded project's participant
    record for the funder's audit), with the hold, its reason (from the hold's id) and the
    day it ends. Readable by the organisation's coordinators only (audited); removed by the
    retention task on `until`."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    erasure = models.ForeignKey(
        Erasure,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="held_records",
        verbose_name=_("erasure"),
    )
    hold = models.CharField(_("legal hold"), max_length=32)
    project = models.ForeignKey(
        "insights.Project",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("project"),
    )
    until = models.DateField(_("kept until"))
    data = models.JSONField(_("kept data"), default=dict)
    created = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("held record")
        verbose_name_plural = _("held records")
        ordering = ("until", "id")

    def __str__(self) -> str:
        return f"held record {self.pk} ({self.hold})"


class RetentionOverride(models.Model):
    """An organisation's own length for a retention rule (in the rule's unit)."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="retention_overrides",
        verbose_name=_("organisation"),
    )
    rule = models.CharField(_("rule"), max_length=40)
    value = models.PositiveIntegerField(_("length"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    updated = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("retention setting")
        verbose_name_plural = _("retention settings")
        ordering = ("organisation", "rule")
        constraints = [
            models.UniqueConstraint(fields=("organisation", "rule"), name="privacy_override_unique")
        ]

    def __str__(self) -> str:
        return f"{self.rule}={self.value}"


class RetentionRun(models.Model):
    """One run of the retention rules (the scheduled task, the CLI or a dry run)."""

    started = models.DateTimeField(_("started"), default=timezone.now)
    finished = models.DateTimeField(_("finished"), null=True, blank=True)
    dry_run = models.BooleanField(_("dry run"), default=False)
    trigger = models.CharField(_("started from"), max_length=16)
    """"task", "cli" or "page"."""
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )

    class Meta:
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")
        ordering = ("-started", "-id")

    def __str__(self) -> str:
        return f"retention run {self.pk}"


class RetentionCount(models.Model):
    """How many things one rule removed (or would remove, in a dry run) in one
    organisation (None: rows of no organisation). Counts only, no personal data."""

    run = models.ForeignKey(RetentionRun, on_delete=models.CASCADE, related_name="counts")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    rule = models.CharField(_("rule"), max_length=40)
    count = models.PositiveIntegerField(_("removed"))

    class Meta:
        verbose_name = _("retention count")
        verbose_name_plural = _("retention counts")
        ordering = ("run", "rule", "id")

    def __str__(self) -> str:
        return f"{self.rule}: {self.count}"

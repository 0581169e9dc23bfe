"""Projects (a funded project and the participants enrolled in it) and the export jobs of
the outcome and ESF+ reports. The figures themselves are not stored: they are computed from
the journey records (`kohtaanto.insights.selectors`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kohtaanto.core.models import Organisation
from kohtaanto.people.models import Participant


class Project(models.Model):
    """A funded project of an organisation (say an ESF+ project), for reports per project
    or per funder."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="projects",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("project name"), max_length=200)
    code = models.CharField(
        _("project code"),
        max_length=64,
        blank=True,
        help_text=_("The funder's code for the project, if it has one."),
    )
    funder = models.CharField(_("funder"), max_length=200, blank=True)
    starts = models.DateField(_("project starts"))
    ends = models.DateField(_("project ends"), null=True, blank=True)
    created = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ("organisation", "name", "id")

    def __str__(self) -> str:
        return self.name


class ProjectEnrolment(models.Model):
    """A participant counted in a project's reports."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="enrolments", verbose_name=_("project")
    )
    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        related_name="project_enrolments",
        verbose_name=_("participant"),
    )
    entered = models.DateField(_("entered the project"))
    left = models.DateField(_("left the project"), null=True, blank=True)

    class Meta:
        verbose_name = _("project enrolment")
        verbose_name_plural = _("project enrolments")
        constraints = [
            models.UniqueConstraint(
                fields=("project", "participant"), name="insights_enrolment_unique"
            )
        ]

    def __str__(self) -> str:
        return f"enrolment {self.pk}"


class ExportKind(models.TextChoices):
    CSV = "csv", _("CSV file")
    XLSX = "xlsx", _("Excel workbook")
    PDF = "pdf", _("Funder report (PDF)")
    MONITORING = "monitoring", _("Monitoring system file")


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Being made")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class ReportExport(models.Model):
    """One export of a report, made in the background. The file lives under
    DATA_DIR/exports/ with a random token name, never personal data; `error` is a code."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="report_exports",
        verbose_name=_("organisation"),
    )
    project = models.ForeignKey(
        Project,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="exports",
        verbose_name=_("project"),
    )
    kind = models.CharField(_("file type"), max_length=16, choices=ExportKind.choices)
    report = models.CharField(_("report"), max_length=32)
    """"outcomes" or "esf"."""
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    language = models.CharField(_("language"), max_length=2)
    suppressed = models.BooleanField(_("small numbers hidden"), default=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    file_name = models.CharField(_("file name"), max_length=100, blank=True)
    error = models.CharField(_("error"), max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created = models.DateTimeField(_("created"), default=timezone.now)
    finished = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("report export")
        verbose_name_plural = _("report exports")
        ordering = ("-created", "-id")

    def __str__(self) -> str:
        return f"export {self.pk} ({self.kind})"

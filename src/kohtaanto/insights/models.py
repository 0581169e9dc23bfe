"""Projects (a funded project and the participants enrolled in it) and the export jobs of
the outcome and ESF+ reports. The figures themselves are not stored: they are computed from
the journey records (`kohtaanto.insights.selectors`)."""

from __future__ import annotations

import secrets

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


def _pseudonym() -> str:
    return secrets.token_hex(16)


class PseudonymisedRecord(models.Model):
    """What the outcome and ESF+ figures need of a participant whose record was erased, so
    that a report's figures stay the same afterwards. No name, contact details, birth date,
    municipality or participant id: a random pseudonym (`secrets`, not derived from any id),
    dates, bands and codes. Written only by `insights.pseudonymised.keep` just before the
    erasure (`kohtaanto.privacy`), read by the selectors beside the live records, removed by
    the retention rule "pseudonymised_statistics"."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    pseudonym = models.CharField(_("pseudonym"), max_length=32, unique=True, default=_pseudonym)
    kept_on = models.DateField(_("kept on"), default=timezone.localdate)
    service_start = models.DateField(_("service start"), null=True, blank=True)
    """The intake's service start (None when there was no intake)."""
    created_day = models.DateField(_("record created"))
    """The local day the participant record was made (the start when there was no intake)."""
    region_code = models.CharField(_("region"), max_length=8, blank=True)
    coaches = models.JSONField(_("coaches"), default=list, blank=True)
    """User ids of the coaches (the breakdown by coach), never names."""
    groups = models.JSONField(_("peer groups"), default=list, blank=True)
    outcome_type = models.CharField(_("continuation path"), max_length=40, blank=True)
    ended = models.DateField(_("end date"), null=True, blank=True)
    recorded_day = models.DateField(_("path recorded"), null=True, blank=True)
    qualification_gained = models.BooleanField(_("gained a qualification"), default=False)
    follow_up_due = models.DateField(_("follow-up due"), null=True, blank=True)
    follow_up_result = models.CharField(_("follow-up result"), max_length=32, blank=True)
    esf_entry_date = models.DateField(_("ESF+ entry date"), null=True, blank=True)
    labour_market_status = models.CharField(_("labour-market status"), max_length=32, blank=True)
    isced_level = models.PositiveSmallIntegerField(_("ISCED level"), null=True, blank=True)
    age_band = models.CharField(_("age band"), max_length=16, blank=True)
    gender_category = models.CharField(_("gender for reporting"), max_length=16, blank=True)
    special_consent = models.BooleanField(_("special categories consent"), default=False)
    """Whether the special-categories consent was given; without it disability and minority
    are stored as None."""
    disability = models.BooleanField(null=True, blank=True)
    minority = models.BooleanField(null=True, blank=True)
    third_country_national = models.BooleanField(null=True, blank=True)
    foreign_background = models.BooleanField(null=True, blank=True)
    homeless = models.BooleanField(null=True, blank=True)
    rural_area = models.BooleanField(null=True, blank=True)

    class Meta:
        verbose_name = _("pseudonymised statistics record")
        verbose_name_plural = _("pseudonymised statistics records")
        ordering = ("id",)

    def __str__(self) -> str:
        return f"pseudonymised record {self.pk}"


class PseudonymisedEnrolment(models.Model):
    """A project enrolment of an erased participant, for reports per project or funder."""

    record = models.ForeignKey(
        PseudonymisedRecord, on_delete=models.CASCADE, related_name="enrolments"
    )
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    entered = models.DateField(_("entered the project"))
    left = models.DateField(_("left the project"), null=True, blank=True)

    class Meta:
        verbose_name = _("pseudonymised enrolment")
        verbose_name_plural = _("pseudonymised enrolments")
        ordering = ("id",)

    def __str__(self) -> str:
        return f"pseudonymised enrolment {self.pk}"

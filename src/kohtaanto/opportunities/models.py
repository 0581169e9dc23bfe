"""Employers' profiles, opportunities with their confirmed skills, courses and import runs.

Written only by `services.py`; read through `access.py` / `selectors.py`. The fields map 1:1 to
`kohtaanto.matching.model.Opportunity` and `Course` (see the app README).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kohtaanto.core.enums import Language, OrganisationKind
from kohtaanto.core.models import Organisation
from kohtaanto.core.validators import validate_municipality_code
from kohtaanto.opportunities.enums import (
    CourseFormat,
    CourseSkillFramework,
    OpportunityKind,
    OpportunityStatus,
    Remote,
    SkillImportance,
    SkillSource,
)
from kohtaanto.opportunities.validators import validate_languages, validate_physical_demands


class EmployerProfile(models.Model):
    """What an employer organisation needs beyond `core.Organisation` (which holds the name,
    Y-tunnus and municipality code)."""

    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.CASCADE,
        related_name="employer_profile",
        limit_choices_to={"kind": OrganisationKind.EMPLOYER},
        verbose_name=_("employer"),
    )
    industry = models.CharField(_("industry"), max_length=200, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    service_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partner_employers",
        limit_choices_to={"kind": OrganisationKind.SERVICE_PROVIDER},
        verbose_name=_("service organisation"),
        help_text=_("The service organisation that works with this employer."),
    )
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("employer profile")
        verbose_name_plural = _("employer profiles")
        ordering = ("organisation__name", "id")

    def __str__(self) -> str:
        return str(self.organisation)


class Opportunity(models.Model):
    """A job, work trial, education trial, SME development need or volunteering task.

    `organisation` is the service organisation that manages the listing (its coaches and
    coordinators see it); `employer` the employer organisation offering it (its contacts see
    and edit it)."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="managed_opportunities",
        verbose_name=_("service organisation"),
    )
    employer = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opportunities",
        limit_choices_to={"kind": OrganisationKind.EMPLOYER},
        verbose_name=_("employer"),
    )
    kind = models.CharField(
        _("type"), max_length=20, choices=OpportunityKind.choices, default=OpportunityKind.JOB
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=OpportunityStatus.choices,
        default=OpportunityStatus.DRAFT,
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    description_language = models.CharField(
        _("language of the description"),
        max_length=2,
        choices=Language.choices,
        default=Language.FINNISH,
    )
    occupation_uri = models.CharField(_("occupation"), max_length=255, blank=True)
    municipality_code = models.CharField(
        _("municipality"),
        max_length=3,
        blank=True,
        validators=[validate_municipality_code],
    )
    region_code = models.CharField(_("region"), max_length=2, blank=True, editable=False)
    """Derived from the municipality by the services (Statistics Finland region code)."""
    remote = models.CharField(
        _("remote work"), max_length=10, choices=Remote.choices, default=Remote.NONE
    )
    languages = models.JSONField(
        _("languages"), default=dict, blank=True, validators=[validate_languages]
    )
    """ISO 639-1 code → CEFR level ("A1" … "C2", "native"), e.g. {"fi": "B1"}."""
    hours_per_week = models.DecimalField(
        _("hours per week"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    physical_demands = models.JSONField(
        _("physical demands"), default=list, blank=True, validators=[validate_physical_demands]
    )
    """Ids of `PhysicalDemand` (the same ids the matching rules use)."""
    accessibility = models.TextField(_("accessibility"), blank=True)
    external_id = models.CharField(_("external id"), max_length=200, blank=True)
    source = models.CharField(_("source"), max_length=32, blank=True)
    """Where an imported opportunity came from (with `external_id`, the re-import key)."""
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated = models.DateTimeField(_("updated"), auto_now=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    skills_suggested_at = models.DateTimeField(
        _("skills suggested"), null=True, blank=True, editable=False
    )
    """When skills were recognised in the background (after an import) and stored as
    suggestions awaiting review (`OpportunitySkill.pending`)."""
    skills_reviewed_at = models.DateTimeField(
        _("skills reviewed"), null=True, blank=True, editable=False
    )
    """When a person last saved the skill choices (null = never reviewed)."""

    class Meta:
        verbose_name = _("opportunity")
        verbose_name_plural = _("opportunities")
        ordering = ("-created", "-id")
        constraints = [
            models.UniqueConstraint(
                fields=("organisation", "source", "external_id"),
                condition=~Q(external_id=""),
                name="opportunities_unique_external_id",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="opportunities_end_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=("organisation", "status"), name="opportunities_org_status"),
            models.Index(fields=("employer", "status"), name="opportunities_emp_status"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def skills_awaiting_review(self) -> bool:
        """Skills recognised in the background wait for a person's review (they are used in
        matching meanwhile, and the pages say so). No query: read from the two timestamps."""
        suggested, reviewed = self.skills_suggested_at, self.skills_reviewed_at
        return suggested is not None and (reviewed is None or reviewed < suggested)

    def required_skill_uris(self) -> frozenset[str]:
        return frozenset(
            s.uri for s in self.skills.all() if s.importance == SkillImportance.REQUIRED
        )

    def nice_to_have_skill_uris(self) -> frozenset[str]:
        return frozenset(
            s.uri for s in self.skills.all() if s.importance == SkillImportance.NICE_TO_HAVE
        )


class OpportunitySkill(models.Model):
    """A skill decision for an opportunity: required, nice to have, or ignored (so that the same
    suggestion is not offered again). Matching uses only required and nice-to-have rows."""

    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="skills", verbose_name=_("opportunity")
    )
    uri = models.CharField(_("concept URI"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, blank=True)
    label = models.CharField(_("label"), max_length=255, blank=True)
    importance = models.CharField(_("importance"), max_length=16, choices=SkillImportance.choices)
    source = models.CharField(
        _("source"), max_length=16, choices=SkillSource.choices, default=SkillSource.MANUAL
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), default=timezone.now)
    pending = models.BooleanField(_("awaiting review"), default=False)
    """Recognised in the background and not yet decided by a person: `importance` is what the
    ad's words suggest (`cue`), or nice to have when they say nothing."""
    cue = models.CharField(_("words of the ad"), max_length=80, blank=True)
    """The words of the text that suggested the importance ("on eduksi"), or ""."""

    class Meta:
        verbose_name = _("opportunity skill")
        verbose_name_plural = _("opportunity skills")
        ordering = ("opportunity_id", "importance", "label", "id")
        constraints = [
            models.UniqueConstraint(
                fields=("opportunity", "uri"), name="opportunities_skill_unique_uri"
            )
        ]

    def __str__(self) -> str:
        return self.label or self.uri


class Course(models.Model):
    """A course or learning material. `organisation` None = the shared catalogue everyone sees."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="courses",
        verbose_name=_("organisation"),
    )
    title = models.CharField(_("title"), max_length=200)
    provider = models.CharField(_("provider"), max_length=200, blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    description = models.TextField(_("description"), blank=True)
    language = models.CharField(_("language"), max_length=8, default="fi")
    hours = models.DecimalField(
        _("duration (hours)"),
        max_digits=6,
        decimal_places=1,
        default=0,
        validators=[MinValueValidator(0)],
    )
    cost_eur = models.DecimalField(
        _("cost (EUR)"),
        max_digits=8,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    format = models.CharField(
        _("format"), max_length=12, choices=CourseFormat.choices, default=CourseFormat.ONLINE
    )
    open_material = models.BooleanField(_("open material"), default=False)
    external_id = models.CharField(_("external id"), max_length=200, blank=True)
    source = models.CharField(_("source"), max_length=32, blank=True)
    created = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ("title", "id")
        constraints = [
            models.UniqueConstraint(
                fields=("organisation", "external_id"),
                condition=~Q(external_id=""),
                name="opportunities_course_unique_external_id",
            )
        ]

    def __str__(self) -> str:
        return self.title


class CourseSkill(models.Model):
    """An ESCO skill or DigComp competence a course teaches."""

    course = models.ForeignKey(
        Course, on_delete=models.CASCADE, related_name="skills", verbose_name=_("course")
    )
    uri = models.CharField(_("concept URI"), max_length=255)
    framework = models.CharField(
        _("framework"),
        max_length=10,
        choices=CourseSkillFramework.choices,
        default=CourseSkillFramework.ESCO,
    )
    label = models.CharField(_("label"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("course skill")
        verbose_name_plural = _("course skills")
        ordering = ("course_id", "framework", "label", "id")
        constraints = [
            models.UniqueConstraint(fields=("course", "uri"), name="opportunities_course_skill")
        ]

    def __str__(self) -> str:
        return self.label or self.uri


class ImportRun(models.Model):
    """One import (counts only; never the file's content)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    target = models.CharField(_("what"), max_length=16)  # "opportunities" | "courses"
    format = models.CharField(_("format"), max_length=10)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    created_count = models.PositiveIntegerField(_("created"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    error_count = models.PositiveIntegerField(_("errors"), default=0)
    at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        verbose_name = _("import run")
        verbose_name_plural = _("import runs")
        ordering = ("-at", "-id")

    def __str__(self) -> str:
        return f"{self.target} {self.format} {self.at:%Y-%m-%d %H:%M}"


def _job_token() -> str:
    import secrets

    return secrets.token_urlsafe(24)


class ImportJob(models.Model):
    """A big file's check or import run by the background worker (`tasks.py`).

    The durable state of the run: what to do (kind, organisation, `meta`: target, format and
    column mapping), who asked for it, its progress, its outcome and its report. Never the
    file's content and never personal data: `error` is a code turned into a plain message on the
    page, `error_class` the name of the exception's class (for the operator); a cell's content
    never reaches this row, except in `report` (the reasons of the rows with errors, as the
    coordinator sees them), which is emptied after `tasks.KEEP_SECONDS`.
    """

    class Kind(models.TextChoices):
        CHECK = "check", _("check")
        IMPORT = "import", _("import")
        SKILLS = "skills", _("skill recognition")

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    token = models.CharField(max_length=40, primary_key=True, default=_job_token, editable=False)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    meta = models.JSONField(default=dict)
    valid_only = models.BooleanField(default=True)
    language = models.CharField(max_length=8, default="fi")
    upload = models.CharField(max_length=64, blank=True)
    """The uploaded file's name in `DATA_DIR/imports/` ("" once it is removed)."""
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    total = models.PositiveIntegerField(_("rows"), default=0)
    done = models.PositiveIntegerField(_("rows done"), default=0)
    error = models.CharField(_("error"), max_length=20, blank=True)
    error_class = models.CharField(_("error class"), max_length=120, blank=True)
    report = models.JSONField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=1)
    task_id = models.CharField(_("task"), max_length=64, blank=True)
    worker = models.CharField(_("worker"), max_length=120, blank=True)
    created = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("background import")
        verbose_name_plural = _("background imports")
        ordering = ("-created",)
        indexes = [models.Index(fields=["status", "created"], name="importjob_status_idx")]

    def __str__(self) -> str:
        return f"{self.kind} {self.status} {self.created:%Y-%m-%d %H:%M}"

    @property
    def percent(self) -> int:
        return min(100, int(100 * self.done / self.total)) if self.total else 0

    @property
    def finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED}

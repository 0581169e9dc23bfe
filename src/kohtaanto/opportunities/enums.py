"""Choices of opportunities and courses. Values are stable ids; the `kind`, `remote` and
`physical_demands` values are the same strings as `kohtaanto.matching.model` uses."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class OpportunityKind(models.TextChoices):
    JOB = "job", _("Job")
    WORK_TRIAL = "work_trial", _("Work trial")
    EDUCATION_TRIAL = "education_trial", _("Education trial")
    SME_NEED = "sme_need", _("SME development need")
    VOLUNTEERING = "volunteering", _("Volunteering")


class OpportunityStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Remote(models.TextChoices):
    NONE = "none", _("On site")
    HYBRID = "hybrid", _("Hybrid")
    REMOTE = "remote", _("Remote")


class SkillImportance(models.TextChoices):
    REQUIRED = "required", _("Required")
    NICE_TO_HAVE = "nice_to_have", _("Nice to have")
    IGNORED = "ignored", _("Ignore")


class SkillSource(models.TextChoices):
    RECOGNISED = "recognised", _("Recognised from the description")
    MANUAL = "manual", _("Added by hand")
    IMPORTED = "imported", _("Imported")


class PhysicalDemand(models.TextChoices):
    """The ids the matching rules know (`filter.constraint` in scoring-v1 and v2)."""

    HEAVY_LIFTING = "heavy_lifting", _("Heavy lifting")
    STANDING = "standing", _("Standing")
    STANDING_LONG = "standing_long", _("Standing for long periods")
    NIGHT_SHIFTS = "night_shifts", _("Night shifts")
    DRIVING = "driving", _("Driving")
    OUTDOOR_WORK = "outdoor_work", _("Outdoor work")


class CourseFormat(models.TextChoices):
    ONLINE = "online", _("Online")
    CLASSROOM = "classroom", _("Classroom")
    SELF_STUDY = "self_study", _("Self-study")


class CourseSkillFramework(models.TextChoices):
    ESCO = "esco", _("ESCO skill")
    DIGCOMP = "digcomp", _("DigComp competence")


class ImportSource(models.TextChoices):
    MANUAL = "", _("Entered by hand")
    JSONLD = "jsonld", _("JobPosting JSON-LD")
    CSV = "csv", _("CSV file")
    DEMO = "demo", _("Demo data")


#: ISO 639-1 codes offered in forms (others are accepted from imports).
LANGUAGE_CODES = ("fi", "sv", "en", "ru", "et", "ar", "so", "uk", "de", "fr", "es")
#: CEFR levels, then "native" (the same tuple as `kohtaanto.matching.model.LANGUAGE_LEVELS`).
LANGUAGE_LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2", "native")

"""Choices of the participant journey (catalogues with ids in data files are in `rules.py`)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SessionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class TaskAssignee(models.TextChoices):
    PARTICIPANT = "participant", _("Participant")
    COACH = "coach", _("Coach")
    TOGETHER = "together", _("Together")


class DocumentFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "DOCX"


class FollowUpResult(models.TextChoices):
    EMPLOYED = "employed", _("In employment")
    IMPROVED = "improved", _("In a better situation")
    NOT_IMPROVED = "not_improved", _("Not in a better situation")
    NOT_REACHED = "not_reached", _("Could not be reached")

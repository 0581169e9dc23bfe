"""Choices of the qualifications app."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class MappingStatus(models.TextChoices):
    """Where an ESCO skill stands for a skill requirement: offered by recognition, confirmed
    or rejected by a coach or coordinator."""

    SUGGESTED = "suggested", _("Suggested")
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Rejected")

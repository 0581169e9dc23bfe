"""Choices of company visits, future-skill interviews, demand signals and interventions."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeHorizon(models.TextChoices):
    """When the company expects to need the skill."""

    NOW = "now", _("Now")
    ONE_TO_TWO = "1_2_years", _("In 1–2 years")
    THREE_TO_FIVE = "3_5_years", _("In 3–5 years")
    LONGER = "longer", _("Later than in 5 years")


class Certainty(models.TextChoices):
    """How sure the company was."""

    SURE = "sure", _("Sure")
    LIKELY = "likely", _("Likely")
    GUESS = "guess", _("A guess")


class SignalStatus(models.TextChoices):
    SUGGESTED = "suggested", _("Suggested")
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Rejected")


class SignalKind(models.TextChoices):
    SKILL = "skill", _("Skill")
    OCCUPATION = "occupation", _("Occupation")


class EventKind(models.TextChoices):
    """What triggered a regional intervention."""

    CHANGE_NEGOTIATIONS = "change_negotiations", _("Change negotiations")
    LAYOFF = "layoff", _("Layoff")
    CLOSURE = "closure", _("Closure")

"""Choices of the skills profile."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemStatus(models.TextChoices):
    SUGGESTED = "suggested", _("Suggested")
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Rejected")


class ItemSource(models.TextChoices):
    RECOGNISED = "recognised", _("Recognised from the story")
    MANUAL = "manual", _("Added by hand")
    INFERRED = "inferred", _("Inferred from an occupation")
    EDITED = "edited", _("Chosen instead of a suggestion")
    WORK_TRIAL = "work_trial", _("Shown in a work trial")
    BADGE = "badge", _("Shown with a badge")


class ProfileGroup(models.TextChoices):
    """How a person sees their skills (profile page sections)."""

    WORK = "work", _("Work skills")
    KNOWLEDGE = "knowledge", _("Knowledge")
    HOBBY = "hobby", _("Skills from hobbies and volunteering")
    DIGITAL = "digital", _("Digital skills")
    LANGUAGE = "language", _("Languages")
    OCCUPATION = "occupation", _("Occupations")


class ChangeKind(models.TextChoices):
    """What a participant suggests about their own profile ("Suggest a change")."""

    REMOVE = "remove", _("Remove a skill")
    RENAME = "rename", _("Change to another skill")
    ADD = "add", _("Add a skill")


class ChangeStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the coach")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Not accepted")

"""Choices of the achievements (Open Badges 3.0) app."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AchievementKind(models.TextChoices):
    DIGITAL_SKILLS = "digital_skills", _("Digital skills (DigComp 2.2)")
    COURSE = "course", _("Course")
    WORK_TRIAL = "work_trial", _("Competence shown in a work trial")
    GROUP = "group", _("Taking part in a group")
    MENTORING = "mentoring", _("Mentoring programme")
    VOLUNTEER_TRAINING = "volunteer_training", _("Volunteer training")


ACHIEVEMENT_TYPE = {
    AchievementKind.DIGITAL_SKILLS: "Competency",
    AchievementKind.COURSE: "Course",
    AchievementKind.WORK_TRIAL: "Competency",
    AchievementKind.GROUP: "CoCurricular",
    AchievementKind.MENTORING: "LearningProgram",
    AchievementKind.VOLUNTEER_TRAINING: "Certificate",
}
"""The OB 3.0 `achievementType` of each kind."""


class RecipientChoice(models.TextChoices):
    EMAIL_HASH = "email_hash", _("E-mail address, hashed with salt")
    DID = "did", _("A DID the person gives")


class CredentialState(models.TextChoices):
    QUEUED = "queued", _("Being signed")
    ISSUED = "issued", _("Issued")
    FAILED = "failed", _("Not issued")


class FailureReason(models.TextChoices):
    """Why a badge was left unsigned ("not issued"); shown to the coach on the badges page."""

    NO_CONSENT = (
        "no_consent",
        _(
            "Not issued: the person withdrew their consent to processing their data for the "
            "service before the badge was signed."
        ),
    )
    SIGNING_ERROR = (
        "signing_error",
        _(
            "Not issued: signing the badge failed. Issue it again; if that fails too, tell the "
            "administrator."
        ),
    )


class EvidenceSource(models.TextChoices):
    DIGCOMP = "digcomp", _("DigComp self-assessment")
    TRIAL = "trial", _("Work trial competence certificate")
    GROUP = "group", _("Group attendance")
    COURSE = "course", _("Finished course")
    VOLUNTEER_TRAINING = "volunteer_training", _("Volunteer training record")

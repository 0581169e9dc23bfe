"""Choices for participants and their consents."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ParticipantStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")
    ENDED = "ended", _("Ended")


class ConsentPurpose(models.TextChoices):
    SERVICE_PROCESSING = "service_processing", _("Processing my data to provide the service")
    MATCHING = "matching", _("Matching me with jobs, trials, courses and mentors")
    SHARE_PROFILE_WITH_EMPLOYERS = (
        "share_profile_with_employers",
        _("Showing my profile to employers"),
    )
    FOLLOW_UP_CONTACT = "follow_up_contact", _("Contacting me after the service ends")
    ANONYMISED_STATISTICS = "anonymised_statistics", _("Using my data in anonymised statistics")
    SPECIAL_CATEGORIES = "special_categories", _("Processing special categories of data")
    RESTRICTED_HEALTH_CONSTRAINTS = (
        "restricted_health_constraints",
        _("Recording health-related limits on work"),
    )


class ConsentEventKind(models.TextChoices):
    GIVEN = "given", _("Given")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ConsentChannel(models.TextChoices):
    """How a consent decision reached us."""

    PAPER = "paper", _("On a paper form")
    ORAL = "oral", _("Orally")
    ONLINE = "online", _("Online by the person")


class InvitationChannel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("Text message")
    LETTER = "letter", _("Printed letter")

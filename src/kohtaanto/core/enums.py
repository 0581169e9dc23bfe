"""Choices shared across Kohtaanto: roles, organisation kinds, languages, audit actions."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    FINNISH = "fi", _("Finnish")
    SWEDISH = "sv", _("Swedish")
    ENGLISH = "en", _("English")


class OrganisationKind(models.TextChoices):
    SERVICE_PROVIDER = "service_provider", _("Service provider")
    EMPLOYER = "employer", _("Employer")


class Role(models.TextChoices):
    PARTICIPANT = "participant", _("Participant")
    COACH = "coach", _("Coach")
    MENTOR = "mentor", _("Peer mentor")
    EMPLOYER_CONTACT = "employer_contact", _("Employer contact")
    WORKPLACE_MENTOR = "workplace_mentor", _("Workplace mentor")
    COORDINATOR = "coordinator", _("Coordinator")
    ANALYST = "analyst", _("Analyst")


class AuditAction(models.TextChoices):
    VIEW = "view", _("Viewed")
    CREATE = "create", _("Created")
    CHANGE = "change", _("Changed")
    DELETE = "delete", _("Deleted")
    EXPORT = "export", _("Exported")
    LOGIN = "login", _("Logged in")
    LOGOUT = "logout", _("Logged out")
    CONSENT_GIVEN = "consent_given", _("Consent given")
    CONSENT_WITHDRAWN = "consent_withdrawn", _("Consent withdrawn")
    LIST = "list", _("Listed")

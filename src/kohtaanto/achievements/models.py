"""Open Badges 3.0 on the Django side: achievements (badge classes) with immutable versions,
issued credentials, each organisation's signing keys (sealed at rest) and its status list.

The private key exists in the database only as `IssuerKey.sealed_key`, AES-256-GCM under the
KEK from the environment (`achievements.keys`); no admin, export, `repr` or log shows it.
"""

from __future__ import annotations

import secrets
import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kohtaanto.achievements.enums import (
    AchievementKind,
    CredentialState,
    EvidenceSource,
    FailureReason,
    RecipientChoice,
)
from kohtaanto.core.models import Organisation
from kohtaanto.mentoring.models import VolunteerProfile
from kohtaanto.opportunities.models import Course
from kohtaanto.people.models import Participant


class ImmutableError(RuntimeError):
    """An achievement version or a sealed key is never changed once written."""


class Issuer(models.Model):
    """How an organisation appears as an issuer: its own domain, when it has one (then its
    issuer is `did:web:<domain>`, the document served at https://<domain>/.well-known/did.json
    by this site), else `did:key` of its current key."""

    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.CASCADE,
        related_name="badge_issuer",
        verbose_name=_("organisation"),
    )
    domain = models.CharField(
        _("domain"),
        max_length=253,
        null=True,
        blank=True,
        unique=True,
        help_text=_("The organisation's own domain that points to this service, for did:web."),
    )
    url = models.URLField(_("web address"), blank=True)

    class Meta:
        verbose_name = _("badge issuer")
        verbose_name_plural = _("badge issuers")

    def __str__(self) -> str:
        return str(self.organisation)


class Achievement(models.Model):
    """A badge class of an organisation; what it says lives in its versions."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="achievements",
        verbose_name=_("organisation"),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=AchievementKind.choices)
    active = models.BooleanField(_("in use"), default=True)
    created = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("achievement")
        verbose_name_plural = _("achievements")
        ordering = ("organisation_id", "id")

    def __str__(self) -> str:
        current = self.current_version
        return current.name_fi if current else f"achievement {self.pk}"

    @property
    def current_version(self) -> AchievementVersion | None:
        return self.versions.order_by("-number").first()


class AchievementVersion(models.Model):
    """One immutable version of an achievement: its URL is the OB `Achievement.id`. A changed
    text or alignment makes a new version; issued credentials keep the one they name."""

    achievement = models.ForeignKey(Achievement, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    name_fi = models.CharField(_("name (Finnish)"), max_length=200)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description_fi = models.TextField(_("description (Finnish)"))
    description_sv = models.TextField(_("description (Swedish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    criteria_fi = models.TextField(_("criteria (Finnish)"))
    criteria_sv = models.TextField(_("criteria (Swedish)"), blank=True)
    criteria_en = models.TextField(_("criteria (English)"), blank=True)
    image_url = models.URLField(_("image address"), blank=True)
    digcomp_competence = models.CharField(_("DigComp competence"), max_length=4, blank=True)
    digcomp_level = models.PositiveSmallIntegerField(
        _("DigComp proficiency level"), null=True, blank=True
    )
    esco_skills = models.JSONField(_("ESCO skills"), default=list, blank=True)
    """[{"uri": ESCO concept URI, "label": preferred label}]"""
    qualification_units = models.JSONField(_("qualification units"), default=list, blank=True)
    """[{"unit": name or code of the unit, "requirements": text}]"""
    created = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("achievement version")
        verbose_name_plural = _("achievement versions")
        ordering = ("achievement_id", "number")
        constraints = [
            models.UniqueConstraint(
                fields=("achievement", "number"), name="achievements_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name_fi} v{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ImmutableError("an achievement version is never changed: make a new one")
        super().save(*args, **kwargs)

    def text(self, field: str, language: str) -> str:
        """name/description/criteria in `language`, Finnish when that one is empty."""
        value: str = getattr(self, f"{field}_{language}", "") or ""
        return value or str(getattr(self, f"{field}_fi"))

    CONTENT_FIELDS = (
        "name_fi",
        "name_sv",
        "name_en",
        "description_fi",
        "description_sv",
        "description_en",
        "criteria_fi",
        "criteria_sv",
        "criteria_en",
        "image_url",
        "digcomp_competence",
        "digcomp_level",
        "esco_skills",
        "qualification_units",
    )


class IssuerKey(models.Model):
    """An organisation's Ed25519 signing key. `sealed_key` is the private key encrypted with
    the KEK (never shown anywhere); the public key is published in the did:web document
    until the key is marked compromised."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="badge_keys"
    )
    fragment = models.CharField(max_length=64)
    public_key_multibase = models.CharField(max_length=64)
    sealed_key = models.TextField(editable=False)
    created = models.DateTimeField(default=timezone.now, editable=False)
    retired_at = models.DateTimeField(null=True, blank=True)
    compromised = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("signing key")
        verbose_name_plural = _("signing keys")
        ordering = ("organisation_id", "created", "id")
        constraints = [
            models.UniqueConstraint(
                fields=("organisation", "fragment"), name="achievements_key_fragment_unique"
            )
        ]

    def __str__(self) -> str:
        return f"key {self.fragment}"

    def __repr__(self) -> str:  # never the sealed text
        return f"<IssuerKey {self.pk} {self.fragment}>"


class StatusList(models.Model):
    """An organisation's Bitstring Status List (revocation): the bits, and the signed list
    credential as last published (re-signed when `changed` is after `signed_at`)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="badge_status_lists"
    )
    issuer_did = models.CharField(max_length=500)
    """The DID that signs this list: the organisation's did:web, or the did:key of the key
    its credentials were signed with (a rotated did:key keeps its own list)."""
    bits = models.BinaryField()
    used = models.PositiveIntegerField(default=0)
    changed = models.DateTimeField(default=timezone.now)
    signed = models.JSONField(null=True, blank=True, editable=False)
    signed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("status list")
        verbose_name_plural = _("status lists")
        constraints = [
            models.UniqueConstraint(
                fields=("organisation", "issuer_did"), name="achievements_status_list_unique"
            )
        ]

    def __str__(self) -> str:
        return f"status list {self.organisation_id}"


class CourseCompletion(models.Model):
    """A participant finished a course (a listing of `opportunities.Course`): recorded by a
    coach or coordinator who may edit the case file, with the day and an optional note. The
    evidence of a course badge (`EvidenceSource.COURSE`). Kept in this app, like `Issuer`, so
    that the opportunities app (courses are its external listings) needs no migration."""

    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        related_name="course_completions",
        verbose_name=_("participant"),
    )
    course = models.ForeignKey(
        Course,
        on_delete=models.PROTECT,
        related_name="completions",
        verbose_name=_("course"),
    )
    completed_on = models.DateField(_("completed on"), default=timezone.localdate)
    note = models.TextField(_("note"), blank=True, max_length=500)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("course completion")
        verbose_name_plural = _("course completions")
        ordering = ("participant_id", "-completed_on", "-id")
        constraints = [
            models.UniqueConstraint(
                fields=("participant", "course"), name="achievements_course_completion_unique"
            )
        ]

    def __str__(self) -> str:
        return f"course completion {self.pk}"


def _token() -> str:
    return secrets.token_urlsafe(24)


class IssuedCredential(models.Model):
    """A credential issued to a participant; `credential` is the JSON as signed."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="issued_badges"
    )
    version = models.ForeignKey(
        AchievementVersion, on_delete=models.PROTECT, related_name="credentials"
    )
    participant = models.ForeignKey(
        Participant, on_delete=models.PROTECT, related_name="badges", null=True, blank=True
    )
    volunteer = models.ForeignKey(
        VolunteerProfile,
        on_delete=models.PROTECT,
        related_name="badges",
        null=True,
        blank=True,
    )
    """A volunteer's badge (their training) has a volunteer instead of a participant."""
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    share_token = models.CharField(max_length=64, default=_token, unique=True, editable=False)
    state = models.CharField(
        _("state"), max_length=16, choices=CredentialState.choices, default=CredentialState.QUEUED
    )
    failure_reason = models.CharField(
        _("why not issued"), max_length=16, choices=FailureReason.choices, blank=True
    )
    source = models.CharField(_("shown in"), max_length=32, choices=EvidenceSource.choices)
    source_id = models.BigIntegerField(null=True, blank=True)
    recipient_choice = models.CharField(
        _("identifier"), max_length=16, choices=RecipientChoice.choices, blank=True
    )
    recipient_did = models.CharField(max_length=500, blank=True)
    salt = models.CharField(max_length=64, blank=True)
    identity_hash = models.CharField(max_length=80, blank=True)
    credential = models.JSONField(null=True, blank=True, editable=False)
    status_list = models.ForeignKey(
        StatusList, on_delete=models.PROTECT, null=True, blank=True, related_name="credentials"
    )
    status_index = models.PositiveIntegerField(null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    hidden = models.BooleanField(_("hidden from the shared link"), default=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_reason = models.TextField(_("reason for revoking"), blank=True)

    class Meta:
        verbose_name = _("issued badge")
        verbose_name_plural = _("issued badges")
        ordering = ("-issued_at", "-id")
        constraints = [
            models.UniqueConstraint(
                fields=("status_list", "status_index"), name="achievements_status_index_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(participant__isnull=False, volunteer__isnull=True)
                | models.Q(participant__isnull=True, volunteer__isnull=False),
                name="achievements_credential_one_recipient",
            ),
        ]

    def __str__(self) -> str:
        return f"badge {self.pk}"

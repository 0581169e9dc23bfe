"""Participants and their consent history."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kohtaanto.core.enums import Language
from kohtaanto.core.models import AppendOnlyModel, Organisation
from kohtaanto.people.enums import (
    ConsentChannel,
    ConsentEventKind,
    ConsentPurpose,
    InvitationChannel,
    ParticipantStatus,
)


class Participant(models.Model):
    """A person served by an organisation. The record belongs to the organisation."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="participants",
        verbose_name=_("organisation"),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participant_record",
        verbose_name=_("user account"),
    )
    first_name = models.CharField(_("first name"), max_length=150)
    last_name = models.CharField(_("last name"), max_length=150)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    preferred_language = models.CharField(
        _("preferred service language"),
        max_length=2,
        choices=Language.choices,
        default=Language.FINNISH,
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ParticipantStatus.choices,
        default=ParticipantStatus.ACTIVE,
    )
    coaches = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="coached_participants",
        verbose_name=_("coaches"),
    )
    created = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ("last_name", "first_name", "id")

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class ConsentEvent(AppendOnlyModel):
    """One consent given or withdrawn. The current state is the latest event per purpose."""

    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        related_name="consent_events",
        verbose_name=_("participant"),
    )
    purpose = models.CharField(_("purpose"), max_length=40, choices=ConsentPurpose.choices)
    kind = models.CharField(_("event"), max_length=16, choices=ConsentEventKind.choices)
    at = models.DateTimeField(_("time"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    note = models.TextField(_("note"), blank=True, max_length=1000)
    channel = models.CharField(
        _("channel"), max_length=16, choices=ConsentChannel.choices, blank=True
    )
    form_version = models.CharField(_("consent form version"), max_length=32, blank=True)

    class Meta:
        verbose_name = _("consent event")
        verbose_name_plural = _("consent events")
        ordering = ("participant_id", "purpose", "at", "id")
        indexes = [
            models.Index(fields=("participant", "purpose", "at"), name="people_consent_latest"),
        ]

    def __str__(self) -> str:
        return f"{self.purpose}: {self.kind}"


class Invitation(models.Model):
    """An invitation to create an account (or link an existing one) for a participant.

    Only hashes of the link's token and of the printed letter's short code are stored; the
    plain values exist once, in the message or on the letter. An invitation works once, until
    `expires`, and only while it is the participant's latest (sending a new one revokes it).
    """

    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("participant"),
    )
    channel = models.CharField(_("channel"), max_length=16, choices=InvitationChannel.choices)
    token_hash = models.CharField(_("link hash"), max_length=64, unique=True, editable=False)
    code_hash = models.CharField(
        _("code hash"), max_length=64, blank=True, db_index=True, editable=False
    )
    created = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    expires = models.DateTimeField(_("expires"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    used_at = models.DateTimeField(_("used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("replaced"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ("participant_id", "-created", "-id")

    def __str__(self) -> str:
        return f"invitation {self.pk}"


class LoginLink(models.Model):
    """A one-time login link sent by e-mail (only for participants of organisations that allow
    logging in without a password). Only the token's hash is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("user"),
    )
    token_hash = models.CharField(_("link hash"), max_length=64, unique=True, editable=False)
    created = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    expires = models.DateTimeField(_("expires"))
    used_at = models.DateTimeField(_("used"), null=True, blank=True)

    class Meta:
        verbose_name = _("login link")
        verbose_name_plural = _("login links")
        ordering = ("-created", "-id")

    def __str__(self) -> str:
        return f"login link {self.pk}"


class ReminderOptOut(models.Model):
    """A person's choice not to get reminders (of group sessions, support-line shifts, …) by
    e-mail or by text message. One row per person: a user account, or the record of a
    participant who has no account (a participant with an account chooses through it).
    No row means both channels are on."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reminder_opt_out",
        verbose_name=_("user account"),
    )
    participant = models.OneToOneField(
        Participant,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reminder_opt_out",
        verbose_name=_("participant"),
    )
    no_email = models.BooleanField(_("no reminders by e-mail"), default=False)
    no_sms = models.BooleanField(_("no reminders by text message"), default=False)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("reminder opt-out")
        verbose_name_plural = _("reminder opt-outs")
        ordering = ("id",)
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(user__isnull=False, participant__isnull=True)
                    | models.Q(user__isnull=True, participant__isnull=False)
                ),
                name="people_reminder_opt_out_one_person",
            )
        ]

    def __str__(self) -> str:
        return f"reminder opt-out {self.pk}"


class SentReminder(models.Model):
    """The log that a reminder was handled, keyed by the reminder's `key` (ids only, e.g.
    "session:12:user:5"), so that a second run sends nothing new. `channels` lists what went
    out ("email", "sms"; empty when the person opted out of both or has no address)."""

    key = models.CharField(_("key"), max_length=200, unique=True)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now, db_index=True)
    channels = models.CharField(_("channels"), max_length=32, blank=True)

    class Meta:
        verbose_name = _("sent reminder")
        verbose_name_plural = _("sent reminders")
        ordering = ("-sent_at", "-id")

    def __str__(self) -> str:
        return self.key

"""The support line (Tukiluuri): a phone line answered by trained volunteers for people who
lose their work, and for the staff of companies that dismiss people.

- `Line` belongs to one organisation; `LineVolunteer` makes a user (a peer mentor of that
  organisation) one of the line's volunteers.
- `Shift` and `ShiftSignup`: who answers when; a sign-up may be offered for a swap and taken
  over by another volunteer.
- `SupportContact` is **anonymous by design**: time, duration, channel, topic codes, region,
  caller group, referral codes, whether follow-up was asked, and the volunteer who logged it.
  No field can hold who called.
- `CallbackRequest` is kept apart: the phone number (and a first name, if given) of a caller
  who asked to be called back. It is deleted when the call back is done or after
  `CALLBACK_KEEP_DAYS`, and never read by statistics or exports.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kohtaanto.core.models import Organisation
from kohtaanto.supportline.enums import CallerGroup, ContactChannel, SignupStatus

CALLBACK_KEEP_DAYS = 14


class Line(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="support_lines",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=200)
    regions = models.JSONField(
        _("regions served"),
        default=list,
        blank=True,
        help_text=_("Region codes of Statistics Finland; empty for the whole of Finland."),
    )
    description = models.TextField(_("description"), blank=True, max_length=4000)
    created = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("support line")
        verbose_name_plural = _("support lines")
        ordering = ("name", "id")

    def __str__(self) -> str:
        return self.name


class LineVolunteer(models.Model):
    line = models.ForeignKey(
        Line, on_delete=models.CASCADE, related_name="volunteers", verbose_name=_("support line")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="support_line_roles",
        verbose_name=_("volunteer"),
    )
    trained_on = models.DateField(_("trained on"), null=True, blank=True)
    phone = models.CharField(
        _("phone for reminders"),
        max_length=32,
        blank=True,
        help_text=_("Shift reminders are sent here as text messages (optional)."),
    )
    active = models.BooleanField(_("active"), default=True)
    created = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("support-line volunteer")
        verbose_name_plural = _("support-line volunteers")
        ordering = ("line_id", "id")
        constraints = [
            models.UniqueConstraint(fields=("line", "user"), name="supportline_volunteer_once")
        ]

    def __str__(self) -> str:
        return f"volunteer {self.pk}"


class Shift(models.Model):
    line = models.ForeignKey(
        Line, on_delete=models.CASCADE, related_name="shifts", verbose_name=_("support line")
    )
    starts = models.DateTimeField(_("starts"), db_index=True)
    ends = models.DateTimeField(_("ends"))
    needed = models.PositiveSmallIntegerField(_("volunteers needed"), default=2)
    region = models.CharField(
        _("region"), max_length=2, blank=True, help_text=_("Empty: the whole area of the line.")
    )
    remote = models.BooleanField(_("answered remotely"), default=True)
    created = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("shift")
        verbose_name_plural = _("shifts")
        ordering = ("starts", "id")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends__gt=models.F("starts")), name="supportline_shift_ends"
            )
        ]

    def __str__(self) -> str:
        return f"shift {self.pk}"


class ShiftSignup(models.Model):
    shift = models.ForeignKey(
        Shift, on_delete=models.CASCADE, related_name="signups", verbose_name=_("shift")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="shift_signups",
        verbose_name=_("volunteer"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=SignupStatus.choices, default=SignupStatus.SIGNED_UP
    )
    swapped_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("taken over by"),
    )
    created = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("shift sign-up")
        verbose_name_plural = _("shift sign-ups")
        ordering = ("shift_id", "created", "id")
        constraints = [
            models.UniqueConstraint(
                fields=("shift", "user"),
                condition=~Q(status="cancelled"),
                name="supportline_signup_once",
            )
        ]

    def __str__(self) -> str:
        return f"sign-up {self.pk}"


class SupportContact(models.Model):
    """One call, chat or e-mail answered. Anonymous by design: no field names the caller."""

    line = models.ForeignKey(
        Line, on_delete=models.PROTECT, related_name="contacts", verbose_name=_("support line")
    )
    started_at = models.DateTimeField(_("started"), db_index=True)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"))
    channel = models.CharField(_("channel"), max_length=16, choices=ContactChannel.choices)
    topics = models.JSONField(_("topics"), default=list)
    region = models.CharField(_("region"), max_length=2, blank=True)
    caller_group = models.CharField(
        _("caller group"), max_length=20, choices=CallerGroup.choices, blank=True
    )
    referred_to = models.JSONField(_("referred to"), default=list, blank=True)
    follow_up_requested = models.BooleanField(_("follow-up requested"), default=False)
    callback_done_at = models.DateTimeField(_("called back"), null=True, blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("logged by"),
    )
    created = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("support contact")
        verbose_name_plural = _("support contacts")
        ordering = ("-started_at", "-id")

    def __str__(self) -> str:
        return f"contact {self.pk}"


class CallbackRequest(models.Model):
    """A caller's wish to be called back: the only place a caller's number is kept, apart
    from the contact, deleted when done (`services.complete_callback`) or after
    `CALLBACK_KEEP_DAYS` (`services.delete_expired_callbacks`)."""

    contact = models.OneToOneField(
        SupportContact,
        on_delete=models.CASCADE,
        related_name="callback",
        verbose_name=_("contact"),
    )
    phone = models.CharField(_("phone"), max_length=32)
    name = models.CharField(_("name (optional)"), max_length=100, blank=True)
    created = models.DateTimeField(_("asked"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("call-back request")
        verbose_name_plural = _("call-back requests")
        ordering = ("created", "id")

    def __str__(self) -> str:
        return f"call-back {self.pk}"

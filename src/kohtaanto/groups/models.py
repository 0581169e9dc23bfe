"""Peer groups (Feeniks, Digiolkkari, Hyppyri): the group, its members and leaders, its
sessions, attendance, materials and interim tasks. A group belongs to one organisation; its
leaders are users (volunteer mentors, peer facilitators, coaches) and its members are
participants of that organisation."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kohtaanto.core.enums import Language
from kohtaanto.core.models import Organisation
from kohtaanto.groups.enums import AttendanceMark, GroupKind, MemberStatus
from kohtaanto.people.models import Participant


class Group(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="groups",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=32, choices=GroupKind.choices)
    description = models.TextField(_("description"), blank=True, max_length=4000)
    is_open = models.BooleanField(
        _("open group"),
        default=True,
        help_text=_(
            "Participants of the organisation can join an open group straight away. "
            "A closed group takes members by invitation."
        ),
    )
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.FINNISH
    )
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_link = models.URLField(_("online link"), blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    leaders = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="led_groups", blank=True, verbose_name=_("leaders")
    )
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    archived = models.BooleanField(_("archived"), default=False)
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
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        ordering = ("name", "id")

    def __str__(self) -> str:
        return self.name


class GroupMember(models.Model):
    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, related_name="members", verbose_name=_("group")
    )
    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        related_name="group_memberships",
        verbose_name=_("participant"),
    )
    status = models.CharField(_("status"), max_length=16, choices=MemberStatus.choices)
    since = models.DateTimeField(_("since"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )

    class Meta:
        verbose_name = _("group member")
        verbose_name_plural = _("group members")
        ordering = ("group_id", "since", "id")
        constraints = [
            models.UniqueConstraint(
                fields=("group", "participant"), name="groups_member_unique_participant"
            )
        ]

    def __str__(self) -> str:
        return f"member {self.pk}"


class GroupSession(models.Model):
    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("group")
    )
    starts = models.DateTimeField(_("starts"))
    ends = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_link = models.URLField(_("online link"), blank=True)
    topic = models.CharField(_("topic"), max_length=200, blank=True)
    series = models.CharField(
        _("recurring series"),
        max_length=32,
        blank=True,
        help_text=_("Sessions made together as one recurring series share this id."),
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ("starts", "id")
        indexes = [models.Index(fields=("group", "starts"), name="groups_session_group_starts")]

    def __str__(self) -> str:
        return f"session {self.pk}"

    @property
    def cancelled(self) -> bool:
        return self.cancelled_at is not None


class Attendance(models.Model):
    session = models.ForeignKey(
        GroupSession, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("session")
    )
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="+", verbose_name=_("participant")
    )
    mark = models.CharField(_("attendance"), max_length=16, choices=AttendanceMark.choices)
    marked_at = models.DateTimeField(_("marked"), default=timezone.now)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("marked by"),
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ("session_id", "participant_id")
        constraints = [
            models.UniqueConstraint(
                fields=("session", "participant"), name="groups_attendance_unique"
            )
        ]

    def __str__(self) -> str:
        return f"attendance {self.pk}"


class GroupMaterial(models.Model):
    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, related_name="materials", verbose_name=_("group")
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), blank=True, max_length=10000)
    link = models.URLField(_("link"), blank=True)
    added = models.DateTimeField(_("added"), default=timezone.now)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("added by"),
    )

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ("group_id", "-added", "id")

    def __str__(self) -> str:
        return self.title


class InterimTask(models.Model):
    """A task for the members between meetings (Hyppyri's välitehtävä)."""

    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("group")
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("instructions"), blank=True, max_length=4000)
    due = models.ForeignKey(
        GroupSession,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("to be done by the session"),
    )
    added = models.DateTimeField(_("added"), default=timezone.now)

    class Meta:
        verbose_name = _("interim task")
        verbose_name_plural = _("interim tasks")
        ordering = ("group_id", "-added", "id")

    def __str__(self) -> str:
        return self.title

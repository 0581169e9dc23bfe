"""The skills profile: one row per participant and concept, with its status and source."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kohtaanto.people.models import Participant
from kohtaanto.profiles.enums import (
    ChangeKind,
    ChangeStatus,
    ItemSource,
    ItemStatus,
    ProfileGroup,
)


class ProfileItem(models.Model):
    """A skill, knowledge, competence or occupation in a participant's profile.

    One row per (participant, concept URI), so a concept can never appear twice. A suggestion
    becomes `confirmed` or `rejected` by a person; recognition never changes either decision.
    """

    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        related_name="profile_items",
        verbose_name=_("participant"),
    )
    uri = models.CharField(_("concept URI"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20)
    group = models.CharField(_("group"), max_length=16, choices=ProfileGroup.choices)
    label = models.CharField(_("label"), max_length=255)
    """The preferred label when the item was stored, in the story's language."""
    status = models.CharField(
        _("status"), max_length=16, choices=ItemStatus.choices, default=ItemStatus.SUGGESTED
    )
    source = models.CharField(_("source"), max_length=16, choices=ItemSource.choices)
    score = models.FloatField(_("score"), default=0.0)
    evidence = models.JSONField(_("evidence"), default=list, blank=True)
    """[{start, end, text, matched}] spans of the story that gave rise to the suggestion."""
    in_latest_recognition = models.BooleanField(default=False)
    goal = models.BooleanField(_("something to learn"), default=False)
    replaces_uri = models.CharField(_("replaces concept"), max_length=255, blank=True)
    implied_by = models.CharField(max_length=255, blank=True)
    """For a skill suggested because a person confirmed an occupation: that occupation's URI.
    Such suggestions stay until decided, whatever the story says."""
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    created = models.DateTimeField(_("created"), default=timezone.now)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("profile item")
        verbose_name_plural = _("profile items")
        ordering = ("participant_id", "group", "label", "id")
        constraints = [
            models.UniqueConstraint(fields=("participant", "uri"), name="profiles_item_unique_uri"),
        ]
        indexes = [models.Index(fields=("participant", "status"), name="profiles_item_status")]

    def __str__(self) -> str:
        return self.label


class RecognitionRun(models.Model):
    """One recognition of a participant's story (no text stored: ids, counts, timing)."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="recognition_runs"
    )
    at = models.DateTimeField(default=timezone.now)
    language = models.CharField(max_length=2)
    story_sha256 = models.CharField(max_length=64)
    suggestions = models.PositiveIntegerField(default=0)
    new_suggestions = models.PositiveIntegerField(default=0)
    duration_ms = models.PositiveIntegerField(default=0)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ("-at", "-id")

    def __str__(self) -> str:
        return f"recognition {self.pk}"


class ChangeRequest(models.Model):
    """A change to the profile suggested by the participant, waiting for a coach's decision.

    `remove` and `rename` point at an item; `rename` and `add` carry the concept the person
    chose (`uri`, `label`). Accepting applies it with the profile services (so sources and
    dates stay as they are there); declining changes nothing in the profile.
    """

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="change_requests"
    )
    kind = models.CharField(_("change"), max_length=8, choices=ChangeKind.choices)
    item = models.ForeignKey(
        ProfileItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="change_requests",
    )
    item_label = models.CharField(max_length=255, blank=True)
    """The label of `item` when the change was suggested (kept if the item goes away)."""
    uri = models.CharField(_("concept URI"), max_length=255, blank=True)
    label = models.CharField(_("label"), max_length=255, blank=True)
    note = models.TextField(_("note"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ChangeStatus.choices, default=ChangeStatus.PENDING
    )
    created = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("suggested change")
        verbose_name_plural = _("suggested changes")
        ordering = ("participant_id", "-created", "-id")
        indexes = [
            models.Index(fields=("participant", "status"), name="profiles_change_status"),
        ]

    def __str__(self) -> str:
        return f"change {self.pk}"

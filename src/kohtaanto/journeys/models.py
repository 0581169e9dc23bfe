"""The participant journey: intake, restricted constraints, ESF+ entry data, plan, sessions,
tasks, DigComp self-assessments, CV drafts, outcomes and follow-ups.

Ids of catalogue entries (session type, outcome, labour-market status, …) are plain strings
checked by the services against `journeys.rules`, so a new entry in a data file needs no
migration.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kohtaanto.core.enums import Language
from kohtaanto.journeys.enums import FollowUpResult, SessionStatus, TaskAssignee
from kohtaanto.people.models import Participant

STORY_MAX_LENGTH = 20_000

_USER = settings.AUTH_USER_MODEL


class Intake(models.Model):
    """Alkukartoitus: the basic data and the story told at the start of the service."""

    participant = models.OneToOneField(
        Participant, on_delete=models.CASCADE, related_name="intake", verbose_name=_("participant")
    )
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    municipality_code = models.CharField(_("municipality"), max_length=3, blank=True)
    story = models.TextField(_("story"), blank=True, max_length=STORY_MAX_LENGTH)
    story_language = models.CharField(
        _("language of the story"), max_length=2, choices=Language.choices, default="fi"
    )
    story_updated = models.DateTimeField(_("story updated"), null=True, blank=True)
    service_start = models.DateField(_("service start"), default=timezone.localdate)
    created = models.DateTimeField(_("created"), default=timezone.now)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("intake")
        verbose_name_plural = _("intakes")

    def __str__(self) -> str:
        return f"intake {self.pk}"


class SpokenLanguage(models.Model):
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="spoken_languages"
    )
    language = models.CharField(_("language"), max_length=8)
    """ISO 639-1 code (fi, sv, ar, so, …)."""
    level = models.CharField(_("level"), max_length=8)
    """An id of `language_levels.json` (A1…C2, native)."""

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        ordering = ("participant_id", "id")
        constraints = [
            models.UniqueConstraint(
                fields=("participant", "language"), name="journeys_language_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.language} {self.level}"


class RestrictedConstraints(models.Model):
    """Health and other limits on work, and the alternative tasks agreed.

    RESTRICTED: only the participant and their own coaches read it (not coordinators), and
    only while the `restricted_health_constraints` consent is given.
    """

    participant = models.OneToOneField(
        Participant, on_delete=models.CASCADE, related_name="restricted_constraints"
    )
    constraints = models.TextField(_("limits on work"), blank=True, max_length=5000)
    alternative_tasks = models.TextField(_("alternative tasks"), blank=True, max_length=5000)
    codes = models.JSONField(_("limits for matching"), default=list, blank=True)
    """Structured limits ("no_heavy_lifting", …: the restriction codes of the matching rules,
    `journeys.services.limits.RESTRICTIONS`). Matching reads them only through
    `limits.restrictions_for_matching`, which checks the consent."""
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("restricted constraints")
        verbose_name_plural = _("restricted constraints")

    def __str__(self) -> str:
        return f"constraints {self.pk}"


class EsfEntryData(models.Model):
    """ESF+ data on entry, for the funder's reports only.

    NEVER an input of matching: no matching adapter imports this model (a test checks it).
    """

    participant = models.OneToOneField(Participant, on_delete=models.CASCADE, related_name="esf")
    entry_date = models.DateField(_("entry date"), default=timezone.localdate)
    labour_market_status = models.CharField(_("labour-market status"), max_length=32, blank=True)
    isced_level = models.PositiveSmallIntegerField(_("ISCED level"), null=True, blank=True)
    age_band = models.CharField(_("age band"), max_length=16, blank=True)
    gender_self_described = models.CharField(_("gender (own words)"), max_length=100, blank=True)
    gender_category = models.CharField(_("gender for reporting"), max_length=16, blank=True)
    disability = models.BooleanField(_("has a disability"), null=True, blank=True)
    minority = models.BooleanField(_("belongs to a minority"), null=True, blank=True)
    third_country_national = models.BooleanField(null=True, blank=True)
    foreign_background = models.BooleanField(null=True, blank=True)
    homeless = models.BooleanField(null=True, blank=True)
    rural_area = models.BooleanField(null=True, blank=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("ESF+ entry data")
        verbose_name_plural = _("ESF+ entry data")

    def __str__(self) -> str:
        return f"esf {self.pk}"


class Goal(models.Model):
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(_("goal"), max_length=300)
    due = models.DateField(_("due"), null=True, blank=True)
    done_at = models.DateTimeField(_("reached"), null=True, blank=True)
    position = models.PositiveIntegerField(default=0)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ("participant_id", "position", "id")

    def __str__(self) -> str:
        return self.title


class GoalStep(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="steps")
    text = models.CharField(_("step"), max_length=300)
    due = models.DateField(_("due"), null=True, blank=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        ordering = ("goal_id", "position", "id")

    def __str__(self) -> str:
        return self.text


class Session(models.Model):
    """A coaching session: planned (a future meeting) or held (the session log)."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="coaching_sessions"
    )
    kind = models.CharField(_("type"), max_length=16)
    """An id of `session_types.json`: individual, pair, group, remote, outreach."""
    status = models.CharField(
        _("status"), max_length=16, choices=SessionStatus.choices, default=SessionStatus.HELD
    )
    starts_at = models.DateTimeField(_("time"))
    duration_minutes = models.PositiveIntegerField(_("duration (minutes)"), default=60)
    done_together = models.TextField(_("what we did together"), blank=True, max_length=5000)
    next_steps = models.TextField(_("agreed next steps"), blank=True, max_length=3000)
    coaches: models.ManyToManyField[Any, Any] = models.ManyToManyField(
        _USER, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(
        _USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ("participant_id", "-starts_at", "-id")
        indexes = [
            models.Index(fields=("participant", "status", "starts_at"), name="journeys_session_idx")
        ]

    def __str__(self) -> str:
        return f"session {self.pk}"


class Task(models.Model):
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("task"), max_length=300)
    assignee = models.CharField(
        _("who does it"),
        max_length=16,
        choices=TaskAssignee.choices,
        default=TaskAssignee.PARTICIPANT,
    )
    due = models.DateField(_("due"), null=True, blank=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    goal = models.ForeignKey(Goal, on_delete=models.SET_NULL, null=True, blank=True)
    created_by = models.ForeignKey(
        _USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ("participant_id", "done_at", "due", "id")
        indexes = [models.Index(fields=("participant", "done_at"), name="journeys_task_open")]

    def __str__(self) -> str:
        return self.title


class DigCompAttempt(models.Model):
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="digcomp_attempts"
    )
    questions_version = models.CharField(max_length=40)
    started = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)
    with_coach = models.BooleanField(_("done together with the coach"), default=False)
    self_assessed = models.BooleanField(_("answered by the participant alone"), default=False)
    """Started and answered by the participant on their own pages ("my path")."""
    area_means = models.JSONField(default=dict, blank=True)
    """Area id → mean level (or null), stored when the attempt is completed."""

    class Meta:
        verbose_name = _("DigComp self-assessment")
        verbose_name_plural = _("DigComp self-assessments")
        ordering = ("participant_id", "started", "id")

    def __str__(self) -> str:
        return f"digcomp {self.pk}"


class DigCompAnswer(models.Model):
    attempt = models.ForeignKey(DigCompAttempt, on_delete=models.CASCADE, related_name="answers")
    competence = models.CharField(max_length=8)
    value = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ("attempt_id", "competence")
        constraints = [
            models.UniqueConstraint(
                fields=("attempt", "competence"), name="journeys_digcomp_answer_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.competence}={self.value}"


class CvDraft(models.Model):
    """The editable text of a CV in one language, prefilled from the confirmed profile."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="cv_drafts")
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    full_name = models.CharField(_("name"), max_length=300)
    contact = models.TextField(_("contact details"), blank=True, max_length=1000)
    headline = models.CharField(_("headline"), max_length=300, blank=True)
    summary = models.TextField(_("about me"), blank=True, max_length=3000)
    experience = models.TextField(_("work experience"), blank=True, max_length=8000)
    education = models.TextField(_("education"), blank=True, max_length=5000)
    skills = models.TextField(_("skills"), blank=True, max_length=5000)
    languages = models.TextField(_("languages"), blank=True, max_length=1000)
    other = models.TextField(_("hobbies and other"), blank=True, max_length=3000)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("CV draft")
        verbose_name_plural = _("CV drafts")
        constraints = [
            models.UniqueConstraint(fields=("participant", "language"), name="journeys_cv_lang")
        ]

    def __str__(self) -> str:
        return f"cv {self.pk} ({self.language})"


class Outcome(models.Model):
    """End of service and the continuation path (jatkopolku)."""

    participant = models.OneToOneField(
        Participant, on_delete=models.CASCADE, related_name="outcome"
    )
    outcome_type = models.CharField(_("continuation path"), max_length=40)
    """An id of `outcomes.json` (see `rules.outcomes()`)."""
    date = models.DateField(_("end date"))
    note = models.TextField(_("note"), blank=True, max_length=3000)
    qualification_gained = models.BooleanField(_("gained a qualification"), default=False)
    recorded_by = models.ForeignKey(
        _USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")

    def __str__(self) -> str:
        return self.outcome_type


class FollowUp(models.Model):
    """The follow-up six months after the end of service."""

    outcome = models.OneToOneField(Outcome, on_delete=models.CASCADE, related_name="follow_up")
    due = models.DateField(_("due"))
    done_at = models.DateField(_("done"), null=True, blank=True)
    result = models.CharField(
        _("result"), max_length=16, choices=FollowUpResult.choices, blank=True
    )
    outcome_type = models.CharField(_("situation now"), max_length=40, blank=True)
    note = models.TextField(_("note"), blank=True, max_length=3000)

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ("due", "id")

    def __str__(self) -> str:
        return f"follow-up {self.pk}"

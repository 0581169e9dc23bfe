"""The volunteer pool (profiles, engagements in organisations, languages, skills, training,
background checks) and mentoring relationships (requests, mentorings, meetings).

A volunteer is a user; one profile serves every organisation the volunteer is active in
(`VolunteerEngagement`). A background check is only a date and a yes/no, never the document.
A meeting's `private_note` is the mentor's own: only the mentor who wrote it ever sees it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kohtaanto.core.models import Organisation
from kohtaanto.mentoring.enums import MentoringStatus, RequestStatus
from kohtaanto.people.models import Participant


class VolunteerProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="volunteer_profile",
        verbose_name=_("user"),
    )
    regions = models.JSONField(_("towns"), default=list, blank=True)
    """Municipality codes (kohtaanto.reference.places) where the volunteer can meet people."""
    remote_ok = models.BooleanField(_("can meet remotely"), default=False)
    interests = models.TextField(_("interests"), blank=True, max_length=2000)
    availability = models.TextField(_("availability"), blank=True, max_length=1000)
    capacity_mentees = models.PositiveSmallIntegerField(_("mentees at most"), default=2)
    capacity_groups = models.PositiveSmallIntegerField(_("groups at most"), default=1)
    contact_for_mentees = models.CharField(
        _("contact shown to my mentees"), blank=True, max_length=200
    )
    """A phone number or e-mail the volunteer chooses to show their mentees (empty: none)."""
    background_check_on = models.DateField(_("background check date"), null=True, blank=True)
    background_check_ok = models.BooleanField(_("background check clear"), null=True, blank=True)
    created = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("volunteer profile")
        verbose_name_plural = _("volunteer profiles")
        ordering = ("user__first_name", "user__last_name", "id")

    def __str__(self) -> str:
        return f"volunteer {self.pk}"


class VolunteerEngagement(models.Model):
    volunteer = models.ForeignKey(
        VolunteerProfile,
        on_delete=models.CASCADE,
        related_name="engagements",
        verbose_name=_("volunteer"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="volunteer_engagements",
        verbose_name=_("organisation"),
    )
    roles = models.JSONField(_("roles"), default=list, blank=True)
    """VolunteerRole values."""
    active = models.BooleanField(_("active"), default=True)
    since = models.DateField(_("since"), default=timezone.localdate)

    class Meta:
        verbose_name = _("engagement")
        verbose_name_plural = _("engagements")
        ordering = ("volunteer_id", "organisation_id")
        constraints = [
            models.UniqueConstraint(
                fields=("volunteer", "organisation"), name="mentoring_engagement_unique"
            )
        ]

    def __str__(self) -> str:
        return f"engagement {self.pk}"


class VolunteerLanguage(models.Model):
    volunteer = models.ForeignKey(
        VolunteerProfile,
        on_delete=models.CASCADE,
        related_name="languages",
        verbose_name=_("volunteer"),
    )
    language = models.CharField(_("language"), max_length=8)
    """ISO 639-1 code (fi, sv, ar, so, …)."""
    level = models.CharField(_("level"), max_length=8)
    """An id of `language_levels.json` (A1…C2, native)."""

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        ordering = ("volunteer_id", "id")
        constraints = [
            models.UniqueConstraint(
                fields=("volunteer", "language"), name="mentoring_language_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.language} {self.level}"


class VolunteerSkill(models.Model):
    """A skill or interest the volunteer can share, as a concept of the skills vocabulary."""

    volunteer = models.ForeignKey(
        VolunteerProfile,
        on_delete=models.CASCADE,
        related_name="skills",
        verbose_name=_("volunteer"),
    )
    uri = models.CharField(_("concept URI"), max_length=255)
    label = models.CharField(_("label"), max_length=255)

    class Meta:
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        ordering = ("volunteer_id", "label", "id")
        constraints = [
            models.UniqueConstraint(fields=("volunteer", "uri"), name="mentoring_skill_unique")
        ]

    def __str__(self) -> str:
        return self.label


class TrainingCourse(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="training_courses",
        verbose_name=_("organisation"),
        help_text=_("Empty for a course shared by all organisations."),
    )
    name = models.CharField(_("name"), max_length=200)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1, default=0)
    valid_months = models.PositiveSmallIntegerField(
        _("valid for (months)"),
        null=True,
        blank=True,
        help_text=_("Empty when the course never needs refreshing."),
    )

    class Meta:
        verbose_name = _("training course")
        verbose_name_plural = _("training courses")
        ordering = ("name", "id")

    def __str__(self) -> str:
        return self.name


class TrainingRecord(models.Model):
    volunteer = models.ForeignKey(
        VolunteerProfile,
        on_delete=models.CASCADE,
        related_name="training",
        verbose_name=_("volunteer"),
    )
    course = models.ForeignKey(
        TrainingCourse, on_delete=models.PROTECT, related_name="records", verbose_name=_("course")
    )
    completed_on = models.DateField(_("completed"))
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1)
    trainer = models.CharField(_("trainer"), max_length=200, blank=True)
    expires_on = models.DateField(_("expires"), null=True, blank=True)
    """completed_on + the course's valid_months (set by the service), None when it never expires."""
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("training record")
        verbose_name_plural = _("training records")
        ordering = ("volunteer_id", "-completed_on", "id")

    def __str__(self) -> str:
        return f"training {self.pk}"


class MentorRequest(models.Model):
    """A participant's wish for a mentor (matching ranks mentors for an open request)."""

    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        related_name="mentor_requests",
        verbose_name=_("participant"),
    )
    goals = models.TextField(_("goals"), blank=True, max_length=2000)
    skills_to_learn = models.JSONField(_("skills to learn"), default=list, blank=True)
    """Concept URIs."""
    languages = models.JSONField(_("languages wanted"), default=list, blank=True)
    """ISO 639-1 codes, the most wanted first."""
    wants_remote = models.BooleanField(_("remote meetings are fine"), default=False)
    region = models.CharField(_("town"), max_length=8, blank=True)
    """A municipality code."""
    status = models.CharField(
        _("status"), max_length=16, choices=RequestStatus.choices, default=RequestStatus.OPEN
    )
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
        verbose_name = _("mentor request")
        verbose_name_plural = _("mentor requests")
        ordering = ("-created", "id")

    def __str__(self) -> str:
        return f"mentor request {self.pk}"


class Mentoring(models.Model):
    """A mentoring relationship: proposed → confirmed (coordinator) → active (both accepted)
    → closed; or declined / cancelled on the way."""

    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        related_name="mentorings",
        verbose_name=_("participant"),
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="mentorings",
        verbose_name=_("mentor"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="mentorings",
        verbose_name=_("organisation"),
    )
    request = models.ForeignKey(
        MentorRequest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentorings",
        verbose_name=_("request"),
    )
    goals = models.TextField(_("goals"), blank=True, max_length=2000)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=MentoringStatus.choices,
        default=MentoringStatus.PROPOSED,
    )
    proposed_at = models.DateTimeField(_("proposed"), default=timezone.now)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    participant_accepted_at = models.DateTimeField(
        _("accepted by the participant"), null=True, blank=True
    )
    mentor_accepted_at = models.DateTimeField(_("accepted by the mentor"), null=True, blank=True)
    declined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("declined by"),
    )
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )
    """Who ended the mentoring (their feedback was asked on the closing form)."""
    score = models.FloatField(_("match score"), null=True, blank=True)
    explanation = models.JSONField(_("why this match"), default=list, blank=True)
    """Filled by matching: the reasons of the score."""
    feedback_participant = models.TextField(
        _("feedback from the participant"), blank=True, max_length=4000
    )
    feedback_mentor = models.TextField(_("feedback from the mentor"), blank=True, max_length=4000)
    shared = models.JSONField(_("shared with the mentor"), default=list, blank=True)
    """SharedSection keys the participant chose to show their mentor."""

    class Meta:
        verbose_name = _("mentoring")
        verbose_name_plural = _("mentorings")
        ordering = ("-proposed_at", "id")
        indexes = [
            models.Index(fields=("mentor", "status"), name="mentoring_mentor_status"),
            models.Index(fields=("participant", "status"), name="mentoring_part_status"),
        ]

    def __str__(self) -> str:
        return f"mentoring {self.pk}"


class MentoringMeeting(models.Model):
    mentoring = models.ForeignKey(
        Mentoring, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("mentoring")
    )
    date = models.DateField(_("date"))
    time = models.TimeField(_("time"), null=True, blank=True)
    cancelled = models.BooleanField(_("cancelled"), default=False)
    """A planned meeting that will not happen (the mentoring ended before it)."""
    shared_note = models.TextField(_("shared note"), blank=True, max_length=4000)
    """The participant sees this."""
    private_note = models.TextField(_("private note"), blank=True, max_length=4000)
    """Only the mentor who wrote it sees this (not the coach, coordinator, participant or admin)."""
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    created = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ("mentoring_id", "date", "id")

    def __str__(self) -> str:
        return f"meeting {self.pk}"

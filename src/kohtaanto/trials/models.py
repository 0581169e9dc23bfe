"""Work trials (työkokeilu) and education trials (koulutuskokeilu): the Hämeen malli and
Puuttuva palanen practices.

A trial belongs to a service organisation (its coach runs it) and to one participant; it takes
place at an organiser (an employer organisation of Kohtaanto, or a named organiser with a
business ID), usually for a work-trial place (`Opportunity`). Its life is the state table of
`data/trial-states.json`; the agreement is checked against the rule book of
`data/trial-rules-*.json` (`rulebook.py`) and the version checked is stored on the trial.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kohtaanto.core.enums import Language
from kohtaanto.core.models import Organisation
from kohtaanto.opportunities.models import Course, Opportunity
from kohtaanto.people.models import Participant
from kohtaanto.trials.enums import (
    AbsenceReason,
    AgreementStatus,
    AssessmentKind,
    AuthorRole,
    CheckInMood,
    ConfirmationMethod,
    DayStatus,
    GoalSource,
    OrganiserKind,
    Party,
    Rating,
    TrialKind,
    TrialOutcome,
    TrialState,
)

_USER = settings.AUTH_USER_MODEL


class Trial(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="trials",
        verbose_name=_("service organisation"),
    )
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="trials", verbose_name=_("participant")
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=TrialKind.choices, default=TrialKind.WORK_TRIAL
    )
    state = models.CharField(
        _("state"), max_length=16, choices=TrialState.choices, default=TrialState.EXPLORE
    )
    title = models.CharField(_("tasks in short"), max_length=200)
    opportunity = models.ForeignKey(
        Opportunity,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="trials",
        verbose_name=_("work-trial place"),
    )
    sme_need = models.ForeignKey(
        Opportunity,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="development_trials",
        verbose_name=_("development need"),
        help_text=_("Puuttuva palanen: the company's development need the trial carries out."),
    )
    employer = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_trials",
        verbose_name=_("workplace"),
    )
    organiser_name = models.CharField(_("organiser"), max_length=200)
    organiser_kind = models.CharField(
        _("kind of organiser"), max_length=20, choices=OrganiserKind.choices
    )
    organiser_business_id = models.CharField(_("business ID"), max_length=20, blank=True)
    coach = models.ForeignKey(
        _USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coached_trials",
        verbose_name=_("coach"),
    )
    workplace_mentor = models.ForeignKey(
        _USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentored_trials",
        verbose_name=_("workplace mentor"),
    )
    workplace_mentor_name = models.CharField(
        _("workplace mentor's name"), max_length=200, blank=True
    )
    workplace_mentor_email = models.EmailField(_("workplace mentor's e-mail"), blank=True)
    workplace_mentor_phone = models.CharField(
        _("workplace mentor's phone"), max_length=40, blank=True
    )
    share_with_community = models.BooleanField(
        _("the work community may know who the trialist is"),
        default=False,
        help_text=_("The participant's choice: the first name and the mentor's name only."),
    )
    rules_version = models.CharField(_("rules checked against"), max_length=40, blank=True)
    rules_checked_at = models.DateTimeField(_("rules checked"), null=True, blank=True)
    rule_findings = models.JSONField(_("rule findings"), default=list, blank=True)
    """The last check: [{"rule": id, "params": {...}}]; empty when every rule holds."""
    outcome = models.CharField(
        _("what came next"), max_length=20, choices=TrialOutcome.choices, blank=True
    )
    outcome_note = models.TextField(_("note on what came next"), blank=True, max_length=2000)
    outcome_recorded_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        _USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("trial")
        verbose_name_plural = _("trials")
        ordering = ("-created", "-id")
        indexes = [models.Index(fields=["organisation", "state"])]

    def __str__(self) -> str:
        return f"trial {self.pk}"

    @property
    def is_development_project(self) -> bool:
        return self.sme_need_id is not None


class TrialTransition(models.Model):
    """One move in the state table: who moved the trial from which state to which, when."""

    trial = models.ForeignKey(Trial, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(max_length=16, choices=TrialState.choices)
    to_state = models.CharField(max_length=16, choices=TrialState.choices)
    action = models.CharField(max_length=32)
    by = models.ForeignKey(
        _USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ("at", "id")

    def __str__(self) -> str:
        return f"trial transition {self.pk}"


class Agreement(models.Model):
    """The written agreement between the participant, the organiser and the employment
    authority. `revision` grows when an agreed term changes; confirmations of an older
    revision no longer count."""

    trial = models.OneToOneField(Trial, on_delete=models.CASCADE, related_name="agreement")
    status = models.CharField(
        _("status"), max_length=10, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT
    )
    revision = models.PositiveIntegerField(_("version"), default=1)
    language = models.CharField(
        _("language of the agreement"),
        max_length=2,
        choices=Language.choices,
        default=Language.FINNISH,
    )
    tasks = models.TextField(_("tasks"), max_length=4000, blank=True)
    tasks_key = models.CharField(
        _("same tasks as"),
        max_length=200,
        blank=True,
        help_text=_("Trials with the same key count as the same tasks (rule on municipalities)."),
    )
    place = models.CharField(_("place"), max_length=300, blank=True)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    days_per_week = models.PositiveSmallIntegerField(
        _("days a week"), default=5, validators=[MinValueValidator(1), MaxValueValidator(7)]
    )
    hours_per_day = models.DecimalField(
        _("hours a day"), max_digits=4, decimal_places=2, default=Decimal("6.00")
    )
    weekdays = models.JSONField(
        _("working days"), default=list, blank=True, help_text=_("0 = Monday … 6 = Sunday")
    )
    shift_or_weekend = models.BooleanField(
        _("shift or weekend work"),
        default=False,
        help_text=_("Only where the tasks normally have shift or weekend hours."),
    )
    employment_authority = models.CharField(
        _("employment authority"),
        max_length=200,
        blank=True,
        help_text=_("Since 1.1.2025 the municipality's employment services."),
    )
    insurance_note = models.TextField(_("insurance"), blank=True, max_length=2000)
    allowance_eur_per_day = models.DecimalField(
        _("expense allowance, € a day"), max_digits=6, decimal_places=2, default=Decimal("9.00")
    )
    outside_commuting_area = models.BooleanField(_("outside the commuting area"), default=False)
    updated = models.DateTimeField(_("updated"), default=timezone.now)
    updated_by = models.ForeignKey(
        _USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("trial agreement")
        verbose_name_plural = _("trial agreements")

    def __str__(self) -> str:
        return f"agreement of trial {self.trial_id}"


class Confirmation(models.Model):
    """A party's confirmation of one revision of the agreement (electronic, or a paper
    signature recorded by the coach)."""

    trial = models.ForeignKey(Trial, on_delete=models.CASCADE, related_name="confirmations")
    party = models.CharField(_("party"), max_length=16, choices=Party.choices)
    revision = models.PositiveIntegerField(_("version"))
    method = models.CharField(_("how"), max_length=16, choices=ConfirmationMethod.choices)
    signer_name = models.CharField(_("name"), max_length=200)
    confirmed_by = models.ForeignKey(
        _USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    recorded_by = models.ForeignKey(
        _USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        verbose_name = _("confirmation")
        verbose_name_plural = _("confirmations")
        ordering = ("at", "id")
        constraints = [
            models.UniqueConstraint(
                fields=["trial", "party", "revision"], name="trials_one_confirmation_per_party"
            )
        ]

    def __str__(self) -> str:
        return f"confirmation {self.pk}"


class Goal(models.Model):
    """A goal of the trial (written, or a skill of the company's development need)."""

    trial = models.ForeignKey(Trial, on_delete=models.CASCADE, related_name="goals")
    text = models.CharField(_("goal"), max_length=500)
    uri = models.CharField(_("skill"), max_length=255, blank=True)
    source = models.CharField(max_length=16, choices=GoalSource.choices, default=GoalSource.MANUAL)
    ordinal = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("ordinal", "id")

    def __str__(self) -> str:
        return f"goal {self.pk}"


class TrialUnit(models.Model):
    """A qualification unit the trial works towards."""

    trial = models.ForeignKey(Trial, on_delete=models.CASCADE, related_name="units")
    unit = models.ForeignKey(
        "qualifications.QualificationUnit", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ("id",)
        constraints = [models.UniqueConstraint(fields=["trial", "unit"], name="trials_unit_once")]

    def __str__(self) -> str:
        return f"trial unit {self.pk}"


class TrialRequirement(models.Model):
    """A skill requirement (ammattitaitovaatimus) aimed at, broken into workplace tasks."""

    trial = models.ForeignKey(Trial, on_delete=models.CASCADE, related_name="requirements")
    requirement = models.ForeignKey(
        "qualifications.SkillRequirement", on_delete=models.PROTECT, related_name="+"
    )
    workplace_tasks = models.TextField(_("tasks at the workplace"), blank=True, max_length=2000)

    class Meta:
        ordering = ("requirement__unit_id", "requirement__ordinal", "id")
        constraints = [
            models.UniqueConstraint(fields=["trial", "requirement"], name="trials_requirement_once")
        ]

    def __str__(self) -> str:
        return f"trial requirement {self.pk}"


class Evidence(models.Model):
    """A requirement shown in the trial: when, how, marked by the workplace mentor or coach."""

    trial_requirement = models.ForeignKey(
        TrialRequirement, on_delete=models.CASCADE, related_name="evidence"
    )
    shown_on = models.DateField(_("shown on"))
    text = models.TextField(_("how it was shown"), max_length=2000)
    author_role = models.CharField(_("role"), max_length=20, choices=AuthorRole.choices)
    author_name = models.CharField(_("written by"), max_length=200)
    by = models.ForeignKey(
        _USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    link = models.ForeignKey(
        "CheckInLink", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("shown_on", "id")

    def __str__(self) -> str:
        return f"evidence {self.pk}"


class TrialDay(models.Model):
    """A planned day of the trial and what happened on it."""

    trial = models.ForeignKey(Trial, on_delete=models.CASCADE, related_name="days")
    date = models.DateField(_("date"))
    status = models.CharField(
        _("status"), max_length=12, choices=DayStatus.choices, default=DayStatus.PLANNED
    )
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=2, null=True, blank=True)
    absence_reason = models.CharField(
        _("reason for absence"), max_length=20, choices=AbsenceReason.choices, blank=True
    )
    absence_note = models.CharField(_("note"), max_length=300, blank=True)
    marked_by = models.ForeignKey(
        _USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    marked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("date", "id")
        constraints = [models.UniqueConstraint(fields=["trial", "date"], name="trials_day_once")]

    def __str__(self) -> str:
        return f"trial day {self.pk}"


class CheckInLink(models.Model):
    """A signed, expiring link for a workplace mentor without an account: it opens only this
    trial's check-in and assessment forms. Only a hash of the token is stored."""

    trial = models.ForeignKey(Trial, on_delete=models.CASCADE, related_name="links")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    mentor_name = models.CharField(_("workplace mentor's name"), max_length=200)
    created = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        _USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    expires = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created", "-id")

    def __str__(self) -> str:
        return f"check in link {self.pk}"


class CheckIn(models.Model):
    """The workplace mentor's weekly check-in (one per trial and ISO week)."""

    trial = models.ForeignKey(Trial, on_delete=models.CASCADE, related_name="checkins")
    week_start = models.DateField(_("week"))
    mood = models.CharField(_("how did the week go"), max_length=8, choices=CheckInMood.choices)
    learnt = models.TextField(_("what was learnt"), blank=True, max_length=2000)
    concern = models.TextField(_("any concern"), blank=True, max_length=2000)
    wants_coach_contact = models.BooleanField(_("I would like the coach to call me"), default=False)
    author_name = models.CharField(_("written by"), max_length=200)
    by = models.ForeignKey(
        _USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    link = models.ForeignKey(
        CheckInLink, on_delete=models.SET_NULL, null=True, blank=True, related_name="checkins"
    )
    created = models.DateTimeField(default=timezone.now)
    seen_by_coach = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-week_start", "-id")
        constraints = [
            models.UniqueConstraint(fields=["trial", "week_start"], name="trials_checkin_weekly")
        ]

    def __str__(self) -> str:
        return f"check in {self.pk}"


class Assessment(models.Model):
    """The mid-point or final assessment against the goals and the units' requirements."""

    trial = models.ForeignKey(Trial, on_delete=models.CASCADE, related_name="assessments")
    kind = models.CharField(_("assessment"), max_length=10, choices=AssessmentKind.choices)
    summary = models.TextField(_("summary"), blank=True, max_length=4000)
    author_role = models.CharField(_("role"), max_length=20, choices=AuthorRole.choices)
    author_name = models.CharField(_("written by"), max_length=200)
    by = models.ForeignKey(
        _USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    link = models.ForeignKey(
        CheckInLink, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        ordering = ("created", "id")
        constraints = [
            models.UniqueConstraint(
                fields=["trial", "kind", "author_role"], name="trials_assessment_once"
            )
        ]

    def __str__(self) -> str:
        return f"assessment {self.pk}"


class AssessmentItem(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="items")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, null=True, blank=True)
    requirement = models.ForeignKey(
        TrialRequirement, on_delete=models.CASCADE, null=True, blank=True
    )
    rating = models.CharField(max_length=16, choices=Rating.choices)
    comment = models.CharField(max_length=1000, blank=True)

    class Meta:
        ordering = ("id",)

    def __str__(self) -> str:
        return f"assessment item {self.pk}"


class Certificate(models.Model):
    """The competence certificate (osaamistodistus) at the end, signed off by both."""

    trial = models.OneToOneField(Trial, on_delete=models.CASCADE, related_name="certificate")
    reference = models.CharField(_("reference"), max_length=32, unique=True)
    language = models.CharField(max_length=2, choices=Language.choices, default=Language.FINNISH)
    mentor_name = models.CharField(_("workplace mentor"), max_length=200, blank=True)
    mentor_signed_at = models.DateTimeField(
        _("signed by the workplace mentor"), null=True, blank=True
    )
    coach_signed_by = models.ForeignKey(
        _USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    coach_signed_at = models.DateTimeField(_("signed by the coach"), null=True, blank=True)
    issued_at = models.DateTimeField(_("issued"), null=True, blank=True)

    def __str__(self) -> str:
        return f"certificate {self.pk}"


class LearningPlan(models.Model):
    """Puuttuva palanen: what the person studies for the company's need before the project."""

    trial = models.OneToOneField(Trial, on_delete=models.CASCADE, related_name="learning_plan")
    sparring_partner = models.ForeignKey(
        _USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sparred_plans",
        verbose_name=_("sparring partner"),
    )
    note = models.TextField(_("note"), blank=True, max_length=2000)
    created = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"learning plan {self.pk}"


class LearningItem(models.Model):
    plan = models.ForeignKey(LearningPlan, on_delete=models.CASCADE, related_name="items")
    uri = models.CharField(_("skill"), max_length=255)
    label = models.CharField(_("skill"), max_length=255)
    course = models.ForeignKey(Course, on_delete=models.SET_NULL, null=True, blank=True)
    material_title = models.CharField(_("material"), max_length=200, blank=True)
    material_url = models.URLField(_("link"), blank=True, max_length=500)
    done_at = models.DateTimeField(_("learnt"), null=True, blank=True)

    class Meta:
        ordering = ("id",)

    def __str__(self) -> str:
        return f"learning item {self.pk}"


class ReferenceLetter(models.Model):
    """The company's reference at the end of a development project."""

    trial = models.OneToOneField(Trial, on_delete=models.CASCADE, related_name="reference_letter")
    writer_name = models.CharField(_("writer"), max_length=200)
    writer_title = models.CharField(_("writer's title"), max_length=200, blank=True)
    text = models.TextField(_("reference"), max_length=6000)
    language = models.CharField(max_length=2, choices=Language.choices, default=Language.FINNISH)
    written_by = models.ForeignKey(
        _USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    written_at = models.DateTimeField(_("written"), default=timezone.now)

    def __str__(self) -> str:
        return f"reference letter {self.pk}"

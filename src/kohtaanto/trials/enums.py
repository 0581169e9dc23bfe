"""Choices of work trials (työkokeilu) and education trials (koulutuskokeilu)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class TrialKind(models.TextChoices):
    WORK_TRIAL = "work_trial", _("Work trial")
    EDUCATION_TRIAL = "education_trial", _("Education trial")


class TrialState(models.TextChoices):
    """The states of `data/trial-states.json` (the table says which moves are allowed)."""

    EXPLORE = "explore", _("Exploring")
    AGREE = "agree", _("Agreeing")
    RUN = "run", _("Running")
    EVALUATE = "evaluate", _("Evaluating")
    CONTINUE = "continue", _("Continued")
    CANCELLED = "cancelled", _("Cancelled")


class OrganiserKind(models.TextChoices):
    """Who organises the trial; the rule book's organiser kinds (a private person may not)."""

    COMPANY = "company", _("Company or other employer with a business ID")
    MUNICIPALITY = "municipality", _("Municipality")
    ASSOCIATION = "association", _("Association")
    FOUNDATION = "foundation", _("Foundation")
    STATE_AGENCY = "state_agency", _("State agency")
    WORKSHOP = "workshop", _("Workshop")
    PRIVATE_PERSON = "private_person", _("Private person")


class Party(models.TextChoices):
    """The three parties of the written agreement."""

    PARTICIPANT = "participant", _("Participant")
    ORGANISER = "organiser", _("Organiser (the workplace)")
    AUTHORITY = "authority", _("Employment authority")


class ConfirmationMethod(models.TextChoices):
    ELECTRONIC = "electronic", _("Confirmed in Kohtaanto")
    PAPER = "paper", _("Signed on paper")


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    AGREED = "agreed", _("Agreed")


class DayStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ATTENDED = "attended", _("Attended")
    ABSENT = "absent", _("Absent")
    CANCELLED = "cancelled", _("Cancelled")


class AbsenceReason(models.TextChoices):
    SICK = "sick", _("Ill")
    CHILD_SICK = "child_sick", _("Child ill")
    APPOINTMENT = "appointment", _("Appointment (e.g. employment services, doctor)")
    WORKPLACE = "workplace", _("The workplace was closed or had no work")
    OTHER_ACCEPTED = "other_accepted", _("Other agreed reason")
    UNEXPLAINED = "unexplained", _("No reason given")


class CheckInMood(models.TextChoices):
    GOOD = "good", _("Went well")
    OK = "ok", _("Went fairly well")
    HARD = "hard", _("Was hard")


class AuthorRole(models.TextChoices):
    WORKPLACE_MENTOR = "workplace_mentor", _("Workplace mentor")
    COACH = "coach", _("Coach")


class AssessmentKind(models.TextChoices):
    MIDPOINT = "midpoint", _("Mid-point assessment")
    FINAL = "final", _("Final assessment")


class Rating(models.TextChoices):
    NOT_YET = "not_yet", _("Not yet")
    PARTLY = "partly", _("Partly")
    SHOWN = "shown", _("Shown")
    NOT_APPLICABLE = "not_applicable", _("Not part of the tasks")


class TrialOutcome(models.TextChoices):
    """What came after the trial; feeds the continuation path (journeys' outcomes)."""

    JOB_OFFER = "job_offer", _("Job offer")
    APPRENTICESHIP = "apprenticeship", _("Apprenticeship")
    STUDY_PLACE = "study_place", _("Study place")
    ANOTHER_TRIAL = "another_trial", _("Another trial")
    NONE = "none", _("Nothing yet")


class GoalSource(models.TextChoices):
    MANUAL = "manual", _("Written in the agreement")
    SME_NEED = "sme_need", _("From the company's development need")

"""Puuttuva palanen: a small company's development need done as a work trial.

From the need (an opportunity of kind "sme_need" and its required skills) the coach builds a
targeted learning plan: one item per skill, each with courses that teach it (open materials
first) and a link to the material; a professional sparring partner from the organisation's
volunteer pool (volunteers with the sparring-partner role, those whose skills overlap the
need first). The need's skills become the trial's goals (`need_goals`). At the end the
company writes a reference letter (`write_reference`), downloadable as a PDF.

The one write path of these steps: pages and commands call these functions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from kohtaanto.core.audit import log_event
from kohtaanto.core.enums import AuditAction, Language
from kohtaanto.core.errors import ValidationFailed
from kohtaanto.mentoring.enums import VolunteerRole
from kohtaanto.mentoring.models import VolunteerEngagement, VolunteerSkill
from kohtaanto.opportunities.enums import SkillImportance
from kohtaanto.opportunities.models import Course, OpportunitySkill
from kohtaanto.trials import documents
from kohtaanto.trials.access import (
    EMPLOYER,
    PARTICIPANT,
    STAFF,
    require,
)
from kohtaanto.trials.enums import AssessmentKind, GoalSource, Rating, TrialState
from kohtaanto.trials.models import (
    AssessmentItem,
    Goal,
    LearningItem,
    LearningPlan,
    ReferenceLetter,
    Trial,
)
from kohtaanto.trials.services import lifecycle

COURSES_PER_SKILL = 3
PLAN_STATES = (TrialState.EXPLORE, TrialState.AGREE, TrialState.RUN, TrialState.EVALUATE)
REFERENCE_STATES = (TrialState.EVALUATE, TrialState.CONTINUE)
TEXT_MAX = 6000


def _require_need(trial: Trial) -> None:
    if trial.sme_need_id is None:
        raise ValidationFailed(_("This trial is not a development project of a company's need."))


def need_skills(trial: Trial) -> list[OpportunitySkill]:
    """The skills the development need calls for (required, decided by a person)."""
    if trial.sme_need_id is None:
        return []
    return list(
        OpportunitySkill.objects.filter(
            opportunity_id=trial.sme_need_id, importance=SkillImportance.REQUIRED, pending=False
        ).order_by("label", "id")
    )


def courses_for(trial: Trial, uri: str) -> QuerySet[Course]:
    """Courses that teach `uri`, from the shared catalogue or the trial's organisation: open
    materials first."""
    return (
        Course.objects.filter(skills__uri=uri)
        .filter(Q(organisation__isnull=True) | Q(organisation_id=trial.organisation_id))
        .distinct()
        .order_by("-open_material", "cost_eur", "title", "id")
    )


# --- goals from the need ---------------------------------------------------------------------


@transaction.atomic
def need_goals(trial: Trial, *, by: Any) -> list[Goal]:
    """Add the need's skills as the trial's goals (source "sme_need", with the skill's URI),
    each once. Only while the agreement can still be changed."""
    require(by, trial, STAFF)
    _require_need(trial)
    lifecycle.require_editable(trial)
    have = set(trial.goals.filter(source=GoalSource.SME_NEED).values_list("uri", flat=True))
    offset = trial.goals.count()
    new = [
        Goal(
            trial=trial,
            text=(skill.label or skill.uri)[:500],
            uri=skill.uri,
            source=GoalSource.SME_NEED,
            ordinal=offset + i,
        )
        for i, skill in enumerate(s for s in need_skills(trial) if s.uri not in have)
    ]
    if new:
        Goal.objects.bulk_create(new)
        lifecycle.terms_changed(trial)
        log_event(by, AuditAction.CHANGE, trial)
    return new


# --- the learning plan -----------------------------------------------------------------------


def plan_of(trial: Trial) -> LearningPlan | None:
    return (
        LearningPlan.objects.filter(trial=trial)
        .select_related("sparring_partner")
        .prefetch_related("items__course")
        .first()
    )


@transaction.atomic
def build_learning_plan(trial: Trial, *, by: Any) -> LearningPlan:
    """The learning plan for the need's skills (staff): one item per skill with the first
    suggested course (open materials first) and its link. Building again adds the skills the
    plan does not have yet; items already there stay as they are."""
    require(by, trial, STAFF)
    _require_need(trial)
    if trial.state not in PLAN_STATES:
        raise ValidationFailed(_("The learning plan can be made before the project ends."))
    skills = need_skills(trial)
    if not skills:
        raise ValidationFailed(
            _("The development need has no required skills yet. Add them to the need first.")
        )
    plan, created = LearningPlan.objects.get_or_create(trial=trial)
    have = set(plan.items.values_list("uri", flat=True))
    items = []
    for skill in skills:
        if skill.uri in have:
            continue
        course = courses_for(trial, skill.uri).first()
        items.append(
            LearningItem(
                plan=plan,
                uri=skill.uri,
                label=(skill.label or skill.uri)[:255],
                course=course,
                material_title=course.title[:200] if course else "",
                material_url=course.url if course else "",
            )
        )
    LearningItem.objects.bulk_create(items)
    log_event(by, AuditAction.CREATE if created else AuditAction.CHANGE, trial)
    return plan


@transaction.atomic
def update_item(
    item: LearningItem,
    *,
    by: Any,
    course: Course | None = None,
    material_title: str = "",
    material_url: str = "",
) -> LearningItem:
    """Choose another course for a skill, or write the material by hand (staff)."""
    trial = item.plan.trial
    require(by, trial, STAFF)
    if course is not None and not courses_for(trial, item.uri).filter(pk=course.pk).exists():
        raise ValidationFailed(errors={"course": [_("Choose a course that teaches this skill.")]})
    material_url = (material_url or "").strip()
    if material_url and not material_url.startswith(("https://", "http://")):
        raise ValidationFailed(errors={"material_url": [_("Write a web address (https://…).")]})
    item.course = course
    item.material_title = (material_title or "").strip()[:200] or (course.title if course else "")
    item.material_url = material_url or (course.url if course else "")
    item.save(update_fields=["course", "material_title", "material_url"])
    log_event(by, AuditAction.CHANGE, trial)
    return item


@transaction.atomic
def mark_learnt(item: LearningItem, *, by: Any, learnt: bool = True) -> LearningItem:
    """Tick a skill learnt (or not yet): staff or the participant."""
    trial = item.plan.trial
    require(by, trial, STAFF, PARTICIPANT)
    if trial.state == TrialState.CANCELLED:
        raise ValidationFailed(_("The trial has been cancelled."))
    item.done_at = timezone.now() if learnt else None
    item.save(update_fields=["done_at"])
    log_event(by, AuditAction.CHANGE, trial)
    return item


@dataclass(frozen=True)
class SparringCandidate:
    user: Any
    name: str
    shared: tuple[str, ...]
    """Labels of the need's skills the volunteer also has."""


def sparring_candidates(trial: Trial) -> list[SparringCandidate]:
    """Active volunteers of the trial's organisation with the sparring-partner role; those
    whose skills overlap the need's skills first (most shared first)."""
    engagements = VolunteerEngagement.objects.filter(
        organisation_id=trial.organisation_id, active=True
    ).select_related("volunteer__user")
    wanted = {skill.uri: skill.label or skill.uri for skill in need_skills(trial)}
    rows = []
    for engagement in engagements:
        if VolunteerRole.SPARRING_PARTNER not in (engagement.roles or []):
            continue
        profile = engagement.volunteer
        uris = set(
            VolunteerSkill.objects.filter(volunteer=profile, uri__in=list(wanted)).values_list(
                "uri", flat=True
            )
        )
        user = profile.user
        rows.append(
            SparringCandidate(
                user=user,
                name=user.get_full_name() or user.get_username(),
                shared=tuple(sorted(wanted[uri] for uri in uris)),
            )
        )
    rows.sort(key=lambda row: (-len(row.shared), row.name.casefold()))
    return rows


@transaction.atomic
def choose_sparring_partner(plan: LearningPlan, volunteer_user: Any, *, by: Any) -> LearningPlan:
    """Choose the sparring partner from the pool (staff); None clears the choice."""
    trial = plan.trial
    require(by, trial, STAFF)
    if volunteer_user is not None and volunteer_user.pk not in {
        c.user.pk for c in sparring_candidates(trial)
    }:
        raise ValidationFailed(
            errors={"partner": [_("Choose a sparring partner from your organisation's pool.")]}
        )
    plan.sparring_partner = volunteer_user
    plan.save(update_fields=["sparring_partner"])
    log_event(by, AuditAction.CHANGE, trial)
    return plan


@transaction.atomic
def set_plan_note(plan: LearningPlan, note: str, *, by: Any) -> LearningPlan:
    require(by, plan.trial, STAFF)
    note = (note or "").strip()
    if len(note) > 2000:
        raise ValidationFailed(
            errors={"note": [_("The note is too long: at most 2,000 characters.")]}
        )
    plan.note = note
    plan.save(update_fields=["note"])
    log_event(by, AuditAction.CHANGE, plan.trial)
    return plan


# --- the reference letter --------------------------------------------------------------------


def reference_of(trial: Trial) -> ReferenceLetter | None:
    return ReferenceLetter.objects.filter(trial=trial).first()


@transaction.atomic
def write_reference(
    trial: Trial,
    *,
    by: Any,
    writer_name: str,
    writer_title: str = "",
    text: str,
    language: str = Language.FINNISH,
) -> ReferenceLetter:
    """The company's reference at the end of the project: written by an employer contact of
    the workplace, or recorded by staff. Writing again replaces the text."""
    require(by, trial, EMPLOYER, STAFF)
    _require_need(trial)
    if trial.state not in REFERENCE_STATES:
        raise ValidationFailed(_("The reference is written at the end of the project."))
    errors: dict[str, list[str]] = {}
    writer_name = (writer_name or "").strip()
    text = (text or "").strip()
    if not writer_name:
        errors["writer_name"] = [_("Write who writes the reference.")]
    if not text:
        errors["text"] = [_("Write the reference.")]
    elif len(text) > TEXT_MAX:
        errors["text"] = [_("The reference is too long: at most 6,000 characters.")]
    if language not in Language.values:
        errors["language"] = [_("Choose the language of the reference.")]
    if errors:
        raise ValidationFailed(errors=errors)
    letter, created = ReferenceLetter.objects.update_or_create(
        trial=trial,
        defaults={
            "writer_name": writer_name[:200],
            "writer_title": (writer_title or "").strip()[:200],
            "text": text,
            "language": language,
            "written_by": by,
            "written_at": timezone.now(),
        },
    )
    log_event(by, AuditAction.CREATE if created else AuditAction.CHANGE, trial)
    return letter


def skills_shown(trial: Trial) -> list[str]:
    """The need's skills rated "shown" in a final assessment (for the reference)."""
    goals = (
        AssessmentItem.objects.filter(
            assessment__trial=trial,
            assessment__kind=AssessmentKind.FINAL,
            rating=Rating.SHOWN,
            goal__source=GoalSource.SME_NEED,
        )
        .values_list("goal__text", flat=True)
        .distinct()
    )
    return sorted(set(goals), key=str.casefold)


def reference_content(trial: Trial, letter: ReferenceLetter) -> documents.ReferenceContent:
    agreement = trial.agreement
    company = trial.employer
    need = trial.sme_need
    return documents.ReferenceContent(
        language=letter.language,
        company_name=company.name if company else trial.organiser_name,
        company_business_id=(company.business_id if company else trial.organiser_business_id) or "",
        writer_name=letter.writer_name,
        writer_title=letter.writer_title,
        person_name=trial.participant.full_name,
        project_title=need.title if need else trial.title,
        letter=letter.text,
        written_on=letter.written_at,
        start=agreement.start_date,
        end=agreement.end_date,
        work_done=agreement.tasks,
        skills=skills_shown(trial),
    )


def reference_pdf(trial: Trial, letter: ReferenceLetter) -> bytes:
    return documents.render_reference_pdf(reference_content(trial, letter))

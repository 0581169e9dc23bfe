"""The participant's data export: their trials — the agreement's terms, goals, the units aimed
at, confirmations (the party and when), days and absences, the workplace mentor's check-ins and
assessments, the requirements shown with their evidence, the certificate, the learning plan and
the reference letter, the steps of the trial with their notes (a reason to cancel is about
the person). People who wrote are named only by the name they signed with."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from kohtaanto.people import exports
from kohtaanto.people.exports import Field, Nested
from kohtaanto.trials.models import (
    Agreement,
    Assessment,
    AssessmentItem,
    Certificate,
    CheckIn,
    CheckInLink,
    Confirmation,
    Evidence,
    Goal,
    LearningItem,
    LearningPlan,
    ReferenceLetter,
    Trial,
    TrialDay,
    TrialRequirement,
    TrialTransition,
    TrialUnit,
)

AGREEMENT_TERMS = (
    "tasks",
    "place",
    "start_date",
    "end_date",
    "days_per_week",
    "hours_per_day",
    "shift_or_weekend",
    "employment_authority",
    "insurance_note",
    "allowance_eur_per_day",
    "outside_commuting_area",
)


def _agreement(trial: Any) -> dict[str, Any]:
    agreement = getattr(trial, "agreement", None)
    if agreement is None:
        return {}
    terms: dict[str, Any] = {"status": agreement.status, "version": agreement.revision}
    for name in AGREEMENT_TERMS:
        value = getattr(agreement, name)
        terms[name] = value.isoformat() if hasattr(value, "isoformat") else str(value)
    terms["weekdays"] = list(agreement.weekdays or [])
    terms["language"] = agreement.language
    return terms


def _units(trial: Any) -> list[str]:
    return [str(item.unit) for item in trial.units.select_related("unit")]


def _requirements(trial: Any) -> list[dict[str, str]]:
    return [
        {"requirement": str(item.requirement), "workplace_tasks": item.workplace_tasks}
        for item in trial.requirements.select_related("requirement")
    ]


def _items(assessment: Any) -> list[dict[str, str]]:
    rows = []
    for item in assessment.items.select_related("goal", "requirement__requirement"):
        target = item.goal.text if item.goal else str(item.requirement.requirement)
        rows.append({"target": target, "rating": item.rating, "comment": item.comment})
    return rows


def _evidence_requirement(obj: Any) -> str:
    return str(obj.trial_requirement.requirement)


def _trial_title(obj: Any) -> str:
    return str(obj.trial.title)


exports.register(
    "trials",
    model=Trial,
    fields=(
        "title",
        "kind",
        "state",
        "organiser_name",
        "organiser_business_id",
        "workplace_mentor_name",
        "share_with_community",
        Field("agreement", get=_agreement, label=_("agreement")),
        Field("units", get=_units, label=_("qualification units")),
        Field("requirements", get=_requirements, label=_("skill requirements")),
        "rules_version",
        "outcome",
        "outcome_note",
        Field("created", label=_("created")),
        Nested("goals", model=Goal, fields=("text",), label=_("goals")),
        Nested(
            "transitions",
            model=TrialTransition,
            fields=(
                Field("from_state", label=_("previous state")),
                Field("to_state", label=_("state")),
                Field("action", label=_("step")),
                Field("at", label=_("time")),
                Field("note", label=_("note")),
            ),
            label=_("steps of the trial"),
        ),
        Nested(
            "confirmations",
            model=Confirmation,
            fields=("party", "revision", "method", "signer_name", "at"),
            label=_("confirmations"),
        ),
        Nested(
            "days",
            model=TrialDay,
            fields=("date", "status", "hours", "absence_reason", "absence_note"),
            label=_("days"),
        ),
        Nested(
            "checkins",
            model=CheckIn,
            fields=(
                "week_start",
                "mood",
                "learnt",
                "concern",
                "wants_coach_contact",
                "author_name",
            ),
            label=_("check-ins"),
        ),
        Nested(
            "assessments",
            model=Assessment,
            fields=(
                "kind",
                "summary",
                "author_role",
                "author_name",
                "created",
                Field("items", get=_items, label=_("ratings")),
            ),
            label=_("assessments"),
        ),
    ),
    order_by=("created", "id"),
    label=_("Work and education trials"),
    includes=(Agreement, TrialUnit, TrialRequirement, AssessmentItem),
)
exports.register(
    "trial_evidence",
    model=Evidence,
    participant_path="trial_requirement__trial__participant",
    fields=(
        Field("requirement", get=_evidence_requirement, label=_("skill requirement")),
        "shown_on",
        "text",
        "author_role",
        "author_name",
    ),
    order_by=("shown_on", "id"),
    label=_("Skills shown in trials"),
)
exports.register(
    "trial_certificates",
    model=Certificate,
    participant_path="trial__participant",
    fields=(
        Field("trial", get=_trial_title, label=_("trial")),
        "reference",
        "mentor_name",
        "mentor_signed_at",
        "coach_signed_at",
        "issued_at",
    ),
    label=_("Competence certificates"),
)
exports.register(
    "trial_learning_plans",
    model=LearningPlan,
    participant_path="trial__participant",
    fields=(
        Field("trial", get=_trial_title, label=_("trial")),
        "note",
        Nested(
            "items",
            model=LearningItem,
            fields=("label", "material_title", "material_url", "done_at"),
            label=_("what to learn"),
        ),
    ),
    label=_("Learning plans"),
)
exports.register(
    "trial_references",
    model=ReferenceLetter,
    participant_path="trial__participant",
    fields=(
        Field("trial", get=_trial_title, label=_("trial")),
        "writer_name",
        "writer_title",
        "text",
        "written_at",
    ),
    label=_("Reference letters"),
)
exports.exclude(
    CheckInLink,
    "a workplace mentor's link: a token hash and the mentor's name; what was written through "
    "it is exported with the check-ins, assessments and evidence",
)

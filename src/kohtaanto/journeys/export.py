"""The participant's own data as JSON and as a readable HTML page (GDPR access and
portability). `export_participant_data(participant)` takes an already-accessed participant;
`export_for(user, participant_id)` loads it through `core.access` and audits an `export`."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db.models import Model
from django.template.loader import render_to_string
from django.utils import timezone, translation

from kohtaanto.core.audit import log_event
from kohtaanto.core.enums import AuditAction
from kohtaanto.journeys import rules
from kohtaanto.journeys.models import (
    CvDraft,
    DigCompAttempt,
    EsfEntryData,
    Goal,
    Intake,
    Outcome,
    RestrictedConstraints,
    Session,
    Task,
)
from kohtaanto.people.access import access_participant
from kohtaanto.people.models import ConsentEvent, Participant
from kohtaanto.profiles.models import ChangeRequest, ProfileItem

FORMAT = "kohtaanto-participant-export-1"


def _value(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _row(obj: Model | None, fields: tuple[str, ...]) -> dict[str, Any] | None:
    if obj is None:
        return None
    return {name: _value(getattr(obj, name)) for name in fields}


def export_participant_data(participant: Participant) -> dict[str, Any]:
    """Everything stored about one participant in the journey and profile apps (and their
    consents), as JSON-ready plain data. Nothing of any other person is included: coaches
    appear by name only as "who recorded"."""
    intake = Intake.objects.filter(participant=participant).first()
    outcome = Outcome.objects.filter(participant=participant).first()
    follow_up = getattr(outcome, "follow_up", None) if outcome else None
    return {
        "format": FORMAT,
        "exported_at": timezone.now().isoformat(),
        "participant": _row(
            participant,
            (
                "first_name",
                "last_name",
                "email",
                "phone",
                "preferred_language",
                "status",
                "created",
            ),
        ),
        "coaches": [c.get_full_name() or c.get_username() for c in participant.coaches.all()],
        "consents": [
            _row(e, ("purpose", "kind", "at", "note"))
            for e in ConsentEvent.objects.filter(participant=participant).order_by("at", "id")
        ],
        "intake": _row(
            intake,
            (
                "birth_date",
                "municipality_code",
                "story",
                "story_language",
                "story_updated",
                "service_start",
            ),
        ),
        "municipality": (
            rules.municipalities()[intake.municipality_code].name_fi
            if intake and intake.municipality_code in rules.municipalities()
            else None
        ),
        "languages": [
            {"language": code, "level": level}
            for code, level in participant.spoken_languages.values_list("language", "level")
        ],
        "restricted_constraints": _row(
            RestrictedConstraints.objects.filter(participant=participant).first(),
            ("constraints", "alternative_tasks", "updated"),
        ),
        "esf_entry_data": _row(
            EsfEntryData.objects.filter(participant=participant).first(),
            (
                "entry_date",
                "labour_market_status",
                "isced_level",
                "age_band",
                "gender_self_described",
                "gender_category",
                "disability",
                "minority",
                "third_country_national",
                "foreign_background",
                "homeless",
                "rural_area",
            ),
        ),
        "skills_profile": [
            _row(
                i,
                (
                    "uri",
                    "label",
                    "kind",
                    "group",
                    "status",
                    "source",
                    "score",
                    "evidence",
                    "goal",
                    "decided_at",
                    "created",
                ),
            )
            for i in ProfileItem.objects.filter(participant=participant).order_by("group", "label")
        ],
        "suggested_changes": [
            _row(
                c,
                ("kind", "item_label", "uri", "label", "note", "status", "created", "decided_at"),
            )
            for c in ChangeRequest.objects.filter(participant=participant).order_by("created", "id")
        ],
        "goals": [
            {
                **(_row(g, ("title", "due", "done_at", "created")) or {}),
                "steps": [_row(s, ("text", "due", "done_at")) for s in g.steps.all()],
            }
            for g in Goal.objects.filter(participant=participant).prefetch_related("steps")
        ],
        "sessions": [
            _row(
                s,
                ("kind", "status", "starts_at", "duration_minutes", "done_together", "next_steps"),
            )
            for s in Session.objects.filter(participant=participant).order_by("starts_at", "id")
        ],
        "tasks": [
            _row(t, ("title", "assignee", "due", "done_at", "created"))
            for t in Task.objects.filter(participant=participant).order_by("created", "id")
        ],
        "digcomp": [
            {
                **(
                    _row(
                        a,
                        (
                            "questions_version",
                            "started",
                            "completed_at",
                            "with_coach",
                            "self_assessed",
                            "area_means",
                        ),
                    )
                    or {}
                ),
                "answers": dict(a.answers.values_list("competence", "value")),
            }
            for a in DigCompAttempt.objects.filter(participant=participant).order_by("started")
        ],
        "cv_drafts": [
            _row(
                d,
                (
                    "language",
                    "full_name",
                    "contact",
                    "headline",
                    "summary",
                    "experience",
                    "education",
                    "skills",
                    "languages",
                    "other",
                    "updated",
                ),
            )
            for d in CvDraft.objects.filter(participant=participant).order_by("language")
        ],
        "outcome": _row(outcome, ("outcome_type", "date", "note", "qualification_gained")),
        "follow_up": _row(follow_up, ("due", "done_at", "result", "outcome_type", "note")),
    }


def render_export_html(data: dict[str, Any], lang: str = "fi") -> str:
    """A readable, self-contained HTML page of `export_participant_data` output."""
    with translation.override(lang):
        return render_to_string("journeys/export.html", {"data": data, "lang": lang})


def export_for(user: Any, participant_id: object) -> dict[str, Any]:
    """Load (404 unless visible), export and audit as `export`."""
    participant = access_participant(user, participant_id, action=AuditAction.EXPORT)
    data = export_participant_data(participant)
    if participant.user_id == getattr(user, "pk", None):
        log_event(user, AuditAction.EXPORT, participant)
    return data

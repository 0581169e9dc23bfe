"""The participant's data export: their mentor requests and mentorings with the meetings'
shared notes. A meeting's private note is the mentor's own and is never exported; nor is the
mentor's closing feedback (it is the mentor's words about the mentoring)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from kohtaanto.mentoring.models import Mentoring, MentoringMeeting, MentorRequest
from kohtaanto.people import exports
from kohtaanto.people.exports import Field, Nested, person_name, yes_no


def _mentor(obj: Any) -> str | None:
    return person_name(obj.mentor)


exports.register(
    "mentor_requests",
    model=MentorRequest,
    fields=(
        "goals",
        Field("skills_to_learn", on_page=False),
        "languages",
        Field("wants_remote", display=yes_no),
        "region",
        "status",
        Field("created", label=_("created")),
    ),
    order_by=("created", "id"),
    label=_("Mentor requests"),
)
exports.register(
    "mentorings",
    model=Mentoring,
    fields=(
        Field("mentor", get=_mentor, label=_("mentor")),
        "status",
        "goals",
        "proposed_at",
        "confirmed_at",
        "participant_accepted_at",
        "mentor_accepted_at",
        "planned_end",
        "closed_at",
        "feedback_participant",
        Field("shared", label=_("shared with the mentor")),
        Nested(
            "meetings",
            model=MentoringMeeting,
            fields=("date", "shared_note"),
            order_by=("date", "id"),
            label=_("meetings"),
        ),
    ),
    order_by=("proposed_at", "id"),
    label=_("Mentoring"),
)

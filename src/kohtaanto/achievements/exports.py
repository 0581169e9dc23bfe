"""The participant's data export: their finished courses (course, provider, day, note, who
recorded it and when) and their badges — the badge's name and version, where the
competence was shown, when issued, how the badge names them, whether hidden from the shared
link, revocation and its reason, and the signed credential itself (data file only). Never the
issuer's keys: they are not the person's data (and `IssuerKey` has no participant)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from kohtaanto.achievements.models import CourseCompletion, IssuedCredential
from kohtaanto.people import exports
from kohtaanto.people.exports import Field, person_name


def _badge(badge: Any) -> str:
    return f"{badge.version.name_fi} ({badge.version.number})"


exports.register(
    "badges",
    model=IssuedCredential,
    fields=(
        Field("badge", get=_badge, label=_("Badge")),
        "source",
        "issued_at",
        "state",
        "recipient_choice",
        "hidden",
        "revoked_at",
        "revoked_reason",
        Field("credential", get=lambda badge: badge.credential, on_page=False),
    ),
    order_by=("issued_at", "id"),
    label=_("Badges"),
)


exports.register(
    "course_completions",
    model=CourseCompletion,
    fields=(
        Field("course", get=lambda completion: completion.course.title, label=_("Course")),
        Field("provider", get=lambda completion: completion.course.provider, label=_("Provider")),
        "completed_on",
        "note",
        Field(
            "recorded_by",
            get=lambda completion: person_name(completion.recorded_by),
            label=_("recorded by"),
        ),
        "recorded_at",
    ),
    order_by=("completed_on", "id"),
    label=_("Finished courses"),
)

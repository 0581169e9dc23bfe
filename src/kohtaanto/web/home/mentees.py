"""The home page's "mentees" section (built with the mentoring area). Returns the context of
`home/mentees.html`, or None when the user has nothing of it.

For a volunteer: their mentees (first names), the next planned meeting and the confirmed
proposals waiting for their acceptance (never one a coordinator has not confirmed, nor one
whose participant has withdrawn matching consent), with links to their volunteer profile.
For a participant who has or is offered a mentor: a short note with a link to "my mentor"."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from kohtaanto.core.models import Organisation
from kohtaanto.mentoring.access import (
    mentorings_as_mentor,
    mentorings_visible_to,
    own_volunteer_profile,
)
from kohtaanto.mentoring.enums import MentoringStatus
from kohtaanto.mentoring.selectors import mentor_home

OPEN = (MentoringStatus.PROPOSED, MentoringStatus.CONFIRMED, MentoringStatus.ACTIVE)


def section(request: HttpRequest, organisation: Organisation | None) -> dict[str, Any] | None:
    user: Any = request.user
    if not getattr(user, "is_authenticated", False):
        return None
    visible = mentorings_visible_to(user)
    if organisation is not None:
        visible = visible.filter(organisation=organisation)
    # Only what reaches the mentor: confirmed (while the participant's matching consent
    # holds), active and closed ones, even when the user is also a coordinator.
    as_mentor = mentorings_as_mentor(user)
    if organisation is not None:
        as_mentor = as_mentor.filter(organisation=organisation)
    has_profile = own_volunteer_profile(user) is not None
    own = visible.filter(participant__user_id=user.pk, status__in=OPEN)
    if not has_profile and not as_mentor.exists() and not own.exists():
        return None
    context: dict[str, Any] = {"is_volunteer": has_profile or as_mentor.exists()}
    if context["is_volunteer"]:
        context["home"] = mentor_home(as_mentor)
    context["own_waiting"] = (
        own.filter(participant_accepted_at__isnull=True)
        .exclude(status=MentoringStatus.ACTIVE)
        .count()
    )
    context["own_active"] = own.filter(status=MentoringStatus.ACTIVE).exists()
    context["own_any"] = own.exists()
    return context

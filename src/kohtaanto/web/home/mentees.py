"""The home page's "mentees" section (built with the mentoring area). Returns the context of
`home/mentees.html`, or None when the user has nothing of it.

For a volunteer: their mentees (first names), the next planned meeting and the confirmed
proposals waiting for their acceptance (never one a coordinator has not confirmed, nor one
whose participant has withdrawn matching consent), with links to their volunteer profile.
For a participant who has or is offered a mentor: a short note with a link to "my mentor";
with an active mentoring also the mentor's first name, the next planned meeting, the goals and
the contact the mentor chose to show their mentees."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from kohtaanto.core.models import Organisation
from kohtaanto.mentoring.access import mentorings_as_mentor, own_volunteer_profile
from kohtaanto.mentoring.enums import MentoringStatus
from kohtaanto.mentoring.selectors import mentor_home, next_meeting_of
from kohtaanto.web import facts

OPEN = (MentoringStatus.PROPOSED, MentoringStatus.CONFIRMED, MentoringStatus.ACTIVE)


def section(request: HttpRequest, organisation: Organisation | None) -> dict[str, Any] | None:
    user: Any = request.user
    if not getattr(user, "is_authenticated", False):
        return None
    # Only what reaches the mentor: confirmed (while the participant's matching consent
    # holds), active and closed ones, even when the user is also a coordinator.
    profile = facts.volunteer_profile(request)
    # Mentoring as a mentor needs an active engagement, which needs a volunteer profile.
    as_mentor = mentorings_as_mentor(user) if profile is not None else None
    if as_mentor is not None and organisation is not None:
        as_mentor = as_mentor.filter(organisation=organisation)
    # A participant has a handful of mentorings at most: read once (with the menu), counted
    # here.
    own_rows = [
        row
        for row in facts.own_mentorings(request)
        if row.status in OPEN and (organisation is None or row.organisation_id == organisation.pk)
    ]
    is_volunteer = profile is not None
    if not is_volunteer and not own_rows:
        return None
    context: dict[str, Any] = {"is_volunteer": is_volunteer}
    if as_mentor is not None:
        context["home"] = mentor_home(as_mentor)
    context["own_waiting"] = sum(
        1
        for row in own_rows
        if row.participant_accepted_at is None and row.status != MentoringStatus.ACTIVE
    )
    active = next((row for row in own_rows if row.status == MentoringStatus.ACTIVE), None)
    context["own_active"] = active is not None
    context["own_any"] = bool(own_rows)
    if active is not None:
        mentor_profile = own_volunteer_profile(active.mentor)
        context["own_mentor"] = {
            "first_name": active.mentor.first_name or active.mentor.get_username(),
            "next_meeting": next_meeting_of(active),
            "goals": active.goals,
            "contact": mentor_profile.contact_for_mentees if mentor_profile else "",
        }
    return context

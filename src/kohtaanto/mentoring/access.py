"""Who may see the volunteer pool and mentoring relationships (on top of core.access and
people.access). Failures raise `Http404`, never 403.

- A coordinator sees the pool of their organisation (volunteers with an engagement in it) and
  its mentorings, but never a meeting's private note.
- A coach sees the mentorings of the participants they coach (no private notes).
- A participant sees their own mentorings and the shared notes of their meetings.
- A mentor sees only their own mentorings, only while they are an active volunteer with a
  mentoring role in the organisation (a support-line-only volunteer sees no participants), and
  of the participant only their first name and what the participant chose to share. A
  proposal reaches the mentor only once a coordinator has confirmed it, and only while the
  participant's matching consent holds (until it is active); declined and cancelled ones never.
  The goals written at the proposal only once the participant has accepted or shared goals.
- A meeting's private note is shown only to the mentor who wrote it.
Every read of a mentoring by someone else than the participant is audited.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from kohtaanto.core.access import get_visible_or_404, is_user, organisations_of
from kohtaanto.core.audit import log_event
from kohtaanto.core.enums import AuditAction, Role
from kohtaanto.core.models import Membership, Organisation, User
from kohtaanto.journeys.models import Goal, SpokenLanguage
from kohtaanto.mentoring.enums import MentoringStatus, SharedSection
from kohtaanto.mentoring.models import (
    Mentoring,
    MentoringMeeting,
    VolunteerEngagement,
    VolunteerProfile,
)
from kohtaanto.mentoring.services import mentor_organisations, side_of
from kohtaanto.people.consent import MATCHING_PURPOSES, consented_ids
from kohtaanto.people.models import Participant
from kohtaanto.profiles.enums import ItemStatus
from kohtaanto.profiles.models import ProfileItem


def volunteers_visible_to(
    user: Any, organisation: Organisation | None
) -> QuerySet[VolunteerProfile]:
    """Volunteers of `organisation` for its coordinators; nothing for anyone else."""
    if organisation is None or not is_user(user):
        return VolunteerProfile.objects.none()
    if not organisations_of(user, Role.COORDINATOR).filter(pk=organisation.pk).exists():
        return VolunteerProfile.objects.none()
    return VolunteerProfile.objects.filter(engagements__organisation=organisation).distinct()


def is_pool_keeper(user: Any, organisation: Organisation | None) -> bool:
    return (
        organisation is not None
        and is_user(user)
        and organisations_of(user, Role.COORDINATOR).filter(pk=organisation.pk).exists()
    )


def access_volunteer(
    user: Any, organisation: Organisation | None, volunteer_id: object
) -> VolunteerProfile:
    """A volunteer of the coordinator's current organisation, or 404."""
    return get_visible_or_404(
        volunteers_visible_to(user, organisation).select_related("user"), volunteer_id
    )


MENTOR_SEES = (MentoringStatus.CONFIRMED, MentoringStatus.ACTIVE, MentoringStatus.CLOSED)
"""The states in which a mentoring reaches its mentor (not a proposal before a coordinator
has confirmed it, not a declined or cancelled one)."""


def _as_mentor(user: Any) -> Q:
    """The user's own mentorings as a mentor: confirmed (while the participant's matching
    consent holds), active or closed, in organisations where they are an active mentor."""
    organisations = mentor_organisations(user)
    if not organisations:  # not an active mentor anywhere: nothing, without a query
        return Q(pk__in=[])
    own = Q(mentor_id=user.pk, organisation_id__in=organisations, status__in=MENTOR_SEES)
    waiting = list(
        Mentoring.objects.filter(own, status=MentoringStatus.CONFIRMED).values_list(
            "pk", "participant_id"
        )
    )
    consented = consented_ids({pid for _pk, pid in waiting}, MATCHING_PURPOSES)
    withdrawn = [pk for pk, pid in waiting if pid not in consented]
    return own & ~Q(pk__in=withdrawn) if withdrawn else own


def mentorings_as_mentor(user: Any) -> QuerySet[Mentoring]:
    """The user's own mentorings as the mentor sees them (also for a mentor who is a
    coordinator too, whose other view is wider)."""
    if not is_user(user):
        return Mentoring.objects.none()
    return Mentoring.objects.filter(_as_mentor(user))


def own_mentorings(user: Any) -> QuerySet[Mentoring]:
    """The mentorings of the user's own participant record (any state): the part of
    `mentorings_visible_to` that is their own, without the wider views' subqueries (the home
    page and the menu ask it on every view)."""
    if not is_user(user):
        return Mentoring.objects.none()
    return Mentoring.objects.filter(participant__user_id=user.pk)


def mentorings_visible_to(user: Any) -> QuerySet[Mentoring]:
    if not is_user(user):
        return Mentoring.objects.none()
    coordinator_orgs = organisations_of(user, Role.COORDINATOR).values("pk")
    coach_orgs = organisations_of(user, Role.COACH).values("pk")
    coached = Participant.coaches.through.objects.filter(user_id=user.pk).values("participant_id")
    return Mentoring.objects.filter(
        _as_mentor(user)
        | Q(participant__user_id=user.pk)
        | Q(organisation__in=coordinator_orgs)
        | (Q(organisation__in=coach_orgs) & Q(participant_id__in=coached))
    )


def access_mentoring(user: Any, mentoring_id: object) -> Mentoring:
    """The mentoring if `user` may see it, else 404. Audited unless the reader is the
    participant themself (the audit event names the participant)."""
    mentoring = get_visible_or_404(
        mentorings_visible_to(user).select_related("participant", "mentor", "organisation"),
        mentoring_id,
    )
    if mentoring.participant.user_id != user.pk:
        log_event(user, AuditAction.VIEW, mentoring)
    return mentoring


def viewer(user: Any, mentoring: Mentoring) -> str:
    """ "participant", "mentor", or "staff" (coordinator or coach) for a visible mentoring."""
    return side_of(user, mentoring) or "staff"


@dataclass
class MeetingView:
    """A meeting as `user` may see it: the private note only for the mentor who wrote it."""

    id: int
    date: Any
    shared_note: str
    private_note: str = ""
    own: bool = False
    time: Any = None
    cancelled: bool = False


def meetings_for(user: Any, mentoring: Mentoring) -> list[MeetingView]:
    rows = MentoringMeeting.objects.filter(mentoring=mentoring).order_by("date", "time", "id")
    result = []
    for meeting in rows:
        own = is_user(user) and meeting.written_by_id == user.pk and mentoring.mentor_id == user.pk
        result.append(
            MeetingView(
                id=meeting.pk,
                date=meeting.date,
                shared_note=meeting.shared_note,
                private_note=meeting.private_note if own else "",
                own=own,
                time=meeting.time,
                cancelled=meeting.cancelled,
            )
        )
    return result


def access_own_meeting(user: Any, meeting_id: object) -> MentoringMeeting:
    """A meeting the user (its mentor) wrote, or 404."""
    if not is_user(user):
        raise Http404
    return get_visible_or_404(
        MentoringMeeting.objects.filter(
            written_by_id=user.pk,
            mentoring__mentor_id=user.pk,
            mentoring__organisation_id__in=mentor_organisations(user),
        ).select_related("mentoring"),
        meeting_id,
    )


@dataclass
class SharedView:
    """What the participant chose to show their mentor (and nothing else)."""

    sections: list[str] = field(default_factory=list)
    goals: list[str] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)
    languages: list[tuple[str, str]] = field(default_factory=list)
    email: str = ""
    phone: str = ""


def shared_with_mentor(user: Any, mentoring: Mentoring) -> SharedView | None:
    """For the mentor: the shared sections of the participant's record (None for anyone else,
    who sees the record through its own pages)."""
    if side_of(user, mentoring) != "mentor":
        return None
    participant = mentoring.participant
    view = SharedView(sections=list(mentoring.shared))
    if SharedSection.GOALS in mentoring.shared:
        view.goals = list(
            Goal.objects.filter(participant=participant, done_at__isnull=True).values_list(
                "title", flat=True
            )
        )
    if SharedSection.SKILLS in mentoring.shared:
        view.skills = list(
            ProfileItem.objects.filter(
                participant=participant, status=ItemStatus.CONFIRMED
            ).values_list("label", flat=True)
        )
    if SharedSection.LANGUAGES in mentoring.shared:
        view.languages = list(
            SpokenLanguage.objects.filter(participant=participant).values_list("language", "level")
        )
    if SharedSection.CONTACT in mentoring.shared:
        view.email, view.phone = participant.email, participant.phone
    if view.sections:
        log_event(user, AuditAction.VIEW, participant)
    return view


def pool_candidates(user: Any, organisation: Organisation | None) -> QuerySet[User]:
    """Members of `organisation` with the peer-mentor role who are not yet in its pool
    (for its coordinators; nobody for anyone else)."""
    if not is_pool_keeper(user, organisation):
        return User.objects.none()
    in_pool = VolunteerEngagement.objects.filter(organisation=organisation).values(
        "volunteer__user_id"
    )
    members = Membership.objects.filter(organisation=organisation, role=Role.MENTOR)
    return (
        User.objects.filter(pk__in=members.values("user_id"))
        .exclude(pk__in=in_pool)
        .order_by("first_name", "last_name", "username")
    )


def own_volunteer_profile(user: Any) -> VolunteerProfile | None:
    if not is_user(user):
        return None
    return VolunteerProfile.objects.filter(user_id=user.pk).first()


def engagement_in(
    profile: VolunteerProfile, organisation: Organisation
) -> VolunteerEngagement | None:
    return VolunteerEngagement.objects.filter(volunteer=profile, organisation=organisation).first()

"""Reads of groups shaped for the pages: a leader's next sessions, a participant's groups with
the next session of each, the roll call of a session, a group's schedule. Callers pass objects
they loaded through `groups/access.py`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kohtaanto.groups.access import OWN_STATUSES, display_name, led_groups, open_groups_for
from kohtaanto.groups.enums import MemberStatus
from kohtaanto.groups.models import Attendance, Group, GroupMember, GroupSession
from kohtaanto.people.models import Participant


def with_member_counts(groups: QuerySet[Group], *, coach: Any = None) -> QuerySet[Group]:
    """Members and waiting per group; with `coach`, also how many members are in that
    coach's own caseload (`caseload_count`)."""
    groups = groups.annotate(
        member_count=Count("members", filter=Q(members__status=MemberStatus.MEMBER)),
        waiting_count=Count("members", filter=Q(members__status=MemberStatus.WAITING)),
    )
    if coach is not None:
        caseload = Participant.coaches.through.objects.filter(user_id=coach.pk).values(
            "participant_id"
        )
        groups = groups.annotate(
            caseload_count=Count(
                "members",
                filter=Q(members__status=MemberStatus.MEMBER, members__participant_id__in=caseload),
            )
        )
    return groups


def upcoming_sessions(
    groups: QuerySet[Group] | Sequence[int], *, days: int = 14, limit: int = 10
) -> list[GroupSession]:
    """Sessions of `groups` (a queryset from the access helpers, or the ids of groups loaded
    through them) starting from an hour ago to `days` ahead (cancelled ones too, so that a
    leader sees the cancellation)."""
    now = timezone.now()
    return list(
        GroupSession.objects.filter(
            group__in=groups,
            starts__gte=now - dt.timedelta(hours=1),
            starts__lt=now + dt.timedelta(days=days),
        )
        .select_related("group")
        .order_by("starts", "id")[:limit]
    )


def leader_next_sessions(user: Any, *, days: int = 14, limit: int = 8) -> list[GroupSession]:
    return upcoming_sessions(led_groups(user), days=days, limit=limit)


def schedule(group: Group, *, past: int = 5) -> tuple[list[GroupSession], list[GroupSession]]:
    """(the last `past` sessions, all coming sessions) of the group."""
    now = timezone.now()
    sessions = GroupSession.objects.filter(group=group)
    coming = list(sessions.filter(ends__gte=now).order_by("starts", "id"))
    earlier = list(sessions.filter(ends__lt=now).order_by("-starts", "-id")[:past])
    earlier.reverse()
    return earlier, coming


def next_session(group: Group) -> GroupSession | None:
    return (
        GroupSession.objects.filter(
            group=group, ends__gte=timezone.now(), cancelled_at__isnull=True
        )
        .order_by("starts", "id")
        .first()
    )


PARTICIPANT_STATUS_LABELS: dict[str, Any] = {
    # What the participant reads of their own request: it waits for the leader's yes.
    MemberStatus.REQUESTED: _("Waiting for approval"),
}


def participant_status_label(status: str) -> str:
    """A membership status as the participant themself reads it."""
    return str(PARTICIPANT_STATUS_LABELS.get(status) or MemberStatus(status).label)


@dataclass(frozen=True)
class OwnGroup:
    group: Group
    status: str
    status_label: str
    next_session: GroupSession | None


def own_groups(participant: Participant) -> list[OwnGroup]:
    """The participant's groups (every status but "left") with each one's next session."""
    now = timezone.now()
    coming = GroupSession.objects.filter(ends__gte=now, cancelled_at__isnull=True).order_by(
        "starts", "id"
    )
    memberships = (
        GroupMember.objects.filter(participant=participant, status__in=OWN_STATUSES)
        .select_related("group")
        .prefetch_related(Prefetch("group__sessions", queryset=coming, to_attr="coming"))
        .order_by("group__name", "group_id")
    )
    return [
        OwnGroup(
            group=m.group,
            status=m.status,
            status_label=participant_status_label(m.status),
            next_session=m.group.coming[0] if m.group.coming else None,  # type: ignore[attr-defined]
        )
        for m in memberships
        if not m.group.archived
    ]


def open_groups_to_join(participant: Participant) -> QuerySet[Group]:
    mine = GroupMember.objects.filter(participant=participant, status__in=OWN_STATUSES)
    return with_member_counts(
        open_groups_for(participant).exclude(pk__in=mine.values("group_id"))
    ).order_by("name", "id")


def membership_of(group: Group, participant: Participant | None) -> GroupMember | None:
    if participant is None:
        return None
    return GroupMember.objects.filter(group=group, participant=participant).first()


@dataclass(frozen=True)
class RosterRow:
    member: GroupMember
    name: str  # as the viewer may see it: full, or first name + last initial
    mark: str  # "" when not marked yet
    in_caseload: bool


def members_of(group: Group, statuses: tuple[str, ...]) -> list[GroupMember]:
    return list(
        GroupMember.objects.filter(group=group, status__in=statuses)
        .select_related("participant")
        .order_by("since", "id")
    )


def roster(
    group: Group,
    members: list[GroupMember],
    session: GroupSession | None = None,
    caseload: set[int] | None = None,
    names: dict[int, str] | None = None,
) -> list[RosterRow]:
    """Rows of the member list or the roll call; `names` (from `access.member_names`) gives
    how the viewer sees each name, by default the first name and initial."""
    marks: dict[int, str] = {}
    if session is not None:
        marks = dict(
            Attendance.objects.filter(session=session).values_list("participant_id", "mark")
        )
    caseload = caseload or set()
    rows = [
        RosterRow(
            member=m,
            name=(names or {}).get(m.participant_id) or display_name(m.participant),
            mark=marks.get(m.participant_id, ""),
            in_caseload=m.participant_id in caseload,
        )
        for m in members
    ]
    return sorted(rows, key=lambda r: (r.name.casefold(), r.member.pk))


def roll_call_members(session: GroupSession) -> list[GroupMember]:
    """The members to mark: current members, plus anyone already marked for this session."""
    marked = Attendance.objects.filter(session=session).values("participant_id")
    return list(
        GroupMember.objects.filter(group_id=session.group_id)
        .filter(Q(status=MemberStatus.MEMBER) | Q(participant_id__in=marked))
        .select_related("participant")
    )


def attendance_summary(session: GroupSession) -> dict[str, int]:
    counts: dict[str, int] = {}
    for mark in Attendance.objects.filter(session=session).values_list("mark", flat=True):
        counts[mark] = counts.get(mark, 0) + 1
    return counts


def last_marked(session: GroupSession) -> Attendance | None:
    return (
        Attendance.objects.filter(session=session)
        .select_related("marked_by")
        .order_by("-marked_at", "-id")
        .first()
    )


def leader_candidates(organisation_id: int) -> list[tuple[int, str]]:
    """(user id, name) of the organisation's peer mentors, coaches and coordinators."""
    from kohtaanto.core.models import User
    from kohtaanto.groups.access import LEADER_ROLES

    users = (
        User.objects.filter(
            memberships__organisation_id=organisation_id, memberships__role__in=LEADER_ROLES
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )
    return [(u.pk, u.get_full_name() or u.get_username()) for u in users]


def member_counts(group: Group) -> tuple[int, int]:
    """(members, waiting) of one group."""
    counted = with_member_counts(Group.objects.filter(pk=group.pk)).get()
    return counted.member_count, counted.waiting_count  # type: ignore[attr-defined]


def attendance_marks(session: GroupSession) -> dict[int, str]:
    return dict(Attendance.objects.filter(session=session).values_list("participant_id", "mark"))

"""Who may see and change a peer group: the one module for group access.

Rules (issue 14, point 7):
- coordinators see and manage every group of the organisations they coordinate;
- coaches see and manage the groups of their organisations, and see which of their own
  caseload are members;
- a leader (a user in `Group.leaders` who still holds the mentor, coach or coordinator role in
  the group's organisation) sees the groups they lead, takes attendance, adds materials and
  interim tasks, schedules and cancels sessions; of the members a volunteer sees only the first
  name and the initial of the last name, never case-file data (`display_name`); a coordinator,
  or a coach of the person, sees the full name as elsewhere (`member_names`);
- a participant sees the groups they belong to (or were invited to, asked to join or wait for)
  and the open groups of their own organisation, with times and places; never other members'
  names;
- employer contacts, workplace mentors, analysts and members of other organisations: nothing
  (`GroupNotFound`, a 404, never 403).

A leader's, coach's or coordinator's read of the member list is audited as a read of each
member's data (`audit_member_read`).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404

from kohtaanto.core.access import get_visible_or_404, is_user, roles_of
from kohtaanto.core.audit import log_event
from kohtaanto.core.enums import AuditAction, Role
from kohtaanto.core.errors import NotFound
from kohtaanto.core.models import Membership, Organisation
from kohtaanto.groups.enums import MemberStatus
from kohtaanto.groups.models import Group, GroupMaterial, GroupMember, GroupSession, InterimTask
from kohtaanto.people.models import Participant

LEADER_ROLES = (Role.MENTOR, Role.COACH, Role.COORDINATOR)
MANAGER_ROLES = (Role.COACH, Role.COORDINATOR)
# A participant's own groups: every status but "left".
OWN_STATUSES = (
    MemberStatus.MEMBER,
    MemberStatus.WAITING,
    MemberStatus.INVITED,
    MemberStatus.REQUESTED,
)


class GroupNotFound(NotFound, Http404):
    """No such group (or session) for this user; also raised when the user may not see it."""


def _org_ids(user: Any, *roles: Role) -> Any:
    """Ids of organisations where `user` holds one of `roles` (a subquery)."""
    return Membership.objects.filter(user=user, role__in=roles).values("organisation_id")


def manager_organisations(user: Any) -> QuerySet[Organisation]:
    """Organisations where `user` may create and manage groups (coach or coordinator)."""
    if not is_user(user):
        return Organisation.objects.none()
    return Organisation.objects.filter(pk__in=_org_ids(user, *MANAGER_ROLES))


def _led_q(user: Any) -> Q:
    """Groups `user` leads, while they still hold a leading role in the group's organisation."""
    return Q(leaders=user, organisation__in=_org_ids(user, *LEADER_ROLES))


def _own_participants(user: Any) -> QuerySet[Participant]:
    participant_orgs = _org_ids(user, Role.PARTICIPANT)
    return Participant.objects.filter(user_id=user.pk, organisation__in=participant_orgs)


def groups_visible_to(user: Any) -> QuerySet[Group]:
    """Groups `user` may see (see the module's rules)."""
    if not is_user(user):
        return Group.objects.none()
    own = _own_participants(user)
    member_of = GroupMember.objects.filter(participant__in=own, status__in=OWN_STATUSES).values(
        "group_id"
    )
    visible = Group.objects.filter(
        Q(organisation__in=_org_ids(user, *MANAGER_ROLES))
        | Q(pk__in=Group.objects.filter(_led_q(user)).values("pk"))
        | Q(pk__in=member_of)
        | Q(is_open=True, archived=False, organisation__in=own.values("organisation_id"))
    )
    return visible


def led_groups(user: Any) -> QuerySet[Group]:
    """Groups `user` leads (for the leader's home section and "my groups")."""
    if not is_user(user):
        return Group.objects.none()
    return Group.objects.filter(pk__in=Group.objects.filter(_led_q(user)).values("pk"))


def open_groups_for(participant: Participant) -> QuerySet[Group]:
    return Group.objects.filter(
        organisation_id=participant.organisation_id, is_open=True, archived=False
    )


def access_group(user: Any, group_id: object) -> Group:
    """A group `user` may see, or `GroupNotFound`."""
    return get_visible_or_404(
        groups_visible_to(user).select_related("organisation"),
        group_id,
        not_found=GroupNotFound,
    )


def access_session(user: Any, session_id: object) -> GroupSession:
    """A session of a group `user` may see, or `GroupNotFound`."""
    return get_visible_or_404(
        GroupSession.objects.filter(group__in=groups_visible_to(user)).select_related(
            "group", "group__organisation"
        ),
        session_id,
        not_found=GroupNotFound,
    )


def is_manager(user: Any, group: Group) -> bool:
    """A coach or coordinator of the group's organisation."""
    return bool(roles_of(user, group.organisation_id) & set(MANAGER_ROLES))


def is_leader(user: Any, group: Group) -> bool:
    return (
        is_user(user)
        and bool(roles_of(user, group.organisation_id) & set(LEADER_ROLES))
        and group.leaders.filter(pk=user.pk).exists()
    )


def can_lead(user: Any, group: Group) -> bool:
    """Leaders and managers: attendance, sessions, materials, tasks, members."""
    return is_user(user) and (is_manager(user, group) or is_leader(user, group))


def require_manager(user: Any, group: Group) -> None:
    if not is_manager(user, group):
        raise GroupNotFound


def require_leading(user: Any, group: Group) -> None:
    if not can_lead(user, group):
        raise GroupNotFound


def manage_group(user: Any, group_id: object) -> Group:
    """A group `user` may edit (coach or coordinator of its organisation), or 404."""
    group = access_group(user, group_id)
    require_manager(user, group)
    return group


def lead_group(user: Any, group_id: object) -> Group:
    """A group `user` leads or manages, or 404."""
    group = access_group(user, group_id)
    require_leading(user, group)
    return group


def lead_session(user: Any, session_id: object) -> GroupSession:
    """A session of a group `user` leads or manages (the roll call), or 404."""
    session = access_session(user, session_id)
    require_leading(user, session.group)
    return session


def own_participant_in(user: Any, organisation_id: int) -> Participant | None:
    """`user`'s own participant record in that organisation, if they are a participant there."""
    if not is_user(user):
        return None
    return _own_participants(user).filter(organisation_id=organisation_id).first()


def caseload_ids(user: Any, group: Group) -> set[int]:
    """Ids of members who are in `user`'s own caseload (a coach of the group's organisation)."""
    if Role.COACH not in roles_of(user, group.organisation_id):
        return set()
    return set(
        Participant.coaches.through.objects.filter(
            user_id=user.pk, participant__group_memberships__group=group
        ).values_list("participant_id", flat=True)
    )


def invitable_participants(user: Any, group: Group) -> QuerySet[Participant]:
    """Participants `user` may invite to `group`: the active participants of the group's
    organisation whose record they may read (a coordinator: all; a coach: their caseload; a
    mentor: none), not already in the group. Those whose service has ended or is paused
    cannot join, so they are not offered."""
    from kohtaanto.people.access import participants_visible_to
    from kohtaanto.people.enums import ParticipantStatus

    already = GroupMember.objects.filter(group=group).exclude(status=MemberStatus.LEFT)
    return (
        participants_visible_to(user)
        .filter(organisation_id=group.organisation_id, status=ParticipantStatus.ACTIVE)
        .exclude(pk__in=already.values("participant_id"))
        .exclude(user_id=user.pk)
    )


def display_name(participant: Participant) -> str:
    """What a leader sees of a member: the first name and the initial of the last name."""
    initial = participant.last_name[:1]
    return f"{participant.first_name} {initial}." if initial else participant.first_name


def member_names(user: Any, participants: list[Participant]) -> dict[int, str]:
    """How `user` sees each of these members' names: in full when they may read the person's
    record anyway (a coordinator; a coach of the person), else the first name and the
    initial (`display_name`): the same on the member list, the roll call and the invite list."""
    from kohtaanto.people.access import participants_visible_to

    ids = [p.pk for p in participants]
    full = set(participants_visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))
    return {p.pk: p.full_name if p.pk in full else display_name(p) for p in participants}


def audit_member_read(user: Any, members: list[GroupMember]) -> None:
    """Record that `user` read these members' data (the member list or the roll call)."""
    with transaction.atomic():
        for member in members:
            if member.participant.user_id != user.pk:
                log_event(user, AuditAction.VIEW, member.participant)


def member_in(group: Group, member_id: object) -> GroupMember:
    """One membership row of a group the caller already loaded through this module."""
    return get_visible_or_404(
        GroupMember.objects.filter(group=group).select_related("participant"),
        member_id,
        not_found=GroupNotFound,
    )


def material_in(group: Group, material_id: object) -> GroupMaterial:
    return get_visible_or_404(
        GroupMaterial.objects.filter(group=group), material_id, not_found=GroupNotFound
    )


def task_in(group: Group, task_id: object) -> InterimTask:
    return get_visible_or_404(
        InterimTask.objects.filter(group=group), task_id, not_found=GroupNotFound
    )


def session_in(group: Group, session_id: object) -> GroupSession:
    return get_visible_or_404(
        GroupSession.objects.filter(group=group), session_id, not_found=GroupNotFound
    )


def invitable_participant(user: Any, group: Group, participant_id: object) -> Participant:
    return get_visible_or_404(
        invitable_participants(user, group), participant_id, not_found=GroupNotFound
    )


def can_use_groups(user: Any) -> bool:
    """Who has a group list at all: participants, mentors, coaches and coordinators."""
    return (
        is_user(user)
        and Membership.objects.filter(
            user=user, role__in=(*LEADER_ROLES, Role.PARTICIPANT)
        ).exists()
    )

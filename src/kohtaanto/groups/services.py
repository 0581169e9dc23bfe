"""The only writes of peer groups: groups and leaders, sessions (also recurring), cancelling,
members (invitation, joining an open group, answer, waiting list, leaving), attendance,
materials and interim tasks. Used by the pages, the admin, the demo and the tests.

Callers load objects through `groups/access.py` first and check who may act there; these
functions check the data. Each runs in one transaction: a `ValidationFailed` leaves nothing
saved half.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from kohtaanto.core.audit import log_event
from kohtaanto.core.enums import AuditAction
from kohtaanto.core.errors import ValidationFailed
from kohtaanto.core.models import Organisation, User
from kohtaanto.groups.access import LEADER_ROLES
from kohtaanto.groups.enums import AttendanceMark, MemberStatus
from kohtaanto.groups.models import (
    Attendance,
    Group,
    GroupMaterial,
    GroupMember,
    GroupSession,
    InterimTask,
)
from kohtaanto.people.enums import ParticipantStatus
from kohtaanto.people.models import Participant

GROUP_FIELDS = frozenset(
    {
        "name",
        "kind",
        "description",
        "is_open",
        "language",
        "place",
        "online_link",
        "capacity",
        "starts_on",
        "ends_on",
        "archived",
    }
)
WEEKLY = "weekly"
BIWEEKLY = "biweekly"
ONCE = "once"
REPEATS = {ONCE: 0, WEEKLY: 7, BIWEEKLY: 14}
MAX_SESSIONS = 60
# Attendance can be taken from this long before a session starts (the leader arrives early),
# never for a session further ahead.
ROLL_CALL_OPENS = dt.timedelta(minutes=30)


def roll_call_open(session: GroupSession, now: dt.datetime | None = None) -> bool:
    """Whether attendance may be taken now: from `ROLL_CALL_OPENS` before the start on."""
    now = now or timezone.now()
    return now >= session.starts - ROLL_CALL_OPENS


def has_started(session: GroupSession, now: dt.datetime | None = None) -> bool:
    return (now or timezone.now()) >= session.starts


def _full_clean(obj: Any, exclude: Iterable[str] = ()) -> None:
    try:
        obj.full_clean(exclude=list(exclude), validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        raise ValidationFailed(errors=exc.message_dict) from None


def _reject_unknown(fields: Mapping[str, Any]) -> None:
    unknown = set(fields) - GROUP_FIELDS
    if unknown:
        raise ValidationFailed(
            errors={name: [_("This field cannot be changed.")] for name in sorted(unknown)}
        )


def _check_dates(group: Group) -> None:
    if group.starts_on and group.ends_on and group.ends_on < group.starts_on:
        raise ValidationFailed(errors={"ends_on": [_("The end cannot be before the start.")]})
    if group.capacity is not None and group.capacity < 1:
        raise ValidationFailed(errors={"capacity": [_("The capacity must be at least one.")]})


# --- groups and leaders -------------------------------------------------------------------


def create_group(
    *,
    organisation: Organisation,
    by: Any,
    leaders: Iterable[User | int] = (),
    **fields: Any,
) -> Group:
    """A new group of `organisation`, with its leaders."""
    _reject_unknown(fields)
    group = Group(organisation=organisation, created_by=by, **fields)
    _full_clean(group, exclude=("created_by",))
    _check_dates(group)
    with transaction.atomic():
        group.save()
        set_leaders(group, leaders, by=by)
        log_event(by, AuditAction.CREATE, group)
    return group


def update_group(
    group: Group, *, by: Any, leaders: Iterable[User | int] | None = None, **fields: Any
) -> Group:
    """Change the group's fields (and its leaders, when given); a bigger capacity moves people
    from the waiting list to members."""
    _reject_unknown(fields)
    for name, value in fields.items():
        setattr(group, name, value)
    _full_clean(group, exclude=("created_by",))
    _check_dates(group)
    with transaction.atomic():
        group.save()
        if leaders is not None:
            set_leaders(group, leaders, by=by)
        log_event(by, AuditAction.CHANGE, group)
        if "capacity" in fields:
            _fill_from_waiting_list(group, by=by)
    return group


def _leader_users(group: Group, leaders: Iterable[User | int]) -> list[User]:
    """The users (or user ids) checked: each a peer mentor, coach or coordinator of the
    group's organisation."""
    ids = {user if isinstance(user, int) else user.pk for user in leaders}
    users = list(
        User.objects.filter(
            pk__in=ids,
            memberships__organisation_id=group.organisation_id,
            memberships__role__in=LEADER_ROLES,
        ).distinct()
    )
    if len(users) != len(ids):
        raise ValidationFailed(
            errors={
                "leaders": [
                    _(
                        "A leader must be a peer mentor, coach or coordinator "
                        "of the group's organisation."
                    )
                ]
            }
        )
    return users


def set_leaders(group: Group, leaders: Iterable[User | int], *, by: Any) -> None:
    """Make exactly `leaders` the group's leaders."""
    chosen = _leader_users(group, leaders)
    with transaction.atomic():
        group.leaders.set(chosen)


def add_leader(group: Group, user: User | int, *, by: Any) -> None:
    chosen = _leader_users(group, [user])
    with transaction.atomic():
        group.leaders.add(*chosen)
        log_event(by, AuditAction.CHANGE, group)


def remove_leader(group: Group, user: User, *, by: Any) -> None:
    with transaction.atomic():
        group.leaders.remove(user)
        log_event(by, AuditAction.CHANGE, group)


# --- sessions -----------------------------------------------------------------------------


def _local(value: dt.datetime) -> str:
    return str(formats.date_format(timezone.localtime(value), "j.n.Y H.i"))


def overlapping_sessions(
    group: Group, starts: dt.datetime, ends: dt.datetime, *, exclude: int | None = None
) -> list[GroupSession]:
    """Other sessions, not cancelled, of any group led by one of `group`'s leaders (or of
    `group` itself) that overlap [starts, ends)."""
    leader_ids = list(group.leaders.values_list("pk", flat=True))
    sessions = GroupSession.objects.filter(
        Q(group=group) | Q(group__leaders__in=leader_ids),
        cancelled_at__isnull=True,
        starts__lt=ends,
        ends__gt=starts,
    )
    if exclude is not None:
        sessions = sessions.exclude(pk=exclude)
    return list(sessions.select_related("group").distinct().order_by("starts"))


def _overlap_message(group: Group, starts: dt.datetime, other: GroupSession) -> str:
    """The warning about one overlapping session. A session of another organisation's group is
    not named: a leader who volunteers in two organisations keeps each one's groups to itself."""
    if other.group.organisation_id == group.organisation_id:
        return _("%(when)s overlaps the session of %(group)s at %(other)s.") % {
            "when": _local(starts),
            "group": other.group.name,
            "other": _local(other.starts),
        }
    return _("%(when)s overlaps another session of the leader at %(other)s.") % {
        "when": _local(starts),
        "other": _local(other.starts),
    }


def session_times(
    first_starts: dt.datetime,
    duration: dt.timedelta,
    *,
    repeat: str = ONCE,
    count: int | None = None,
    until: dt.date | None = None,
    skip: Iterable[dt.date] = (),
) -> list[tuple[dt.datetime, dt.datetime]]:
    """Start and end of each session of a series (local wall-clock time kept over DST). Dates
    in `skip` (public holidays, a holiday week) get no session; `count` counts the sessions
    held, so the series goes on that much longer."""
    if repeat not in REPEATS:
        raise ValidationFailed(errors={"repeat": [_("Choose how the session repeats.")]})
    if duration <= dt.timedelta(0):
        raise ValidationFailed(errors={"ends": [_("The session must end after it starts.")]})
    if duration > dt.timedelta(hours=12):
        raise ValidationFailed(errors={"ends": [_("A session can last at most 12 hours.")]})
    step = REPEATS[repeat]
    if step == 0:
        return [(first_starts, first_starts + duration)]
    if count is None and until is None:
        raise ValidationFailed(
            errors={"count": [_("Tell how many times, or until which date, the session repeats.")]}
        )
    local = timezone.localtime(first_starts)
    if until is not None and until < local.date():
        raise ValidationFailed(
            errors={"until": [_("The last date cannot be before the first session.")]}
        )
    times: list[tuple[dt.datetime, dt.datetime]] = []
    naive = local.replace(tzinfo=None)
    skipped = set(skip)
    while True:
        if count is not None and len(times) >= count:
            break
        if until is not None and naive.date() > until:
            break
        if len(times) >= MAX_SESSIONS:
            raise ValidationFailed(
                errors={
                    "count": [
                        _("At most %(max)d sessions can be scheduled at once.")
                        % {"max": MAX_SESSIONS}
                    ]
                }
            )
        if naive.date() in skipped:
            naive += dt.timedelta(days=step)
            continue
        starts = timezone.make_aware(naive)
        times.append((starts, starts + duration))
        naive += dt.timedelta(days=step)
    if not times:
        raise ValidationFailed(errors={"count": [_("The series would have no sessions.")]})
    return times


def schedule_sessions(
    group: Group,
    *,
    starts: dt.datetime,
    ends: dt.datetime,
    by: Any,
    repeat: str = ONCE,
    count: int | None = None,
    until: dt.date | None = None,
    place: str = "",
    online_link: str = "",
    topic: str = "",
    allow_overlap: bool = False,
    skip: Iterable[dt.date] = (),
) -> list[GroupSession]:
    """One session or a recurring series (weekly or every two weeks, `count` times or until
    a date, leaving out the dates in `skip`). Refused when a session overlaps another session
    of the group or of one of its leaders, unless `allow_overlap` (the leader saw the warning
    and confirmed)."""
    if count is not None and count < 1:
        raise ValidationFailed(errors={"count": [_("The number of times must be at least one.")]})
    times = session_times(starts, ends - starts, repeat=repeat, count=count, until=until, skip=skip)
    series = uuid.uuid4().hex[:12] if len(times) > 1 else ""
    sessions = [
        GroupSession(
            group=group,
            starts=start,
            ends=end,
            place=place or group.place,
            online_link=online_link or group.online_link,
            topic=topic,
            series=series,
        )
        for start, end in times
    ]
    for session in sessions:
        _full_clean(session, exclude=("group",))
    if not allow_overlap:
        clashes = []
        for start, end in times:
            for other in overlapping_sessions(group, start, end):
                clashes.append(_overlap_message(group, start, other))
        if clashes:
            raise ValidationFailed(
                _("The session overlaps a leader's other session."),
                errors={"starts": clashes[:5]},
                code="overlap",
            )
    with transaction.atomic():
        GroupSession.objects.bulk_create(sessions)
        log_event(by, AuditAction.CREATE, group)
    return list(
        GroupSession.objects.filter(group=group, starts__in=[s for s, _e in times]).order_by(
            "starts"
        )
    )


def cancel_session(session: GroupSession, *, reason: str, by: Any) -> GroupSession:
    """Cancel a session that has not started nor been cancelled yet; the reason is shown to
    members."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(
            errors={"reason": [_("Tell the members why the session is cancelled.")]}
        )
    if len(reason) > 300:
        raise ValidationFailed(errors={"reason": [_("Write at most 300 characters.")]})
    with transaction.atomic():
        locked = GroupSession.objects.select_for_update().get(pk=session.pk)
        if locked.cancelled_at is not None:
            raise ValidationFailed(_("This session has already been cancelled."))
        if has_started(locked):
            raise ValidationFailed(
                _("A session that has already started cannot be cancelled."), code="started"
            )
        locked.cancelled_at = timezone.now()
        locked.cancel_reason = reason
        locked.save(update_fields=["cancelled_at", "cancel_reason"])
        log_event(by, AuditAction.CHANGE, locked.group)
    return locked


# --- members ------------------------------------------------------------------------------


def _member_count(group: Group) -> int:
    return GroupMember.objects.filter(group=group, status=MemberStatus.MEMBER).count()


def is_full(group: Group) -> bool:
    return group.capacity is not None and _member_count(group) >= group.capacity


def _lock(group: Group) -> Group:
    return Group.objects.select_for_update().get(pk=group.pk)


def _check_participant(group: Group, participant: Participant) -> None:
    if participant.organisation_id != group.organisation_id:
        raise ValidationFailed(
            errors={"participant": [_("Only participants of the group's organisation can join.")]}
        )
    if participant.status != ParticipantStatus.ACTIVE:
        raise ValidationFailed(
            errors={"participant": [_("Only active participants can join a group.")]}
        )


def _set_status(group: Group, participant: Participant, status: str, *, by: Any) -> GroupMember:
    member, created = GroupMember.objects.get_or_create(
        group=group,
        participant=participant,
        defaults={"status": status, "changed_by": by if _is_user(by) else None},
    )
    if not created:
        member.status = status
        member.since = timezone.now()
        member.changed_by = by if _is_user(by) else None
        member.save(update_fields=["status", "since", "changed_by"])
    return member


def _is_user(by: Any) -> bool:
    return by is not None and bool(getattr(by, "is_authenticated", False))


def _admit(group: Group, participant: Participant, *, by: Any) -> GroupMember:
    """Member if there is room, else on the waiting list."""
    status = MemberStatus.WAITING if is_full(group) else MemberStatus.MEMBER
    return _set_status(group, participant, status, by=by)


def _current(group: Group, participant: Participant) -> GroupMember | None:
    return GroupMember.objects.filter(group=group, participant=participant).first()


def invite(group: Group, participant: Participant, *, by: Any) -> GroupMember:
    """Invite a participant (by a coach, coordinator or leader); they answer yes or no."""
    _check_participant(group, participant)
    with transaction.atomic():
        group = _lock(group)
        current = _current(group, participant)
        if current is not None and current.status in (MemberStatus.MEMBER, MemberStatus.WAITING):
            raise ValidationFailed(
                errors={"participant": [_("This person is already in the group.")]}
            )
        if current is not None and current.status == MemberStatus.REQUESTED:
            member = _admit(group, participant, by=by)
        else:
            member = _set_status(group, participant, MemberStatus.INVITED, by=by)
        log_event(by, AuditAction.CHANGE, participant)
    return member


def join(group: Group, participant: Participant, *, by: Any) -> GroupMember:
    """A participant joins an open group of their organisation straight away: a member, or on
    the waiting list when the group is full. A closed group takes members only by invitation
    (an invited participant answers with `answer_invitation`; joining counts as a yes)."""
    _check_participant(group, participant)
    with transaction.atomic():
        group = _lock(group)
        current = _current(group, participant)
        if current is not None and current.status in (MemberStatus.MEMBER, MemberStatus.WAITING):
            raise ValidationFailed(_("You are already in this group."))
        invited = current is not None and current.status == MemberStatus.INVITED
        if group.archived or not (group.is_open or invited):
            raise ValidationFailed(_("This group takes new members only by invitation."))
        return _admit(group, participant, by=by)


def answer_invitation(
    group: Group, participant: Participant, *, accept: bool, by: Any
) -> GroupMember:
    """The participant says yes (member, or waiting list when full) or no to an invitation."""
    with transaction.atomic():
        group = _lock(group)
        current = _current(group, participant)
        if current is None or current.status != MemberStatus.INVITED:
            raise ValidationFailed(_("There is no invitation to answer."))
        if accept:
            return _admit(group, participant, by=by)
        return _set_status(group, participant, MemberStatus.LEFT, by=by)


def answer_request(group: Group, participant: Participant, *, accept: bool, by: Any) -> GroupMember:
    """A leader, coach or coordinator accepts (member, or waiting list when full) or declines
    a participant's request to join (requests made before open groups took members
    directly)."""
    with transaction.atomic():
        group = _lock(group)
        current = _current(group, participant)
        if current is None or current.status != MemberStatus.REQUESTED:
            raise ValidationFailed(_("This person has not asked to join."))
        member = (
            _admit(group, participant, by=by)
            if accept
            else _set_status(group, participant, MemberStatus.LEFT, by=by)
        )
        log_event(by, AuditAction.CHANGE, participant)
    return member


def leave(group: Group, participant: Participant, *, by: Any) -> GroupMember:
    """The participant leaves (or is removed by a leader): the first on the waiting list gets
    the place."""
    with transaction.atomic():
        group = _lock(group)
        current = _current(group, participant)
        if current is None or current.status == MemberStatus.LEFT:
            raise ValidationFailed(_("This person is not in the group."))
        was_member = current.status == MemberStatus.MEMBER
        member = _set_status(group, participant, MemberStatus.LEFT, by=by)
        if was_member:
            _fill_from_waiting_list(group, by=by)
        if participant.user_id is None or not _is_user(by) or by.pk != participant.user_id:
            log_event(by, AuditAction.CHANGE, participant)
    return member


def admit_from_waiting_list(
    group: Group, participant: Participant, *, by: Any, over_capacity: bool = False
) -> GroupMember:
    """A leader takes a person on the waiting list into the group. Refused when the group is
    full, unless `over_capacity` (the leader saw the warning and confirmed)."""
    with transaction.atomic():
        group = _lock(group)
        current = _current(group, participant)
        if current is None or current.status != MemberStatus.WAITING:
            raise ValidationFailed(_("This person is not on the waiting list."))
        if is_full(group) and not over_capacity:
            raise ValidationFailed(
                _("The group is full. Take the person in anyway only if there is room."),
                code="full",
            )
        member = _set_status(group, participant, MemberStatus.MEMBER, by=by)
        log_event(by, AuditAction.CHANGE, participant)
    return member


def _fill_from_waiting_list(group: Group, *, by: Any) -> list[GroupMember]:
    """Move the first on the waiting list (earliest first) to members while there is room."""
    moved = []
    waiting = GroupMember.objects.filter(group=group, status=MemberStatus.WAITING).order_by(
        "since", "id"
    )
    for member in waiting:
        if is_full(group):
            break
        member.status = MemberStatus.MEMBER
        member.since = timezone.now()
        member.changed_by = by if _is_user(by) else None
        member.save(update_fields=["status", "since", "changed_by"])
        moved.append(member)
    return moved


# --- attendance ---------------------------------------------------------------------------


def record_attendance(
    session: GroupSession,
    marks: Mapping[int, str],
    *,
    by: Any,
    at: dt.datetime | None = None,
) -> dict[str, int]:
    """Save the roll call: {participant id: mark}. Idempotent: sending the same marks again
    changes nothing (who marked and when stay those of the first time); a changed mark records
    the new marker and time. Only the group's members (and those already marked for the
    session); never for a cancelled session, nor before the session starts (from
    `ROLL_CALL_OPENS` before). `at` is when the marks were taken, when they are entered later
    (between the session's start and now; default now)."""
    now = timezone.now()
    if session.cancelled_at is not None:
        raise ValidationFailed(
            _("This session was cancelled, so attendance cannot be recorded for it."),
            code="cancelled",
        )
    if not roll_call_open(session, now):
        raise ValidationFailed(
            _("Attendance can be recorded once the session starts."), code="not_started"
        )
    if at is not None and not (session.starts - ROLL_CALL_OPENS <= at <= now):
        raise ValidationFailed(
            errors={"marks": [_("The time of marking must be during or after the session.")]}
        )
    valid = set(AttendanceMark.values)
    if any(mark not in valid for mark in marks.values()):
        raise ValidationFailed(
            errors={"marks": [_("Choose present, absent or absent with notice.")]}
        )
    with transaction.atomic():
        locked = GroupSession.objects.select_for_update().get(pk=session.pk)
        if locked.cancelled_at is not None:
            raise ValidationFailed(
                _("This session was cancelled, so attendance cannot be recorded for it."),
                code="cancelled",
            )
        # Current members, and anyone already marked for this session (who may have left since).
        members = set(
            GroupMember.objects.filter(
                group_id=session.group_id,
                participant_id__in=list(marks),
                status=MemberStatus.MEMBER,
            ).values_list("participant_id", flat=True)
        ) | set(
            Attendance.objects.filter(session=session, participant_id__in=list(marks)).values_list(
                "participant_id", flat=True
            )
        )
        strangers = set(marks) - members
        if strangers:
            raise ValidationFailed(
                errors={"marks": [_("Someone on the list is not in the group.")]}
            )
        existing = {a.participant_id: a for a in Attendance.objects.filter(session=session)}
        now = at or now
        marker = by if _is_user(by) else None
        created, changed = [], []
        for participant_id, mark in marks.items():
            row = existing.get(participant_id)
            if row is None:
                created.append(
                    Attendance(
                        session=session,
                        participant_id=participant_id,
                        mark=mark,
                        marked_at=now,
                        marked_by=marker,
                    )
                )
            elif row.mark != mark:
                row.mark, row.marked_at, row.marked_by = mark, now, marker
                changed.append(row)
        Attendance.objects.bulk_create(created)
        Attendance.objects.bulk_update(changed, ["mark", "marked_at", "marked_by"])
    return {
        "created": len(created),
        "changed": len(changed),
        "unchanged": len(marks) - len(created) - len(changed),
    }


# --- materials and interim tasks ----------------------------------------------------------


def add_material(
    group: Group, *, title: str, by: Any, text: str = "", link: str = ""
) -> GroupMaterial:
    material = GroupMaterial(group=group, title=title.strip(), text=text, link=link, added_by=by)
    _full_clean(material, exclude=("group", "added_by"))
    if not material.text and not material.link:
        raise ValidationFailed(errors={"text": [_("Write a text or give a link.")]})
    with transaction.atomic():
        material.save()
    return material


def remove_material(material: GroupMaterial, *, by: Any) -> None:
    with transaction.atomic():
        material.delete()


def add_task(
    group: Group, *, title: str, by: Any, text: str = "", due: GroupSession | None = None
) -> InterimTask:
    if due is not None and due.group_id != group.pk:
        raise ValidationFailed(errors={"due": [_("Choose a session of this group.")]})
    task = InterimTask(group=group, title=title.strip(), text=text, due=due)
    _full_clean(task, exclude=("group", "due"))
    with transaction.atomic():
        task.save()
    return task


def remove_task(task: InterimTask, *, by: Any) -> None:
    with transaction.atomic():
        task.delete()

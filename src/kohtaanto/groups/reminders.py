"""Reminder source of groups (registered in `apps.GroupsConfig.ready`): the members
(participants) and the leaders of a session that starts within 24 hours get a reminder, once
per session and person (`kohtaanto.people.reminders` sends each key once). Cancelled sessions
and archived groups remind nobody. Texts carry the group's name, the time and the place only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.utils import formats, timezone, translation
from django.utils.translation import gettext

from kohtaanto.groups.enums import MemberStatus
from kohtaanto.groups.models import GroupSession
from kohtaanto.people.enums import ParticipantStatus
from kohtaanto.people.reminders import Reminder, language_of

HOURS_AHEAD = 24


def _when(session: GroupSession) -> str:
    starts = timezone.localtime(session.starts)
    ends = timezone.localtime(session.ends)
    return (
        f"{formats.date_format(starts, 'j.n.Y')} "
        f"{formats.time_format(starts, 'H.i')}–{formats.time_format(ends, 'H.i')}"
    )


def _texts(session: GroupSession, language: str, *, leader: bool) -> tuple[str, str]:
    with translation.override(language):
        where = session.place or (gettext("online") if session.online_link else "")
        subject = gettext("Your group meets soon: %(group)s") % {"group": session.group.name}
        if leader:
            text = gettext(
                "Reminder: you lead %(group)s on %(when)s%(where)s. "
                "Take the attendance on your phone in Kohtaanto."
            )
        else:
            text = gettext(
                "Reminder: %(group)s meets on %(when)s%(where)s. Welcome! "
                "If you cannot come, tell the leader."
            )
        text = text % {
            "group": session.group.name,
            "when": _when(session),
            "where": f", {where}" if where else "",
        }
    return subject, text


def session_reminders(now: dt.datetime) -> Iterator[Reminder]:
    sessions = (
        GroupSession.objects.filter(
            starts__gt=now,
            starts__lte=now + dt.timedelta(hours=HOURS_AHEAD),
            cancelled_at__isnull=True,
            group__archived=False,
        )
        .select_related("group")
        .prefetch_related("group__leaders")
        .order_by("starts", "id")
    )
    for session in sessions:
        # Only participants whose service is going on: a paused or ended participant is not
        # reminded even if still listed as a member.
        members = session.group.members.filter(
            status=MemberStatus.MEMBER, participant__status=ParticipantStatus.ACTIVE
        ).select_related("participant", "participant__user")
        for member in members:
            participant = member.participant
            user = participant.user
            language = language_of(user=user, participant=participant)
            subject, text = _texts(session, language, leader=False)
            yield Reminder(
                key=f"group-session:{session.pk}:participant:{participant.pk}",
                user=user,
                participant=participant,
                subject=subject,
                text=text,
                language=language,
            )
        for leader in session.group.leaders.all():
            if not leader.is_active:
                continue
            language = language_of(user=leader)
            subject, text = _texts(session, language, leader=True)
            yield Reminder(
                key=f"group-session:{session.pk}:user:{leader.pk}",
                user=leader,
                participant=None,
                subject=subject,
                text=text,
                language=language,
            )

"""The participant's data export: their group memberships (the group's name, status, since)
and their attendance (the group, the session's time, the mark and when it was made). Other
members and who marked are not exported (they are other people)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from kohtaanto.groups.models import Attendance, GroupMember
from kohtaanto.people import exports
from kohtaanto.people.exports import Field


def _group_name(obj: Any) -> str:
    return str(obj.group.name)


def _session_group(obj: Any) -> str:
    return str(obj.session.group.name)


def _session_starts(obj: Any) -> Any:
    return obj.session.starts


exports.register(
    "group_memberships",
    model=GroupMember,
    fields=(Field("group", get=_group_name, label=_("group")), "status", "since"),
    order_by=("since", "id"),
    label=_("Groups"),
)
exports.register(
    "group_attendance",
    model=Attendance,
    fields=(
        Field("group", get=_session_group, label=_("group")),
        Field("session", get=_session_starts, label=_("session")),
        "mark",
        "marked_at",
    ),
    order_by=("marked_at", "id"),
    label=_("Attendance in groups"),
)

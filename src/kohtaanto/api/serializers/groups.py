"""Peer groups, their sessions and the roll call (`kohtaanto.groups`), as the group pages show
them: the online link only to the group's members, leaders and managers; members' names in
full only to those who may read the person's record (`groups.access.member_names`)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from kohtaanto.api.serializers.strict import StrictSerializer
from kohtaanto.api.serializers.trials import LanguageCodeField
from kohtaanto.groups.enums import AttendanceMark, GroupKind, MemberStatus
from kohtaanto.groups.models import Group, GroupSession


class GroupSerializer(serializers.ModelSerializer[Group]):
    online = serializers.SerializerMethodField(help_text="The group meets online.")
    online_link = serializers.SerializerMethodField(
        help_text="Only for the group's members, leaders and managers."
    )
    member_count = serializers.SerializerMethodField()
    language = LanguageCodeField(read_only=True)

    class Meta:
        model = Group
        fields = (
            "id",
            "name",
            "kind",
            "description",
            "is_open",
            "language",
            "place",
            "online",
            "online_link",
            "capacity",
            "member_count",
            "starts_on",
            "ends_on",
        )
        read_only_fields = fields

    def get_online(self, group: Group) -> bool:
        return bool(group.online_link)

    def get_online_link(self, group: Group) -> str | None:
        return group.online_link or None if group.pk in self.context.get("insiders", ()) else None

    def get_member_count(self, group: Group) -> int:
        return int(getattr(group, "member_count", 0))


class GroupFilterSerializer(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=GroupKind.choices, required=False)


class GroupSessionSerializer(serializers.ModelSerializer[GroupSession]):
    class Meta:
        model = GroupSession
        fields = ("id", "starts", "ends", "place", "topic", "cancelled_at", "cancel_reason")
        read_only_fields = fields


class RollCallRowSerializer(serializers.Serializer[Any]):
    participant = serializers.IntegerField()
    name: Any = serializers.CharField(
        help_text="In full for a coordinator or the person's coach, else first name + initial."
    )
    member_status = serializers.ChoiceField(choices=MemberStatus.choices)
    mark = serializers.ChoiceField(choices=AttendanceMark.choices, allow_null=True)


class MarkSerializer(StrictSerializer):
    participant = serializers.IntegerField(min_value=1)
    mark = serializers.ChoiceField(choices=AttendanceMark.choices)


class AttendanceChangeSerializer(StrictSerializer):
    marks = MarkSerializer(many=True, allow_empty=False)

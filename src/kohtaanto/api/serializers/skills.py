"""The skills profile's items (`profiles.selectors.ProfileEntry`) as the pages show them: the
label in the request's language, status, source and group; no score and no evidence spans."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from kohtaanto.profiles.enums import ItemSource, ItemStatus, ProfileGroup


class SkillItemSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    uri = serializers.CharField()
    label: Any = serializers.CharField()
    kind = serializers.CharField()
    group: Any = serializers.ChoiceField(choices=ProfileGroup.choices)
    status = serializers.ChoiceField(choices=ItemStatus.choices)
    source: Any = serializers.ChoiceField(choices=ItemSource.choices)
    goal = serializers.BooleanField(help_text='Found in an "I would like to learn…" sentence.')
    decided_at = serializers.DateTimeField(allow_null=True)


class SkillFilterSerializer(serializers.Serializer[Any]):
    """Query parameters of the skill list (an unknown value is a 400)."""

    status = serializers.ChoiceField(choices=ItemStatus.choices, required=False)
    group: Any = serializers.ChoiceField(choices=ProfileGroup.choices, required=False)

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from kohtaanto.api.serializers.strict import StrictSerializer
from kohtaanto.people.enums import ConsentPurpose


class ConsentStateSerializer(serializers.Serializer[Any]):
    purpose = serializers.ChoiceField(choices=ConsentPurpose.choices)
    label: Any = serializers.CharField()
    given = serializers.BooleanField()
    changed_at = serializers.DateTimeField(allow_null=True)


class ConsentChangeSerializer(StrictSerializer):
    purpose = serializers.ChoiceField(choices=ConsentPurpose.choices)
    given = serializers.BooleanField()
    note = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")

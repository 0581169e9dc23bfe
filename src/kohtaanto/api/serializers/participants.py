from __future__ import annotations

from typing import Any

from rest_framework import serializers

from kohtaanto.people.models import Participant


class ParticipantSerializer(serializers.ModelSerializer[Participant]):
    coaches: Any = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Participant
        fields = (
            "id",
            "organisation",
            "first_name",
            "last_name",
            "email",
            "phone",
            "preferred_language",
            "status",
            "coaches",
            "created",
            "updated",
        )
        read_only_fields = fields

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from kohtaanto.core.enums import Language, OrganisationKind, Role


class OrganisationSummarySerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=OrganisationKind.choices)


class MembershipSerializer(serializers.Serializer[Any]):
    organisation = OrganisationSummarySerializer()
    role = serializers.ChoiceField(choices=Role.choices)


class MeSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    username = serializers.CharField()
    first_name = serializers.CharField(allow_blank=True)
    last_name = serializers.CharField(allow_blank=True)
    preferred_language = serializers.ChoiceField(choices=Language.choices)
    memberships = MembershipSerializer(many=True)
    current_organisation = OrganisationSummarySerializer(allow_null=True)
    roles = serializers.ListField(
        child=serializers.CharField(),
        help_text="Roles in the current organisation (values of the Role enum).",
    )
    participant_id = serializers.IntegerField(allow_null=True)

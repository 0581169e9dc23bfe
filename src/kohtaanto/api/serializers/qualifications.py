"""Qualifications, their units and skill requirements with the ESCO skills mapped to them
(`kohtaanto.qualifications`, national reference data from ePerusteet), names and texts in the
request's language as on the qualification pages."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kohtaanto.qualifications.enums import MappingStatus


class QualificationSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    eperusteet_id = serializers.IntegerField()
    diary_number = serializers.CharField()
    name: Any = serializers.SerializerMethodField()
    unit_count = serializers.IntegerField(required=False)

    def get_name(self, row: Any) -> str:
        return str(row.name(self.context.get("lang", "fi")))


class UnitSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    eperusteet_id = serializers.IntegerField()
    code = serializers.CharField()
    name: Any = serializers.SerializerMethodField()
    scope_points = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    requirement_count = serializers.IntegerField()
    confirmed_count = serializers.IntegerField(help_text="Confirmed ESCO skills.")

    def get_name(self, row: Any) -> str:
        return str(row.name(self.context.get("lang", "fi")))


@extend_schema_field({"type": "string", "enum": MappingStatus.values})
class MappingStatusField(serializers.CharField):
    """suggested, confirmed or rejected (an inline enum: the same words are a profile item's)."""


class RequirementSkillSerializer(serializers.Serializer[Any]):
    uri = serializers.CharField()
    label: Any = serializers.CharField()
    status = MappingStatusField()


class RequirementSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    ordinal = serializers.IntegerField()
    heading = serializers.SerializerMethodField()
    text = serializers.SerializerMethodField()
    skills = RequirementSkillSerializer(many=True, source="sorted_skills")

    def get_heading(self, row: Any) -> str:
        return str(row.heading(self.context.get("lang", "fi")))

    def get_text(self, row: Any) -> str:
        return str(row.text(self.context.get("lang", "fi")))


class UnitDetailSerializer(UnitSerializer):
    qualifications = serializers.SerializerMethodField(
        help_text="Ids of the qualifications the unit belongs to."
    )
    requirements = serializers.SerializerMethodField()

    def get_qualifications(self, row: Any) -> list[int]:
        return sorted(q.pk for q in row.qualifications.all())

    @extend_schema_field(RequirementSerializer(many=True))
    def get_requirements(self, row: Any) -> list[dict[str, Any]]:
        from kohtaanto.qualifications.selectors import requirements_with_skills

        rows = requirements_with_skills(row)
        return list(RequirementSerializer(rows, many=True, context=self.context).data)


class QualificationFilterSerializer(serializers.Serializer[Any]):
    q = serializers.CharField(
        max_length=100, required=False, allow_blank=True, help_text="Name or diary number."
    )


class UnitFilterSerializer(serializers.Serializer[Any]):
    q = serializers.CharField(
        max_length=100, required=False, allow_blank=True, help_text="Name or code."
    )
    qualification = serializers.IntegerField(
        min_value=1, required=False, help_text="Only the units of this qualification."
    )

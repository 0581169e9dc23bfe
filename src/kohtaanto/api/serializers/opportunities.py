"""Read-only serializers of opportunities and courses."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kohtaanto.core.models import Organisation
from kohtaanto.opportunities.models import Course, CourseSkill, Opportunity, OpportunitySkill


class EmployerSummarySerializer(serializers.ModelSerializer[Organisation]):
    class Meta:
        model = Organisation
        fields = ("id", "name", "business_id", "municipality_code")
        read_only_fields = fields


class OpportunitySkillSerializer(serializers.ModelSerializer[OpportunitySkill]):
    class Meta:
        model = OpportunitySkill
        fields = ("uri", "label", "kind", "importance", "source")
        read_only_fields = fields


class OpportunitySerializer(serializers.ModelSerializer[Opportunity]):
    employer: Any = EmployerSummarySerializer(read_only=True, allow_null=True)
    skills: Any = serializers.SerializerMethodField()
    languages: Any = serializers.DictField(child=serializers.CharField(), read_only=True)
    physical_demands: Any = serializers.ListField(child=serializers.CharField(), read_only=True)
    description_language: Any = serializers.CharField(read_only=True)

    class Meta:
        model = Opportunity
        fields = (
            "id",
            "organisation",
            "employer",
            "kind",
            "status",
            "title",
            "description",
            "description_language",
            "occupation_uri",
            "municipality_code",
            "region_code",
            "remote",
            "languages",
            "hours_per_week",
            "start_date",
            "end_date",
            "physical_demands",
            "accessibility",
            "external_id",
            "source",
            "skills",
            "created",
            "updated",
        )
        read_only_fields = fields

    @extend_schema_field(OpportunitySkillSerializer(many=True))
    def get_skills(self, obj: Opportunity) -> list[dict[str, Any]]:
        """Required and nice-to-have skills (ignored suggestions are left out)."""
        rows = [s for s in obj.skills.all() if s.importance != "ignored"]
        return list(OpportunitySkillSerializer(rows, many=True).data)


class CourseSkillSerializer(serializers.ModelSerializer[CourseSkill]):
    class Meta:
        model = CourseSkill
        fields = ("uri", "label", "framework")
        read_only_fields = fields


class CourseSerializer(serializers.ModelSerializer[Course]):
    skills: Any = CourseSkillSerializer(many=True, read_only=True)
    url: Any = serializers.SerializerMethodField()

    class Meta:
        model = Course
        fields = (
            "id",
            "organisation",
            "title",
            "provider",
            "url",
            "description",
            "language",
            "hours",
            "cost_eur",
            "format",
            "open_material",
            "external_id",
            "skills",
        )
        read_only_fields = fields

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_url(self, obj: Course) -> str | None:
        """The course's web address, or null when it has none (never "": not a URI)."""
        return obj.url or None

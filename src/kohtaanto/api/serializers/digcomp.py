"""Completed DigComp 2.2 self-assessments (`journeys.selectors.DigCompResult`): the area means
and their proficiency band, as the DigComp page and "my path" chart them."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers


class DigCompAreaSerializer(serializers.Serializer[Any]):
    area = serializers.CharField(help_text="DigComp 2.2 area number, 1–5.")
    name: Any = serializers.CharField()
    mean = serializers.FloatField(allow_null=True, help_text="Mean of the answers, 0–5.")
    level = serializers.SerializerMethodField(help_text="DigComp proficiency level 0–8.")
    band = serializers.SerializerMethodField(
        help_text="below_foundation, foundation, intermediate, advanced or highly_specialised."
    )

    def get_level(self, area: Any) -> int | None:
        proficiency = area.proficiency
        return proficiency.level if proficiency else None

    def get_band(self, area: Any) -> str | None:
        proficiency = area.proficiency
        return proficiency.band if proficiency else None


class DigCompResultSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(source="attempt_id")
    completed_at = serializers.DateTimeField()
    with_coach = serializers.BooleanField()
    self_assessed = serializers.BooleanField(
        help_text="Answered by the participant alone on their own pages."
    )
    areas = DigCompAreaSerializer(many=True)

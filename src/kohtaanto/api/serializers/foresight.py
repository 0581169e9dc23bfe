"""The regional foresight resource (`/api/v1/foresight/`), for the OpenAPI schema."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers


class ForesightBuildSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    scope = serializers.CharField()
    organisation = serializers.IntegerField(allow_null=True)
    engine = serializers.CharField()
    built_at = serializers.DateTimeField()
    checksum = serializers.CharField()
    items = serializers.IntegerField(help_text="Postings and needs counted.")


class ForesightRowSerializer(serializers.Serializer[Any]):
    group = serializers.CharField(help_text="Group key: an ESCO URI, collection:…, isco:N.")
    label = serializers.CharField()  # type: ignore[assignment]  # DRF pops declared fields
    demand = serializers.IntegerField(help_text="Postings and needs (not people).")
    supply = serializers.IntegerField(
        allow_null=True, help_text="People; null when suppressed (see `supply_suppressed`)."
    )
    supply_suppressed = serializers.CharField(
        allow_null=True, help_text='"small" (1–4 people), "hidden" (would give one away), null.'
    )
    gap = serializers.IntegerField(allow_null=True, help_text="demand − supply.")
    status = serializers.ChoiceField(choices=["shortage", "surplus", "balanced", "not_shown"])


class ForesightTrendSerializer(serializers.Serializer[Any]):
    month = serializers.CharField(help_text="YYYY-MM.")
    group = serializers.CharField()
    demand = serializers.IntegerField(help_text="New postings and needs of the month.")
    supply = serializers.IntegerField(
        allow_null=True,
        help_text="People whose first confirmed skill (occupation) of the group is of the "
        "month; null when suppressed.",
    )
    supply_suppressed = serializers.CharField(allow_null=True)
    gap = serializers.IntegerField(allow_null=True, help_text="demand − supply of the month.")


class ForesightSerializer(serializers.Serializer[Any]):
    build = ForesightBuildSerializer()
    region = serializers.CharField(help_text='"all", "unknown" or a region code.')
    mode = serializers.ChoiceField(choices=["skill", "occupation"])
    exact = serializers.BooleanField(help_text="False: small supply counts are suppressed.")
    people = serializers.IntegerField(allow_null=True)
    rows = ForesightRowSerializer(many=True)
    trend = ForesightTrendSerializer(many=True)

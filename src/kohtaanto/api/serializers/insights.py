"""The shape of `/api/v1/reports/outcomes/` and `/api/v1/reports/esf/` (for the schema)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers


class ReportSerializer(serializers.Serializer[Any]):
    report = serializers.ChoiceField(choices=["outcomes", "esf"])
    organisation = serializers.IntegerField()
    project = serializers.IntegerField(allow_null=True)
    funder = serializers.CharField(allow_blank=True)
    period = serializers.DictField(child=serializers.DateField())
    suppressed = serializers.BooleanField(help_text="Always true: cells under 5 are hidden.")
    language = serializers.CharField()
    summary = serializers.ListField(child=serializers.CharField())
    method = serializers.ListField(child=serializers.CharField())
    tables = serializers.JSONField(
        help_text="Tables: id, title, columns, rows (id, label, code, code_verified, note, "
        'cells by column id: value = a count, "small" (< 5) or "hidden"; share in per cent), '
        "total, summary, notes."
    )
    median_days = serializers.JSONField(required=False, allow_null=True)
    reference_period_days = serializers.IntegerField(required=False)
    findings = serializers.JSONField(required=False)

"""The problem+json document, for the OpenAPI schema."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers

from kohtaanto.api.problems import PROBLEM_CONTENT_TYPE


class ProblemSerializer(serializers.Serializer[Any]):
    type = serializers.CharField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    errors: Any = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()), required=False
    )


def problem_responses(*status_codes: int) -> dict[tuple[int, str], OpenApiResponse]:
    """`extend_schema(responses=...)` entries documenting problem+json errors."""
    return {
        (code, PROBLEM_CONTENT_TYPE): OpenApiResponse(ProblemSerializer) for code in status_codes
    }

"""`/api/v1/opportunities/` and `/api/v1/courses/`: read-only, scoped by the same access rules
as the pages (`kohtaanto.opportunities.access`).

Courses as on /courses/: coaches, coordinators and employer contacts see the shared catalogue
and their organisations' own courses; for everyone else the list is empty and a course is a
404 (a participant reads the courses suggested to them on their own pages,
/matches/my/courses/<id>/). The catalogue holds no personal data, but one rule for both faces
is simpler to trust than two."""

from __future__ import annotations

import re
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets

from kohtaanto.api.serializers.opportunities import CourseSerializer, OpportunitySerializer
from kohtaanto.api.serializers.problems import problem_responses
from kohtaanto.core.errors import ValidationFailed
from kohtaanto.opportunities import access, selectors
from kohtaanto.opportunities.enums import CourseFormat, OpportunityKind, OpportunityStatus
from kohtaanto.opportunities.models import Course, Opportunity

MUNICIPALITY = re.compile(r"\d{3}")
MAX_TEXT = 100
TEXT = {"type": "string", "maxLength": MAX_TEXT}
OPPORTUNITY_FILTERS = [
    OpenApiParameter("kind", OpenApiTypes.STR, enum=OpportunityKind.values),
    OpenApiParameter("status", OpenApiTypes.STR, enum=OpportunityStatus.values),
    OpenApiParameter("municipality", OpenApiTypes.STR, pattern=r"^\d{3}$"),
    OpenApiParameter("q", TEXT, description="Words in the title or description."),
]
COURSE_FILTERS = [
    OpenApiParameter(
        "course_format",
        OpenApiTypes.STR,
        enum=CourseFormat.values,
        description="online, classroom or self_study (`format` is taken by DRF).",
    ),
    OpenApiParameter("language", TEXT),
    OpenApiParameter("q", TEXT, description="Words in the title or provider."),
]


def _filters(params: Any, names: tuple[str, ...], allowed: dict[str, list[str]]) -> dict[str, str]:
    """The filters given, each checked: a value outside its choices, a malformed municipality
    code or a text over 100 characters is a 400 naming the parameter (not silently ignored)."""
    found: dict[str, str] = {}
    errors: dict[str, list[str]] = {}
    for name in names:
        value = str(params.get(name, ""))
        if not value:
            continue
        if name in allowed and value not in allowed[name]:
            errors[name] = [
                _("Choose one of: %(choices)s.") % {"choices": ", ".join(allowed[name])}
            ]
        elif name == "municipality" and not MUNICIPALITY.fullmatch(value):
            errors[name] = [_("Give a municipality code of three digits.")]
        elif len(value) > MAX_TEXT:
            errors[name] = [_("At most %(max)s characters.") % {"max": MAX_TEXT}]
        else:
            found[name] = value
    if errors:
        raise ValidationFailed(errors=errors)
    return found


@extend_schema_view(
    list=extend_schema(
        parameters=OPPORTUNITY_FILTERS,
        responses={200: OpportunitySerializer(many=True), **problem_responses(400, 403)},
    ),
    retrieve=extend_schema(responses={200: OpportunitySerializer, **problem_responses(403, 404)}),
)
class OpportunityViewSet(viewsets.ReadOnlyModelViewSet[Opportunity]):
    serializer_class = OpportunitySerializer
    lookup_value_converter = "int"

    def get_queryset(self) -> QuerySet[Opportunity]:
        filters = _filters(
            self.request.query_params,
            ("kind", "status", "municipality", "q"),
            {"kind": OpportunityKind.values, "status": OpportunityStatus.values},
        )
        visible = access.opportunities_visible_to(self.request.user)
        return selectors.filter_opportunities(visible, filters).prefetch_related("skills")

    def get_object(self) -> Any:
        return access.access_opportunity(self.request.user, self.kwargs["pk"])


@extend_schema_view(
    list=extend_schema(
        parameters=COURSE_FILTERS,
        responses={200: CourseSerializer(many=True), **problem_responses(400, 403)},
    ),
    retrieve=extend_schema(responses={200: CourseSerializer, **problem_responses(403, 404)}),
)
class CourseViewSet(viewsets.ReadOnlyModelViewSet[Course]):
    serializer_class = CourseSerializer
    lookup_value_converter = "int"

    def get_queryset(self) -> QuerySet[Course]:
        filters = _filters(
            self.request.query_params,
            ("course_format", "language", "q"),
            {"course_format": CourseFormat.values},
        )
        if "course_format" in filters:
            filters["format"] = filters.pop("course_format")
        visible = access.courses_visible_to(self.request.user)
        return selectors.filter_courses(visible, filters).prefetch_related("skills")

    def get_object(self) -> Any:
        return access.access_course(self.request.user, self.kwargs["pk"])

"""Qualifications, units and skill requirements (ePerusteet reference data), read only.

Who: coaches and coordinators of the organisation the request acts for, as on the
qualification pages (`core.access.require_role` with the acting organisation); everyone else
404. No personal data, so reads are not audited.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets

from kohtaanto.api.principal import acting_organisation
from kohtaanto.api.serializers.problems import problem_responses
from kohtaanto.api.serializers.qualifications import (
    QualificationFilterSerializer,
    QualificationSerializer,
    UnitDetailSerializer,
    UnitFilterSerializer,
    UnitSerializer,
)
from kohtaanto.api.views.participant_scope import lang, plain
from kohtaanto.core.access import get_visible_or_404, require_role
from kohtaanto.core.enums import Role
from kohtaanto.qualifications import selectors

STAFF = (Role.COACH, Role.COORDINATOR)


class _StaffReadOnly(viewsets.ReadOnlyModelViewSet[Any]):
    lookup_value_converter = "int"

    def initial(self, request: Any, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        require_role(request.user, acting_organisation(request), *STAFF)

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "lang": lang()}


@extend_schema_view(
    list=extend_schema(
        parameters=[QualificationFilterSerializer],
        responses={200: QualificationSerializer(many=True), **problem_responses(400, 403, 404)},
    ),
    retrieve=extend_schema(responses={200: QualificationSerializer, **problem_responses(403, 404)}),
)
class QualificationViewSet(_StaffReadOnly):
    serializer_class = QualificationSerializer

    def get_queryset(self) -> Any:
        filters = QualificationFilterSerializer(data=plain(self.request.query_params))
        filters.is_valid(raise_exception=True)
        return selectors.search_qualifications(filters.validated_data.get("q", ""))

    def get_object(self) -> Any:
        return get_visible_or_404(selectors.search_qualifications(), self.kwargs["pk"])


@extend_schema_view(
    list=extend_schema(
        parameters=[UnitFilterSerializer],
        responses={200: UnitSerializer(many=True), **problem_responses(400, 403, 404)},
    ),
    retrieve=extend_schema(responses={200: UnitDetailSerializer, **problem_responses(403, 404)}),
)
class UnitViewSet(_StaffReadOnly):
    serializer_class = UnitSerializer

    def get_serializer_class(self) -> Any:
        return UnitDetailSerializer if self.action == "retrieve" else UnitSerializer

    def get_queryset(self) -> Any:
        filters = UnitFilterSerializer(data=plain(self.request.query_params))
        filters.is_valid(raise_exception=True)
        found = selectors.search_units(filters.validated_data.get("q", ""))
        if "qualification" in filters.validated_data:
            found = found.filter(qualifications=filters.validated_data["qualification"])
        return found

    def get_object(self) -> Any:
        return get_visible_or_404(
            selectors.search_units().prefetch_related("qualifications"), self.kwargs["pk"]
        )

"""`/api/v1/participants/`: the caller's visible participants (read-only for now)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from kohtaanto.api.principal import acting_organisation
from kohtaanto.api.serializers.participants import ParticipantSerializer
from kohtaanto.api.serializers.problems import problem_responses
from kohtaanto.core.audit import log_list_read
from kohtaanto.people.access import access_participant, participants_visible_to
from kohtaanto.people.models import Participant


@extend_schema_view(
    list=extend_schema(
        responses={200: ParticipantSerializer(many=True), **problem_responses(400, 403)}
    ),
    retrieve=extend_schema(responses={200: ParticipantSerializer, **problem_responses(403, 404)}),
)
class ParticipantViewSet(viewsets.ReadOnlyModelViewSet[Participant]):
    serializer_class = ParticipantSerializer
    lookup_value_converter = "int"

    def get_queryset(self) -> QuerySet[Participant]:
        return participants_visible_to(self.request.user).prefetch_related("coaches")

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """A bulk read of personal data: one audit event per list read (filters and count)."""
        response = super().list(request, *args, **kwargs)
        rows = response.data.get("results", []) if isinstance(response.data, dict) else []
        log_list_read(
            request.user,
            Participant,
            count=len(rows),
            filters=request.query_params.dict(),
            organisation=acting_organisation(request),
        )
        return response

    def get_object(self) -> Any:
        # Through the access helper: 404 when not visible, audited when read by others.
        return access_participant(self.request.user, self.kwargs["pk"])

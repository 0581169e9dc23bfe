"""Mentoring relationships, read only (`kohtaanto.mentoring.access`, as on the pages):

- `GET /mentorings/`: the mentorings the caller may see (`mentorings_visible_to`: the
  participant, the mentor once a coordinator has confirmed it, the participant's coaches and
  the coordinators of the organisation), `?status=`; one audited list read;
- `GET /mentorings/{id}/`: `access_mentoring` (audited unless the reader is the participant),
  with the goals as the page shows them and, for the mentor, what the participant shared
  (`shared_with_mentor`, audited when something is shared);
- `GET /mentorings/{id}/meetings/`: `meetings_for` (a private note only to its writer).

Everyone else: 404.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from kohtaanto.api.serializers.mentoring import (
    MeetingSerializer,
    MentoringFilterSerializer,
    MentoringSerializer,
)
from kohtaanto.api.serializers.problems import problem_responses
from kohtaanto.api.views.participant_scope import plain
from kohtaanto.core.audit import log_list_read
from kohtaanto.mentoring import access
from kohtaanto.mentoring.models import Mentoring


@extend_schema_view(
    list=extend_schema(
        parameters=[MentoringFilterSerializer],
        responses={200: MentoringSerializer(many=True), **problem_responses(400, 403)},
    ),
    retrieve=extend_schema(responses={200: MentoringSerializer, **problem_responses(403, 404)}),
)
class MentoringViewSet(viewsets.ReadOnlyModelViewSet[Mentoring]):
    serializer_class = MentoringSerializer
    lookup_value_converter = "int"

    def get_queryset(self) -> Any:
        filters = MentoringFilterSerializer(data=plain(self.request.query_params))
        filters.is_valid(raise_exception=True)
        found = access.mentorings_visible_to(self.request.user).select_related(
            "participant", "mentor"
        )
        if "status" in filters.validated_data:
            found = found.filter(status=filters.validated_data["status"])
        return found.order_by("-proposed_at", "-id")

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response = super().list(request, *args, **kwargs)
        rows = response.data.get("results", []) if isinstance(response.data, dict) else []
        log_list_read(request.user, Mentoring, count=len(rows), filters=request.query_params.dict())
        return response

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        mentoring = access.access_mentoring(request.user, self.kwargs["pk"])
        context = {
            **self.get_serializer_context(),
            "detail": True,
            "shared": access.shared_with_mentor(request.user, mentoring),
        }
        return Response(MentoringSerializer(mentoring, context=context).data)


class MeetingListView(generics.ListAPIView[Any]):
    serializer_class = MeetingSerializer

    @extend_schema(
        operation_id="mentorings_meetings_list",
        responses={200: MeetingSerializer(many=True), **problem_responses(400, 403, 404)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        mentoring = access.access_mentoring(self.request.user, self.kwargs["mentoring_id"])
        return access.meetings_for(self.request.user, mentoring)

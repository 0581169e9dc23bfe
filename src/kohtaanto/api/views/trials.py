"""Work and education trials, read only (`kohtaanto.trials.access`, the one module for trial
access, as on the trial pages):

- `GET /trials/`: the trials the caller may see (`trials_visible_to`: staff of the service
  organisation, the participant, the employer contact of the workplace and the named workplace
  mentor from the agreement on), `?state=` and `?kind=`; one audited list read;
- `GET /trials/{id}/` (each trial with its agreement in short), `GET /trials/{id}/days/`,
  `GET /trials/{id}/checkins/`: through `get_trial` (a read by anyone but the participant is
  audited; 404 for others).

State changes stay on the pages (`trials.services.lifecycle.transition` has its own rules per
party and state).
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from kohtaanto.api.serializers.problems import problem_responses
from kohtaanto.api.serializers.trials import (
    CheckInSerializer,
    TrialDaySerializer,
    TrialFilterSerializer,
    TrialSerializer,
)
from kohtaanto.api.views.participant_scope import plain
from kohtaanto.core.audit import log_list_read
from kohtaanto.trials import access
from kohtaanto.trials.models import Trial


@extend_schema_view(
    list=extend_schema(
        parameters=[TrialFilterSerializer],
        responses={200: TrialSerializer(many=True), **problem_responses(400, 403)},
    ),
    retrieve=extend_schema(responses={200: TrialSerializer, **problem_responses(403, 404)}),
)
class TrialViewSet(viewsets.ReadOnlyModelViewSet[Trial]):
    serializer_class = TrialSerializer
    lookup_value_converter = "int"

    def get_queryset(self) -> Any:
        filters = TrialFilterSerializer(data=plain(self.request.query_params))
        filters.is_valid(raise_exception=True)
        found = access.trials_visible_to(self.request.user).select_related(
            "participant", "workplace_mentor", "agreement"
        )
        for name, value in filters.validated_data.items():
            found = found.filter(**{name: value})
        return found.order_by("-created", "-id")

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response = super().list(request, *args, **kwargs)
        rows = response.data.get("results", []) if isinstance(response.data, dict) else []
        log_list_read(request.user, Trial, count=len(rows), filters=request.query_params.dict())
        return response

    def get_object(self) -> Any:
        return access.get_trial(self.request.user, self.kwargs["pk"])


class TrialDayListView(generics.ListAPIView[Any]):
    serializer_class = TrialDaySerializer

    @extend_schema(
        operation_id="trials_days_list",
        responses={200: TrialDaySerializer(many=True), **problem_responses(400, 403, 404)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        trial = access.get_trial(self.request.user, self.kwargs["trial_id"])
        roles = access.viewer_roles(self.request.user, trial)
        self._context = {
            "sees_notes": bool(roles & {access.STAFF, access.PARTICIPANT}),
            "user_id": self.request.user.pk,
        }
        return trial.days.order_by("date", "id")

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), **getattr(self, "_context", {})}


class CheckInListView(generics.ListAPIView[Any]):
    serializer_class = CheckInSerializer

    @extend_schema(
        operation_id="trials_checkins_list",
        responses={200: CheckInSerializer(many=True), **problem_responses(400, 403, 404)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        trial = access.get_trial(self.request.user, self.kwargs["trial_id"])
        return trial.checkins.order_by("-week_start", "-id")

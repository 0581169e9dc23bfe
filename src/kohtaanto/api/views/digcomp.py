"""`GET /api/v1/participants/{id}/digcomp/`: the participant's completed DigComp 2.2
self-assessments, newest first (`journeys.selectors.digcomp_results_of`).

Who: the participant's coaches and the coordinators of the organisation (the DigComp page,
audited `view`) and the participant themself ("my path"); everyone else 404.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.request import Request
from rest_framework.response import Response

from kohtaanto.api.serializers.digcomp import DigCompResultSerializer
from kohtaanto.api.serializers.problems import problem_responses
from kohtaanto.api.views.participant_scope import lang, record_participant
from kohtaanto.journeys.selectors import digcomp_results_of


class DigCompResultListView(generics.ListAPIView[Any]):
    serializer_class = DigCompResultSerializer

    @extend_schema(
        operation_id="participants_digcomp_list",
        responses={200: DigCompResultSerializer(many=True), **problem_responses(400, 403, 404)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        participant, _staff = record_participant(self.request.user, self.kwargs["participant_id"])
        return list(reversed(digcomp_results_of(participant, lang())))

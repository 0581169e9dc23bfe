"""Issued badges, read only:

- `GET /me/badges/`: the caller's own badges as a participant or a volunteer (the wallet,
  `achievements.selectors.own_badges`); 404 for someone who has no wallet, as on the page;
- `GET /participants/{id}/badges/`: the participant's badges for the issuing side, their own
  coaches and the coordinators of the organisation (the coach's badges page:
  `people.access.access_participant`, audited, and `is_staff_of`); 404 for everyone else,
  including the participant themself (who uses their wallet).
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.request import Request
from rest_framework.response import Response

from kohtaanto.achievements import selectors
from kohtaanto.api.serializers.achievements import BadgeSerializer
from kohtaanto.api.serializers.problems import problem_responses
from kohtaanto.api.views.participant_scope import lang, staff_participant
from kohtaanto.people.access import ParticipantNotFound


class OwnBadgeListView(generics.ListAPIView[Any]):
    serializer_class = BadgeSerializer

    @extend_schema(
        operation_id="me_badges_list",
        responses={200: BadgeSerializer(many=True), **problem_responses(400, 403, 404)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "lang": lang(), "staff": False}

    def get_queryset(self) -> Any:
        if not selectors.has_wallet(self.request.user):
            raise ParticipantNotFound
        return selectors.own_badges(self.request.user)


class ParticipantBadgeListView(generics.ListAPIView[Any]):
    serializer_class = BadgeSerializer

    @extend_schema(
        operation_id="participants_badges_list",
        responses={200: BadgeSerializer(many=True), **problem_responses(400, 403, 404)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "lang": lang(), "staff": True}

    def get_queryset(self) -> Any:
        participant = staff_participant(self.request.user, self.kwargs["participant_id"])
        return selectors.badges_of(participant).order_by("-issued_at", "-id")

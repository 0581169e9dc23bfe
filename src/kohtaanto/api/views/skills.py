"""`/api/v1/participants/{id}/skills/`: the items of a participant's skills profile, and
confirming or rejecting one (`profiles.services.confirm_item` / `reject_item`).

Who: the participant's coaches and the coordinators of the organisation (the story and
profile pages: every item, audited `view`), and the participant themself (the "my path" page:
the confirmed items and the suggestions shown there by default, i.e. above the calibrated
threshold of the story's language; rejected items and weaker suggestions are not on that page).
Everyone else: 404.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kohtaanto.api.serializers.problems import problem_responses
from kohtaanto.api.serializers.skills import SkillFilterSerializer, SkillItemSerializer
from kohtaanto.api.views.participant_scope import lang, plain, record_participant
from kohtaanto.journeys.selectors import intake_of
from kohtaanto.people.access import ParticipantNotFound
from kohtaanto.profiles import selectors as profile_selectors
from kohtaanto.profiles import services as profile_services
from kohtaanto.profiles.selectors import ProfileEntry, profile_of, shown_by_default


def _entries(participant: Any, staff: bool) -> list[ProfileEntry]:
    profile = profile_of(participant, lang())
    if staff:
        return [*profile.confirmed, *profile.unconfirmed, *profile.wishes, *profile.rejected]
    intake = intake_of(participant)
    story_language = intake.story_language if intake else lang()
    likely = [e for e in profile.unconfirmed if shown_by_default(e, story_language)]
    return [*profile.confirmed, *likely]


class SkillListView(generics.ListAPIView[Any]):
    serializer_class = SkillItemSerializer

    @extend_schema(
        operation_id="participants_skills_list",
        parameters=[SkillFilterSerializer],
        responses={200: SkillItemSerializer(many=True), **problem_responses(400, 403, 404)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        filters = SkillFilterSerializer(data=plain(self.request.query_params))
        filters.is_valid(raise_exception=True)
        participant, staff = record_participant(self.request.user, self.kwargs["participant_id"])
        wanted = filters.validated_data
        return [
            entry
            for entry in _entries(participant, staff)
            if wanted.get("status", entry.status) == entry.status
            and wanted.get("group", entry.group) == entry.group
        ]


class _SkillDecisionView(APIView):
    decide: Any = None

    def post(self, request: Request, participant_id: int, item_id: int) -> Response:
        participant, _staff = record_participant(request.user, participant_id)
        item = profile_selectors.item_of(participant, item_id)
        if item is None:
            raise ParticipantNotFound
        type(self).decide(request.user, item.pk)
        entry = next(e for e in _entries(participant, staff=True) if e.id == item.pk)
        return Response(SkillItemSerializer(entry).data)


class SkillConfirmView(_SkillDecisionView):
    decide = staticmethod(profile_services.confirm_item)

    @extend_schema(
        operation_id="participants_skills_confirm",
        request=None,
        responses={200: SkillItemSerializer, **problem_responses(403, 404)},
    )
    def post(self, request: Request, participant_id: int, item_id: int) -> Response:
        return super().post(request, participant_id, item_id)


class SkillRejectView(_SkillDecisionView):
    decide = staticmethod(profile_services.reject_item)

    @extend_schema(
        operation_id="participants_skills_reject",
        request=None,
        responses={200: SkillItemSerializer, **problem_responses(403, 404)},
    )
    def post(self, request: Request, participant_id: int, item_id: int) -> Response:
        return super().post(request, participant_id, item_id)

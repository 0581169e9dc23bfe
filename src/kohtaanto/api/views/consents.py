"""`/api/v1/participants/{id}/consents/`: current consent state; give or withdraw."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kohtaanto.api.serializers.consents import ConsentChangeSerializer, ConsentStateSerializer
from kohtaanto.api.serializers.problems import problem_responses
from kohtaanto.core.enums import AuditAction
from kohtaanto.core.errors import PermissionDenied
from kohtaanto.people import services
from kohtaanto.people.access import access_participant, can_manage_consents
from kohtaanto.people.consent import current_consents
from kohtaanto.people.models import Participant


def _states(participant: Participant) -> list[dict[str, object]]:
    return [
        {
            "purpose": state.purpose.value,
            "label": str(state.purpose.label),
            "given": state.given,
            "changed_at": state.changed_at,
        }
        for state in current_consents(participant).values()
    ]


class ConsentView(APIView):
    @extend_schema(
        operation_id="participants_consents_list",
        responses={200: ConsentStateSerializer(many=True), **problem_responses(403, 404)},
    )
    def get(self, request: Request, participant_id: int) -> Response:
        participant = access_participant(request.user, participant_id)
        return Response(ConsentStateSerializer(_states(participant), many=True).data)

    @extend_schema(
        operation_id="participants_consents_change",
        request=ConsentChangeSerializer,
        responses={200: ConsentStateSerializer(many=True), **problem_responses(400, 403, 404)},
    )
    def post(self, request: Request, participant_id: int) -> Response:
        participant = access_participant(request.user, participant_id, action=AuditAction.CHANGE)
        if not can_manage_consents(request.user, participant):
            raise PermissionDenied()
        change = ConsentChangeSerializer(data=request.data)
        change.is_valid(raise_exception=True)
        service = (
            services.give_consent if change.validated_data["given"] else services.withdraw_consent
        )
        service(
            participant,
            change.validated_data["purpose"],
            by=request.user,
            note=change.validated_data["note"],
        )
        return Response(ConsentStateSerializer(_states(participant), many=True).data)

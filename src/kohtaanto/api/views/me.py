"""`/api/v1/me/`: who am I, where do I work, with which roles."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kohtaanto.api.serializers.me import MeSerializer
from kohtaanto.api.serializers.problems import problem_responses
from kohtaanto.core.middleware import current_organisation
from kohtaanto.core.selectors import memberships_of
from kohtaanto.people.access import ParticipantNotFound, own_participant


def _organisation(organisation: Any) -> dict[str, Any] | None:
    if organisation is None:
        return None
    return {"id": organisation.pk, "name": organisation.name, "kind": organisation.kind}


class MeView(APIView):
    @extend_schema(
        operation_id="me_retrieve",
        responses={200: MeSerializer, **problem_responses(403)},
    )
    def get(self, request: Request) -> Response:
        user: Any = request.user
        memberships = memberships_of(user)
        organisation, roles = current_organisation(request._request)
        try:
            own_record: int | None = own_participant(user).pk
        except ParticipantNotFound:
            own_record = None
        data = {
            "id": user.pk,
            "username": user.get_username(),
            "first_name": user.first_name,
            "last_name": user.last_name,
            "preferred_language": user.preferred_language,
            "memberships": [
                {"organisation": _organisation(m.organisation), "role": m.role} for m in memberships
            ],
            "current_organisation": _organisation(organisation),
            "roles": sorted(roles),
            "participant_id": own_record,
        }
        return Response(MeSerializer(data).data)

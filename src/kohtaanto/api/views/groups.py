"""Peer groups (`kohtaanto.groups.access`, the only reads of groups, as on the group pages):

- `GET /groups/`, `GET /groups/{id}/`: the groups the caller may see (`groups_visible_to`:
  coaches and coordinators of the organisation, the leaders, the members, and participants of
  the organisation for its open groups), `?kind=`;
- `GET /groups/{id}/sessions/`: the group's sessions;
- `GET /group-sessions/{id}/attendance/`: the roll call, for the group's leaders and managers
  only (`lead_session`; one audited `view` per member read, `audit_member_read`);
  `POST` the marks through `groups.services.record_attendance` (idempotent; refused before the
  session opens, for a cancelled session and for anyone not in the group).

Everyone else: 404.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kohtaanto.api.serializers.groups import (
    AttendanceChangeSerializer,
    GroupFilterSerializer,
    GroupSerializer,
    GroupSessionSerializer,
    RollCallRowSerializer,
)
from kohtaanto.api.serializers.problems import problem_responses
from kohtaanto.api.views.participant_scope import plain
from kohtaanto.groups import access, selectors, services
from kohtaanto.groups.enums import MemberStatus
from kohtaanto.groups.models import Group, GroupMember, GroupSession


def insiders(user: Any, groups: list[Group]) -> set[int]:
    """Ids of the groups whose online link `user` sees: leading or managing, or a member."""
    if not groups:
        return set()
    inside = {g.pk for g in groups if access.can_lead(user, g)}
    own = GroupMember.objects.filter(
        group__in=[g.pk for g in groups],
        participant__user_id=user.pk,
        status=MemberStatus.MEMBER,
    ).values_list("group_id", flat=True)
    return inside | set(own)


@extend_schema_view(
    list=extend_schema(
        parameters=[GroupFilterSerializer],
        responses={200: GroupSerializer(many=True), **problem_responses(400, 403)},
    ),
    retrieve=extend_schema(responses={200: GroupSerializer, **problem_responses(403, 404)}),
)
class GroupViewSet(viewsets.ReadOnlyModelViewSet[Group]):
    serializer_class = GroupSerializer
    lookup_value_converter = "int"

    def get_queryset(self) -> Any:
        filters = GroupFilterSerializer(data=plain(self.request.query_params))
        filters.is_valid(raise_exception=True)
        found = access.groups_visible_to(self.request.user)
        if "kind" in filters.validated_data:
            found = found.filter(kind=filters.validated_data["kind"])
        return selectors.with_member_counts(found).order_by("name", "id")

    def get_serializer(self, *args: Any, **kwargs: Any) -> Any:
        if args:
            rows = args[0] if isinstance(args[0], list) else [args[0]]
            kwargs["context"] = {
                **self.get_serializer_context(),
                "insiders": insiders(self.request.user, rows),
            }
        return super().get_serializer(*args, **kwargs)

    def get_object(self) -> Any:
        group = access.access_group(self.request.user, self.kwargs["pk"])
        group.member_count, _waiting = selectors.member_counts(group)  # type: ignore[attr-defined]
        return group


class GroupSessionListView(generics.ListAPIView[Any]):
    serializer_class = GroupSessionSerializer

    @extend_schema(
        operation_id="groups_sessions_list",
        responses={200: GroupSessionSerializer(many=True), **problem_responses(400, 403, 404)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        group = access.access_group(self.request.user, self.kwargs["group_id"])
        return GroupSession.objects.filter(group=group).order_by("starts", "id")


def _roll_call(user: Any, session: GroupSession) -> list[dict[str, Any]]:
    members = selectors.roll_call_members(session)
    access.audit_member_read(user, members)
    names = access.member_names(user, [m.participant for m in members])
    marks = selectors.attendance_marks(session)
    rows = [
        {
            "participant": m.participant_id,
            "name": names[m.participant_id],
            "member_status": m.status,
            "mark": marks.get(m.participant_id),
        }
        for m in members
    ]
    return sorted(rows, key=lambda row: (str(row["name"]).casefold(), row["participant"]))


class AttendanceView(APIView):
    @extend_schema(
        operation_id="group_sessions_attendance_list",
        responses={200: RollCallRowSerializer(many=True), **problem_responses(403, 404)},
    )
    def get(self, request: Request, session_id: int) -> Response:
        session = access.lead_session(request.user, session_id)
        return Response(RollCallRowSerializer(_roll_call(request.user, session), many=True).data)

    @extend_schema(
        operation_id="group_sessions_attendance_record",
        request=AttendanceChangeSerializer,
        responses={200: RollCallRowSerializer(many=True), **problem_responses(400, 403, 404)},
    )
    def post(self, request: Request, session_id: int) -> Response:
        session = access.lead_session(request.user, session_id)
        change = AttendanceChangeSerializer(data=request.data)
        change.is_valid(raise_exception=True)
        marks = {row["participant"]: row["mark"] for row in change.validated_data["marks"]}
        services.record_attendance(session, marks, by=request.user)
        return Response(RollCallRowSerializer(_roll_call(request.user, session), many=True).data)

"""A participant's coaching sessions (meetings) and tasks: the plan page of the case file.

- `GET /participants/{id}/sessions/` (upcoming planned meetings and the session log),
  `POST` a session note (`journeys.services.log_session`): the participant's coaches and the
  coordinators of the organisation, as on the plan page; 404 for everyone else, including the
  participant themself (their "my path" page shows no session log).
- `GET /participants/{id}/tasks/`: staff see every task (`?done=true|false`); the participant
  themself sees their open tasks, as on "my path".
- `POST /participants/{id}/tasks/` (`add_task`) and `POST /participants/{id}/tasks/{task_id}/done/`
  (`set_task_done`): staff only, as on the plan page.

Reads by staff are audited `view` (`people.access.access_participant`); each write is audited
by its service.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kohtaanto.api.serializers.problems import problem_responses
from kohtaanto.api.serializers.sessions import (
    SessionFilterSerializer,
    SessionNoteSerializer,
    SessionSerializer,
    TaskCreateSerializer,
    TaskDoneSerializer,
    TaskFilterSerializer,
    TaskSerializer,
)
from kohtaanto.api.views.participant_scope import (
    lang,
    plain,
    record_participant,
    staff_participant,
)
from kohtaanto.journeys import selectors, services
from kohtaanto.people.access import ParticipantNotFound


class SessionListView(generics.ListCreateAPIView[Any]):
    serializer_class = SessionSerializer

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "lang": lang()}

    @extend_schema(
        operation_id="participants_sessions_list",
        parameters=[SessionFilterSerializer],
        responses={200: SessionSerializer(many=True), **problem_responses(400, 403, 404)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        filters = SessionFilterSerializer(data=plain(self.request.query_params))
        filters.is_valid(raise_exception=True)
        participant = staff_participant(self.request.user, self.kwargs["participant_id"])
        return selectors.sessions_of(participant, filters.validated_data.get("status"))

    @extend_schema(
        operation_id="participants_sessions_create",
        request=SessionNoteSerializer,
        responses={201: SessionSerializer, **problem_responses(400, 403, 404)},
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        participant = staff_participant(request.user, self.kwargs["participant_id"])
        note = SessionNoteSerializer(data=request.data)
        note.is_valid(raise_exception=True)
        session = services.log_session(participant, by=request.user, **note.validated_data)
        return Response(
            SessionSerializer(session, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )


class TaskListView(generics.ListCreateAPIView[Any]):
    serializer_class = TaskSerializer

    @extend_schema(
        operation_id="participants_tasks_list",
        parameters=[TaskFilterSerializer],
        responses={200: TaskSerializer(many=True), **problem_responses(400, 403, 404)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        filters = TaskFilterSerializer(data=plain(self.request.query_params))
        filters.is_valid(raise_exception=True)
        participant, staff = record_participant(self.request.user, self.kwargs["participant_id"])
        done = filters.validated_data.get("done") if staff else False
        return selectors.tasks_of(participant, done)

    @extend_schema(
        operation_id="participants_tasks_create",
        request=TaskCreateSerializer,
        responses={201: TaskSerializer, **problem_responses(400, 403, 404)},
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        participant = staff_participant(request.user, self.kwargs["participant_id"])
        task = TaskCreateSerializer(data=request.data)
        task.is_valid(raise_exception=True)
        created = services.add_task(participant, by=request.user, **task.validated_data)
        return Response(TaskSerializer(created).data, status=status.HTTP_201_CREATED)


class TaskDoneView(APIView):
    @extend_schema(
        operation_id="participants_tasks_done",
        request=TaskDoneSerializer,
        responses={200: TaskSerializer, **problem_responses(400, 403, 404)},
    )
    def post(self, request: Request, participant_id: int, task_id: int) -> Response:
        participant = staff_participant(request.user, participant_id)
        if not selectors.has_task(participant, task_id):
            raise ParticipantNotFound
        change = TaskDoneSerializer(data=plain(request.data))
        change.is_valid(raise_exception=True)
        task = services.set_task_done(request.user, task_id, done=change.validated_data["done"])
        return Response(TaskSerializer(task).data)

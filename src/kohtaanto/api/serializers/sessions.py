"""Coaching sessions (meetings) and tasks of a participant, as the plan page shows them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rest_framework import serializers

from kohtaanto.api.serializers.strict import StrictSerializer
from kohtaanto.journeys import rules
from kohtaanto.journeys.enums import SessionStatus, TaskAssignee
from kohtaanto.journeys.models import Session, Task

LISTED_SESSION_STATUSES = [
    (SessionStatus.PLANNED.value, SessionStatus.PLANNED.label),
    (SessionStatus.HELD.value, SessionStatus.HELD.label),
]


class SessionSerializer(serializers.ModelSerializer[Session]):
    kind_label = serializers.SerializerMethodField()
    starts_at = serializers.DateTimeField(
        read_only=True,
        default_timezone=dt.UTC,
        help_text="In UTC: a time given in Helsinki time before 1921 has an offset in seconds "
        "(local mean time), which RFC 3339 cannot write.",
    )

    class Meta:
        model = Session
        fields = (
            "id",
            "kind",
            "kind_label",
            "status",
            "starts_at",
            "duration_minutes",
            "done_together",
            "next_steps",
        )
        read_only_fields = fields

    def get_kind_label(self, session: Session) -> str:
        item = rules.session_types().get(session.kind)
        return str(item.label.get(self.context.get("lang", "fi"))) if item else session.kind


class SessionFilterSerializer(serializers.Serializer[Any]):
    status = serializers.ChoiceField(
        choices=LISTED_SESSION_STATUSES,
        required=False,
        help_text="planned: upcoming meetings; held: the session log.",
    )


class SessionNoteSerializer(StrictSerializer):
    """A session that took place, for the log (`journeys.services.log_session`)."""

    kind = serializers.ChoiceField(choices=[])
    starts_at = serializers.DateTimeField(help_text="When it took place; not in the future.")
    duration_minutes = serializers.IntegerField(min_value=1, max_value=24 * 60, default=60)
    done_together = serializers.CharField(
        max_length=5000, required=False, allow_blank=True, default=""
    )
    next_steps = serializers.CharField(
        max_length=3000, required=False, allow_blank=True, default=""
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [  # type: ignore[attr-defined]
            (item.id, str(item.label.get("en"))) for item in rules.session_types().values()
        ]


class TaskSerializer(serializers.ModelSerializer[Task]):
    done = serializers.SerializerMethodField()

    class Meta:
        model = Task
        fields = ("id", "title", "assignee", "due", "done", "done_at")
        read_only_fields = fields

    def get_done(self, task: Task) -> bool:
        return task.done_at is not None


class TaskFilterSerializer(serializers.Serializer[Any]):
    done = serializers.BooleanField(
        required=False, allow_null=True, default=None, help_text="true: done; false: open."
    )


class TaskCreateSerializer(StrictSerializer):
    title = serializers.CharField(max_length=300)
    assignee = serializers.ChoiceField(
        choices=TaskAssignee.choices, default=TaskAssignee.PARTICIPANT
    )
    due = serializers.DateField(required=False, allow_null=True, default=None)


class TaskDoneSerializer(StrictSerializer):
    done = serializers.BooleanField(default=True)

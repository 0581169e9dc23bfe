"""Plan and sessions: goals with steps, the session log, planned meetings and tasks.

Dates within the service period (`_common.check_plan_date`): a goal's, a step's or a task's
due date is not before the service started (`service_start_of`) nor more than
`PLAN_YEARS_AHEAD` years ahead; a planned meeting is in the future but not more than
`MEETING_YEARS_AHEAD` ahead. Only a changed date is checked, so an old one never blocks other
edits. A session that took place may be dated before the service started: outreach contacts
(the "outreach" session type) come before the intake."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kohtaanto.core.audit import log_event
from kohtaanto.core.enums import AuditAction, Role
from kohtaanto.core.errors import ValidationFailed
from kohtaanto.core.models import Membership
from kohtaanto.journeys import rules
from kohtaanto.journeys.enums import SessionStatus, TaskAssignee
from kohtaanto.journeys.models import Goal, GoalStep, Session, Task
from kohtaanto.journeys.services._common import (
    MEETING_YEARS_AHEAD,
    actor,
    check_plan_date,
    clean,
    finnish_date,
    owned,
    years_ahead,
)
from kohtaanto.people.access import require_writer
from kohtaanto.people.models import Participant

# --- goals ---------------------------------------------------------------------------------


def _clean_dated(obj: Any, participant: Participant, due: date | None, exclude: list[str]) -> None:
    """The model's own checks and a due date within the service period (changed dates only:
    an old date that was already saved is not checked again), all errors at once."""
    errors: dict[str, list[Any]] = dict(check_plan_date(participant, due))
    try:
        clean(obj, exclude=exclude)
    except ValidationFailed as failed:
        for field, messages in failed.errors.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationFailed(errors=errors)


def add_goal(
    participant: Participant,
    *,
    by: Any,
    title: str,
    due: date | None = None,
    steps: Iterable[str] = (),
) -> Goal:
    require_writer(by, participant)
    position = participant.goals.count()
    goal = Goal(participant=participant, title=title.strip(), due=due, position=position)
    _clean_dated(goal, participant, due, exclude=["participant"])
    with transaction.atomic():
        goal.save()
        for index, text in enumerate(s.strip() for s in steps if s.strip()):
            GoalStep.objects.create(goal=goal, text=text[:300], position=index)
        log_event(by, AuditAction.CREATE, goal)
    return goal


def update_goal(by: Any, goal_id: object, **fields: Any) -> Goal:
    """Change `title`, `due` or `done` (bool) of a goal."""
    goal = owned(by, Goal, goal_id)
    unknown = set(fields) - {"title", "due", "done"}
    if unknown:
        raise ValidationFailed(errors={n: [_("This field cannot be changed.")] for n in unknown})
    old_due = goal.due
    if "title" in fields:
        goal.title = str(fields["title"]).strip()
    if "due" in fields:
        goal.due = fields["due"]
    if "done" in fields:
        goal.done_at = timezone.now() if fields["done"] else None
    due = goal.due if goal.due != old_due else None
    _clean_dated(goal, goal.participant, due, exclude=["participant"])
    with transaction.atomic():
        goal.save()
        log_event(by, AuditAction.CHANGE, goal)
    return goal


def add_goal_step(by: Any, goal_id: object, *, text: str, due: date | None = None) -> GoalStep:
    goal = owned(by, Goal, goal_id)
    step = GoalStep(goal=goal, text=text.strip(), due=due, position=goal.steps.count())
    _clean_dated(step, goal.participant, due, exclude=["goal"])
    with transaction.atomic():
        step.save()
        log_event(by, AuditAction.CHANGE, goal)
    return step


def set_step_done(by: Any, step_id: object, done: bool = True) -> GoalStep:
    step = owned(by, GoalStep, step_id, path="goal__participant")
    step.done_at = timezone.now() if done else None
    with transaction.atomic():
        step.save(update_fields=["done_at"])
        log_event(by, AuditAction.CHANGE, step.goal)
    return step


# --- sessions ------------------------------------------------------------------------------


def _aware(value: datetime) -> datetime:
    return timezone.make_aware(value) if timezone.is_naive(value) else value


def _check_session(kind: str, duration_minutes: int) -> dict[str, list[Any]]:
    errors: dict[str, list[Any]] = {}
    if kind not in rules.session_types():
        errors["kind"] = [_("Choose a session type from the list.")]
    if not 1 <= int(duration_minutes) <= 24 * 60:
        errors["duration_minutes"] = [_("The duration must be between 1 minute and 24 hours.")]
    return errors


def _session_coaches(participant: Participant, by: Any, coaches: Iterable[Any] | None) -> list[Any]:
    chosen = list(coaches) if coaches is not None else []
    if coaches is None and getattr(by, "is_authenticated", False) and by.pk != participant.user_id:
        chosen = [by]
    allowed = set(
        Membership.objects.filter(
            organisation_id=participant.organisation_id,
            role=Role.COACH,
            user__in=[c.pk for c in chosen],
        ).values_list("user_id", flat=True)
    )
    return [c for c in chosen if c.pk in allowed]


def log_session(
    participant: Participant,
    *,
    by: Any,
    kind: str,
    starts_at: datetime,
    duration_minutes: int = 60,
    done_together: str = "",
    next_steps: str = "",
    coaches: Iterable[Any] | None = None,
) -> Session:
    """Record a session that took place. A session dated in the future is an error.

    `coaches` defaults to the recording coach; give two for pair coaching.
    """
    require_writer(by, participant)
    starts_at = _aware(starts_at)
    errors = _check_session(kind, duration_minutes)
    if starts_at > timezone.now():
        errors["starts_at"] = [_("A session that took place cannot be in the future.")]
    if errors:
        raise ValidationFailed(errors=errors)
    session = Session(
        participant=participant,
        kind=kind,
        status=SessionStatus.HELD,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        done_together=done_together.strip(),
        next_steps=next_steps.strip(),
        recorded_by=actor(by),
    )
    clean(session, exclude=["participant", "recorded_by"])
    with transaction.atomic():
        session.save()
        session.coaches.set(_session_coaches(participant, by, coaches))
        log_event(by, AuditAction.CREATE, session)
    return session


def plan_session(
    participant: Participant,
    *,
    by: Any,
    kind: str,
    starts_at: datetime,
    duration_minutes: int = 60,
    coaches: Iterable[Any] | None = None,
) -> Session:
    """Book the next meeting. A planned meeting must be in the future."""
    require_writer(by, participant)
    starts_at = _aware(starts_at)
    errors = _check_session(kind, duration_minutes)
    if starts_at <= timezone.now():
        errors["starts_at"] = [_("A planned meeting must be in the future.")]
    elif timezone.localdate(starts_at) > (latest := years_ahead(MEETING_YEARS_AHEAD)):
        errors["starts_at"] = [
            _("The meeting is too far ahead. Choose a date before %(latest)s.")
            % {"latest": finnish_date(latest)}
        ]
    if errors:
        raise ValidationFailed(errors=errors)
    session = Session(
        participant=participant,
        kind=kind,
        status=SessionStatus.PLANNED,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        recorded_by=actor(by),
    )
    with transaction.atomic():
        session.save()
        session.coaches.set(_session_coaches(participant, by, coaches))
        log_event(by, AuditAction.CREATE, session)
    return session


def record_session_held(
    by: Any,
    session_id: object,
    *,
    done_together: str = "",
    next_steps: str = "",
    duration_minutes: int | None = None,
) -> Session:
    """Turn a planned meeting into a session log entry (not before it has started)."""
    session = owned(by, Session, session_id)
    if session.starts_at > timezone.now():
        raise ValidationFailed(
            errors={"starts_at": [_("A session that took place cannot be in the future.")]}
        )
    session.status = SessionStatus.HELD
    session.done_together, session.next_steps = done_together.strip(), next_steps.strip()
    if duration_minutes is not None:
        errors = _check_session(session.kind, duration_minutes)
        if errors:
            raise ValidationFailed(errors=errors)
        session.duration_minutes = duration_minutes
    clean(session, exclude=["participant", "recorded_by"])
    with transaction.atomic():
        session.save()
        log_event(by, AuditAction.CHANGE, session)
    return session


def cancel_session(by: Any, session_id: object) -> Session:
    session = owned(by, Session, session_id)
    session.status = SessionStatus.CANCELLED
    with transaction.atomic():
        session.save(update_fields=["status"])
        log_event(by, AuditAction.CHANGE, session)
    return session


# --- tasks ---------------------------------------------------------------------------------


def add_task(
    participant: Participant,
    *,
    by: Any,
    title: str,
    assignee: str = TaskAssignee.PARTICIPANT,
    due: date | None = None,
    goal_id: int | None = None,
) -> Task:
    require_writer(by, participant)
    goal = None
    if goal_id is not None:
        goal = Goal.objects.filter(pk=goal_id, participant=participant).first()
        if goal is None:
            raise ValidationFailed(errors={"goal": [_("Choose one of the participant's goals.")]})
    task = Task(
        participant=participant,
        title=title.strip(),
        assignee=assignee,
        due=due,
        goal=goal,
        created_by=actor(by),
    )
    _clean_dated(task, participant, due, exclude=["participant", "created_by", "goal"])
    with transaction.atomic():
        task.save()
        log_event(by, AuditAction.CREATE, task)
    return task


def update_task(by: Any, task_id: object, **fields: Any) -> Task:
    """Change `title`, `assignee`, `due` or `done` (bool)."""
    task = owned(by, Task, task_id)
    unknown = set(fields) - {"title", "assignee", "due", "done"}
    if unknown:
        raise ValidationFailed(errors={n: [_("This field cannot be changed.")] for n in unknown})
    old_due = task.due
    for name in ("title", "assignee", "due"):
        if name in fields:
            setattr(task, name, fields[name].strip() if name == "title" else fields[name])
    if "done" in fields:
        task.done_at = (task.done_at or timezone.now()) if fields["done"] else None
    due = task.due if task.due != old_due else None
    _clean_dated(task, task.participant, due, exclude=["participant", "created_by", "goal"])
    with transaction.atomic():
        task.save()
        log_event(by, AuditAction.CHANGE, task)
    return task


def set_task_done(by: Any, task_id: object, done: bool = True) -> Task:
    return update_task(by, task_id, done=done)

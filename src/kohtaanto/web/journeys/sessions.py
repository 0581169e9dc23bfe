"""The plan: meetings (the session log and booked meetings), goals with steps, and tasks.

One page with three forms; each form posts to the same URL with a hidden `form` name, so an
error re-renders the page with what was typed. Ticking a task or a step done is a small POST.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from kohtaanto.core.errors import ValidationFailed
from kohtaanto.journeys import rules, selectors, services
from kohtaanto.web.journeys.casefile import participant_nav, staff_participant
from kohtaanto.web.journeys.forms import GoalForm, SessionForm, TaskForm
from kohtaanto.web.pages import add_service_errors, lang


def _session_start(data: dict[str, Any]) -> datetime:
    return timezone.make_aware(datetime.combine(data["date"], data["time"]))


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def plan(request: HttpRequest, participant_id: int) -> HttpResponse:
    participant = staff_participant(request, participant_id)
    language = lang()
    which = request.POST.get("form") if request.method == "POST" else None
    now = timezone.localtime()
    session_form = SessionForm(
        request.POST if which == "session" else None,
        lang=language,
        initial={
            "date": now.date(),
            "time": now.replace(minute=0).strftime("%H:%M"),
            "duration_minutes": 60,
            "status": "held",
        },
    )
    goal_form = GoalForm(request.POST if which == "goal" else None, prefix="goal")
    task_form = TaskForm(request.POST if which == "task" else None, prefix="task")
    start = date_format(selectors.service_start(participant), "j.n.Y")
    for form in (goal_form, task_form):
        form.fields["due"].help_text = _(
            "Not before the service started (%(start)s). You can leave it empty."
        ) % {"start": start}
    if which == "session" and session_form.is_valid():
        data = session_form.cleaned_data
        try:
            if request.POST.get("status") == "planned":
                services.plan_session(
                    participant,
                    by=request.user,
                    kind=data["kind"],
                    starts_at=_session_start(data),
                    duration_minutes=data["duration_minutes"],
                )
                notice = _("The meeting is booked.")
            else:
                services.log_session(
                    participant,
                    by=request.user,
                    kind=data["kind"],
                    starts_at=_session_start(data),
                    duration_minutes=data["duration_minutes"],
                    done_together=data.get("done_together") or "",
                    next_steps=data.get("next_steps") or "",
                )
                notice = _("The meeting is saved in the log.")
        except ValidationFailed as error:
            if "starts_at" in error.errors:
                error.errors["date"] = error.errors.pop("starts_at")
            add_service_errors(session_form, error, default="kind")
        else:
            messages.success(request, notice)
            return redirect(reverse("journeys:plan", args=[participant.pk]) + "#meetings")
    elif which == "goal" and goal_form.is_valid():
        data = goal_form.cleaned_data
        steps = [line.strip() for line in (data.get("steps") or "").splitlines() if line.strip()]
        try:
            services.add_goal(
                participant, by=request.user, title=data["title"], due=data.get("due"), steps=steps
            )
        except ValidationFailed as error:
            add_service_errors(goal_form, error, default="title")
        else:
            messages.success(request, _("The goal is saved."))
            return redirect(reverse("journeys:plan", args=[participant.pk]) + "#goals")
    elif which == "task" and task_form.is_valid():
        data = task_form.cleaned_data
        try:
            services.add_task(
                participant,
                by=request.user,
                title=data["title"],
                assignee=data["assignee"],
                due=data.get("due"),
            )
        except ValidationFailed as error:
            add_service_errors(task_form, error, default="title")
        else:
            messages.success(request, _("The task is saved."))
            return redirect(reverse("journeys:plan", args=[participant.pk]) + "#tasks")
    case = selectors.case_file_of(request.user, participant)
    kinds = {i.id: i.label.get(language) for i in rules.session_types().values()}
    for session in [*case.upcoming_sessions, *case.session_log]:
        session.kind_label = kinds.get(session.kind, session.kind)  # type: ignore[attr-defined]
    context = {
        "participant": participant,
        "case": case,
        "kinds": kinds,
        "log": sorted(case.session_log, key=lambda s: s.starts_at, reverse=True),
        "session_form": session_form,
        "session_status": request.POST.get("status", "held") if which == "session" else "held",
        "goal_form": goal_form,
        "task_form": task_form,
        "tabs": participant_nav(participant, "plan"),
        "which": which,
    }
    return render(request, "journeys/plan.html", context)


@never_cache
@login_required
@require_POST
def task_done(request: HttpRequest, participant_id: int, task_id: int) -> HttpResponse:
    participant = staff_participant(request, participant_id)
    if not selectors.has_task(participant, task_id):
        raise Http404
    services.set_task_done(request.user, task_id, done=request.POST.get("done") != "0")
    messages.success(request, _("The task is updated."))
    return redirect(reverse("journeys:plan", args=[participant.pk]) + "#tasks")


@never_cache
@login_required
@require_POST
def step_done(request: HttpRequest, participant_id: int, step_id: int) -> HttpResponse:
    participant = staff_participant(request, participant_id)
    if not selectors.has_goal_step(participant, step_id):
        raise Http404
    services.set_step_done(request.user, step_id, done=request.POST.get("done") != "0")
    messages.success(request, _("The step is updated."))
    return redirect(reverse("journeys:plan", args=[participant.pk]) + "#goals")

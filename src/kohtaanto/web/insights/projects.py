"""Projects of the organisation (a funded project and who takes part in it), for reports per
project or per funder. Coordinators list, create and enrol (through
`kohtaanto.insights.services`); everyone else gets 404."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kohtaanto.core.audit import log_list_read
from kohtaanto.core.errors import ValidationFailed
from kohtaanto.insights import access, services
from kohtaanto.people.access import participants_visible_to
from kohtaanto.people.models import Participant
from kohtaanto.web.insights.forms import EnrolForm, ProjectForm


def _coordinated(request: HttpRequest) -> Any:
    organisation = getattr(request, "organisation", None)
    access.require_coordinator(request.user, organisation)
    return organisation


@never_cache
@login_required
@require_safe
def project_list(request: HttpRequest) -> HttpResponse:
    organisation = _coordinated(request)
    projects = access.projects_visible_to(request.user, organisation).order_by("-starts", "name")
    return render(
        request,
        "insights/projects.html",
        {"organisation": organisation, "projects": projects},
    )


def _apply_errors(form: Any, error: ValidationFailed) -> None:
    errors = getattr(error, "errors", None) or {}
    placed = False
    for name, messages_ in errors.items():
        name = {"starts": "start", "ends": "end"}.get(name, name)
        target = name if name in form.fields else None
        for message in messages_ if isinstance(messages_, list | tuple) else [messages_]:
            form.add_error(target, str(message))
            placed = True
    if not placed:
        form.add_error(None, str(error))


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def project_new(request: HttpRequest) -> HttpResponse:
    organisation = _coordinated(request)
    form = ProjectForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            project = services.create_project(
                request.user,
                organisation,
                name=data["name"],
                code=data["code"],
                funder=data["funder"],
                starts=data["start"],
                ends=data["end"],
            )
        except ValidationFailed as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The project was created."))
            return redirect(reverse("insights:project", args=[project.pk]))
    return render(
        request,
        "insights/project_form.html",
        {"organisation": organisation, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def _enrol_context(
    request: HttpRequest, project: Any, form: EnrolForm | None = None
) -> dict[str, Any]:
    enrolled = list(
        project.enrolments.select_related("participant").order_by(
            "participant__last_name", "participant__first_name", "pk"
        )
    )
    form = form or _enrol_form(request, project)
    choices = form.fields["participants"].choices  # type: ignore[attr-defined]
    # Those in the project and those one may add, by name: one audit event per list read with
    # the number of participants named (issue 18).
    log_list_read(
        request.user,
        Participant,
        count=len(enrolled) + len(choices),
        filters={"list": "project", "project": project.pk},
        organisation=project.organisation,
    )
    return {
        "organisation": project.organisation,
        "project": project,
        "enrolled": enrolled,
        "form": form,
    }


def _candidates(request: HttpRequest, project: Any) -> list[tuple[int, str]]:
    taken = project.enrolments.values("participant_id")
    people = (
        participants_visible_to(request.user)
        .filter(organisation=project.organisation)
        .exclude(pk__in=taken)
        .order_by("last_name", "first_name", "pk")
    )
    return [(p.pk, f"{p.first_name} {p.last_name}".strip()) for p in people]


def _enrol_form(request: HttpRequest, project: Any, data: Any = None) -> EnrolForm:
    return EnrolForm(
        data,
        participant_choices=_candidates(request, project),
        initial={"since": max(project.starts, timezone.localdate())},
    )


@never_cache
@login_required
@require_safe
def project_detail(request: HttpRequest, project_id: int) -> HttpResponse:
    organisation = _coordinated(request)
    project = access.get_project(request.user, organisation, project_id)
    return render(request, "insights/project.html", _enrol_context(request, project))


@never_cache
@login_required
@require_POST
def project_enrol(request: HttpRequest, project_id: int) -> HttpResponse:
    """Enrol the chosen participants (`action=chosen`) or everyone who started in the
    project's time (`action=started`)."""
    organisation = _coordinated(request)
    project = access.get_project(request.user, organisation, project_id)
    if request.POST.get("action") == "started":
        count = services.enrol_started_in_period(request.user, project)
        messages.success(
            request,
            ngettext(
                "%(count)d participant was added to the project.",
                "%(count)d participants were added to the project.",
                count,
            )
            % {"count": count},
        )
        return redirect(reverse("insights:project", args=[project.pk]))
    form = _enrol_form(request, project, request.POST)
    if form.is_valid():
        people = {
            p.pk: p
            for p in participants_visible_to(request.user).filter(
                organisation=project.organisation, pk__in=form.cleaned_data["participants"]
            )
        }
        try:
            for pk in form.cleaned_data["participants"]:
                services.enrol(
                    request.user, project, people[pk], entered=form.cleaned_data["since"]
                )
        except ValidationFailed as error:
            _apply_errors(form, error)
        else:
            count = len(people)
            messages.success(
                request,
                ngettext(
                    "%(count)d participant was added to the project.",
                    "%(count)d participants were added to the project.",
                    count,
                )
                % {"count": count},
            )
            return redirect(reverse("insights:project", args=[project.pk]))
    return render(
        request, "insights/project.html", _enrol_context(request, project, form), status=400
    )

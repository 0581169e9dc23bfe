"""The funder report PDF: order it (a background task makes it), follow its progress on a
page that refreshes itself, download it when it is ready (access-checked, audited). The PDF
always has small numbers hidden: a funder (an outsider) reads it."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from kohtaanto.core.access import organisations_of
from kohtaanto.core.enums import Role
from kohtaanto.insights import access, tasks
from kohtaanto.insights.models import ExportStatus, Project
from kohtaanto.insights.services import audit_export
from kohtaanto.stats.periods import Period
from kohtaanto.web.insights.forms import FunderReportForm
from kohtaanto.web.insights.views import organisation_of
from kohtaanto.web.pages import lang


def _organisations(request: HttpRequest) -> list[tuple[int, str]]:
    orgs = organisations_of(request.user, Role.COORDINATOR) | organisations_of(
        request.user, Role.ANALYST
    )
    return [(o.pk, o.name) for o in orgs.distinct().order_by("name", "pk")]


def _projects(request: HttpRequest, organisations: list[tuple[int, str]]) -> list[tuple[int, str]]:
    names = dict(organisations)
    choices = []
    for org_id, _name in organisations:
        for project in access.projects_visible_to(request.user, org_id).order_by("name", "pk"):
            label = project.name if len(organisations) == 1 else f"{names[org_id]}: {project.name}"
            choices.append((project.pk, label))
    return choices


def _failure(code: str) -> str:
    return {
        "no_access": _("You can no longer read the reports of this organisation."),
        "not_finished": _(
            "The report was not made: the server's background worker did not finish it. "
            "Order it again; if it happens again, tell the administrator."
        ),
    }.get(
        code,
        _(
            "The report could not be made because of an error on the server. Order it again; "
            "if it happens again, tell the administrator."
        ),
    )


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def report_order(request: HttpRequest) -> HttpResponse:
    """GET: the order form and the reports ordered lately; POST: order one."""
    organisation = organisation_of(request)
    organisations = _organisations(request)
    form = FunderReportForm(
        request.POST if request.method == "POST" else None,
        organisation_choices=organisations,
        project_choices=_projects(request, organisations),
        initial={"organisation": str(organisation.pk)},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen = data["organisation"]
        project: Project | None = None
        if data["project"]:
            project = (
                access.projects_visible_to(request.user, chosen).filter(pk=data["project"]).first()
            )
            if project is None:
                form.add_error(
                    "project",
                    _("This project belongs to another organisation. Choose one of its own."),
                )
        if project is not None or not data["project"]:
            access.report_access(request.user, chosen, suppress=True)
            target = next(o for o in organisations_of(request.user) if o.pk == chosen)
            export = tasks.start(
                user=request.user,
                organisation=target,
                project=project,
                period=Period(data["start"], data["end"]),
                language=lang(),
            )
            return redirect(reverse("insights:report", args=[export.pk]))
    tasks.sweep()
    recent = access.exports_visible_to(request.user, organisation).filter(kind="pdf")[:10]
    return render(
        request,
        "insights/report_order.html",
        {
            "form": form,
            "organisation": organisation,
            "recent": recent,
            # the same tabs as the other report pages (a coordinator's include the files)
            "coordinator": access.may_read_exact(request.user, organisation),
        },
        status=400 if request.method == "POST" else 200,
    )


def _export(request: HttpRequest, export_id: int) -> Any:
    # Any organisation of the user's, not only the current one: a report may be ordered for
    # another organisation the user reads the reports of.
    return access.get_export_for(request.user, export_id)


@never_cache
@login_required
@require_safe
def report(request: HttpRequest, export_id: int) -> HttpResponse:
    """The progress of an ordered report; HTMX asks again every 2 s until it is ready."""
    export = _export(request, export_id)
    tasks.sweep()
    export.refresh_from_db()
    context = {
        "export": export,
        "finished": export.status in (ExportStatus.DONE, ExportStatus.FAILED),
        "available": tasks.path_of(export) is not None,
        "expires": tasks.expires(export),
        "failure": _failure(export.error) if export.status == ExportStatus.FAILED else "",
        "coordinator": access.may_read_exact(request.user, export.organisation),
    }
    if request.headers.get("HX-Request") == "true":
        return render(request, "insights/_report_progress.html", context)
    return render(request, "insights/report.html", context)


@never_cache
@login_required
@require_safe
def report_download(request: HttpRequest, export_id: int) -> FileResponse:
    export = _export(request, export_id)
    path = tasks.path_of(export)
    if export.status != ExportStatus.DONE or path is None:
        raise Http404
    audit_export(request.user, export.organisation, obj=export)
    name = (
        f"funder-report_org{export.organisation_id}"
        + (f"_project{export.project_id}" if export.project_id else "")
        + f"_{export.period_start:%Y%m%d}-{export.period_end:%Y%m%d}.pdf"
    )
    response = FileResponse(path.open("rb"), as_attachment=True, filename=name)
    response["Content-Type"] = "application/pdf"
    response["Cache-Control"] = "no-store"
    return response

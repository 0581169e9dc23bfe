"""Pages of the outcome figures and ESF+ indicators (issue 16) and their downloads.

Coordinators and analysts of the current organisation (anyone else: 404, anonymous: to the
login page). A coordinator sees exact figures on the pages, marked for internal use; an
analyst sees them with small numbers hidden. Every downloaded file of figures (CSV, XLSX,
the funder report PDF) has small numbers hidden whoever downloads it: files travel. The
participant-level monitoring file is for coordinators only. Every download is audited."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from kohtaanto.core.audit import log_list_read
from kohtaanto.insights import access, selectors
from kohtaanto.insights.exports import content, tables
from kohtaanto.insights.services import audit_export
from kohtaanto.people.models import Participant
from kohtaanto.stats.periods import Period
from kohtaanto.stats.suppression import SMALL_CELL
from kohtaanto.web.insights import figures
from kohtaanto.web.insights.forms import MonitoringForm, period_form

REPORTS = ("outcomes", "esf")
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def organisation_of(request: HttpRequest) -> Any:
    """The current organisation if the user reads its reports (else 404)."""
    organisation = getattr(request, "organisation", None)
    if organisation is None or not access.may_read_reports(request.user, organisation):
        raise Http404
    return organisation


def project_choices(request: HttpRequest, organisation: Any) -> list[tuple[int, str]]:
    return [
        (p.pk, p.name)
        for p in access.projects_visible_to(request.user, organisation).order_by("name", "pk")
    ]


def funder_choices(request: HttpRequest, organisation: Any) -> list[str]:
    """The funders named on the organisation's projects (a funder's report counts the people
    of all its projects)."""
    names = access.projects_visible_to(request.user, organisation).values_list("funder", flat=True)
    return sorted({name for name in names if name.strip()})


def _query(form: Any) -> dict[str, str]:
    """The picker's choices as query parameters (for the download links)."""
    if not form.is_bound or not form.is_valid():
        return {}
    data = form.cleaned_data
    return {
        "period": "custom",
        "start": data["start"].isoformat(),
        "end": data["end"].isoformat(),
        "project": data.get("scope") or "",
    }


def _chosen(
    request: HttpRequest, query: QueryDict, organisation: Any
) -> tuple[Any, Period | None, dict[str, Any]]:
    """The picker, the period and the scope as the selectors' keywords (`project` or
    `funder`; neither: the whole organisation)."""
    form, chosen = period_form(
        query, project_choices(request, organisation), funder_choices(request, organisation)
    )
    if chosen is None:
        return form, None, {}
    start, end, project_id, funder = chosen
    project = access.get_project(request.user, organisation, project_id) if project_id else None
    return form, Period(start, end), {"project": project, "funder": funder}


def _common(request: HttpRequest, organisation: Any, form: Any, exact: bool) -> dict[str, Any]:
    return {
        "organisation": organisation,
        "form": form,
        "exact": exact,
        "small": SMALL_CELL,
        "coordinator": access.may_read_exact(request.user, organisation),
    }


def _report_page(request: HttpRequest, report_kind: str) -> HttpResponse:
    """The outcome or the ESF+ page: the picker, the figures (exact for a coordinator,
    suppressed for an analyst) and the download links that keep the choices."""
    organisation = organisation_of(request)
    form, period, scope = _chosen(request, request.GET, organisation)
    suppress = access.report_access(request.user, organisation, suppress=False)
    context = _common(request, organisation, form, exact=not suppress)
    if period is not None:
        query = _query(form) or {
            "period": "custom",
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
        }
        report: Any
        if report_kind == "esf":
            report = selectors.esf_report(
                request.user, organisation, period, **scope, suppress=suppress
            )
            page = figures.esf_page(report, query)
        else:
            report = selectors.outcome_report(
                request.user, organisation, period, **scope, suppress=suppress
            )
            page = figures.outcome_page(report, query)
        context.update(
            report=report,
            page=page,
            csv_url=figures.download_url(report_kind, "csv", query),
            xlsx_url=figures.download_url(report_kind, "xlsx", query),
            period=period,
        )
    return render(request, f"insights/{report_kind}.html", context)


@never_cache
@login_required
@require_safe
def outcomes(request: HttpRequest) -> HttpResponse:
    return _report_page(request, "outcomes")


@never_cache
@login_required
@require_safe
def esf(request: HttpRequest) -> HttpResponse:
    return _report_page(request, "esf")


def _file(data: bytes, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response


@never_cache
@login_required
@require_safe
def download(request: HttpRequest, report: str, fmt: str) -> HttpResponse:
    """A report's tables (or one, `?table=`) as CSV or XLSX, always with small numbers
    hidden. A bad period or an unknown project: the page with its error, no file."""
    organisation = organisation_of(request)
    if report not in REPORTS or fmt not in FORMATS:
        raise Http404
    form, period, scope = _chosen(request, request.GET, organisation)
    if period is None:
        context = _common(request, organisation, form, exact=False)
        context["download_refused"] = True
        template = "insights/outcomes.html" if report == "outcomes" else "insights/esf.html"
        return render(request, template, context, status=400)
    access.report_access(request.user, organisation, suppress=True)
    read = selectors.outcome_report if report == "outcomes" else selectors.esf_report
    figures_ = read(request.user, organisation, period, **scope, suppress=True)
    content.require_suppressed(figures_)
    table_id = request.GET.get("table", "")
    chosen = content.report_tables(figures_, table_id)
    if table_id and not chosen:
        raise Http404
    heading = content.heading_lines(figures_)
    data = (
        tables.to_csv(chosen, heading=heading)
        if fmt == "csv"
        else tables.to_xlsx(chosen, heading=heading)
    )
    audit_export(request.user, organisation, obj=scope["project"])
    name = f"{content.file_stem(figures_, report, table_id)}.{fmt}"
    return _file(data, name, FORMATS[fmt])


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def monitoring(request: HttpRequest) -> HttpResponse:
    """The participant-level file for the national monitoring system: coordinators only, with
    a warning that it holds personal data. POST makes the file (audited)."""
    organisation: Any = getattr(request, "organisation", None)
    access.require_coordinator(request.user, organisation)
    choices = project_choices(request, organisation)
    form = MonitoringForm(
        request.POST if request.method == "POST" else None, project_choices=choices
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        period = Period(data["start"], data["end"])
        project = (
            access.get_project(request.user, organisation, data["project"])
            if data["project"]
            else None
        )
        rows = selectors.monitoring_rows(request.user, organisation, period, project=project)
        table = tables.Table(
            title=_("Participants for the monitoring system"),
            header=selectors.monitoring_headers(),
            rows=[[row.get(key) for key in selectors.MONITORING_FIELDS] for row in rows],
            sheet="monitoring",
        )
        fmt = data["format"]
        payload = tables.to_csv([table]) if fmt == "csv" else tables.to_xlsx([table])
        audit_export(request.user, organisation, obj=project)
        # Besides the export: what the file holds, one list-read event with the period, the
        # project and the number of participants' rows (issue 18; no names).
        log_list_read(
            request.user,
            Participant,
            count=len(rows),
            filters={
                "list": "monitoring",
                "start": period.start.isoformat(),
                "end": period.end.isoformat(),
                "project": project.pk if project is not None else "",
                "format": fmt,
            },
            organisation=organisation,
        )
        parts = ["monitoring", f"org{organisation.pk}"]
        if project is not None:
            parts.append(f"project{project.pk}")
        parts.append(f"{period.start:%Y%m%d}-{period.end:%Y%m%d}")
        return _file(payload, "_".join(parts) + f".{fmt}", FORMATS[fmt])
    return render(
        request,
        "insights/monitoring.html",
        {"form": form, "organisation": organisation, "fields": _monitoring_fields()},
        status=400 if request.method == "POST" else 200,
    )


def _monitoring_fields() -> list[str]:
    return selectors.monitoring_headers()

"""Regional foresight pages: demand beside supply by region and group (chart and sortable
table, trend, skills reachable with a short course), a group's skills, the CSV export, a
rebuild with its progress, and the structural-change watch of an intervention.

Everything reads a stored build (`foresight.selectors`); nothing is computed on a request.
Coordinators of the organisation see its figures exactly; analysts, and everyone reading the
whole country's figures, see supply counts under 5 people suppressed (and their complements).
"""

from __future__ import annotations

import csv
import io
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from kohtaanto.core.audit import log_event
from kohtaanto.core.enums import AuditAction
from kohtaanto.core.models import Organisation
from kohtaanto.foresight import access, selectors, services
from kohtaanto.foresight.labels import group_label, region_label
from kohtaanto.foresight.sources import source_label
from kohtaanto.matching import foresight as fs
from kohtaanto.stats import charts
from kohtaanto.web.foresight.forms import ViewForm
from kohtaanto.web.pages import lang

CHART_GROUPS = 10
TREND_GROUPS = 4


def _organisation(request: HttpRequest) -> Organisation:
    return access.require_reader(request.user, getattr(request, "organisation", None))


def _number(language: str) -> charts.Number:
    return charts.dot_number if language == "en" else charts.comma_number


def _gaps() -> dict[str, str]:
    return {"small": _("under 5"), "hidden": _("hidden")}


def _cell_value(cell: selectors.Cell) -> charts.Value:
    return cell.value if cell.value is not None else (cell.mark or "hidden")


class Choices:
    """What the reader asked for (validated), with the links that keep it."""

    def __init__(self, request: HttpRequest, form: ViewForm, organisation: Organisation) -> None:
        self.scope = form.choice("scope", "organisation")
        self.mode = form.choice("mode", fs.SKILL)
        self.region_param = form.choice("region", selectors.ALL_REGIONS)
        self.region = selectors.region_key(self.region_param)
        self.sort = form.choice("sort", "gap")
        self.dir = form.choice("dir", "desc")
        national = self.scope == "national"
        self.build_organisation = None if national else organisation
        self.exact = not national and access.is_coordinator(request.user, organisation)

    def query(self, **changes: str) -> str:
        params = {
            "scope": self.scope,
            "mode": self.mode,
            "region": self.region_param,
            "sort": self.sort,
            "dir": self.dir,
        }
        params.update(changes)
        return urlencode(params)

    def sort_links(self) -> list[dict[str, str]]:
        """A header per sortable column: its link (the other direction when it is the current
        order) and its aria-sort."""
        headers = {
            "label": _("Group") if self.mode == fs.SKILL else _("Occupation group"),
            "demand": _("Demand"),
            "supply": _("Supply (people)"),
            "gap": _("Gap"),
        }
        links = []
        for key, title in headers.items():
            current = key == self.sort
            direction = (
                ("asc" if self.dir == "desc" else "desc")
                if current
                else ("asc" if key == "label" else "desc")
            )
            links.append(
                {
                    "key": key,
                    "title": title,
                    "query": self.query(sort=key, dir=direction),
                    "aria": ("descending" if self.dir == "desc" else "ascending")
                    if current
                    else "",
                }
            )
        return links


def _form(request: HttpRequest, language: str) -> ViewForm:
    form = ViewForm(request.GET or None, lang=language)
    return form


def _summary(loaded: selectors.Loaded, region: str, exact: bool) -> dict[str, Any]:
    summary = selectors.region_summary(loaded, region, exact)
    summary["sources"] = [(source_label(k), n) for k, n in summary["by_source"].items()]
    return summary


def _group_chart(rows: list[selectors.Row], choices: Choices, language: str) -> dict[str, Any]:
    shown = sorted(rows, key=lambda r: (-r.demand, r.label.casefold()))[:CHART_GROUPS]
    categories = [r.label for r in shown]
    series = [
        charts.Series(_("Demand"), [r.demand for r in shown]),
        charts.Series(_("Supply (people)"), [_cell_value(r.supply) for r in shown]),
    ]
    title = _("Demand and supply by group: %(region)s") % {
        "region": region_label(choices.region, language)
    }
    description = _(
        "Horizontal bars for the %(count)s groups in most demand. For each group, the first "
        "bar is the number of postings and needs asking for its skills, the second the number "
        "of people who have them. The same numbers are in the table below."
    ) % {"count": len(shown)}
    number = _number(language)
    svg = charts.bar_chart_svg(
        categories,
        series,
        title=title,
        description=description,
        chart_id="groups-chart",
        number=number,
        gaps=_gaps(),
    )
    return {"svg": mark_safe(svg), "title": title}  # noqa: S308 - built by charts, escaped there


def _trend_chart(
    loaded: selectors.Loaded, rows: list[selectors.Row], choices: Choices, language: str
) -> dict[str, Any] | None:
    top = sorted((r for r in rows if r.demand), key=lambda r: (-r.demand, r.label))[:TREND_GROUPS]
    if not top or not loaded.months:
        return None
    values = selectors.trend(
        loaded, mode=choices.mode, region=choices.region, groups=[r.key for r in top]
    )
    labels = [f"{int(m[5:7])}/{m[2:4]}" for m, _v in values]
    series = [charts.Series(row.label, [v[i] for _m, v in values]) for i, row in enumerate(top)]
    title = _("Demand per month: %(region)s") % {"region": region_label(choices.region, language)}
    description = _(
        "Lines of the new postings and needs per month for the %(count)s groups in most "
        "demand, over the last %(months)s months. The same numbers are in the table below."
    ) % {"count": len(top), "months": len(labels)}
    number = _number(language)
    svg = charts.line_chart_svg(
        labels, series, title=title, description=description, chart_id="trend-chart", number=number
    )
    header, table = charts.chart_table(labels, series, number=number, corner=_("Month"))
    return {"svg": mark_safe(svg), "title": title, "header": header, "rows": table}  # noqa: S308


def _month_label(month: str) -> str:
    return f"{int(month[5:7])}/{month[2:4]}"


def _group_trend_chart(
    months: list[selectors.MonthRow], name: str, choices: Choices, language: str
) -> dict[str, Any] | None:
    """Demand and newly counted people of one group per month: a line chart and its table."""
    if not months:
        return None
    labels = [_month_label(m.month) for m in months]
    series = [
        charts.Series(_("New postings and needs"), [m.demand for m in months]),
        charts.Series(
            _("People who newly have a skill of the group"),
            [_cell_value(m.supply) for m in months],
        ),
    ]
    title = _("%(group)s per month: %(region)s") % {
        "group": name,
        "region": region_label(choices.region, language),
    }
    description = _(
        "Two lines over the last %(months)s months: the new postings and needs asking for the "
        "group's skills, and the people who got their first confirmed skill of the group. The "
        "same numbers are in the table below."
    ) % {"months": len(labels)}
    number = _number(language)
    svg = charts.line_chart_svg(
        labels,
        series,
        title=title,
        description=description,
        chart_id="group-trend-chart",
        number=number,
        gaps=_gaps(),
        gap_note=_("Shaded: people under 5, or hidden"),
    )
    return {
        "svg": mark_safe(svg),  # noqa: S308 - built by charts, escaped there
        "title": title,
        "months": [(label, m) for label, m in zip(labels, months, strict=True)],
        "any_demand": any(m.demand for m in months),
    }


@never_cache
@login_required
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    organisation = _organisation(request)
    language = lang()
    form = _form(request, language)
    context: dict[str, Any] = {
        "form": form,
        "organisation": organisation,
        "can_rebuild": access.is_coordinator(request.user, organisation),
        "small": 5,
    }
    if form.is_bound and not form.is_valid():
        return render(request, "foresight/index.html", context, status=400)
    choices = Choices(request, form, organisation)
    pending = selectors.pending_build(organisation)
    if pending is not None and services.is_stale(pending):
        services.mark_lost(pending)
        pending = None
    build = selectors.latest_build(choices.build_organisation)
    context.update({"choices": choices, "pending": pending, "build": build})
    if build is None:
        return render(request, "foresight/index.html", context)
    loaded = selectors.loaded_for(build, organisation)
    rows = selectors.group_rows(
        loaded,
        mode=choices.mode,
        region=choices.region,
        exact=choices.exact,
        lang=language,
        sort=choices.sort,
        direction=choices.dir,
    )
    context.update(
        {
            "loaded": loaded,
            "rows": rows,
            "region_name": region_label(choices.region, language),
            "summary": _summary(loaded, choices.region, choices.exact),
            "chart": _group_chart(rows, choices, language) if rows else None,
            "trend": _trend_chart(loaded, rows, choices, language),
            "reachable": selectors.reachable(
                loaded, region=choices.region, exact=choices.exact, lang=language
            ),
            "sort_links": choices.sort_links(),
            "export_query": choices.query(),
            "fallback": choices.mode == fs.SKILL and loaded.uses_fallback,
        }
    )
    return render(request, "foresight/index.html", context)


@never_cache
@login_required
@require_safe
def group(request: HttpRequest) -> HttpResponse:
    organisation = _organisation(request)
    language = lang()
    form = _form(request, language)
    if not form.is_valid():
        raise Http404
    choices = Choices(request, form, organisation)
    key = str(request.GET.get("group", ""))[:300]
    build = selectors.latest_build(choices.build_organisation)
    if build is None:
        raise Http404
    loaded = selectors.loaded_for(build, organisation)
    if not selectors.group_exists(loaded, choices.mode, key):
        raise Http404
    rows = selectors.member_rows(
        loaded,
        mode=choices.mode,
        group=key,
        region=choices.region,
        exact=choices.exact,
        lang=language,
        sort=choices.sort,
        direction=choices.dir,
    )
    months = selectors.group_trend(
        loaded, mode=choices.mode, group=key, region=choices.region, exact=choices.exact
    )
    sort_links = choices.sort_links()
    sort_links[0]["title"] = _("Skill") if choices.mode == fs.SKILL else _("Occupation")
    for link in sort_links:
        link["query"] += "&" + urlencode({"group": key})
    return render(
        request,
        "foresight/group.html",
        {
            "organisation": organisation,
            "choices": choices,
            "build": build,
            "small": 5,
            "group_key": key,
            "group_name": group_label(key, language),
            "region_name": region_label(choices.region, language),
            "rows": rows,
            "trend": _group_trend_chart(months, group_label(key, language), choices, language),
            "sort_links": sort_links,
            "export_query": choices.query() + "&" + urlencode({"group": key}),
            "back_query": choices.query(),
        },
    )


def _status_text(row: selectors.Row) -> str:
    return {
        "shortage": _("shortage"),
        "surplus": _("surplus"),
        "balanced": _("balanced"),
    }.get(row.status, _("not shown"))


def _supply_text(cell: selectors.Cell) -> str:
    if cell.value is not None:
        return str(cell.value)
    return _gaps().get(cell.mark, "")


@never_cache
@login_required
@require_safe
def export(request: HttpRequest) -> HttpResponse:
    """The table of the page (or of a group's skills) as CSV, suppressed as on the page;
    audited. A bad region or group is a 404 page, and no file."""
    organisation = _organisation(request)
    language = lang()
    form = _form(request, language)
    if not form.is_valid():
        raise Http404
    choices = Choices(request, form, organisation)
    build = selectors.latest_build(choices.build_organisation)
    if build is None:
        raise Http404
    loaded = selectors.loaded_for(build, organisation)
    key = str(request.GET.get("group", ""))[:300]
    if key and not selectors.group_exists(loaded, choices.mode, key):
        raise Http404
    if key:
        rows = selectors.member_rows(
            loaded,
            mode=choices.mode,
            group=key,
            region=choices.region,
            exact=choices.exact,
            lang=language,
        )
    else:
        rows = selectors.group_rows(
            loaded, mode=choices.mode, region=choices.region, exact=choices.exact, lang=language
        )
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(
        [
            _("Region"),
            _("Group")
            if not key
            else (_("Skill") if choices.mode == fs.SKILL else _("Occupation")),
            _("Concept"),
            _("Demand (postings and needs)"),
            _("Supply (people)"),
            _("Gap"),
            _("Status"),
        ]
    )
    region_name = region_label(choices.region, language)
    for row in rows:
        writer.writerow(
            [
                region_name,
                row.label,
                row.key,
                row.demand,
                _supply_text(row.supply),
                "" if row.gap is None else row.gap,
                _status_text(row),
            ]
        )
    log_event(request.user, AuditAction.EXPORT, build, organisation=organisation)
    name = f"foresight-{choices.scope}-{choices.region_param}-{choices.mode}.csv"
    response = HttpResponse(buffer.getvalue().encode("utf-8-sig"), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
def rebuild(request: HttpRequest) -> HttpResponse:
    organisation = access.access_rebuild(request.user, getattr(request, "organisation", None))
    build = services.start_build(organisation, by=request.user)
    return redirect("foresight:build", build.pk)


@never_cache
@login_required
@require_safe
def build_status(request: HttpRequest, build_id: int) -> HttpResponse:
    build = access.access_build(request.user, build_id)
    if services.is_stale(build):
        services.mark_lost(build)
    return render(request, "foresight/build.html", {"build": build})


@never_cache
@login_required
@require_safe
def watch(request: HttpRequest, intervention_id: int) -> HttpResponse:
    intervention = access.access_watch(request.user, intervention_id)
    language = lang()
    data = selectors.watch(intervention, language)
    return render(
        request,
        "foresight/watch.html",
        {"intervention": intervention, "data": data},
    )

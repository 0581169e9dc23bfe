# ruff: noqa: E501
"""Access-matrix rows of the insights pages (issue 16), read with tests/test_access_matrix.py.

Coordinators and analysts of the personas' organisation read the outcome and ESF+ pages and
download their (always suppressed) files; the monitoring file and the projects are for
coordinators only; everyone else gets 404 and anonymous users the login page. `{proj}` is a
project of the organisation, `{oproj}` one of the outsider's organisation; `{aexp}` a funder
report the analyst ordered (still queued, so its file cannot be downloaded yet: 404), `{cexp}`
one the coordinator ordered (an analyst sees only their own)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tests.factories import Personas


def _today() -> str:
    return timezone.localdate().isoformat()


def _year_ago() -> str:
    return (timezone.localdate() - dt.timedelta(days=365)).isoformat()


# fmt: off
# method  url                                         anon coach part ment empl wpm  coor anal outs othp
ROWS: list[tuple[object, ...]] = [
    ("GET",  "/insights/",                            302, 404, 404, 404, 404, 404, 200, 200, 404, 404),
    ("GET",  "/insights/?period=last_year",           302, 404, 404, 404, 404, 404, 200, 200, 404, 404),
    ("GET",  "/insights/?project={proj}",             302, 404, 404, 404, 404, 404, 200, 200, 404, 404),
    ("GET",  "/insights/?project={oproj}",            302, 404, 404, 404, 404, 404, 200, 200, 404, 404),
    ("POST", "/insights/",                            302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("GET",  "/insights/esf/",                        302, 404, 404, 404, 404, 404, 200, 200, 404, 404),
    ("POST", "/insights/esf/",                        302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("GET",  "/insights/download/outcomes/csv/",      302, 404, 404, 404, 404, 404, 200, 200, 404, 404),
    ("GET",  "/insights/download/outcomes/xlsx/",     302, 404, 404, 404, 404, 404, 200, 200, 404, 404),
    ("GET",  "/insights/download/esf/csv/?table=entry", 302, 404, 404, 404, 404, 404, 200, 200, 404, 404),
    ("GET",  "/insights/download/esf/pdf/",           302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("GET",  "/insights/download/outcomes/csv/?project={oproj}", 302, 404, 404, 404, 404, 404, 400, 400, 404, 404),
    ("GET",  "/insights/monitoring/",                 302, 404, 404, 404, 404, 404, 200, 404, 404, 404),
    ("POST", "/insights/monitoring/",                 302, 404, 404, 404, 404, 404, 200, 404, 404, 404),
    ("GET",  "/insights/reports/",                    302, 404, 404, 404, 404, 404, 200, 200, 404, 404),
    ("POST", "/insights/reports/",                    302, 404, 404, 404, 404, 404, 302, 302, 404, 404),
    ("GET",  "/insights/reports/{aexp}/",             302, 404, 404, 404, 404, 404, 200, 200, 404, 404),
    ("GET",  "/insights/reports/{cexp}/",             302, 404, 404, 404, 404, 404, 200, 404, 404, 404),
    ("GET",  "/insights/reports/{missing}/",          302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("GET",  "/insights/reports/{aexp}/download/",    302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("GET",  "/insights/projects/",                   302, 404, 404, 404, 404, 404, 200, 404, 404, 404),
    ("GET",  "/insights/projects/new/",               302, 404, 404, 404, 404, 404, 200, 404, 404, 404),
    ("POST", "/insights/projects/new/",               302, 404, 404, 404, 404, 404, 302, 404, 404, 404),
    ("GET",  "/insights/projects/{proj}/",            302, 404, 404, 404, 404, 404, 200, 404, 404, 404),
    ("GET",  "/insights/projects/{oproj}/",           302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("GET",  "/insights/projects/{proj}/enrol/",      302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("POST", "/insights/projects/{proj}/enrol/",      302, 404, 404, 404, 404, 404, 302, 404, 404, 404),
    ("POST", "/insights/projects/{oproj}/enrol/",     302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
]
# fmt: on

POST_DATA: dict[str, dict[str, object]] = {
    "/insights/monitoring/": {
        "period": "custom",
        "start": _year_ago,
        "end": _today,
        "project": "",
        "format": "csv",
    },
    "/insights/reports/": {
        "organisation": "",  # filled by the persona's organisation below (see _post_data)
        "period": "last_12_months",
        "project": "",
    },
    "/insights/projects/new/": {"name": "Kohti töitä", "start": _year_ago, "code": "S30123"},
    "/insights/projects/{proj}/enrol/": {"action": "started"},
    "/insights/projects/{oproj}/enrol/": {"action": "started"},
}


def placeholders(personas: Personas) -> dict[str, int]:
    from kohtaanto.insights.models import ExportKind, Project, ReportExport

    start = timezone.localdate() - dt.timedelta(days=365)
    project, _made = Project.objects.get_or_create(
        organisation=personas.organisation, name="Kohti töitä", defaults={"starts": start}
    )
    other, _made = Project.objects.get_or_create(
        organisation=personas.other_organisation, name="Uusi suunta", defaults={"starts": start}
    )
    exports = {}
    for key, user in (("aexp", personas.analyst), ("cexp", personas.coordinator)):
        export = ReportExport.objects.filter(created_by=user, report="funder").first()
        if export is None:
            export = ReportExport.objects.create(
                organisation=personas.organisation,
                kind=ExportKind.PDF,
                report="funder",
                period_start=start,
                period_end=timezone.localdate(),
                language="fi",
                suppressed=True,
                created_by=user,
            )
        exports[key] = export.pk
    POST_DATA["/insights/reports/"]["organisation"] = personas.organisation.pk
    return {"proj": project.pk, "oproj": other.pk, **exports}

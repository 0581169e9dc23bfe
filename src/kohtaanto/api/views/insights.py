"""`/api/v1/reports/outcomes/` and `/api/v1/reports/esf/`: the outcome and ESF+ figures of an
organisation (or one of its projects) for its coordinators and analysts. An API is for
outsiders, so the figures are ALWAYS suppressed (cells under 5 hidden, complementary
suppression), whoever asks. Anyone else: 404."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kohtaanto.api.serializers.insights import ReportSerializer
from kohtaanto.api.serializers.problems import problem_responses
from kohtaanto.core.models import Organisation
from kohtaanto.insights import access, selectors, services

PARAMETERS = [
    OpenApiParameter("organisation", OpenApiTypes.INT, required=True),
    OpenApiParameter("start", OpenApiTypes.DATE, required=True),
    OpenApiParameter("end", OpenApiTypes.DATE, required=True),
    OpenApiParameter("project", OpenApiTypes.INT, description="Only this project's people."),
    OpenApiParameter(
        "funder",
        OpenApiTypes.STR,
        description="The people of every project of the organisation with this funder.",
    ),
]


def _organisation(request: Request) -> Organisation:
    return access.get_organisation(request.user, request.query_params.get("organisation", ""))


def _report(request: Request, kind: str) -> Response:
    organisation = _organisation(request)
    params = request.query_params
    period = services.parse_period(params.get("start", ""), params.get("end", ""))
    project = None
    if params.get("project"):
        project = access.get_project(request.user, organisation, params["project"])
    funder = params.get("funder") or None
    if funder is not None and (
        project is not None
        or not access.projects_visible_to(request.user, organisation).filter(funder=funder).exists()
    ):
        raise access.ReportNotFound  # no such funder among the organisation's projects
    read = selectors.esf_report if kind == "esf" else selectors.outcome_report
    report = read(request.user, organisation, period, project=project, funder=funder, suppress=True)
    return Response(selectors.report_as_dict(report))


class OutcomeReportView(APIView):
    @extend_schema(
        operation_id="reports_outcomes_retrieve",
        parameters=PARAMETERS,
        responses={200: ReportSerializer, **problem_responses(400, 403, 404)},
    )
    def get(self, request: Request) -> Response:
        return _report(request, "outcomes")


class EsfReportView(APIView):
    @extend_schema(
        operation_id="reports_esf_retrieve",
        parameters=PARAMETERS,
        responses={200: ReportSerializer, **problem_responses(400, 403, 404)},
    )
    def get(self, request: Request) -> Response:
        return _report(request, "esf")

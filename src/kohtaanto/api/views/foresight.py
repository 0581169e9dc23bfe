"""`/api/v1/foresight/`: the stored regional foresight for coordinators and analysts, with the
same small-number protection as the pages (`kohtaanto.foresight.selectors`)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kohtaanto.api.serializers.foresight import ForesightSerializer
from kohtaanto.api.serializers.problems import problem_responses
from kohtaanto.core.errors import NotFound, ValidationFailed
from kohtaanto.foresight import access, selectors
from kohtaanto.matching import foresight as fs

PARAMETERS = [
    OpenApiParameter("scope", OpenApiTypes.STR, enum=["organisation", "national"]),
    OpenApiParameter("organisation", OpenApiTypes.INT, description="Default: your first one."),
    OpenApiParameter("mode", OpenApiTypes.STR, enum=list(fs.MODES)),
    OpenApiParameter("region", OpenApiTypes.STR, description='"all", "unknown" or a code.'),
]


class ForesightView(APIView):
    @extend_schema(
        operation_id="foresight_retrieve",
        parameters=PARAMETERS,
        responses={200: ForesightSerializer, **problem_responses(400, 403, 404)},
    )
    def get(self, request: Request) -> Response:
        params = request.query_params
        if "organisation" in params:
            organisation = access.access_reader_organisation(request.user, params["organisation"])
        else:
            first = access.reader_organisations(request.user).order_by("pk").first()
            if first is None:
                raise NotFound()
            organisation = first
        scope = str(params.get("scope", "organisation"))
        mode = str(params.get("mode", fs.SKILL))
        errors: dict[str, list[str]] = {}
        if scope not in ("organisation", "national"):
            errors["scope"] = ["organisation, national"]
        if mode not in fs.MODES:
            errors["mode"] = [", ".join(fs.MODES)]
        try:
            region = selectors.region_key(str(params.get("region", "")))
        except selectors.UnknownRegionError:
            errors["region"] = [str(selectors.UnknownRegionError.message)]
        if errors:
            raise ValidationFailed(errors=errors)
        national = scope == "national"
        exact = not national and access.is_coordinator(request.user, organisation)
        build = selectors.latest_build(None if national else organisation)
        if build is None:
            raise NotFound()
        loaded = selectors.loaded_for(build, organisation)
        rows = selectors.group_rows(
            loaded, mode=mode, region=region, exact=exact, lang=(get_language() or "fi")[:2]
        )
        groups = [r.key for r in rows]
        people = selectors.people_cell(loaded, region, exact)
        body: dict[str, Any] = {
            "build": {
                "id": build.pk,
                "scope": build.scope,
                "organisation": build.organisation_id,
                "engine": build.engine,
                "built_at": build.built_at,
                "checksum": build.checksum,
                "items": build.items,
            },
            "region": selectors.region_param(region),
            "mode": mode,
            "exact": exact,
            "people": people.value,
            "rows": [
                {
                    "group": r.key,
                    "label": r.label,
                    "demand": r.demand,
                    "supply": r.supply.value,
                    "supply_suppressed": r.supply.mark or None,
                    "gap": r.gap,
                    "status": r.status,
                }
                for r in rows
            ],
            "trend": [
                {
                    "month": month.month,
                    "group": group,
                    "demand": month.demand,
                    "supply": month.supply.value,
                    "supply_suppressed": month.supply.mark or None,
                    "gap": month.gap,
                }
                for group in groups
                for month in selectors.group_trend(
                    loaded, mode=mode, group=group, region=region, exact=exact
                )
                if month.demand or month.supply.value != 0
            ],
        }
        return Response(ForesightSerializer(body).data)

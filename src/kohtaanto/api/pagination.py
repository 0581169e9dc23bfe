"""Limit/offset pagination that refuses malformed values instead of ignoring them.

DRF's `LimitOffsetPagination` reads `limit=-1`, `limit=abc` or `offset=null` as "not given".
Here they are a 400 problem naming the parameter: `limit` must be 1…`max_limit`, `offset` 0 or
more.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.request import Request

from kohtaanto.core.errors import ValidationFailed

MAX_LIMIT = 500


def _whole_number(request: Request, name: str, low: int, high: int | None) -> int | None:
    raw = request.query_params.get(name)
    if raw is None:
        return None
    if raw.isascii() and raw.isdigit() and len(raw) <= 18:
        value = int(raw)
        if value >= low and (high is None or value <= high):
            return value
    if high is None:
        message = _("Give a whole number, %(low)s or more.") % {"low": low}
    else:
        message = _("Give a whole number from %(low)s to %(high)s.") % {"low": low, "high": high}
    raise ValidationFailed(errors={name: [message]})


class StrictLimitOffsetPagination(LimitOffsetPagination):
    max_limit = MAX_LIMIT

    def get_limit(self, request: Request) -> int | None:
        limit = _whole_number(request, self.limit_query_param, 1, self.max_limit)
        return self.default_limit if limit is None else limit

    def get_offset(self, request: Request) -> int:
        return _whole_number(request, self.offset_query_param, 0, None) or 0

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            schema = parameter["schema"]
            if parameter["name"] == self.limit_query_param:
                schema.update({"minimum": 1, "maximum": self.max_limit})
            elif parameter["name"] == self.offset_query_param:
                schema.update({"minimum": 0})
        return parameters

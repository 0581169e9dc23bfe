"""drf-spectacular's AutoSchema with the errors every operation can answer, as problem+json:
400 (a control character in a parameter, a malformed one), 401 (not logged in, or an unknown,
expired or revoked bearer token), 403 (a token without the scope), and for operations
with a body 413 (too large) and 415 (not JSON). Views document their own others
(`serializers.problems.problem_responses`)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.openapi import AutoSchema as BaseAutoSchema

from kohtaanto.api.problems import PROBLEM_CONTENT_TYPE

ALWAYS = ("400", "401", "403")
WITH_BODY = ("413", "415")


class AutoSchema(BaseAutoSchema):
    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        from kohtaanto.api.serializers.problems import ProblemSerializer

        responses: dict[str, Any] = super()._get_response_bodies(direction)
        codes = list(ALWAYS)
        if self.method in ("POST", "PUT", "PATCH"):
            codes += WITH_BODY
        for code in codes:
            if code not in responses:
                responses[code] = self._get_response_for_code(  # type: ignore[no-untyped-call]
                    ProblemSerializer, code, media_types=[PROBLEM_CONTENT_TYPE]
                )
        return responses

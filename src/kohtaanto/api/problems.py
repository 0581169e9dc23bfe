"""RFC 9457 problem details: one format for every API error.

`problem_exception_handler` (REST_FRAMEWORK["EXCEPTION_HANDLER"]) turns DRF exceptions,
Django's Http404/PermissionDenied and `kohtaanto.core.errors.KohtaantoError` into
`application/problem+json` with `type`, `title`, `status`, `detail` and, for invalid input,
`errors` ({field: [messages]}). Titles are translated; nothing personal goes into them.
Anything else raised in an API view is a 500 problem without a stack trace (the traceback
goes to the server log, without the exception's message, which may quote input).
`kohtaanto.api.middleware.ApiProblemMiddleware` covers what happens outside DRF's views.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import set_rollback

from kohtaanto.core import errors

PROBLEM_CONTENT_TYPE = "application/problem+json"
PROBLEM_TYPE_PREFIX = "urn:kohtaanto:problem:"

TITLES = {
    400: _("Invalid request"),
    401: _("Authentication required"),
    403: _("Forbidden"),
    404: _("Not found"),
    405: _("Method not allowed"),
    406: _("Not acceptable"),
    409: _("Conflict"),
    413: _("Request too large"),
    415: _("Unsupported media type"),
    429: _("Too many requests"),
    500: _("Server error"),
    503: _("Service unavailable"),
}
SERVER_ERROR_DETAIL = _(
    "Something went wrong on our side. The error has been recorded; please try again later."
)
logger = logging.getLogger("kohtaanto.api")


def problem_body(
    status_code: int,
    code: str,
    detail: object = "",
    field_errors: Mapping[str, list[str]] | None = None,
) -> dict[str, Any]:
    """The problem document (a dict) for `status_code`, with a translated title."""
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE_PREFIX + code,
        "title": str(TITLES.get(status_code, _("Error"))),
        "status": status_code,
        "detail": str(detail),
    }
    if field_errors:
        body["errors"] = {
            name: [str(m) for m in messages] for name, messages in field_errors.items()
        }
    return body


def log_unexpected(exc: BaseException, where: str) -> None:
    """Log an unexpected error: its type and stack, not its message (it may quote input)."""
    stack = "".join(traceback.format_tb(exc.__traceback__))
    logger.error("unexpected %s in %s\n%s", type(exc).__name__, where, stack)


class ProblemResponse(Response):
    """A problem is always JSON, whatever renderer the request negotiated: DRF would render it
    with the view's (YAML on `/api/schema/`, the browsable API's HTML page for a browser)
    under the problem+json content type."""

    @property
    def rendered_content(self) -> Any:
        self.accepted_renderer = JSONRenderer()
        self.accepted_media_type = PROBLEM_CONTENT_TYPE
        return super().rendered_content


def problem(
    status_code: int,
    code: str,
    detail: object = "",
    *,
    field_errors: Mapping[str, list[str]] | None = None,
    headers: Mapping[str, str] | None = None,
) -> Response:
    return ProblemResponse(
        problem_body(status_code, code, detail, field_errors),
        status=status_code,
        content_type=PROBLEM_CONTENT_TYPE,
        headers=dict(headers or {}),
    )


def flatten_errors(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested error detail → {"field" or "field.sub" or "" (whole input): [messages]}."""
    if isinstance(detail, Mapping):
        flat: dict[str, list[str]] = {}
        for key, value in detail.items():
            name = "" if key == "non_field_errors" else str(key)
            flat.update(
                flatten_errors(value, f"{prefix}.{name}" if prefix and name else prefix or name)
            )
        return flat
    if isinstance(detail, list):
        if all(not isinstance(item, (list, Mapping)) for item in detail):
            return {prefix: [str(item) for item in detail]}
        flat = {}
        for index, item in enumerate(detail):
            flat.update(flatten_errors(item, f"{prefix}.{index}" if prefix else str(index)))
        return flat
    return {prefix: [str(detail)]}


def _api_exception(exc: exceptions.APIException) -> Response:
    headers = {}
    auth_header = getattr(exc, "auth_header", None)
    if auth_header:
        headers["WWW-Authenticate"] = str(auth_header)
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(int(exc.wait))  # type: ignore[attr-defined]
    if isinstance(exc, exceptions.ValidationError):
        return problem(
            exc.status_code,
            "invalid",
            errors.ValidationFailed.default_message,
            field_errors=flatten_errors(exc.detail),
            headers=headers,
        )
    codes = exc.get_codes()
    code = codes if isinstance(codes, str) else "error"
    return problem(exc.status_code, code, exc.detail, headers=headers)


def problem_exception_handler(exc: Exception, context: Mapping[str, Any]) -> Response | None:
    if isinstance(exc, errors.KohtaantoError):
        field_errors = exc.errors if isinstance(exc, errors.ValidationFailed) else None
        return problem(exc.status, exc.code, exc.message, field_errors=field_errors)
    if isinstance(exc, Http404):
        return problem(status.HTTP_404_NOT_FOUND, "not_found", errors.NotFound.default_message)
    if isinstance(exc, DjangoPermissionDenied):
        return problem(
            status.HTTP_403_FORBIDDEN, "permission_denied", errors.PermissionDenied.default_message
        )
    if isinstance(exc, exceptions.APIException):
        return _api_exception(exc)
    view = context.get("view")
    log_unexpected(exc, type(view).__name__ if view is not None else "an API view")
    set_rollback()
    return problem(status.HTTP_500_INTERNAL_SERVER_ERROR, "server_error", SERVER_ERROR_DETAIL)

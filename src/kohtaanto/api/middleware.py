"""problem+json for what happens outside DRF's views under `/api/`.

DRF's exception handler (`problems.problem_exception_handler`) covers errors raised inside an
API view. This middleware covers the rest, so that EVERY error under `/api/` is RFC 9457:
- a request body over `API_MAX_BODY_BYTES` (Content-Length) → 413 before anything reads it;
- an exception that escapes a view or another middleware (`RequestDataTooBig` → 413,
  anything else → 500 without a stack trace);
- any other error response that is not problem+json yet (Django's own 400/404/500 pages, the
  405 of a view that is not DRF's such as `/api/docs/` or the OAuth token endpoint, a 503 from
  the database-outage middleware, …) is rewritten with the same status, keeping the
  `Retry-After`, `Allow` and `WWW-Authenticate` headers.
The one exception: the errors of the OAuth 2.0 token endpoint's grant (`{"error": …}` as
`application/json`, from oauthlib) keep RFC 6749's format (section 5.2), which OAuth clients
read. Everything else under `/api/oauth/` (a wrong method, a body too large, a crash) is a
problem too.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from django.core.exceptions import (
    BadRequest,
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
)
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions

from kohtaanto.api.limits import max_body_bytes
from kohtaanto.api.problems import (
    PROBLEM_CONTENT_TYPE,
    SERVER_ERROR_DETAIL,
    log_unexpected,
    problem_body,
)

API_PREFIX = "/api/"
OAUTH_PREFIX = "/api/oauth/"
KEPT_HEADERS = ("Retry-After", "Allow", "WWW-Authenticate")

DETAILS = {
    400: _("The request could not be understood."),
    401: exceptions.NotAuthenticated.default_detail,  # DRF's own, translated by DRF
    403: _("You do not have permission to do this."),
    404: _("Not found."),
    405: _("This method is not allowed here."),
    413: _("The request body is too large."),
    500: SERVER_ERROR_DETAIL,
    503: _("The service is unavailable for a moment. Please try again shortly."),
}
CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "permission_denied",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    500: "server_error",
    503: "unavailable",
}


def problem_response(status_code: int, detail: object = None) -> HttpResponse:
    body = problem_body(
        status_code,
        CODES.get(status_code, "error"),
        DETAILS.get(status_code, "") if detail is None else detail,
    )
    return HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status_code, content_type=PROBLEM_CONTENT_TYPE
    )


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def is_oauth_error(request: HttpRequest, response: HttpResponse) -> bool:
    """An RFC 6749 error of the OAuth endpoints' grant (oauthlib answers `application/json`;
    Django's own 405 or 404 pages there are HTML)."""
    content_type = str(response.get("Content-Type", ""))
    return request.path.startswith(OAUTH_PREFIX) and content_type.startswith("application/json")


def declared_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


class ApiProblemMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_api(request):
            return self.get_response(request)
        if declared_length(request) > max_body_bytes():
            return problem_response(413)
        response = self.get_response(request)
        if response.status_code < 400:
            return response
        if str(response.get("Content-Type", "")).startswith(PROBLEM_CONTENT_TYPE):
            return response
        if is_oauth_error(request, response):
            return response
        problem = problem_response(response.status_code)
        for name in KEPT_HEADERS:
            if name in response:
                problem[name] = response[name]
        return problem

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_api(request):
            return None
        if isinstance(exception, RequestDataTooBig):
            return problem_response(413)
        if isinstance(exception, (Http404, PermissionDenied, BadRequest, SuspiciousOperation)):
            return None  # Django answers 404/403/400; __call__ turns that into a problem
        log_unexpected(
            exception, request.resolver_match.view_name if request.resolver_match else ""
        )
        return problem_response(500)

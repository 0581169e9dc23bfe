"""Refuse control characters in input, everywhere (issue 18).

A NUL byte reached PostgreSQL from an API filter (`?q=%00`) and gave a `DataError` (a 500);
other control characters have no business in names, notes or searches either. C0 controls,
DEL and C1 controls are refused; tab, line feed and carriage return are allowed in form
fields (text areas) but not in URL query parameters.

`ControlCharacterMiddleware` checks every query parameter (names and values) and every
field of a submitted form (`application/x-www-form-urlencoded` or `multipart/form-data`;
uploaded files are not text and are left to their importers) and answers 400: problem+json
under `/api/`, a translated page elsewhere. JSON bodies of the API are checked by its parser
(`kohtaanto.api.parsers`). `validate_no_control_characters` is the same rule as a form or
model field validator.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable

from django.core.exceptions import RequestDataTooBig, ValidationError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

# C0 controls except tab (\x09), line feed (\x0a) and carriage return (\x0d); DEL; C1 controls.
_IN_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_ANY = re.compile("[\x00-\x1f\x7f-\x9f]")
MESSAGE = _(
    "The text contains a control character (such as a null character) that is not allowed. "
    "Remove it and try again."
)
FORM_CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def has_control_characters(text: str, *, allow_line_breaks: bool = True) -> bool:
    """True if `text` holds a control character (tab and line breaks allowed if asked)."""
    return bool((_IN_TEXT if allow_line_breaks else _ANY).search(text))


def validate_no_control_characters(value: object) -> None:
    """Form and model field validator (tab and line breaks are allowed)."""
    if isinstance(value, str) and has_control_characters(value):
        raise ValidationError(MESSAGE, code="control_characters")


def _bad_names(items: Iterable[tuple[str, list[str]]], *, allow_line_breaks: bool) -> list[str]:
    bad = []
    for name, values in items:
        if has_control_characters(name, allow_line_breaks=False) or any(
            has_control_characters(v, allow_line_breaks=allow_line_breaks) for v in values
        ):
            bad.append(name)
    return bad


def refused_fields(request: HttpRequest) -> list[str]:
    """Names of the query parameters and form fields that hold a control character."""
    bad = _bad_names(request.GET.lists(), allow_line_breaks=False)
    content_type = request.content_type or ""
    if request.method not in ("GET", "HEAD") and content_type in FORM_CONTENT_TYPES:
        try:
            if content_type == "application/x-www-form-urlencoded":
                # Keep the raw body readable too: a view may read request.body after this
                # (/verify/api/), which Django refuses once the form was parsed from the stream.
                _ = request.body
            fields = request.POST.lists()
        except RequestDataTooBig:
            # Over Django's limit: nothing of it is read, so nothing reaches a view. A view
            # that answers such a body itself (/verify/, by its Content-Length) still can;
            # any other form post then fails its CSRF check, as it would have failed before.
            return bad
        bad += _bad_names(fields, allow_line_breaks=True)
    return bad


def _api_problem(fields: list[str]) -> HttpResponse:
    """The API's problem+json (`kohtaanto.api.problems`; core may not import the API)."""
    body = {
        "type": "urn:kohtaanto:problem:control_characters",
        "title": str(_("Invalid request")),
        "status": 400,
        "detail": str(MESSAGE),
        "errors": {_ANY.sub("?", name)[:100]: [str(MESSAGE)] for name in fields},
    }
    return HttpResponse(
        json.dumps(body, ensure_ascii=False), status=400, content_type="application/problem+json"
    )


class ControlCharacterMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        fields = refused_fields(request)
        if not fields:
            return self.get_response(request)
        if request.path.startswith("/api/"):
            return _api_problem(fields)
        html = render_to_string("400.html", {"reason": MESSAGE}, request=request)
        return HttpResponse(html, status=400)

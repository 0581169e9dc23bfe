"""A database outage answers 503 "try again in a moment", never a 500 or a stack trace.

`DatabaseOutageMiddleware` sits just inside the security headers and outside sessions,
authentication, the language middleware and the API's problem middleware, so that it sees
what any of them answered. A response is turned into a 503 with ``Retry-After`` when

- an exception of the database's "cannot reach / lost the connection" kind (Django's
  ``OperationalError`` and ``InterfaceError``, and psycopg's own) reached Django's error
  handling during the request (``got_request_exception``) or a view raised it
  (`DatabaseOutageNoteMiddleware`, last in ``MIDDLEWARE``), or
- the response is a 5xx and the database does not answer a ``SELECT 1`` now (this catches an
  error someone turned into a 500 without Django seeing it, e.g. the API's own handler).

Pages get `503.html` in the visitor's language (from ``?lang``, the language cookie or
``Accept-Language``; the user's saved preference would need the database), rendered without a
request context (no user, session or menu lookups). ``/api/`` gets problem+json. Nothing is
retried or committed here: every write goes through a service inside ``transaction.atomic``,
which rolled back when the error was raised.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.signals import got_request_exception
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext

from kohtaanto.web.middleware import (
    DEFAULT_LANGUAGE,
    QUERY_PARAMETER,
    language_from_accept_header,
    supported_language,
)

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 10
API_PREFIX = "/api/"
PROBLEM_CONTENT_TYPE = "application/problem+json"
PROBLEM_TYPE = "urn:kohtaanto:problem:unavailable"
_FLAG = "_kohtaanto_database_outage"


def _outage_errors() -> tuple[type[BaseException], ...]:
    errors: list[type[BaseException]] = [OperationalError, InterfaceError]
    try:
        import psycopg

        errors += [psycopg.OperationalError, psycopg.InterfaceError]
    except ImportError:  # pragma: no cover - psycopg is a dependency
        pass
    return tuple(errors)


OUTAGE_ERRORS = _outage_errors()


def is_outage_error(error: BaseException | None) -> bool:
    """The error, or one it was raised from, says the database cannot be reached."""
    seen = 0
    while error is not None and seen < 5:
        if isinstance(error, OUTAGE_ERRORS):
            return True
        error = error.__cause__ or error.__context__
        seen += 1
    return False


def _note_exception(sender: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
    # Sent by Django's handler inside its `except` block: the error is sys.exc_info().
    if request is not None and is_outage_error(sys.exc_info()[1]):
        setattr(request, _FLAG, True)


got_request_exception.connect(_note_exception, dispatch_uid="kohtaanto-database-outage")


def database_answers() -> bool:
    """Whether the database answers now (a fresh connection if the old one broke)."""
    try:
        if not connection.in_atomic_block:  # (inside one only in tests: never close it there)
            connection.close_if_unusable_or_obsolete()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return False
    return True


def request_language(request: HttpRequest) -> str:
    """The visitor's language without the database: ?lang, cookie, Accept-Language, fi."""
    return (
        supported_language(request.GET.get(QUERY_PARAMETER))
        or supported_language(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME))
        or language_from_accept_header(request.META.get("HTTP_ACCEPT_LANGUAGE", ""))
        or DEFAULT_LANGUAGE
    )


def unavailable_response(request: HttpRequest) -> HttpResponse:
    language = request_language(request)
    with translation.override(language):
        if request.path.startswith(API_PREFIX):
            body = {
                "type": PROBLEM_TYPE,
                "title": gettext("Service unavailable"),
                "status": 503,
                "detail": gettext(
                    "The service cannot reach its database. Please try again in a moment."
                ),
            }
            response = HttpResponse(
                json.dumps(body, ensure_ascii=False),
                status=503,
                content_type=PROBLEM_CONTENT_TYPE,
            )
        else:
            html = render_to_string(
                "503.html", {"language": language, "retry_after": RETRY_AFTER_SECONDS}
            )
            response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    response["Content-Language"] = language
    return response


class DatabaseOutageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            response = self.get_response(request)
        except OUTAGE_ERRORS:
            # Only reachable if an error escaped every handler (not in Django's own stack).
            setattr(request, _FLAG, True)
            response = HttpResponse(status=500)
        if response.status_code < 500 or response.status_code == 503:
            return response
        if getattr(request, _FLAG, False) or not database_answers():
            logger.warning(
                "database unavailable: answered 503 (status was %s)", response.status_code
            )
            return unavailable_response(request)
        return response


class DatabaseOutageNoteMiddleware:
    """Last in ``MIDDLEWARE``: its ``process_exception`` runs first, so a view's outage error
    is noted even when another middleware turns it into a response of its own (the API's
    problem middleware answers 500 for an unexpected error)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        if is_outage_error(exception):
            setattr(request, _FLAG, True)

"""Answer ``/healthz`` and ``/readyz`` before anything else (see `views`)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from kohtaanto.web.health import views


class HealthMiddleware:
    """First in ``MIDDLEWARE``: a probe needs no allowed host, no HTTPS, no session."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        name = views.PATHS.get(request.path_info.rstrip("/") or "/")
        if name is not None:
            view: Callable[[HttpRequest], HttpResponse] = getattr(views, name)
            return view(request)
        return self.get_response(request)

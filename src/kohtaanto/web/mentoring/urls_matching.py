"""Mentoring pages: the matching part (included by `urls.py`, namespace "mentoring")."""

from django.urls import URLPattern, URLResolver, path

from kohtaanto.web.mentoring import matching

urlpatterns: list[URLPattern | URLResolver] = [
    path("mentoring/match/", matching.match_requests, name="match_requests"),
    path(
        "mentoring/match/requests/<int:request_id>/",
        matching.match_request,
        name="match_request",
    ),
    path("mentoring/match/bulk/", matching.match_bulk, name="match_bulk"),
    path("mentoring/match/new/", matching.match_new, name="match_new"),
]

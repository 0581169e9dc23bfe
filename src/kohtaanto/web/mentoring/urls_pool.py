"""Mentoring pages: the pool part (included by `urls.py`, namespace "mentoring")."""

from django.urls import URLPattern, URLResolver

urlpatterns: list[URLPattern | URLResolver] = []

"""Pages of foresight (issue 16)."""

from django.urls import URLPattern

app_name = "foresight"

urlpatterns: list[URLPattern] = []

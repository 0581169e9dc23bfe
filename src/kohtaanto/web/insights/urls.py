"""Pages of insights (issue 16)."""

from django.urls import URLPattern

app_name = "insights"

urlpatterns: list[URLPattern] = []

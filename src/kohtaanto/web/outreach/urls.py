"""Pages of outreach (namespace "outreach"). Ids only in URLs."""

from django.urls import URLPattern, URLResolver

app_name = "outreach"

urlpatterns: list[URLPattern | URLResolver] = []

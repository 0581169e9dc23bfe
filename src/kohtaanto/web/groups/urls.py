"""Pages of groups (namespace "groups"). Ids only in URLs."""

from django.urls import URLPattern, URLResolver

app_name = "groups"

urlpatterns: list[URLPattern | URLResolver] = []

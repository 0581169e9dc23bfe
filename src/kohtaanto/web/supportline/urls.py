"""Pages of supportline (namespace "supportline"). Ids only in URLs."""

from django.urls import URLPattern, URLResolver

app_name = "supportline"

urlpatterns: list[URLPattern | URLResolver] = []

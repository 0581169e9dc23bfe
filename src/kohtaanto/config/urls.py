"""Root URL configuration: the admin, the REST API and the pages (all under `web/`)."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("kohtaanto.web.health.urls")),  # /healthz, /readyz (docs/deploy.md)
    path("admin/", admin.site.urls),
    path("api/", include("kohtaanto.api.urls")),
    path("", include("kohtaanto.web.urls")),
]

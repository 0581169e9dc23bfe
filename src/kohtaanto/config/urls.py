"""Root URL configuration. Each area owns its own `urls.py`."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("kohtaanto.api.urls")),
    path("", include("kohtaanto.opportunities.urls")),
    path("", include("kohtaanto.matches.urls")),
    path("", include("kohtaanto.web.urls")),
]

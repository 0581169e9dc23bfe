"""Root URLconf for tests before the journey URLs are included in `web/urls.py`."""

from django.urls import include, path

urlpatterns = [
    path("", include("kohtaanto.web.journeys.urls")),
    path("", include("kohtaanto.config.urls")),
]

"""``/healthz`` and ``/readyz`` (answered by `middleware.HealthMiddleware` first; these
patterns make them resolvable and reversible)."""

from django.urls import path

from kohtaanto.web.health import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
]

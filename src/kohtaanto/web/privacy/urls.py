"""Pages of the personal-data lifecycle (issue 18): retention settings and run reports,
erasure of a participant (request → review → confirm) and what legal holds keep.
Coordinators of the current organisation only; everyone else gets 404."""

from django.urls import path

from kohtaanto.web.privacy import views

app_name = "privacy"

urlpatterns = [
    path("privacy/", views.overview, name="overview"),
    path("privacy/runs/", views.dry_run, name="dry-run"),
    path("privacy/runs/<int:run_id>/", views.run, name="run"),
    path("privacy/erasures/", views.erasures, name="erasures"),
    path(
        "privacy/erasures/participants/<int:participant_id>/",
        views.erase,
        name="erase",
    ),
    path("privacy/held/<int:held_id>/", views.held, name="held"),
]

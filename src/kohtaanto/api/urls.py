"""API routes: `/api/schema/` (OpenAPI 3), `/api/docs/` (Redoc) and `/api/v1/…`."""

from __future__ import annotations

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView
from oauth2_provider.views import TokenView
from rest_framework.routers import SimpleRouter

from kohtaanto.api.views.consents import ConsentView
from kohtaanto.api.views.digcomp import DigCompResultListView
from kohtaanto.api.views.docs import api_docs
from kohtaanto.api.views.foresight import ForesightView
from kohtaanto.api.views.insights import EsfReportView, OutcomeReportView
from kohtaanto.api.views.me import MeView
from kohtaanto.api.views.not_found import not_found
from kohtaanto.api.views.opportunities import CourseViewSet, OpportunityViewSet
from kohtaanto.api.views.participants import ParticipantViewSet
from kohtaanto.api.views.sessions import SessionListView, TaskDoneView, TaskListView
from kohtaanto.api.views.skills import SkillConfirmView, SkillListView, SkillRejectView

router = SimpleRouter(use_regex_path=False)
router.register("participants", ParticipantViewSet, basename="participant")
router.register("opportunities", OpportunityViewSet, basename="opportunity")
router.register("courses", CourseViewSet, basename="course")

v1 = [
    path("me/", MeView.as_view(), name="me"),
    path("foresight/", ForesightView.as_view(), name="foresight"),
    path("reports/outcomes/", OutcomeReportView.as_view(), name="reports-outcomes"),
    path("reports/esf/", EsfReportView.as_view(), name="reports-esf"),
    path(
        "participants/<int:participant_id>/consents/",
        ConsentView.as_view(),
        name="participant-consents",
    ),
    # API2: a participant's record (profile and skills, plan, DigComp).
    path(
        "participants/<int:participant_id>/skills/",
        SkillListView.as_view(),
        name="participant-skills",
    ),
    path(
        "participants/<int:participant_id>/skills/<int:item_id>/confirm/",
        SkillConfirmView.as_view(),
        name="participant-skill-confirm",
    ),
    path(
        "participants/<int:participant_id>/skills/<int:item_id>/reject/",
        SkillRejectView.as_view(),
        name="participant-skill-reject",
    ),
    path(
        "participants/<int:participant_id>/sessions/",
        SessionListView.as_view(),
        name="participant-sessions",
    ),
    path(
        "participants/<int:participant_id>/tasks/", TaskListView.as_view(), name="participant-tasks"
    ),
    path(
        "participants/<int:participant_id>/tasks/<int:task_id>/done/",
        TaskDoneView.as_view(),
        name="participant-task-done",
    ),
    path(
        "participants/<int:participant_id>/digcomp/",
        DigCompResultListView.as_view(),
        name="participant-digcomp",
    ),
    *router.urls,
]

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", api_docs, name="api-docs"),
    path("v1/", include((v1, "api"), namespace="v1")),
    path("oauth/token/", TokenView.as_view(), name="oauth-token"),  # client credentials
    re_path(r"", not_found, name="api-not-found"),
]

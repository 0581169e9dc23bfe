"""API routes: `/api/schema/` (OpenAPI 3), `/api/docs/` (Redoc) and `/api/v1/…`."""

from __future__ import annotations

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView
from oauth2_provider.views import TokenView
from rest_framework.routers import SimpleRouter

from kohtaanto.api.views.achievements import OwnBadgeListView, ParticipantBadgeListView
from kohtaanto.api.views.consents import ConsentView
from kohtaanto.api.views.digcomp import DigCompResultListView
from kohtaanto.api.views.docs import api_docs
from kohtaanto.api.views.foresight import ForesightView
from kohtaanto.api.views.groups import AttendanceView, GroupSessionListView, GroupViewSet
from kohtaanto.api.views.insights import EsfReportView, OutcomeReportView
from kohtaanto.api.views.matches import MatchListView
from kohtaanto.api.views.me import MeView
from kohtaanto.api.views.mentoring import MeetingListView, MentoringViewSet
from kohtaanto.api.views.not_found import not_found
from kohtaanto.api.views.opportunities import CourseViewSet, OpportunityViewSet
from kohtaanto.api.views.participants import ParticipantViewSet
from kohtaanto.api.views.proposals import (
    OpportunityProposalListView,
    ParticipantProposalListView,
    ProposalAcceptView,
    ProposalDeclineView,
    ProposalWithdrawView,
)
from kohtaanto.api.views.qualifications import QualificationViewSet, UnitViewSet
from kohtaanto.api.views.sessions import SessionListView, TaskDoneView, TaskListView
from kohtaanto.api.views.skills import SkillConfirmView, SkillListView, SkillRejectView
from kohtaanto.api.views.trials import CheckInListView, TrialDayListView, TrialViewSet

router = SimpleRouter(use_regex_path=False)
router.register("participants", ParticipantViewSet, basename="participant")
router.register("opportunities", OpportunityViewSet, basename="opportunity")
router.register("courses", CourseViewSet, basename="course")
router.register("trials", TrialViewSet, basename="trial")
router.register("groups", GroupViewSet, basename="group")
router.register("mentorings", MentoringViewSet, basename="mentoring")
router.register("qualifications", QualificationViewSet, basename="qualification")
router.register("qualification-units", UnitViewSet, basename="qualification-unit")

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
    path(
        "participants/<int:participant_id>/matches/",
        MatchListView.as_view(),
        name="participant-matches",
    ),
    path(
        "participants/<int:participant_id>/proposals/",
        ParticipantProposalListView.as_view(),
        name="participant-proposals",
    ),
    path(
        "opportunities/<int:opportunity_id>/proposals/",
        OpportunityProposalListView.as_view(),
        name="opportunity-proposals",
    ),
    path(
        "proposals/<int:proposal_id>/withdraw/",
        ProposalWithdrawView.as_view(),
        name="proposal-withdraw",
    ),
    path(
        "proposals/<int:proposal_id>/accept/",
        ProposalAcceptView.as_view(),
        name="proposal-accept",
    ),
    path(
        "proposals/<int:proposal_id>/decline/",
        ProposalDeclineView.as_view(),
        name="proposal-decline",
    ),
    path("trials/<int:trial_id>/days/", TrialDayListView.as_view(), name="trial-days"),
    path("trials/<int:trial_id>/checkins/", CheckInListView.as_view(), name="trial-checkins"),
    path("groups/<int:group_id>/sessions/", GroupSessionListView.as_view(), name="group-sessions"),
    path(
        "group-sessions/<int:session_id>/attendance/",
        AttendanceView.as_view(),
        name="group-session-attendance",
    ),
    path(
        "mentorings/<int:mentoring_id>/meetings/",
        MeetingListView.as_view(),
        name="mentoring-meetings",
    ),
    path("me/badges/", OwnBadgeListView.as_view(), name="me-badges"),
    path(
        "participants/<int:participant_id>/badges/",
        ParticipantBadgeListView.as_view(),
        name="participant-badges",
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

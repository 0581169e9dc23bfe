"""URLs of the journey pages (namespace "journeys"). Ids only in URLs, never names."""

from django.urls import path

from kohtaanto.web.journeys import (
    caseload,
    digcomp,
    documents,
    intake,
    limits,
    my_path,
    outcome,
    profile,
    sessions,
)

app_name = "journeys"

P = "participants/<int:participant_id>/"

urlpatterns = [
    path("caseload/", caseload.caseload, name="caseload"),
    # Intake in five steps.
    path("participants/new/", intake.intake_new, name="intake_new"),
    path(P + "intake/story/", intake.intake_story, name="intake_story"),
    path(P + "intake/goals/", intake.intake_goals, name="intake_goals"),
    path(P + "intake/service/", intake.intake_service, name="intake_service"),
    path(P + "intake/esf/", intake.intake_esf, name="intake_esf"),
    # Story, recognition review and the skills profile.
    path(P + "story/", profile.story, name="story"),
    path(P + "skills/<int:item_id>/decide/", profile.decide, name="decide"),
    path(P + "skills/search/", profile.skill_search, name="skill_search"),
    path(P + "skills/add/", profile.skill_add, name="skill_add"),
    path(P + "profile/", profile.profile, name="profile"),
    path(P + "changes/<int:change_id>/decide/", profile.change_decide, name="change_decide"),
    # Plan: meetings, goals, tasks.
    path(P + "plan/", sessions.plan, name="plan"),
    path(P + "plan/tasks/<int:task_id>/done/", sessions.task_done, name="task_done"),
    path(P + "plan/steps/<int:step_id>/done/", sessions.step_done, name="step_done"),
    # DigComp.
    path(P + "digcomp/", digcomp.digcomp, name="digcomp"),
    path(P + "digcomp/start/", digcomp.digcomp_start, name="digcomp_start"),
    path(P + "digcomp/<int:attempt_id>/<str:area>/", digcomp.digcomp_area, name="digcomp_area"),
    # Documents.
    path(P + "documents/", documents.documents, name="documents"),
    path(P + "documents/cv/", documents.cv_prepare, name="cv_prepare"),
    path(P + "documents/cv/<int:draft_id>/", documents.cv_edit, name="cv_edit"),
    path(P + "documents/cv/<int:draft_id>/<str:fmt>/", documents.cv_download, name="cv_download"),
    # End of service and follow-up.
    path(P + "end/", outcome.end, name="end"),
    path(P + "limits/", limits.limits, name="limits"),
    # The participant's own pages.
    path("my/path/", my_path.my_path, name="my_path"),
    path(
        "my/skills/<int:participant_id>/<int:item_id>/decide/", my_path.my_decide, name="my_decide"
    ),
    path("my/skills/search/", my_path.my_skill_search, name="my_skill_search"),
    path("my/skills/suggest/", my_path.my_suggest, name="my_suggest"),
    path("my/digcomp/start/", my_path.my_digcomp_start, name="my_digcomp_start"),
    path(
        "my/digcomp/<int:attempt_id>/<str:area>/", my_path.my_digcomp_area, name="my_digcomp_area"
    ),
    path("my/cv/<int:draft_id>/<str:fmt>/", my_path.my_cv_download, name="my_cv_download"),
    path("my/data/", my_path.my_data, name="my_data"),
    path("my/data/<str:fmt>/", my_path.my_data_download, name="my_data_download"),
]

"""Pages of outreach (namespace "outreach"). Ids only in URLs."""

from django.urls import URLPattern, URLResolver, path

from kohtaanto.web.outreach import interventions, visits

app_name = "outreach"

urlpatterns: list[URLPattern | URLResolver] = [
    path("outreach/", visits.index, name="index"),
    path("outreach/groups/<int:group_id>/visits/", visits.group_visits, name="group-visits"),
    path("outreach/groups/<int:group_id>/visits/new/", visits.visit_create, name="visit-create"),
    path("outreach/visits/<int:visit_id>/", visits.visit_detail, name="visit-detail"),
    path(
        "outreach/visits/<int:visit_id>/interview/",
        visits.interview_create,
        name="interview-create",
    ),
    path(
        "outreach/interviews/<int:interview_id>/review/",
        visits.interview_review,
        name="interview-review",
    ),
    path("outreach/employers/<int:employer_id>/", visits.employer_record, name="employer"),
    path("outreach/interventions/", interventions.intervention_list, name="interventions"),
    path(
        "outreach/interventions/new/",
        interventions.intervention_create,
        name="intervention-create",
    ),
    path(
        "outreach/interventions/<int:intervention_id>/",
        interventions.intervention_detail,
        name="intervention-detail",
    ),
    path(
        "outreach/interventions/<int:intervention_id>/edit/",
        interventions.intervention_edit,
        name="intervention-edit",
    ),
]

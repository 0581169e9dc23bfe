"""Pages of insights (issue 16): outcome figures, ESF+ indicators, their downloads, the
monitoring file, the funder report PDF and the projects."""

from django.urls import path

from kohtaanto.web.insights import projects, reports, views

app_name = "insights"

urlpatterns = [
    path("insights/", views.outcomes, name="outcomes"),
    path("insights/esf/", views.esf, name="esf"),
    path("insights/download/<str:report>/<str:fmt>/", views.download, name="download"),
    path("insights/monitoring/", views.monitoring, name="monitoring"),
    path("insights/reports/", reports.report_order, name="reports"),
    path("insights/reports/<int:export_id>/", reports.report, name="report"),
    path(
        "insights/reports/<int:export_id>/download/",
        reports.report_download,
        name="report-download",
    ),
    path("insights/projects/", projects.project_list, name="projects"),
    path("insights/projects/new/", projects.project_new, name="project-new"),
    path("insights/projects/<int:project_id>/", projects.project_detail, name="project"),
    path("insights/projects/<int:project_id>/enrol/", projects.project_enrol, name="project-enrol"),
]

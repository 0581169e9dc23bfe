"""Pages of opportunities and courses. Ids only in URLs."""

from django.urls import URLPattern, URLResolver, path

from kohtaanto.web.opportunities import courses, imports, opportunities, review, skills

app_name = "opportunities"

urlpatterns: list[URLPattern | URLResolver] = [
    path("opportunities/", opportunities.opportunity_list, name="list"),
    path("opportunities/new/", opportunities.opportunity_create, name="create"),
    path("opportunities/import/", imports.import_page, name="import"),
    path("opportunities/import/<str:token>/", imports.import_job, name="import-job"),
    path("opportunities/review/", review.review_list, name="review-list"),
    path("opportunities/<int:pk>/", opportunities.opportunity_detail, name="detail"),
    path("opportunities/<int:pk>/edit/", opportunities.opportunity_edit, name="edit"),
    path("opportunities/<int:pk>/skills/", skills.opportunity_skills, name="skills"),
    path("opportunities/<int:pk>/status/", opportunities.opportunity_status, name="status"),
    path("courses/", courses.course_list, name="courses"),
    path("courses/<int:pk>/", courses.course_detail, name="course-detail"),
]

"""Pages of qualifications (namespace "qualifications"). Ids only in URLs."""

from django.urls import URLPattern, URLResolver, path

from kohtaanto.web.qualifications import views

app_name = "qualifications"

urlpatterns: list[URLPattern | URLResolver] = [
    path("qualifications/", views.qualification_list, name="list"),
    path("qualifications/import/", views.import_page, name="import"),
    path("qualifications/<int:pk>/", views.qualification_detail, name="detail"),
    path("qualifications/units/<int:pk>/", views.unit_detail, name="unit"),
    path("qualifications/units/<int:pk>/suggest/", views.unit_suggest, name="suggest"),
    path(
        "qualifications/requirements/<int:pk>/skills/",
        views.requirement_add_skill,
        name="add-skill",
    ),
    path("qualifications/skills/<int:pk>/decide/", views.skill_decide, name="decide"),
]

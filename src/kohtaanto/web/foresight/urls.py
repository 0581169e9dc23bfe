"""Pages of foresight (issue 16): the region × group view, a group's skills, the CSV, a
rebuild and its progress, the structural-change watch of an intervention."""

from django.urls import URLPattern, path

from kohtaanto.web.foresight import views

app_name = "foresight"

urlpatterns: list[URLPattern] = [
    path("foresight/", views.index, name="index"),
    path("foresight/group/", views.group, name="group"),
    path("foresight/export.csv", views.export, name="export"),
    path("foresight/rebuild/", views.rebuild, name="rebuild"),
    path("foresight/builds/<int:build_id>/", views.build_status, name="build"),
    path("foresight/watch/<int:intervention_id>/", views.watch, name="watch"),
]

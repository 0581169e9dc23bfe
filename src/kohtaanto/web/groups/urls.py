"""Pages of groups (namespace "groups"). Ids only in URLs."""

from django.urls import URLPattern, URLResolver, path

from kohtaanto.web.groups import groups, sessions

app_name = "groups"

urlpatterns: list[URLPattern | URLResolver] = [
    path("groups/", groups.group_list, name="list"),
    path("groups/new/", groups.group_create, name="create"),
    path("groups/<int:pk>/", groups.group_detail, name="detail"),
    path("groups/<int:pk>/edit/", groups.group_edit, name="edit"),
    path("groups/<int:pk>/join/", groups.group_join, name="join"),
    path("groups/<int:pk>/members/", groups.group_members, name="members"),
    path("groups/<int:pk>/materials/", groups.group_materials, name="materials"),
    path("groups/<int:pk>/tasks/", groups.group_tasks, name="tasks"),
    path("groups/<int:pk>/sessions/new/", sessions.schedule, name="schedule"),
    path("groups/sessions/<int:pk>/", sessions.session_page, name="session"),
    path("groups/sessions/<int:pk>/attendance/", sessions.attendance, name="attendance"),
    path("groups/sessions/<int:pk>/cancel/", sessions.cancel, name="cancel"),
]

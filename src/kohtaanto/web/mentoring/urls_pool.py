"""Mentoring pages: the pool part (included by `urls.py`, namespace "mentoring"): the volunteer
pool, a volunteer's page, the volunteer's own profile, mentoring relationships and "my mentor".
Ids only in URLs."""

from django.urls import URLPattern, URLResolver, path

from kohtaanto.web.mentoring import pool, relationships

urlpatterns: list[URLPattern | URLResolver] = [
    path("volunteers/", pool.pool_list, name="pool"),
    path("volunteers/add/", pool.pool_add, name="pool-add"),
    path("volunteers/courses/", pool.course_add, name="course-add"),
    path("volunteers/<int:pk>/", pool.volunteer_detail, name="volunteer"),
    path("volunteers/<int:pk>/training/", pool.volunteer_training, name="volunteer-training"),
    path("volunteers/<int:pk>/check/", pool.volunteer_check, name="volunteer-check"),
    path("my/volunteer/", pool.my_profile, name="my-profile"),
    path("my/mentor/", relationships.my_mentor, name="my-mentor"),
    path("mentorings/", relationships.mentoring_list, name="mentorings"),
    path("mentorings/<int:pk>/", relationships.mentoring_detail, name="mentoring"),
    path("mentorings/<int:pk>/accept/", relationships.mentoring_accept, name="mentoring-accept"),
    path("mentorings/<int:pk>/decline/", relationships.mentoring_decline, name="mentoring-decline"),
    path("mentorings/<int:pk>/confirm/", relationships.mentoring_confirm, name="mentoring-confirm"),
    path("mentorings/<int:pk>/plan/", relationships.mentoring_plan, name="mentoring-plan"),
    path("mentorings/<int:pk>/share/", relationships.mentoring_share, name="mentoring-share"),
    path(
        "mentorings/<int:pk>/meetings/", relationships.mentoring_meeting, name="mentoring-meeting"
    ),
    path("mentorings/<int:pk>/close/", relationships.mentoring_close, name="mentoring-close"),
    path(
        "mentorings/<int:pk>/feedback/",
        relationships.mentoring_feedback,
        name="mentoring-feedback",
    ),
    path("mentorings/meetings/<int:pk>/", relationships.meeting_edit, name="meeting-edit"),
]

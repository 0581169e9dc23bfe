"""Pages of matches (namespace "matches"). Ids only in URLs."""

from django.urls import URLPattern, URLResolver, path

from kohtaanto.web.matches import interests, views

app_name = "matches"

urlpatterns: list[URLPattern | URLResolver] = [
    path(
        "matches/participants/<int:participant_id>/",
        views.participant_suggestions,
        name="participant_suggestions",
    ),
    path(
        "matches/participants/<int:participant_id>/propose/<int:opportunity_id>/",
        views.propose,
        name="propose",
    ),
    path("matches/my/", views.my_suggestions, name="my_suggestions"),
    path(
        "matches/my/opportunities/<int:opportunity_id>/",
        interests.my_opportunity,
        name="my_opportunity",
    ),
    path("matches/my/courses/<int:course_id>/", interests.my_course, name="my_course"),
    path(
        "matches/my/<str:target>/<int:target_id>/answer/",
        interests.my_answer,
        name="my_answer",
    ),
    path(
        "matches/interests/<int:interest_id>/propose/",
        views.propose_interest,
        name="propose_interest",
    ),
    path(
        "matches/proposals/<int:proposal_id>/answer-seen/",
        views.answer_seen,
        name="answer_seen",
    ),
    path("matches/proposals/<int:proposal_id>/withdraw/", views.withdraw, name="withdraw"),
    path("matches/proposals/<int:proposal_id>/respond/", views.respond, name="respond"),
    path(
        "matches/opportunities/<int:opportunity_id>/candidates/",
        views.candidates,
        name="candidates",
    ),
    path("matches/fairness/", views.fairness, name="fairness"),
]

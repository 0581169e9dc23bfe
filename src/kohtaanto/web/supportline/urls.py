"""Pages of supportline (namespace "supportline"). Ids only in URLs."""

from django.urls import URLPattern, URLResolver, path

from kohtaanto.web.supportline import contacts, shifts, statistics

app_name = "supportline"

L = "supportline/<int:line_id>/"
S = "supportline/shifts/<int:shift_id>/"

urlpatterns: list[URLPattern | URLResolver] = [
    path("supportline/", shifts.index, name="index"),
    path(L, shifts.calendar, name="calendar"),
    path(L + "shifts/new/", shifts.create_shifts, name="create_shifts"),
    path(S + "sign-up/", shifts.sign_up, name="sign_up"),
    path(S + "cancel/", shifts.cancel, name="cancel"),
    path(S + "offer-swap/", shifts.offer_swap, name="offer_swap"),
    path(S + "take-swap/", shifts.take_swap, name="take_swap"),
    path(L + "log/", contacts.log_contact, name="log_contact"),
    path(L + "callbacks/", contacts.callbacks, name="callbacks"),
    path(
        "supportline/callbacks/<int:callback_id>/done/",
        contacts.callback_done,
        name="callback_done",
    ),
    path(L + "statistics/", statistics.statistics, name="statistics"),
]

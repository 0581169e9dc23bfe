"""The case file's account and consent actions, and the intake's consent step (no namespace).
Ids only in URLs."""

from django.urls import path

from kohtaanto.web.journeys import intake
from kohtaanto.web.people import participant_reminders, participants, reminders

P = "participants/<int:participant_id>/"

urlpatterns = [
    path(P + "invite/", participants.participant_invite, name="participant_invite"),
    path(P + "consents/", participants.participant_consents, name="participant_consents"),
    path(
        P + "reminders/", participant_reminders.participant_reminders, name="participant_reminders"
    ),
    path(P + "intake/consent/", intake.intake_consent, name="intake_consent"),
    path("my/reminders/", reminders.my_reminders, name="my_reminders"),
]

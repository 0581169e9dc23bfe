"""The reminder choice of a participant without an account, set by their coach or coordinator
on the record's "Basic information" page: saved through `set_opt_out`, audited as a change,
404 for anyone who may not see the record, and never changing the choice of a person who has
an account (they decide on /my/reminders/)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext
from tests.factories import Personas
from tests.test_access_matrix import statuses

from kohtaanto.core.models import AuditEvent
from kohtaanto.people.models import ReminderOptOut

pytestmark = pytest.mark.django_db


def _client(user: object) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="fi")
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_the_coach_turns_text_messages_off_for_a_participant_without_an_account(
    personas: Personas,
) -> None:
    participant = personas.caseload_participant
    assert participant.user_id is None
    coach = _client(personas.coach)
    page = coach.get(f"/participants/{participant.pk}/").content.decode()
    assert f'action="/participants/{participant.pk}/reminders/"' in page
    assert 'id="reminders_email" checked' in page and 'id="reminders_sms" checked' in page

    changes = AuditEvent.objects.filter(
        action="change", object_type="people.participant", participant_id=participant.pk
    )
    response = coach.post(f"/participants/{participant.pk}/reminders/", {"email": "on"})

    assert response.status_code == 302
    assert response["Location"] == f"/participants/{participant.pk}/#reminders-panel"
    choice = ReminderOptOut.objects.get(participant=participant)
    assert (choice.no_email, choice.no_sms) == (False, True)
    assert changes.filter(actor=personas.coach).count() == 1
    page = coach.get(f"/participants/{participant.pk}/").content.decode()
    assert 'id="reminders_email" checked' in page
    assert 'id="reminders_sms">' in page  # now unticked

    coordinator = _client(personas.coordinator)
    coordinator.post(f"/participants/{participant.pk}/reminders/", {"email": "on", "sms": "on"})
    choice.refresh_from_db()
    assert (choice.no_email, choice.no_sms) == (False, False)


def test_a_person_with_an_account_decides_themself(personas: Personas) -> None:
    participant = personas.participant
    assert participant.user_id is not None
    coach = _client(personas.coach)
    page = coach.get(f"/participants/{participant.pk}/").content.decode()
    with translation.override("fi"):
        told = gettext(
            "The person has a user account and chooses their reminders themself "
            "on the page My reminders."
        )
    assert told in page
    assert "reminders_email" not in page

    response = coach.post(f"/participants/{participant.pk}/reminders/", {}, follow=True)

    assert told in response.content.decode()
    assert not ReminderOptOut.objects.exists()  # the account's choice is untouched


def test_who_may_set_the_choice(personas: Personas) -> None:
    own = f"/participants/{personas.caseload_participant.pk}/reminders/"
    # anon coach part ment empl wpm  coor anal outs othp
    assert statuses(personas, "POST", own, {"email": "on"}) == [
        302, 302, 404, 404, 404, 404, 302, 404, 404, 404,
    ]  # fmt: skip
    other = f"/participants/{personas.other_participant.pk}/reminders/"
    assert statuses(personas, "POST", other, {}) == [
        302, 404, 404, 404, 404, 404, 404, 404, 302, 404,
    ]  # fmt: skip
    assert statuses(personas, "GET", own) == [302] + [405] * 9

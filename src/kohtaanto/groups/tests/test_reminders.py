"""Session reminders: members and leaders of a session within 24 h, once each; not for
cancelled sessions or sessions further away."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from tests.factories import Personas

from kohtaanto.groups import services
from kohtaanto.groups.models import Group, GroupSession
from kohtaanto.groups.reminders import session_reminders
from kohtaanto.people.enums import ParticipantStatus
from kohtaanto.people.models import Participant
from kohtaanto.people.reminders import send_due, sources

pytestmark = pytest.mark.django_db


def test_the_source_is_registered() -> None:
    assert session_reminders in sources()


def test_members_and_leaders_of_a_session_within_a_day_are_reminded(
    personas: Personas, group: Group, session: GroupSession
) -> None:
    now = session.starts - dt.timedelta(hours=20)
    due = list(session_reminders(now))
    keys = {r.key for r in due}
    assert keys == {
        f"group-session:{session.pk}:participant:{personas.participant.pk}",
        f"group-session:{session.pk}:user:{personas.mentor.pk}",
    }
    member = next(r for r in due if r.participant is not None)
    assert group.name in member.text and personas.participant.last_name not in member.text
    assert list(session_reminders(session.starts - dt.timedelta(hours=30))) == []


def test_a_paused_or_ended_participant_is_not_reminded(
    personas: Personas, group: Group, session: GroupSession
) -> None:
    now = session.starts - dt.timedelta(hours=20)
    participant_key = f"group-session:{session.pk}:participant:{personas.participant.pk}"
    for status in (ParticipantStatus.PAUSED, ParticipantStatus.ENDED):
        Participant.objects.filter(pk=personas.participant.pk).update(status=status)
        keys = {r.key for r in session_reminders(now)}
        assert participant_key not in keys
        assert f"group-session:{session.pk}:user:{personas.mentor.pk}" in keys
    Participant.objects.filter(pk=personas.participant.pk).update(status=ParticipantStatus.ACTIVE)
    assert participant_key in {r.key for r in session_reminders(now)}


def test_a_cancelled_session_reminds_nobody_and_each_reminder_goes_once(
    personas: Personas, session: GroupSession
) -> None:
    now = session.starts - dt.timedelta(hours=2)
    mail.outbox.clear()
    first = send_due(now)
    assert first["email"] >= 2
    again = send_due(now)
    assert again["sent"] == 0
    services.cancel_session(session, reason="Sali on varattu", by=personas.mentor)
    assert list(session_reminders(now)) == []

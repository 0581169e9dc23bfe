"""Reminders: each key sent once, opt-out per channel and per person (account or record), the
person's language, a failing channel retried, the task and the CLI, and the page
`/my/reminders/` (who may open it)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import pytest
from click.testing import CliRunner
from django.core import mail
from django.test import Client
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext
from tests.factories import ParticipantFactory, Personas, UserFactory
from tests.test_access_matrix import statuses

from kohtaanto.core import sms
from kohtaanto.people import reminders
from kohtaanto.people.models import Participant, ReminderOptOut, SentReminder
from kohtaanto.people.reminders import Reminder

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)


class BrokenBackend(sms.BaseSmsBackend):
    def send_messages(self, messages: Sequence[sms.SmsMessage]) -> int:
        raise ConnectionError("the provider is down")


@pytest.fixture(autouse=True)
def sms_outbox(settings: Any) -> Iterator[list[sms.SmsMessage]]:
    settings.KOHTAANTO_SMS_BACKEND = "kohtaanto.core.sms.LocmemBackend"
    sms.outbox.clear()
    yield sms.outbox
    sms.outbox.clear()


@pytest.fixture
def source_items() -> Iterator[list[Reminder]]:
    """A registered source that returns whatever the test puts in the list."""
    items: list[Reminder] = []

    def source(now: dt.datetime) -> Iterable[Reminder]:
        return list(items)

    reminders.register_source(source)
    yield items
    reminders._SOURCES.remove(source)


def _participant(personas: Personas, **fields: Any) -> Participant:
    defaults: dict[str, Any] = {"email": "maija@example.fi", "phone": "040 111 2222"}
    return ParticipantFactory(organisation=personas.organisation, **{**defaults, **fields})


def _reminder(key: str, participant: Participant | None = None, **fields: Any) -> Reminder:
    defaults: dict[str, Any] = {
        "user": None,
        "participant": participant,
        "subject": "Muistutus",
        "text": "Ryhmä alkaa huomenna klo 17.",
        "language": "fi",
    }
    return Reminder(key=key, **{**defaults, **fields})


def test_a_reminder_is_sent_once_by_email_and_sms(
    personas: Personas, source_items: list[Reminder], sms_outbox: list[sms.SmsMessage]
) -> None:
    participant = _participant(personas)
    source_items.append(_reminder("session:1:participant:1", participant))

    first = reminders.send_due(NOW)
    second = reminders.send_due(NOW + dt.timedelta(minutes=15))

    assert first["sent"] == 1 and first["email"] == 1 and first["sms"] == 1
    assert second["sent"] == 0 and second["already_sent"] == 1
    assert [m.to for m in mail.outbox] == [["maija@example.fi"]]
    assert [m.to for m in sms_outbox] == ["040 111 2222"]
    assert SentReminder.objects.get().channels == "email,sms"


def test_the_same_key_from_two_sources_is_one_reminder(
    personas: Personas, source_items: list[Reminder]
) -> None:
    participant = _participant(personas, phone="")
    source_items += [_reminder("k:1", participant), _reminder("k:1", participant)]
    assert reminders.send_due(NOW)["due"] == 1
    assert len(mail.outbox) == 1


def test_participant_without_account_opts_out_of_sms_through_the_record(
    personas: Personas, source_items: list[Reminder], sms_outbox: list[sms.SmsMessage]
) -> None:
    participant = _participant(personas)
    reminders.set_opt_out(participant=participant, email=True, sms=False)
    source_items.append(_reminder("k:2", participant))

    counts = reminders.send_due(NOW)

    assert counts["email"] == 1 and counts["sms"] == 0 and counts["opted_out"] == 1
    assert len(mail.outbox) == 1 and sms_outbox == []
    assert ReminderOptOut.objects.get().participant == participant


def test_a_participant_with_an_account_chooses_through_the_account(
    personas: Personas, source_items: list[Reminder], sms_outbox: list[sms.SmsMessage]
) -> None:
    participant = personas.participant  # has the user account personas.participant_user
    participant.phone = "040 333 4444"
    participant.save()
    reminders.set_opt_out(participant=participant, email=False, sms=True)
    choice = ReminderOptOut.objects.get()
    assert choice.user == personas.participant_user and choice.participant is None
    source_items.append(_reminder("k:3", participant))

    counts = reminders.send_due(NOW)

    assert counts["email"] == 0 and counts["sms"] == 1
    assert mail.outbox == [] and [m.to for m in sms_outbox] == ["040 333 4444"]


def test_opted_out_of_both_sends_nothing_and_is_not_tried_again(
    personas: Personas, source_items: list[Reminder], sms_outbox: list[sms.SmsMessage]
) -> None:
    user = UserFactory(email="vapaaehtoinen@example.fi")
    reminders.set_opt_out(user=user, email=False, sms=False)
    source_items.append(_reminder("k:4", user=user, phone="050 555 6666"))
    counts = reminders.send_due(NOW)
    assert counts["nothing_to_send"] == 1 and counts["opted_out"] == 2
    assert mail.outbox == [] and sms_outbox == []
    # Turning reminders back on does not resend an old reminder.
    reminders.set_opt_out(user=user, email=True, sms=True)
    assert reminders.send_due(NOW)["already_sent"] == 1
    assert mail.outbox == []


def test_volunteer_user_gets_sms_at_the_phone_the_source_gives(
    source_items: list[Reminder], sms_outbox: list[sms.SmsMessage]
) -> None:
    user = UserFactory(email="")
    source_items.append(_reminder("k:5", user=user, phone="050 555 6666"))
    counts = reminders.send_due(NOW)
    assert counts["sms"] == 1 and counts["email"] == 0
    assert [m.to for m in sms_outbox] == ["050 555 6666"]


def test_the_text_is_read_in_the_persons_language(
    personas: Personas, source_items: list[Reminder]
) -> None:
    participant = _participant(personas, phone="", preferred_language="sv")
    assert reminders.language_of(participant=participant) == "sv"
    lazy_text = lazy(gettext, str)("Save")
    source_items.append(
        _reminder("k:6", participant, subject=lazy_text, text=lazy_text, language="sv")
    )
    reminders.send_due(NOW)
    assert mail.outbox[0].subject == "Spara"


def test_a_failing_channel_is_tried_again_on_the_next_run(
    personas: Personas, source_items: list[Reminder], settings: Any
) -> None:
    settings.KOHTAANTO_SMS_BACKEND = f"{__name__}.BrokenBackend"
    participant = _participant(personas, email="")
    source_items.append(_reminder("k:7", participant))

    assert reminders.send_due(NOW)["failed"] == 1
    assert not SentReminder.objects.exists()

    settings.KOHTAANTO_SMS_BACKEND = "kohtaanto.core.sms.LocmemBackend"
    assert reminders.send_due(NOW)["sms"] == 1
    assert SentReminder.objects.get().channels == "sms"


def test_a_failing_source_does_not_stop_the_others(
    personas: Personas, source_items: list[Reminder], caplog: pytest.LogCaptureFixture
) -> None:
    def broken(now: dt.datetime) -> Iterable[Reminder]:
        raise RuntimeError("maija@example.fi")

    reminders.register_source(broken)
    try:
        source_items.append(_reminder("k:8", _participant(personas, phone="")))
        with caplog.at_level(logging.INFO, logger="kohtaanto.people.reminders"):
            assert reminders.send_due(NOW)["email"] == 1
    finally:
        reminders._SOURCES.remove(broken)
    assert "RuntimeError" in caplog.text
    assert "maija" not in caplog.text and "040" not in caplog.text  # no personal data


def test_the_task_and_the_cli_send(
    personas: Personas, source_items: list[Reminder], settings: Any
) -> None:
    from kohtaanto.cli.reminders import reminders as command
    from kohtaanto.people.tasks import send_due_reminders

    source_items.append(_reminder("k:9", _participant(personas, phone="")))
    runner = CliRunner()
    result = runner.invoke(command, ["send", "--now"])
    assert result.exit_code == 0, result.output
    assert '"email": 1' in result.output
    assert len(mail.outbox) == 1

    source_items.append(_reminder("k:10", _participant(personas, phone="")))
    queued = send_due_reminders.enqueue()  # queued: nothing sent before a worker runs it
    assert len(mail.outbox) == 1 and queued.status == "READY"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    done = send_due_reminders.enqueue()
    assert done.return_value is not None and done.return_value["sent"] == 1
    assert len(mail.outbox) == 2


# --- the page /my/reminders/ ---------------------------------------------------------------


def test_my_reminders_page_access(personas: Personas) -> None:
    # anon coach part ment empl wpm  coor anal outs
    assert statuses(personas, "GET", "/my/reminders/") == [302] + [200] * 9
    assert statuses(personas, "POST", "/my/reminders/", {"email": "on"}) == [302] + [302] * 9


def test_my_reminders_page_saves_the_choice(personas: Personas) -> None:
    client = Client()
    client.force_login(personas.mentor)
    page = client.get("/my/reminders/", HTTP_ACCEPT_LANGUAGE="fi")
    assert b'name="email"' in page.content and b"checked" in page.content

    response = client.post("/my/reminders/", {"email": "on"})

    assert response.status_code == 302
    choice = ReminderOptOut.objects.get(user=personas.mentor)
    assert (choice.no_email, choice.no_sms) == (False, True)
    page = client.get("/my/reminders/")
    assert page.context["form"].initial == {"email": True, "sms": False}


def test_a_person_changes_only_their_own_choice(personas: Personas) -> None:
    reminders.set_opt_out(user=personas.coach, email=False, sms=False)
    client = Client()
    client.force_login(personas.mentor)
    client.post("/my/reminders/", {"email": "on", "sms": "on"})
    coach_choice = ReminderOptOut.objects.get(user=personas.coach)
    assert (coach_choice.no_email, coach_choice.no_sms) == (True, True)
    assert timezone.now() >= coach_choice.updated


def test_the_choice_is_in_the_persons_data_export(personas: Personas) -> None:
    from kohtaanto.people import exports

    reminders.set_opt_out(user=personas.participant_user, email=False, sms=True)
    without_account = _participant(personas)
    reminders.set_opt_out(participant=without_account, email=True, sms=False)

    own = exports.collect(personas.participant)
    other = exports.collect(without_account)

    assert own["account_reminders"]["no_email"] is True and own["reminders"] is None
    assert other["reminders"]["no_sms"] is True and other["account_reminders"] is None

"""Invitations: hashed single-use links that expire, re-sending revokes, SMS failure changes
nothing, accepting creates (or links) the account with the participant membership."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any

import pytest
import time_machine
from django.core import mail
from tests.factories import Personas, UserFactory

from kohtaanto.core import sms
from kohtaanto.core.enums import AuditAction, Role
from kohtaanto.core.errors import ValidationFailed
from kohtaanto.core.models import AuditEvent, Membership, User
from kohtaanto.people import invitations
from kohtaanto.people.enums import InvitationChannel
from kohtaanto.people.invitations import AccountState, InvitationNotSent, Problem
from kohtaanto.people.models import Invitation, Participant

pytestmark = pytest.mark.django_db

LOCMEM = "kohtaanto.core.sms.LocmemBackend"
PASSWORD = "Kissa-istuu-puussa-42"


def link_for(token: str) -> str:
    return f"https://kohtaanto.test/invitation/{token}/"


class BrokenBackend(sms.BaseSmsBackend):
    def send_messages(self, messages: Sequence[sms.SmsMessage]) -> int:
        raise ConnectionError("the provider is down")


@pytest.fixture(autouse=True)
def sms_outbox(settings: Any) -> Iterator[list[sms.SmsMessage]]:
    settings.KOHTAANTO_SMS_BACKEND = LOCMEM
    sms.outbox.clear()
    yield sms.outbox
    sms.outbox.clear()


@pytest.fixture
def invitee(personas: Personas) -> Participant:
    participant = personas.caseload_participant
    participant.phone = "040 123 4567"
    participant.save()
    return participant


def token_of(issued: invitations.IssuedInvitation) -> str:
    return issued.link.rstrip("/").rsplit("/", 1)[1]


def test_email_invitation_stores_only_a_hash_and_mails_the_link(
    personas: Personas, invitee: Participant
) -> None:
    issued = invitations.invite(invitee, "email", by=personas.coach, link_for=link_for)
    token = token_of(issued)
    stored = Invitation.objects.get(pk=issued.invitation.pk)
    assert token not in stored.token_hash and len(stored.token_hash) == 64
    assert stored.code_hash == ""
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [invitee.email]
    assert issued.link in mail.outbox[0].body
    assert invitations.find_by_token(token) == stored
    assert invitations.problem_of(stored) is None
    status = invitations.account_status(invitee)
    assert status.state == AccountState.INVITED and status.invitation == stored
    event = AuditEvent.objects.get(object_type="people.invitation", action=AuditAction.CREATE)
    assert event.participant_id == invitee.pk
    assert token not in event.object_id


def test_sms_invitation_goes_to_the_backend(
    personas: Personas, invitee: Participant, sms_outbox: list[sms.SmsMessage]
) -> None:
    issued = invitations.invite(invitee, "sms", by=personas.coach, link_for=link_for)
    assert [message.to for message in sms_outbox] == ["040 123 4567"]
    assert issued.link in sms_outbox[0].body
    assert not mail.outbox


def test_sms_failure_records_nothing_and_keeps_the_earlier_link(
    personas: Personas, invitee: Participant, settings: Any
) -> None:
    first = invitations.invite(invitee, "email", by=personas.coach, link_for=link_for)
    events = AuditEvent.objects.count()
    settings.KOHTAANTO_SMS_BACKEND = f"{__name__}.BrokenBackend"
    with pytest.raises(InvitationNotSent):
        invitations.invite(invitee, "sms", by=personas.coach, link_for=link_for)
    assert list(Invitation.objects.filter(participant=invitee)) == [first.invitation]
    assert invitations.problem_of(invitations.find_by_token(token_of(first))) is None
    assert AuditEvent.objects.count() == events


def test_resending_revokes_the_old_link(personas: Personas, invitee: Participant) -> None:
    old = invitations.invite(invitee, "email", by=personas.coach, link_for=link_for)
    new = invitations.invite(invitee, "email", by=personas.coach, link_for=link_for)
    assert invitations.problem_of(invitations.find_by_token(token_of(old))) == Problem.REPLACED
    assert invitations.problem_of(invitations.find_by_token(token_of(new))) is None


def test_link_expires(personas: Personas, invitee: Participant, settings: Any) -> None:
    settings.KOHTAANTO_INVITATION_DAYS = 3
    issued = invitations.invite(invitee, "email", by=personas.coach, link_for=link_for)
    assert issued.invitation.expires - issued.invitation.created == dt.timedelta(days=3)
    with time_machine.travel(issued.invitation.expires + dt.timedelta(seconds=1)):
        found = invitations.find_by_token(token_of(issued))
        assert invitations.problem_of(found) == Problem.EXPIRED
        assert invitations.account_status(invitee).state == AccountState.EXPIRED
        with pytest.raises(ValidationFailed):
            invitations.accept_with_password(found, password=PASSWORD)
    assert not User.objects.filter(participant_record=invitee).exists()


def test_tampered_token_finds_nothing(personas: Personas, invitee: Participant) -> None:
    issued = invitations.invite(invitee, "email", by=personas.coach, link_for=link_for)
    token = token_of(issued)
    assert invitations.find_by_token(token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    assert invitations.problem_of(None) == Problem.UNKNOWN


def test_accepting_creates_the_account_once(personas: Personas, invitee: Participant) -> None:
    invitee.email = "uusi.henkilo@example.fi"
    invitee.save()
    issued = invitations.invite(invitee, "email", by=personas.coach, link_for=link_for)
    user = invitations.accept_with_password(issued.invitation, password=PASSWORD)
    invitee.refresh_from_db()
    assert invitee.user == user
    assert user.username == "uusi.henkilo@example.fi"
    assert user.check_password(PASSWORD)
    assert Membership.objects.filter(
        user=user, organisation=invitee.organisation, role=Role.PARTICIPANT
    ).exists()
    used = invitations.find_by_token(token_of(issued))
    assert invitations.problem_of(used) == Problem.USED
    with pytest.raises(ValidationFailed):
        invitations.accept_with_password(used, password=PASSWORD)
    assert invitations.account_status(invitee).state == AccountState.HAS_ACCOUNT
    assert User.objects.filter(email__iexact=invitee.email).count() == 1


def test_weak_password_is_refused_and_nothing_is_created(
    personas: Personas, invitee: Participant
) -> None:
    issued = invitations.invite(invitee, "email", by=personas.coach, link_for=link_for)
    users = User.objects.count()
    with pytest.raises(ValidationFailed) as error:
        invitations.accept_with_password(issued.invitation, password="12345")
    assert error.value.errors["password"]
    assert User.objects.count() == users
    assert invitations.problem_of(invitations.find_by_token(token_of(issued))) is None


def test_existing_account_is_linked_not_duplicated(
    personas: Personas, invitee: Participant
) -> None:
    existing = UserFactory(email=invitee.email.upper())
    issued = invitations.invite(invitee, "email", by=personas.coach, link_for=link_for)
    assert invitations.existing_account(issued.invitation) == existing
    with pytest.raises(ValidationFailed):
        invitations.accept_with_password(issued.invitation, password=PASSWORD)
    stranger = UserFactory()
    with pytest.raises(ValidationFailed):
        invitations.accept_with_existing_user(issued.invitation, stranger)
    invitations.accept_with_existing_user(issued.invitation, existing)
    invitee.refresh_from_db()
    assert invitee.user == existing
    assert User.objects.filter(email__iexact=invitee.email).count() == 1
    assert Role.PARTICIPANT in set(existing.memberships.values_list("role", flat=True))


def test_letter_has_a_one_time_code(personas: Personas, invitee: Participant) -> None:
    issued = invitations.invite(invitee, "letter", by=personas.coach, link_for=link_for)
    assert len(issued.code) == invitations.CODE_LENGTH
    assert not mail.outbox
    typed = issued.code_display.lower().replace("-", " ")
    assert invitations.find_by_code(typed) == issued.invitation
    assert invitations.find_by_code("AAAA-AAAA") is None


def test_cannot_invite_without_an_address_or_twice(
    personas: Personas, invitee: Participant
) -> None:
    invitee.email = ""
    invitee.phone = ""
    invitee.save()
    for channel in (InvitationChannel.EMAIL, InvitationChannel.SMS):
        with pytest.raises(ValidationFailed):
            invitations.invite(invitee, channel, by=personas.coach, link_for=link_for)
    with pytest.raises(ValidationFailed):
        invitations.invite(personas.participant, "letter", by=personas.coach, link_for=link_for)
    assert not Invitation.objects.exists()


def test_asking_for_a_new_link_resends_quietly(
    personas: Personas, invitee: Participant, sms_outbox: list[sms.SmsMessage]
) -> None:
    old = invitations.invite(invitee, "sms", by=personas.coach, link_for=link_for)
    # Right after sending, a request makes nothing new (no flood).
    invitations.request_new_link(old.invitation, link_for=link_for)
    assert len(sms_outbox) == 1
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(days=20)):
        invitations.request_new_link(old.invitation, link_for=link_for)
        assert len(sms_outbox) == 2
        assert invitations.account_status(invitee).state == AccountState.INVITED
    # Unknown contacts: nothing happens, nothing raised.
    invitations.request_new_link_by_contact("nobody@example.fi", link_for=link_for)
    invitations.request_new_link_by_contact("", link_for=link_for)
    assert len(sms_outbox) == 2


def test_new_link_by_phone_number(
    personas: Personas, invitee: Participant, sms_outbox: list[sms.SmsMessage]
) -> None:
    invitations.invite(invitee, "sms", by=personas.coach, link_for=link_for)
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)):
        invitations.request_new_link_by_contact("+358 40 1234567", link_for=link_for)
    assert len(sms_outbox) == 2


def test_no_token_in_logs(
    personas: Personas, invitee: Participant, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("DEBUG")
    issued = invitations.invite(invitee, "letter", by=personas.coach, link_for=link_for)
    invitations.accept_with_password(issued.invitation, password=PASSWORD)
    text = caplog.text
    assert token_of(issued) not in text
    assert issued.code not in text
    assert invitee.email not in text and invitee.last_name not in text

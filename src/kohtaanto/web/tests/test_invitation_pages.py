"""Invitation and first-login pages, the coach's account panel and consent recording, the
intake's consent step."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.utils import translation
from tests.factories import Personas, UserFactory

from kohtaanto.core import sms
from kohtaanto.core.enums import Role
from kohtaanto.core.models import User
from kohtaanto.people import invitations
from kohtaanto.people.consent import current_consents, has_consent
from kohtaanto.people.enums import ConsentChannel, ConsentPurpose
from kohtaanto.people.models import Invitation, Participant

pytestmark = pytest.mark.django_db

PASSWORD = "Kissa-istuu-puussa-42"
LINK = re.compile(r"https?://[^\s]+/invitation/[A-Za-z0-9_-]+/")


def fi(msgid: str) -> str:
    with translation.override("fi"):
        return translation.gettext(msgid)


def text(response: Any) -> str:
    return response.content.decode()


class BrokenBackend(sms.BaseSmsBackend):
    def send_messages(self, messages: Sequence[sms.SmsMessage]) -> int:
        raise OSError("provider down")


@pytest.fixture(autouse=True)
def sms_outbox(settings: Any) -> Iterator[list[sms.SmsMessage]]:
    settings.KOHTAANTO_SMS_BACKEND = "kohtaanto.core.sms.LocmemBackend"
    sms.outbox.clear()
    yield sms.outbox
    sms.outbox.clear()


@pytest.fixture
def invitee(personas: Personas) -> Participant:
    participant = personas.caseload_participant
    participant.phone = "040 765 4321"
    participant.save()
    return participant


def link_in_mail() -> str:
    found = LINK.search(mail.outbox[-1].body)
    assert found, mail.outbox[-1].body
    return found.group(0)


def path_of(link: str) -> str:
    return "/" + link.split("/", 3)[3]


def invite_by_email(coach_client: Client, participant: Participant) -> str:
    response = coach_client.post(f"/participants/{participant.pk}/invite/", {"channel": "email"})
    assert response.status_code == 302
    return path_of(link_in_mail())


# --- the coach's panel ------------------------------------------------------------------------


def test_basic_information_has_the_case_file_tabs_and_account_state(
    personas: Personas, coach_client: Client, invitee: Participant
) -> None:
    content = text(coach_client.get(f"/participants/{invitee.pk}/"))
    assert 'class="case-tabs"' in content
    assert f'href="/participants/{invitee.pk}/story/"' in content
    assert f'href="/participants/{invitee.pk}/" aria-current="page"' in content
    assert fi("No account yet. Invite the person so that they can see their own pages.") in content
    assert fi("Invite by e-mail") in content
    invite_by_email(coach_client, invitee)
    content = text(coach_client.get(f"/participants/{invitee.pk}/"))
    assert fi("The invitation was sent by e-mail.") in content
    assert fi("Re-send by e-mail") in content


def test_participant_with_account_cannot_be_invited(
    personas: Personas, coach_client: Client
) -> None:
    participant = personas.participant
    content = text(coach_client.get(f"/participants/{participant.pk}/"))
    assert 'name="channel"' not in content
    coach_client.post(f"/participants/{participant.pk}/invite/", {"channel": "letter"})
    assert not Invitation.objects.exists()


def test_sms_failure_is_shown_and_changes_nothing(
    personas: Personas, coach_client: Client, invitee: Participant, settings: Any
) -> None:
    settings.KOHTAANTO_SMS_BACKEND = f"{__name__}.BrokenBackend"
    response = coach_client.post(
        f"/participants/{invitee.pk}/invite/", {"channel": "sms"}, follow=True
    )
    assert fi(
        "The message was not sent. Nothing was changed. Try again later or print a letter."
    ) in text(response)
    assert not Invitation.objects.exists()
    assert invitations.account_status(invitee).state == invitations.AccountState.NONE


def test_sms_invitation(
    personas: Personas,
    coach_client: Client,
    invitee: Participant,
    sms_outbox: list[sms.SmsMessage],
) -> None:
    response = coach_client.post(
        f"/participants/{invitee.pk}/invite/", {"channel": "sms"}, follow=True
    )
    assert fi("The invitation was sent as a text message.") in text(response)
    assert len(sms_outbox) == 1 and "/invitation/" in sms_outbox[0].body


def test_printed_letter_has_a_qr_code_and_a_code_that_works(
    personas: Personas, coach_client: Client, invitee: Participant, client: Client
) -> None:
    response = coach_client.post(f"/participants/{invitee.pk}/invite/", {"channel": "letter"})
    content = text(response)
    assert response.status_code == 200
    assert "<svg" in content and "no-store" in response["Cache-Control"]
    code = re.search(r'class="letter__code">([A-Z0-9-]+)<', content).group(1)
    assert not mail.outbox
    response = client.post("/invitation/code/", {"code": code.lower()})
    assert response["Location"] == "/invitation/"
    assert fi("Make your password") in text(client.get("/invitation/"))


def test_wrong_code_is_an_error_and_tries_are_limited(client: Client) -> None:
    for _ in range(10):
        response = client.post("/invitation/code/", {"code": "AAAA-AAAA"})
        assert fi("We did not find this code. Check the letters and numbers and try again.") in (
            text(response)
        )
    response = client.post("/invitation/code/", {"code": "AAAA-AAAA"})
    assert fi("Too many tries. Wait an hour, or call your coach for a new code.") in text(response)


def test_coach_records_consents_later(
    personas: Personas, coach_client: Client, invitee: Participant
) -> None:
    url = f"/participants/{invitee.pk}/consents/"
    assert coach_client.get(url).status_code == 200
    response = coach_client.post(url, {"consent_matching": "yes", "form_version": "2026-1"})
    assert response.status_code == 200  # the channel is needed when something is answered
    assert not has_consent(invitee, ConsentPurpose.MATCHING)
    response = coach_client.post(
        url,
        {
            "consent_matching": "yes",
            "consent_follow_up_contact": "no",
            "channel": "oral",
            "form_version": "2026-1",
        },
    )
    assert response["Location"] == f"/participants/{invitee.pk}/"
    states = current_consents(invitee)
    assert states[ConsentPurpose.MATCHING].given
    assert states[ConsentPurpose.MATCHING].channel == ConsentChannel.ORAL
    assert states[ConsentPurpose.MATCHING].form_version == "2026-1"
    assert states[ConsentPurpose.MATCHING].changed_by_id == personas.coach.pk
    assert not states[ConsentPurpose.FOLLOW_UP_CONTACT].given
    assert states[ConsentPurpose.FOLLOW_UP_CONTACT].changed_at is not None
    assert states[ConsentPurpose.SERVICE_PROCESSING].changed_at is None
    content = text(coach_client.get(f"/participants/{invitee.pk}/"))
    assert fi("Orally") in content and "2026-1" in content
    # Withdrawing later.
    coach_client.post(url, {"consent_matching": "no", "channel": "paper", "form_version": "2026-1"})
    assert not has_consent(invitee, ConsentPurpose.MATCHING)


# --- intake -----------------------------------------------------------------------------------


def test_intake_has_a_consent_step(personas: Personas, coach_client: Client) -> None:
    response = coach_client.post(
        "/participants/new/",
        {
            "first_name": "Irma",
            "last_name": "Invitation",
            "email": "irma.invitation@example.fi",
            "preferred_language": "fi",
            "language_1": "fi",
            "level_1": "native",
        },
    )
    participant = Participant.objects.get(email="irma.invitation@example.fi")
    url = f"/participants/{participant.pk}/intake/consent/"
    assert response["Location"] == url
    content = text(coach_client.get(url))
    assert fi("Step %(number)s of %(total)s") % {"number": 2, "total": 6} in content
    assert fi("On a paper form") in content and 'value="2026-1"' in content
    # Nothing answered: no consent recorded, on to the story.
    response = coach_client.post(url, {"form_version": "2026-1"})
    assert response["Location"] == f"/participants/{participant.pk}/intake/story/"
    assert not any(s.changed_at for s in current_consents(participant).values())
    answers = {f"consent_{p.value}": "yes" for p in ConsentPurpose}
    response = coach_client.post(url, {**answers, "channel": "paper", "form_version": "2026-1"})
    assert response["Location"] == f"/participants/{participant.pk}/intake/story/"
    states = current_consents(participant)
    assert all(state.given and state.channel == "paper" for state in states.values())
    # The goals step now offers the limits on work (the health consent is given).
    content = text(coach_client.get(f"/participants/{participant.pk}/intake/goals/"))
    assert 'name="constraints"' in content


# --- the person -------------------------------------------------------------------------------


def test_first_login_from_the_email_link(
    personas: Personas, coach_client: Client, invitee: Participant, client: Client
) -> None:
    invitee.email = "first.login@example.fi"
    invitee.save()
    path = invite_by_email(coach_client, invitee)
    response = client.get(path)
    assert response["Location"] == "/invitation/"
    content = text(client.get("/invitation/"))
    assert "first.login@example.fi" in content  # the username to write down
    # Passwords differ: an error, nothing created.
    response = client.post("/invitation/", {"password1": PASSWORD, "password2": PASSWORD + "x"})
    assert response.status_code == 200
    assert not User.objects.filter(username="first.login@example.fi").exists()
    # Too weak (Django's validators): an error.
    response = client.post("/invitation/", {"password1": "12345678", "password2": "12345678"})
    assert response.status_code == 200 and 'aria-invalid="true"' in text(response)
    response = client.post("/invitation/", {"password1": PASSWORD, "password2": PASSWORD})
    assert response["Location"] == "/welcome/"
    user = User.objects.get(username="first.login@example.fi")
    invitee.refresh_from_db()
    assert invitee.user == user
    # The welcome page: each purpose a separate choice, explained.
    content = text(client.get("/welcome/"))
    assert content.count('type="radio"') == 2 * len(ConsentPurpose)
    response = client.post(
        "/welcome/", {"consent_service_processing": "yes", "consent_matching": "yes"}
    )
    assert response["Location"] == "/"
    states = current_consents(invitee)
    assert states[ConsentPurpose.MATCHING].given
    assert states[ConsentPurpose.MATCHING].channel == ConsentChannel.ONLINE
    assert states[ConsentPurpose.MATCHING].changed_by_id == user.pk
    assert not states[ConsentPurpose.SHARE_PROFILE_WITH_EMPLOYERS].given
    assert client.get("/").status_code == 200
    # The link is used up: a page that explains, no second account.
    other = Client()
    response = other.get(path)
    assert response.status_code == 302
    response = other.get("/invitation/")
    assert response.status_code == 410
    assert fi("This link has been used already. A link works only once.") in text(response)
    assert User.objects.filter(email__iexact=invitee.email).count() == 1


def test_existing_account_logs_in_and_is_linked(
    personas: Personas, coach_client: Client, invitee: Participant, client: Client
) -> None:
    existing = UserFactory(email=invitee.email)
    path = invite_by_email(coach_client, invitee)
    client.get(path)
    content = text(client.get("/invitation/"))
    assert fi("Log in to connect your account") in content
    response = client.post("/invitation/", {"username": existing.username, "password": "wrong"})
    assert response.status_code == 200
    invitee.refresh_from_db()
    assert invitee.user is None
    from tests.factories import TEST_PASSWORD

    response = client.post(
        "/invitation/", {"username": existing.username, "password": TEST_PASSWORD}
    )
    assert response["Location"] == "/welcome/"
    invitee.refresh_from_db()
    assert invitee.user == existing
    assert Role.PARTICIPANT in set(existing.memberships.values_list("role", flat=True))


def test_expired_link_explains_and_sends_a_new_one(
    personas: Personas, coach_client: Client, invitee: Participant, client: Client
) -> None:
    path = invite_by_email(coach_client, invitee)
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=15)
    with time_machine.travel(later):
        client.get(path)
        response = client.get("/invitation/")
        assert response.status_code == 410
        assert fi("Send me a new link") in text(response)
        response = client.post("/invitation/", {"password1": PASSWORD, "password2": PASSWORD})
        assert response.status_code == 410
        response = client.post("/invitation/new-link/")
        assert fi("Thank you") in text(response)
    assert len(mail.outbox) == 2
    assert path_of(link_in_mail()) != path
    assert User.objects.filter(participant_record=invitee).count() == 0


def test_tampered_link_explains_and_reveals_nothing(
    personas: Personas, coach_client: Client, invitee: Participant, client: Client
) -> None:
    path = invite_by_email(coach_client, invitee)
    response = client.get(path[:-3] + "xx/")
    assert response.status_code == 404
    assert fi("This link does not work") in text(response)
    same = []
    for contact in (invitee.email, "nobody@example.fi"):
        response = client.post("/invitation/new-link/", {"contact": contact})
        main = text(response).split("<main", 1)[1].split("</main>", 1)[0]
        same.append(main.replace(contact, ""))
    assert same[0] == same[1]
    assert User.objects.filter(participant_record=invitee).count() == 0


def test_welcome_page_is_for_participants_only(coach_client: Client) -> None:
    assert coach_client.get("/welcome/").status_code == 404

"""Invitation and first login in a browser, in Finnish: the coach adds a person and records
the consents given on paper at intake, invites them by e-mail (the locmem outbox), and the
person opens the link on a 360 × 740 phone, makes a password, gives consent and sees their home
page. Then the used, expired and tampered links and the letter's code page.

axe-core (WCAG 2.1 A/AA) runs on every page at desktop and phone size; screenshots go to
`artifacts/invitation/`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import urlparse

import pytest
from django.core import mail
from django.utils import timezone, translation

from kohtaanto.core.models import User
from kohtaanto.people.consent import current_consents
from kohtaanto.people.enums import ConsentChannel, ConsentPurpose
from kohtaanto.people.models import Invitation, Participant
from tests.e2e.conftest import PHONE, expect, new_context, page_checker
from tests.e2e.test_pages import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "Mustikka-metsassa-1958"
LINK = re.compile(r"https?://\S+/invitation/[A-Za-z0-9_-]+/")


def fi(msgid: str) -> str:
    with translation.override("fi"):
        return translation.gettext(msgid)


@pytest.fixture
def visit(check_axe: Any) -> Any:
    return page_checker(check_axe, "invitation")


def last_link() -> str:
    found = LINK.search(mail.outbox[-1].body)
    assert found, mail.outbox[-1].body
    return found.group(0)


def test_invitation_and_first_login_on_a_phone(
    page: Any, browser: Any, live_server: Any, personas: Any, visit: Any
) -> None:
    mail.outbox.clear()
    # --- the coach: a new person, consents from the paper form ------------------------------
    page.goto("/login/")
    log_in(page, "coach")
    page.goto("/participants/new/")
    page.locator("#id_first_name").fill("Raili")
    page.locator("#id_last_name").fill("Kutsuttu")
    page.locator("#id_email").fill("raili.kutsuttu@example.fi")
    page.locator("#id_language_1").select_option("fi")
    page.locator("#id_level_1").select_option("native")
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/intake/consent/")
    participant = Participant.objects.get(email="raili.kutsuttu@example.fi")
    expect(page.locator("[aria-current=step]")).to_contain_text(fi("Consents"))
    visit(page, "01-intake-consent")
    page.locator("input[name=channel][value=paper]").check()
    page.locator("input[name=consent_service_processing][value=yes]").check()
    page.locator("input[name=consent_matching][value=yes]").check()
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/intake/story/")
    states = current_consents(participant)
    assert states[ConsentPurpose.MATCHING].given
    assert states[ConsentPurpose.MATCHING].channel == ConsentChannel.PAPER
    assert states[ConsentPurpose.MATCHING].form_version == "2026-1"

    # --- the case file's basic information: tabs, consents, invite by e-mail -----------------
    page.goto(f"/participants/{participant.pk}/")
    expect(page.locator(".case-tabs a[aria-current=page]")).to_have_text(fi("Basic information"))
    expect(page.locator("#consents").locator("xpath=..")).to_contain_text(fi("On a paper form"))
    visit(page, "02-basic-information")
    with page.expect_navigation():
        page.get_by_role("button", name=fi("Invite by e-mail")).click()
    expect(page.locator(".messages")).to_contain_text(fi("The invitation was sent by e-mail."))
    expect(page.locator("#account-panel")).to_contain_text(fi("Re-send by e-mail"))
    visit(page, "03-basic-information-invited")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["raili.kutsuttu@example.fi"]
    link = last_link()

    # --- the person, on a phone, in Finnish --------------------------------------------------
    phone = new_context(browser, viewport=PHONE, base_url=live_server.url, locale="fi-FI")
    own = phone.new_page()
    own.goto(link)
    own.wait_for_url("**/invitation/")
    expect(own.locator("h1")).to_have_text(fi("Make your password"))
    expect(own.locator(".username-box strong")).to_have_text("raili.kutsuttu@example.fi")
    visit(own, "04-make-password", participant_page=True)
    own.locator("#id_password1").fill(PASSWORD)
    own.locator("#id_password2").fill(PASSWORD + "x")
    with own.expect_navigation():
        own.locator("main button[type=submit]").click()
    expect(own.locator("#id_password2")).to_have_attribute("aria-invalid", "true")
    visit(own, "05-make-password-error", participant_page=True)
    own.locator("#id_password1").fill(PASSWORD)
    own.locator("#id_password2").fill(PASSWORD)
    own.locator("main button[type=submit]").click()
    own.wait_for_url("**/welcome/")
    visit(own, "06-welcome-consents", participant_page=True)
    own.locator("input[name=consent_share_profile_with_employers][value=yes]").check()
    own.locator("input[name=consent_follow_up_contact][value=no]").check()
    own.locator("main button[type=submit]").click()
    own.wait_for_url(f"{live_server.url}/")
    assert urlparse(own.url).path == "/"
    visit(own, "07-home", participant_page=True)
    user = User.objects.get(username="raili.kutsuttu@example.fi")
    participant.refresh_from_db()
    assert participant.user == user
    states = current_consents(participant)
    assert states[ConsentPurpose.SHARE_PROFILE_WITH_EMPLOYERS].given
    assert states[ConsentPurpose.SHARE_PROFILE_WITH_EMPLOYERS].channel == ConsentChannel.ONLINE
    assert states[ConsentPurpose.MATCHING].channel == ConsentChannel.PAPER  # unchanged
    assert not states[ConsentPurpose.FOLLOW_UP_CONTACT].given
    phone.close()

    # --- the same link again: used ----------------------------------------------------------
    again = new_context(browser, viewport=PHONE, base_url=live_server.url, locale="fi-FI")
    reused = again.new_page()
    reused.goto(link)
    expect(reused.locator("h1")).to_have_text(fi("This link does not work"))
    expect(reused.locator("main")).to_contain_text(
        fi("This link has been used already. A link works only once.")
    )
    visit(reused, "08-link-used", participant_page=True)

    # --- an expired link: explained, a new one on request -----------------------------------
    other = personas.caseload_participant
    page.goto(f"/participants/{other.pk}/")
    with page.expect_navigation():
        page.get_by_role("button", name=fi("Invite by e-mail")).click()
    expired_link = last_link()
    Invitation.objects.filter(participant=other).update(
        created=timezone.now() - dt.timedelta(days=20),
        expires=timezone.now() - dt.timedelta(days=6),
    )
    reused.goto(expired_link)
    expect(reused.locator("main")).to_contain_text(fi("No account was made."))
    visit(reused, "09-link-expired", participant_page=True)
    sent = len(mail.outbox)
    with reused.expect_navigation():
        reused.get_by_role("button", name=fi("Send me a new link")).click()
    expect(reused.locator("h1")).to_have_text(fi("Thank you"))
    visit(reused, "10-new-link-sent", participant_page=True)
    assert len(mail.outbox) == sent + 1 and last_link() != expired_link
    assert User.objects.filter(participant_record=other).count() == 0

    # --- a tampered link, and the letter's code page ----------------------------------------
    reused.goto(expired_link[:-5] + "xyz/")
    expect(reused.locator("h1")).to_have_text(fi("This link does not work"))
    visit(reused, "11-link-unknown", participant_page=True)
    reused.goto("/invitation/code/")
    reused.locator("#id_code").fill("AAAA-AAAA")
    with reused.expect_navigation():
        reused.locator("main button[type=submit]").click()
    expect(reused.locator("#id_code")).to_have_attribute("aria-invalid", "true")
    visit(reused, "12-code-wrong", participant_page=True)
    again.close()


def test_printed_letter(page: Any, personas: Any, visit: Any) -> None:
    page.goto("/login/")
    log_in(page, "coach")
    participant = personas.caseload_participant
    page.goto(f"/participants/{participant.pk}/")
    with page.expect_navigation():
        page.get_by_role("button", name=fi("Print a letter")).click()
    expect(page.locator(".letter__qr svg")).to_be_visible()
    code = page.locator(".letter__code").inner_text()
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}", code)
    visit(page, "13-letter")
    page.emulate_media(media="print")
    page.screenshot(path="artifacts/invitation/13-letter-print.png", full_page=True)
    page.emulate_media(media="screen")
    # The person types the code on the public page.
    page.get_by_role("button", name=fi("Log out")).click()
    page.goto("/invitation/code/")
    page.locator("#id_code").fill(code.lower().replace("-", " "))
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/invitation/")
    expect(page.locator("h1")).to_have_text(fi("Make your password"))


def test_existing_account_and_passwordless_login(
    browser: Any, live_server: Any, personas: Any, visit: Any, settings: Any
) -> None:
    """An invited e-mail that already has an account: log in to connect it. Then, where the
    organisation allows it, logging in with an e-mailed link."""
    from kohtaanto.people import invitations
    from tests.factories import TEST_PASSWORD, UserFactory

    mail.outbox.clear()
    participant = personas.caseload_participant
    existing = UserFactory(email=participant.email)
    issued = invitations.invite(
        participant,
        "email",
        by=personas.coach,
        link_for=lambda token: f"{live_server.url}/invitation/{token}/",
    )
    phone = new_context(browser, viewport=PHONE, base_url=live_server.url, locale="fi-FI")
    own = phone.new_page()
    own.goto(issued.link)
    expect(own.locator("h1")).to_have_text(fi("Log in to connect your account"))
    visit(own, "14-connect-existing-account", participant_page=True)
    own.locator("#id_username").fill(existing.username)
    own.locator("#id_password").fill(TEST_PASSWORD)
    own.locator("main button[type=submit]").click()
    own.wait_for_url("**/welcome/")
    participant.refresh_from_db()
    assert participant.user == existing
    phone.close()

    settings.KOHTAANTO_PASSWORDLESS_ORGANISATIONS = [participant.organisation_id]
    phone = new_context(browser, viewport=PHONE, base_url=live_server.url, locale="fi-FI")
    own = phone.new_page()
    own.goto("/login/")
    own.get_by_role("link", name=fi("Log in without a password: get a link by e-mail")).click()
    own.wait_for_url("**/login/link/")
    visit(own, "15-login-link-request", participant_page=True)
    own.locator("#id_email").fill(existing.email)
    with own.expect_navigation():
        own.locator("main button[type=submit]").click()
    expect(own.locator("h1")).to_have_text(fi("Look at your e-mail"))
    visit(own, "16-login-link-sent", participant_page=True)
    link = re.search(r"https?://\S+/login/link/\S+/", mail.outbox[-1].body).group(0)
    own.goto(link)
    visit(own, "17-login-link-use", participant_page=True)
    own.locator("main button[type=submit]").click()
    own.wait_for_url(f"{live_server.url}/")
    own.goto(link)
    expect(own.locator("h1")).to_have_text(fi("This link does not work"))
    visit(own, "18-login-link-used", participant_page=True)
    phone.close()

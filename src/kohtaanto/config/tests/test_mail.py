"""Development e-mail goes to the console without anyone's address (issue 18, probe 7)."""

from __future__ import annotations

import re

import pytest
from django.core.mail import EmailMessage
from django.test import Client, override_settings

from kohtaanto.config import mail

BACKEND = "kohtaanto.config.mail.RedactingConsoleBackend"


def test_development_settings_use_the_redacting_console() -> None:
    import kohtaanto.config.settings as settings_module

    if settings_module.EMAIL_HOST:
        pytest.skip("EMAIL_HOST is set in this environment: SMTP, no console")
    assert settings_module.EMAIL_BACKEND == BACKEND


@pytest.mark.django_db
@override_settings(EMAIL_BACKEND=BACKEND)
def test_password_reset_mail_in_the_console_hides_the_address(
    client: Client, coach: object, capsys: pytest.CaptureFixture[str]
) -> None:
    address = coach.email  # type: ignore[attr-defined]
    assert address
    response = client.post("/password/reset/", {"email": address})
    assert response.status_code == 302
    printed = capsys.readouterr()
    output = printed.out + printed.err
    assert address not in output
    assert address.split("@")[0] + "@" not in output
    assert "To: 1 recipient(s), [address hidden]" in output
    # The developer still gets the link to set a new password.
    assert re.search(r"http://testserver/password/reset/\S+/\S+/", output)


def test_addresses_in_subject_and_body_are_hidden() -> None:
    backend = mail.RedactingConsoleBackend()
    import io

    backend.stream = io.StringIO()
    message = EmailMessage(
        subject="Viesti osoitteelle maija.meikalainen@example.fi",
        body="Vastaa: maija.meikalainen+tag@sub.example.fi, kiitos.",
        to=["maija.meikalainen@example.fi"],
        cc=["toinen@example.fi"],
    )
    assert backend.send_messages([message]) == 1
    output = backend.stream.getvalue()
    assert "example.fi" not in output
    assert "To: 2 recipient(s)" in output
    assert "Vastaa: [address hidden], kiitos." in output

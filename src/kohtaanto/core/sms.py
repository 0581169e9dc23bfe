"""Text messages (SMS), pluggable like Django's e-mail backends.

`KOHTAANTO_SMS_BACKEND` names the backend class by dotted path. Two ship with Kohtaanto and no
provider is hard-coded: an operator writes a small subclass of `BaseSmsBackend` for theirs.

- `kohtaanto.core.sms.ConsoleBackend` (the default): prints each message to standard output
  (demo and development; like Django's console e-mail backend).
- `kohtaanto.core.sms.LocmemBackend`: keeps the messages in `kohtaanto.core.sms.outbox`, a list
  that tests read and clear (like `django.core.mail.outbox`).

A backend that cannot send raises; `send_sms` turns any failure into `SmsNotSent`, so callers
handle one exception and never record a message as sent that was not. Logs carry no phone
number and no message text.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

DEFAULT_BACKEND = "kohtaanto.core.sms.ConsoleBackend"

outbox: list[SmsMessage] = []
"""Messages "sent" with the `LocmemBackend` (tests empty it themselves)."""


class SmsNotSent(Exception):
    """The message could not be sent (the backend failed or is misconfigured)."""


@dataclass(frozen=True)
class SmsMessage:
    to: str
    body: str


class BaseSmsBackend:
    """Send text messages. Subclasses implement `send_messages` and raise when they fail."""

    def __init__(self, **options: Any) -> None:
        self.options = options

    def send_messages(self, messages: Sequence[SmsMessage]) -> int:
        raise NotImplementedError


class ConsoleBackend(BaseSmsBackend):
    """Writes each message to standard output (never to the logs)."""

    def send_messages(self, messages: Sequence[SmsMessage]) -> int:
        stream = self.options.get("stream") or sys.stdout
        for message in messages:
            stream.write(f"SMS to {message.to}\n{message.body}\n{'-' * 40}\n")
        stream.flush()
        return len(messages)


class LocmemBackend(BaseSmsBackend):
    """Keeps the messages in `kohtaanto.core.sms.outbox`."""

    def send_messages(self, messages: Sequence[SmsMessage]) -> int:
        outbox.extend(messages)
        return len(messages)


def get_backend(path: str | None = None, **options: Any) -> BaseSmsBackend:
    dotted = path or getattr(settings, "KOHTAANTO_SMS_BACKEND", "") or DEFAULT_BACKEND
    backend_class = import_string(dotted)
    return backend_class(**options)  # type: ignore[no-any-return]


def send_sms(to: str, body: str) -> None:
    """Send one message, or raise `SmsNotSent` (whatever the backend's own error was)."""
    if not to.strip():
        raise SmsNotSent("no phone number")
    try:
        sent = get_backend().send_messages([SmsMessage(to=to.strip(), body=body)])
    except Exception as exc:
        logger.warning("sms not sent: %s", type(exc).__name__)
        raise SmsNotSent(type(exc).__name__) from exc
    if sent != 1:
        logger.warning("sms not sent: the backend sent %s messages", sent)
        raise SmsNotSent("not sent")
    logger.info("sms sent")

"""Development e-mail: the console backend without anyone's address.

Django's console backend prints whole messages, recipients included, into the server's output
(the server log). This one prints the subject and the body (a developer needs the
password-reset or invitation link) with every e-mail address replaced, and the recipients only
as a count. Production sends through SMTP (``EMAIL_HOST`` is required there) and logs nothing.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from typing import Any, TextIO

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage

ADDRESS = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")
HIDDEN = "[address hidden]"


def redact(text: str) -> str:
    return ADDRESS.sub(HIDDEN, text)


class RedactingConsoleBackend(BaseEmailBackend):
    def __init__(self, *args: Any, stream: TextIO | None = None, **kwargs: Any) -> None:
        import sys

        super().__init__(*args, **kwargs)
        self.stream = stream or sys.stdout
        self._lock = threading.RLock()

    def _render(self, message: EmailMessage) -> str:
        recipients = len(message.recipients())
        lines = [
            f"Subject: {redact(str(message.subject))}",
            f"To: {recipients} recipient(s), {HIDDEN}",
            "",
            redact(str(message.body)),
        ]
        for alternative in getattr(message, "alternatives", []) or []:
            lines += ["", f"[alternative part: {alternative[1]}, not shown]"]
        if message.attachments:
            lines += ["", f"[{len(message.attachments)} attachment(s), not shown]"]
        return "\n".join(lines)

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        if not email_messages:
            return 0
        sent = 0
        with self._lock:
            for message in email_messages:
                self.stream.write(self._render(message) + "\n" + "-" * 79 + "\n")
                sent += 1
            self.stream.flush()
        return sent

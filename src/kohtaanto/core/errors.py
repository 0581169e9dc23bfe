"""One exception family understood by services, the CLI and the API.

Services raise these; the API turns them into RFC 9457 problem+json
(`kohtaanto.api.problems`), the CLI into a message and a non-zero exit code.
Messages are user-facing and translatable; they never contain personal data.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.utils.translation import gettext_lazy as _


class KohtaantoError(Exception):
    """Base class. `status` is the HTTP status the API uses, `code` a stable identifier,
    `exit_code` the CLI's exit status."""

    status = 400
    code = "error"
    exit_code = 1
    default_message = _("The request could not be completed.")

    def __init__(self, message: object = None, *, code: str | None = None) -> None:
        self.message = message if message is not None else self.default_message
        if code is not None:
            self.code = code
        super().__init__(str(self.message))


class NotFound(KohtaantoError):
    status = 404
    code = "not_found"
    exit_code = 3
    default_message = _("Not found.")


class PermissionDenied(KohtaantoError):
    status = 403
    code = "permission_denied"
    exit_code = 4
    default_message = _("You do not have permission to do this.")


class Conflict(KohtaantoError):
    status = 409
    code = "conflict"
    exit_code = 5
    default_message = _("The request conflicts with the current state.")


class ValidationFailed(KohtaantoError):
    """Invalid input. `errors` maps a field name to its messages ("" for the whole input)."""

    status = 400
    code = "invalid"
    exit_code = 2
    default_message = _("The data is not valid.")

    def __init__(
        self,
        message: object = None,
        *,
        errors: Mapping[str, Sequence[object]] | None = None,
        code: str | None = None,
    ) -> None:
        super().__init__(message, code=code)
        self.errors = {field: [str(m) for m in msgs] for field, msgs in (errors or {}).items()}

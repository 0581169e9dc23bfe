"""The import's error: the parser's `ParseError` in the product's error family, with a
translated message (the CLI, the import page and the API show it)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kohtaanto.core.errors import ValidationFailed
from kohtaanto.taxonomy.eperusteet import ParseError

MESSAGES: dict[str, Promise] = {
    "not_json": _("The file is not JSON."),
    "too_large": _("The file is too large."),
    "empty": _("The file has no qualifications or qualification units."),
    "not_eperusteet": _("This is not a qualification or a qualification unit of ePerusteet."),
    "not_unit": _("This is not a qualification unit."),
    "not_qualification": _("This is not a qualification."),
    "structure_only": _(
        "This is only the structure of a qualification. It does not name the qualification "
        "or its units. Import the qualification itself."
    ),
    "wrong_type": _("A value is of the wrong type."),
    "bad_id": _("An id is missing or is not a whole number."),
    "bad_scope": _("The scope is not a number."),
    "no_name": _("A name is missing."),
    "too_long": _("A text is too long."),
}


class ImportFailed(ValidationFailed):
    """An ePerusteet file that cannot be imported; nothing was written. `path` says where in
    the JSON it failed (`$.tutkinnonOsat[2].nimi`), `reason` the parser's English words."""

    code = "invalid_file"

    def __init__(self, error: ParseError) -> None:
        self.parse_code = error.code
        self.path = error.path
        self.reason = error.reason
        message = MESSAGES.get(error.code, _("The file cannot be read."))
        super().__init__(message, errors={"file": [message]})

"""Rows of the access matrix (tests/test_access_matrix.py), one module per area.

Every module here (except those whose name starts with "_") is found by the matrix test
(pkgutil), so a new area only adds a module. A module has:

- `ROWS`: `(method, url, anon, coach, part, ment, empl, wpm, coor, anal, outs, othp)` — the
  expected status per persona, in the order of `tests.test_access_matrix.PERSONAS`;
- `POST_DATA`: `{url: {field: value or callable}}` for the rows that send a body;
- `placeholders(personas)`: `{name: value}` for the area's own placeholders in its urls (made
  only for the rows of that area).

`other_participant_user(personas)` gives the 10th persona ("another participant": the
outsider's participant, a participant of another organisation) a login.
"""

from __future__ import annotations

from kohtaanto.core.enums import Role
from kohtaanto.core.models import User
from tests.factories import Personas, member


def other_participant_user(personas: Personas) -> User:
    """The login of `personas.other_participant` (made on first use, then the same one): a
    participant member of the other organisation. Kept out of `make_personas`, so that the
    other tests, which count the users and logins of the personas, see the same world."""
    record = personas.other_participant
    if record.user_id is None:
        user = member(
            personas.other_organisation,
            Role.PARTICIPANT,
            username="other-participant",
            first_name=record.first_name,
            last_name=record.last_name,
        )
        record.user = user
        record.save(update_fields=["user"])
    assert record.user is not None
    return record.user

"""Access-matrix rows of the rule book of work trials (read with tests/test_access_matrix.py).

The rule book is public law, not personal data: every coach and coordinator reads it, whatever
their organisation (the outsider is a coach of another service organisation); the
participant, the volunteer mentor, the employer contact, the workplace mentor and the analyst
get 404. Read only: POST is 405.
"""

from __future__ import annotations

from tests.factories import Personas

# fmt: off
# method  url               anon coach part ment empl wpm  coor anal outs othp
ROWS: list[tuple[object, ...]] = [
    ("GET",  "/trials/rules/", 302, 200, 404, 404, 404, 404, 200, 404, 200, 404),
    ("POST", "/trials/rules/", 302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
]
# fmt: on

POST_DATA: dict[str, dict[str, object]] = {}


def placeholders(personas: Personas) -> dict[str, int]:
    return {}

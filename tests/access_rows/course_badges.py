"""Access-matrix rows of finished courses (/participants/<id>/courses/, read with
tests/test_access_matrix.py): whoever may edit the participant's case file — their own coach and
a coordinator of their organisation — sees and marks finished courses; everyone else, the
participant included (their own pages are elsewhere), gets 404, never 403. The POST sends a
course that does not exist, so the page answers with the reason (200) and changes nothing; the
removal of a mark names a mark that does not exist, so it sends back to the list (302) with
the reason and changes nothing.
Issuing the course badge itself is the badges page (rows in achievements.py).
"""

from __future__ import annotations

from typing import Any

from tests.factories import Personas

# fmt: off
# method  url                              anon coach part ment empl wpm  coor anal outs othp
ROWS: list[tuple[object, ...]] = [
    ("GET",  "/participants/{own}/courses/",          302, 200, 404, 404, 404, 404, 200, 404, 404, 404),  # noqa: E501
    ("POST", "/participants/{own}/courses/",          302, 200, 404, 404, 404, 404, 200, 404, 404, 404),  # noqa: E501
    ("GET",  "/participants/{unassigned}/courses/",   302, 404, 404, 404, 404, 404, 200, 404, 404, 404),  # noqa: E501
    ("GET",  "/participants/{other}/courses/",        302, 404, 404, 404, 404, 404, 404, 404, 200, 404),  # noqa: E501
    ("PUT",  "/participants/{own}/courses/",          302, 405, 405, 405, 405, 405, 405, 405, 405, 405),  # noqa: E501
    # Removing a mark made by mistake: a mark that does not exist, so nothing changes; who may
    # edit the case file is sent back to the list with the reason, everyone else gets 404.
    ("POST", "/participants/{own}/courses/999999/remove/", 302, 302, 404, 404, 404, 404, 302, 404, 404, 404),  # noqa: E501
    ("POST", "/participants/{other}/courses/999999/remove/", 302, 404, 404, 404, 404, 404, 404, 404, 302, 404),  # noqa: E501
    ("GET",  "/participants/{own}/courses/999999/remove/", 302, 405, 405, 405, 405, 405, 405, 405, 405, 405),  # noqa: E501
]
# fmt: on

POST_DATA: dict[str, dict[str, object]] = {
    "/participants/{own}/courses/": {"course": "999999", "completed_on": ""},
}


def placeholders(personas: Personas) -> dict[str, Any]:
    return {}

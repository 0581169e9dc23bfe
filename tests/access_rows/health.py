"""Access-matrix rows of the health endpoints (read with tests/test_access_matrix.py).

/healthz (liveness) and /readyz (database and task queue) answer everyone alike, logged in or
not, with JSON that holds no personal data; they only read (other methods: 405).
"""

from __future__ import annotations

from tests.factories import Personas

# fmt: off
# method  url          anon coach part ment empl wpm  coor anal outs othp
ROWS: list[tuple[object, ...]] = [
    ("GET",  "/healthz", 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    ("POST", "/healthz", 405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("GET",  "/readyz",  200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    ("POST", "/readyz",  405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
]
# fmt: on

POST_DATA: dict[str, dict[str, object]] = {}


def placeholders(personas: Personas) -> dict[str, object]:
    return {}

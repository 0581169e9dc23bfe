"""Access-matrix rows of the foresight pages (issue 16), read with tests/test_access_matrix.py."""

from __future__ import annotations

from tests.factories import Personas

# fmt: off
# method  url               anon coach part ment empl wpm  coor anal outs
ROWS: list[tuple[object, ...]] = [
]
# fmt: on

POST_DATA: dict[str, dict[str, object]] = {}


def placeholders(personas: Personas) -> dict[str, int]:
    return {}

"""Access-matrix rows of the mentor-matching pages (namespace "mentoring") (read with tests/test_access_matrix.py).

`ROWS`: (method, url template, one status per persona in `PERSONAS` order). `placeholders`
makes the objects the URLs name and returns their ids for the templates' {fields}. `POST_DATA`
(url template → form data) is what a POST row sends instead of the default data.
"""

from __future__ import annotations

from tests.factories import Personas

# fmt: off
# method  url                                 anon coach part ment empl wpm  coor anal outs
ROWS: list[tuple[object, ...]] = [
]
# fmt: on

POST_DATA: dict[str, dict[str, object]] = {}


def placeholders(personas: Personas) -> dict[str, int]:
    return {}

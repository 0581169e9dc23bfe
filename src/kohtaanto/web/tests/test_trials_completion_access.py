"""The access rows of a trial's end (tests/access_rows/trials_completion.py), checked here until
the shared matrix registers them (same request loop: `tests.test_access_matrix.statuses`)."""

from __future__ import annotations

import pytest
from tests.access_rows import trials_completion as area
from tests.factories import Personas
from tests.test_access_matrix import PERSONAS, statuses


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "url", "expected"),
    [(row[0], row[1], row[2:]) for row in area.ROWS],
    ids=[f"{row[0]} {row[1]}" for row in area.ROWS],
)
def test_access(personas: Personas, method: str, url: str, expected: tuple[int, ...]) -> None:
    path = str(url).format(missing=999_999, **area.placeholders(personas))
    data = area.POST_DATA.get(str(url), {}) if method == "POST" else None
    if data is not None:
        data = {key: value() if callable(value) else value for key, value in data.items()}
    got = statuses(personas, str(method), path, data)
    assert len(expected) == len(PERSONAS)
    assert tuple(got) == tuple(expected), f"{method} {url}: got {got}"


def test_every_completion_page_has_a_row() -> None:
    from django.urls import resolve

    from kohtaanto.web.trials import completion

    covered = {
        resolve(str(row[1]).format(tc=1, tci=1, tcf=1, missing=1, tck="x")).url_name
        for row in area.ROWS
    }
    assert {p.name for p in completion.urlpatterns} - covered == set()

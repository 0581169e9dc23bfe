# ruff: noqa: E501
"""Who may open the page of limits on work for matching (RESTRICTED), read like
tests/test_access_matrix.py: staff of the organisation reach the page (it is audited as a view
of the case file), but only the participant's own coaches see and change the limits, and only
with the consent; everyone else gets 404."""

from __future__ import annotations

import pytest
from tests.factories import Personas
from tests.test_access_matrix import PERSONAS, statuses

from kohtaanto.journeys.models import RestrictedConstraints
from kohtaanto.people.consent import give_consent
from kohtaanto.people.enums import ConsentPurpose

# fmt: off
# method  url                                       anon coach part ment empl wpm  coor anal outs othp
MATRIX = [
    ("GET",  "/participants/{participant}/limits/",  302, 200, 404, 404, 404, 404, 200, 404, 404, 404),
    ("POST", "/participants/{participant}/limits/",  302, 302, 404, 404, 404, 404, 200, 404, 404, 404),
]
# fmt: on


@pytest.fixture
def placeholders(personas: Personas) -> dict[str, object]:
    give_consent(
        personas.participant, ConsentPurpose.RESTRICTED_HEALTH_CONSTRAINTS, by=personas.coach
    )
    return {"participant": personas.participant.pk}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "url", "expected"),
    [(row[0], row[1], row[2:]) for row in MATRIX],
    ids=[f"{row[0]} {row[1]}" for row in MATRIX],
)
def test_access(
    personas: Personas,
    placeholders: dict[str, object],
    method: str,
    url: str,
    expected: tuple[int, ...],
) -> None:
    assert len(expected) == len(PERSONAS)
    path = url.format(**placeholders)
    got = statuses(personas, method, path, {"codes": ["no_heavy_lifting"]})
    assert tuple(got) == tuple(expected), dict(zip(PERSONAS, got, strict=True))
    if method == "POST":  # only the own coach's post was saved
        record = RestrictedConstraints.objects.get(participant=personas.participant)
        assert record.codes == ["no_heavy_lifting"]

# ruff: noqa: E501
"""Who may open the skill review pages of issue 12: every persona → the expected status (read
like tests/test_access_matrix.py). {opportunity}: managed by the personas' organisation and
offered by the personas' employer, awaiting review; {skills_job}: a background recognition run
the coordinator started."""

from __future__ import annotations

import pytest
from tests.factories import Personas
from tests.test_access_matrix import PERSONAS, statuses

from kohtaanto.opportunities import services, tasks
from kohtaanto.opportunities.enums import OpportunityStatus

# fmt: off
# method  url                                        anon coach part ment empl wpm  coor anal outs othp
MATRIX = [
    ("GET",  "/opportunities/review/",                302, 404, 404, 404, 200, 404, 200, 404, 404, 404),
    ("GET",  "/opportunities/review/?page=2",         302, 404, 404, 404, 200, 404, 200, 404, 404, 404),
    ("POST", "/opportunities/review/",                302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("GET",  "/opportunities/{opportunity}/skills/",  302, 200, 404, 404, 200, 404, 200, 404, 404, 404),
    ("GET",  "/opportunities/import/{skills_job}/",   302, 404, 404, 404, 404, 404, 200, 404, 404, 404),
]
# fmt: on


@pytest.fixture
def placeholders(personas: Personas, settings: object) -> dict[str, object]:
    services.save_employer_profile(
        personas.employer_organisation, service_organisation=personas.organisation
    )
    opportunity = services.create_opportunity(
        organisation=personas.organisation,
        employer=personas.employer_organisation,
        title="Varastotyöntekijä",
        description="Keräilyä. Trukkikortti on eduksi.",
        status=OpportunityStatus.OPEN,
    )
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}  # type: ignore[attr-defined]
    job = tasks.start_skill_recognition(
        user=personas.coordinator,
        organisation_id=personas.organisation.pk,
        opportunity_ids=[opportunity.pk],
    )
    assert job is not None
    opportunity.refresh_from_db()
    assert opportunity.skills_awaiting_review
    return {"opportunity": opportunity.pk, "skills_job": job.pk}


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
    got = statuses(personas, method, path, {})
    assert tuple(got) == tuple(expected), dict(zip(PERSONAS, got, strict=True))

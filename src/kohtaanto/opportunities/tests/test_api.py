"""`/api/v1/opportunities/` and `/api/v1/courses/`: read-only, scoped like the pages."""

from __future__ import annotations

import pytest

from kohtaanto.opportunities import services
from kohtaanto.opportunities.enums import SkillImportance

from .conftest import FORKLIFT

pytestmark = pytest.mark.django_db


def test_coach_lists_and_filters(
    coach_api, opportunity, other_opportunity, foreign_opportunity
) -> None:
    services.set_skills(
        opportunity,
        [
            services.SkillDecision(FORKLIFT, SkillImportance.REQUIRED),
            services.SkillDecision(
                "http://data.europa.eu/esco/skill/4f1b6304-f54a-42f0-9604-5427a28d240f",
                SkillImportance.IGNORED,
            ),
        ],
    )
    data = coach_api.get("/api/v1/opportunities/").json()
    assert {o["id"] for o in data["results"]} == {opportunity.pk, other_opportunity.pk}
    found = coach_api.get("/api/v1/opportunities/", {"municipality": "109"}).json()["results"]
    assert [o["id"] for o in found] == [opportunity.pk]
    assert found[0]["skills"] == [
        {
            "uri": FORKLIFT,
            "label": "trukin ajaminen",
            "kind": "skill",
            "importance": "required",
            "source": "manual",
        }
    ]
    assert found[0]["employer"]["business_id"] == "1572860-0"
    assert found[0]["languages"] == {"fi": "B1"}


def test_employer_contact_and_outsider(
    employer_contact_api, outsider_api, opportunity, other_opportunity
) -> None:
    data = employer_contact_api.get("/api/v1/opportunities/").json()
    assert [o["id"] for o in data["results"]] == [opportunity.pk]
    response = employer_contact_api.get(f"/api/v1/opportunities/{other_opportunity.pk}/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/problem+json")
    assert outsider_api.get(f"/api/v1/opportunities/{opportunity.pk}/").status_code == 404


@pytest.mark.parametrize("persona", ["mentor", "participant", "analyst"])
def test_others_see_nothing(request, persona, opportunity) -> None:
    client = request.getfixturevalue(f"{persona}_api")
    assert client.get("/api/v1/opportunities/").json()["results"] == []
    assert client.get(f"/api/v1/opportunities/{opportunity.pk}/").status_code == 404


def test_anonymous_is_refused(client, opportunity) -> None:
    assert client.get("/api/v1/opportunities/").status_code == 401


def test_courses(coach_api, outsider_api, personas) -> None:
    shared = services.create_course(
        organisation=None, title="Trukkikortti", format="classroom", skills=[FORKLIFT]
    )
    own = services.create_course(organisation=personas.organisation, title="Oma", format="online")
    ids = {c["id"] for c in coach_api.get("/api/v1/courses/").json()["results"]}
    assert ids == {shared.pk, own.pk}
    classroom = coach_api.get("/api/v1/courses/", {"course_format": "classroom"}).json()["results"]
    assert [c["id"] for c in classroom] == [shared.pk]
    assert classroom[0]["skills"][0]["uri"] == FORKLIFT
    assert outsider_api.get(f"/api/v1/courses/{own.pk}/").status_code == 404


def test_employer_contact_reads_the_shared_courses(employer_contact_api, personas) -> None:
    shared = services.create_course(organisation=None, title="Trukkikortti", format="classroom")
    services.create_course(organisation=personas.organisation, title="Oma", format="online")
    ids = {c["id"] for c in employer_contact_api.get("/api/v1/courses/").json()["results"]}
    assert ids == {shared.pk}  # the service organisation's own courses are its members'
    assert employer_contact_api.get(f"/api/v1/courses/{shared.pk}/").status_code == 200


@pytest.mark.parametrize("persona", ["participant", "mentor", "workplace_mentor", "analyst"])
def test_courses_as_on_the_pages_others_see_none(request, persona, personas) -> None:
    """The API agrees with /courses/: staff and employer contacts only. A participant reads
    the courses suggested to them on their own pages (/matches/my/courses/<id>/)."""
    shared = services.create_course(organisation=None, title="Trukkikortti", format="classroom")
    own = services.create_course(organisation=personas.organisation, title="Oma", format="online")
    client = request.getfixturevalue(f"{persona}_api")
    assert client.get("/api/v1/courses/").json()["results"] == []
    for course in (shared, own):
        response = client.get(f"/api/v1/courses/{course.pk}/")
        assert response.status_code == 404
        assert response["Content-Type"].startswith("application/problem+json")
        user = getattr(personas, "participant_user" if persona == "participant" else persona)
        page = request.getfixturevalue("client_for")(user).get(f"/courses/{course.pk}/")
        assert page.status_code == 404  # the page says the same

# ruff: noqa: E501
"""Who may open the pages of issue 12's "acting on suggestions": every persona × every new URL
(the shared matrix's personas and helpers). 404, never 403; the participant only reaches what
their own organisation offers, and another participant never reaches someone else's answers."""

from __future__ import annotations

import pytest
from django.test import Client
from tests.factories import Personas, member
from tests.test_access_matrix import statuses

from kohtaanto.core.enums import Role
from kohtaanto.matches import interests, services
from kohtaanto.matches.enums import InterestKind
from kohtaanto.matches.tests.conftest import (
    FORKLIFT,
    INVENTORY,
    SAFETY,
    make_course,
    make_opportunity,
    ready,
)
from kohtaanto.opportunities.models import Course
from kohtaanto.people.models import Participant

pytestmark = pytest.mark.django_db

# fmt: off
# method  url                                          anon coach part ment empl wpm  coor anal outs othp
MATRIX = [
    ("GET",  "/matches/my/opportunities/{opp}/",         302, 404, 200, 404, 404, 404, 404, 404, 404, 404),
    ("GET",  "/matches/my/opportunities/{closed}/",      302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("GET",  "/matches/my/opportunities/{other_opp}/",   302, 404, 404, 404, 404, 404, 404, 404, 404, 200),
    ("GET",  "/matches/my/opportunities/{missing}/",     302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("GET",  "/matches/my/courses/{course}/",            302, 404, 200, 404, 404, 404, 404, 404, 404, 200),
    ("GET",  "/matches/my/courses/{other_course}/",      302, 404, 404, 404, 404, 404, 404, 404, 404, 200),
    ("GET",  "/matches/my/opportunity/{opp}/answer/",    302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("POST", "/matches/my/opportunity/{opp}/answer/",    302, 404, 302, 404, 404, 404, 404, 404, 404, 404),
    ("POST", "/matches/my/opportunity/{other_opp}/answer/", 302, 404, 404, 404, 404, 404, 404, 404, 404, 302),
    ("POST", "/matches/my/course/{course}/answer/",      302, 404, 302, 404, 404, 404, 404, 404, 404, 302),
    ("POST", "/matches/my/nonsense/{opp}/answer/",       302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("GET",  "/matches/interests/{interest}/propose/",   302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("POST", "/matches/interests/{interest}/propose/",   302, 302, 404, 404, 404, 404, 302, 404, 404, 404),
    ("POST", "/matches/interests/{missing}/propose/",    302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("POST", "/matches/proposals/{proposal}/answer-seen/", 302, 302, 404, 404, 404, 404, 302, 404, 404, 404),
]
# fmt: on


@pytest.fixture
def world(personas: Personas) -> dict[str, int]:
    participant: Participant = personas.participant
    ready(participant, [FORKLIFT, INVENTORY])
    opp = make_opportunity(
        personas.organisation, personas.employer_organisation, [FORKLIFT, SAFETY], title="Varasto"
    )
    second = make_opportunity(
        personas.organisation, personas.employer_organisation, [FORKLIFT], title="Trukki"
    )
    closed = make_opportunity(personas.organisation, None, title="Suljettu", status="closed")
    other_opp = make_opportunity(personas.other_organisation, None, title="Muualla")
    course = make_course("Työturvallisuuskortti", [SAFETY])
    other_course = Course.objects.create(
        title="Toisen järjestön kurssi", organisation=personas.other_organisation
    )
    interest = interests.mark_interest(
        participant.user, participant, second, InterestKind.INTERESTED
    )
    proposal = services.propose(personas.coach, participant.pk, opp.pk)
    services.respond(personas.employer_contact, proposal.pk, accept=True)
    return {
        "opp": opp.pk,
        "closed": closed.pk,
        "other_opp": other_opp.pk,
        "course": course.pk,
        "other_course": other_course.pk,
        "interest": interest.pk,
        "proposal": proposal.pk,
        "missing": 999_999,
    }


def _data(url: str, ids: dict[str, int]) -> dict[str, str]:
    data = {"next": "/"}
    for key in ("opp", "other_opp", "course"):
        if f"{{{key}}}/answer" in url:
            target = "course" if key == "course" else "opportunity"
            data[f"{target}-{ids[key]}-kind"] = "interested"
    return data


@pytest.mark.parametrize(
    ("method", "url", "expected"),
    [(row[0], row[1], row[2:]) for row in MATRIX],
    ids=[f"{row[0]} {row[1]}" for row in MATRIX],
)
def test_access(world, personas, method, url, expected):
    path = url.format(**world)
    got = statuses(personas, method, path, _data(url, world))
    assert tuple(got) == tuple(expected), f"{method} {url}: {got}"


def test_another_participant_reaches_nothing_of_this_one(world, personas):
    """A participant of another organisation, logged in: 404 on this organisation's
    opportunity, on answering it and on proposing from someone else's answer."""
    user = member(personas.other_organisation, Role.PARTICIPANT, username="toinen")
    Participant.objects.create(
        organisation=personas.other_organisation, user=user, first_name="Toinen", last_name="O"
    )
    client = Client()
    client.force_login(user)
    assert client.get(f"/matches/my/opportunities/{world['opp']}/").status_code == 404
    answer = f"/matches/my/opportunity/{world['opp']}/answer/"
    data = {f"opportunity-{world['opp']}-kind": "interested"}
    assert client.post(answer, data).status_code == 404
    assert client.post(f"/matches/interests/{world['interest']}/propose/").status_code == 404
    assert client.get(f"/matches/my/courses/{world['course']}/").status_code == 200  # shared

# ruff: noqa: E501
"""Access-matrix rows of opportunities, courses and matching (read with
tests/test_access_matrix.py); the core pages of the two areas sit in its MATRIX, the
participant's answers in src/kohtaanto/web/tests/test_access_interests.py.

{opp}: an open job of the personas' organisation offered by the personas' employer, which
the participant persona (ready for matching) is proposed to; {course}: a shared course;
{proposal}: the coach's proposal of the participant to {opp}; {other_opp}: a job of the
other organisation. Opportunities are for staff of the managing organisation and for the
employer's contact; proposals are handled by the participant's staff (propose, withdraw) and
answered by the employer's contact (respond), who also sees the candidates proposed to their
job (the staff see every candidate); the participant may withdraw a proposal of themself.
Volunteers, analysts and another participant: 404. Wrong methods answer 405 before any access
check (nothing is read).
"""

from __future__ import annotations

from tests.factories import Personas

# fmt: off
# method  url                                          anon coach part ment empl wpm  coor anal outs othp
ROWS: list[tuple[object, ...]] = [
    ("GET",  "/opportunities/new/",                      302, 200, 404, 404, 200, 404, 200, 404, 200, 404),
    ("POST", "/opportunities/new/",                      302, 200, 404, 404, 200, 404, 200, 404, 200, 404),
    ("GET",  "/opportunities/{opp}/",                    302, 200, 404, 404, 200, 404, 200, 404, 404, 404),
    ("GET",  "/opportunities/{other_opp}/",              302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    ("GET",  "/opportunities/{opp}/edit/",               302, 200, 404, 404, 200, 404, 200, 404, 404, 404),
    ("GET",  "/opportunities/{other_opp}/edit/",         302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    ("GET",  "/opportunities/{opp}/status/",             302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("POST", "/opportunities/{opp}/status/",             302, 302, 404, 404, 302, 404, 302, 404, 404, 404),
    ("GET",  "/courses/{course}/",                       302, 200, 404, 404, 200, 404, 200, 404, 200, 404),
    ("GET",  "/courses/{missing}/",                      302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("GET",  "/matches/participants/{own}/propose/{opp}/", 302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("POST", "/matches/participants/{own}/propose/{opp}/", 302, 302, 404, 404, 404, 404, 302, 404, 404, 404),
    ("POST", "/matches/participants/{other}/propose/{opp}/", 302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("GET",  "/matches/proposals/{proposal}/withdraw/",  302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("POST", "/matches/proposals/{proposal}/withdraw/",  302, 302, 302, 404, 404, 404, 302, 404, 404, 404),
    ("GET",  "/matches/proposals/{proposal}/respond/",   302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("POST", "/matches/proposals/{proposal}/respond/",   302, 404, 404, 404, 302, 404, 404, 404, 404, 404),
    ("GET",  "/matches/opportunities/{opp}/candidates/", 302, 200, 404, 404, 200, 404, 200, 404, 404, 404),
    ("GET",  "/matches/opportunities/{other_opp}/candidates/", 302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
]
# fmt: on

POST_DATA: dict[str, dict[str, object]] = {
    "/opportunities/new/": {"title": ""},  # invalid: the form again
    "/opportunities/{opp}/status/": {"status": "closed"},
    "/matches/proposals/{proposal}/respond/": {"decision": "accept"},
    "/matches/proposals/{proposal}/withdraw/": {"next": "/"},
}


def placeholders(personas: Personas) -> dict[str, int]:
    from kohtaanto.matches import services
    from kohtaanto.matches.tests.conftest import (
        FORKLIFT,
        INVENTORY,
        SAFETY,
        make_course,
        make_opportunity,
        ready,
    )

    ready(personas.participant, [FORKLIFT, INVENTORY])
    opp = make_opportunity(
        personas.organisation, personas.employer_organisation, [FORKLIFT, SAFETY], title="Varasto"
    )
    proposed = make_opportunity(
        personas.organisation, personas.employer_organisation, [FORKLIFT], title="Trukki"
    )
    other_opp = make_opportunity(personas.other_organisation, None, title="Muualla")
    course = make_course("Työturvallisuuskortti", [SAFETY])
    proposal = services.propose(personas.coach, personas.participant.pk, proposed.pk)
    return {"opp": opp.pk, "other_opp": other_opp.pk, "course": course.pk, "proposal": proposal.pk}

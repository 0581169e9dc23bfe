# ruff: noqa: E501
"""Access-matrix rows of the REST API under /api/ (read with tests/test_access_matrix.py).

Requested with the session of each persona (the matrix's clients log in; tokens and OAuth are
tested in src/kohtaanto/api/tests/). Every error answers problem+json (the matrix checks the
content type of every 4xx under /api/). Anonymous: 401 with `WWW-Authenticate: Bearer
realm="api"` (the bearer schemes are the first authentication classes, so DRF challenges).
Object-level rules are those of the pages: a participant record for the staff who may see it
and for the participant themself (another participant: 404); lists are filtered to what the
caller may see (200 with fewer rows, never 403); the read-only resources answer 405 to writes.
Courses follow the pages (/courses/,
`opportunities.access.courses_visible_to`): staff and employer contacts; for everyone else the
list is empty and a course 404 (a participant reads the courses suggested to them on their own
pages). The reports need `?organisation=` (404 without it) and a period; the
foresight API answers 404 while no foresight build exists (none is made here; the foresight
pages' rows build one). The OAuth token endpoint (client credentials, no session) refuses a
request without a grant: 400 for everyone, in RFC 6749's JSON error format (not problem+json);
its 405 to a GET is a problem.
"""

from __future__ import annotations

from django.utils import timezone

from tests.factories import Personas

# fmt: off
# method  url                                            anon coach part ment empl wpm  coor anal outs othp
ROWS: list[tuple[object, ...]] = [
    ("GET",    "/api/schema/",                             200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    ("GET",    "/api/docs/",                               200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    ("GET",    "/api/v1/me/",                              401, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    ("POST",   "/api/v1/me/",                              401, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("GET",    "/api/v1/foresight/",                       401, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("GET",    "/api/v1/foresight/?organisation={organisation}", 401, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("GET",    "/api/v1/reports/outcomes/?organisation={organisation}&{period}", 401, 404, 404, 404, 404, 404, 200, 200, 404, 404),
    ("GET",    "/api/v1/reports/outcomes/",                401, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("GET",    "/api/v1/reports/esf/?organisation={organisation}&{period}", 401, 404, 404, 404, 404, 404, 200, 200, 404, 404),
    ("GET",    "/api/v1/participants/",                    401, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    ("POST",   "/api/v1/participants/",                    401, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("GET",    "/api/v1/participants/{own}/",              401, 200, 200, 404, 404, 404, 200, 404, 404, 404),
    ("GET",    "/api/v1/participants/{unassigned}/",       401, 404, 404, 404, 404, 404, 200, 404, 404, 404),
    ("GET",    "/api/v1/participants/{other}/",            401, 404, 404, 404, 404, 404, 404, 404, 200, 200),
    ("GET",    "/api/v1/participants/{missing}/",          401, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("DELETE", "/api/v1/participants/{own}/",              401, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("GET",    "/api/v1/participants/{own}/consents/",     401, 200, 200, 404, 404, 404, 200, 404, 404, 404),
    ("GET",    "/api/v1/participants/{other}/consents/",   401, 404, 404, 404, 404, 404, 404, 404, 200, 200),
    ("GET",    "/api/v1/opportunities/",                   401, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    ("POST",   "/api/v1/opportunities/",                   401, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("GET",    "/api/v1/opportunities/{opp}/",             401, 200, 404, 404, 200, 404, 200, 404, 404, 404),
    ("GET",    "/api/v1/opportunities/{missing}/",         401, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("GET",    "/api/v1/courses/",                         401, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    ("GET",    "/api/v1/courses/{course}/",                401, 200, 404, 404, 200, 404, 200, 404, 200, 404),
    ("GET",    "/api/v1/courses/{missing}/",               401, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("GET",    "/api/oauth/token/",                        405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("POST",   "/api/oauth/token/",                        400, 400, 400, 400, 400, 400, 400, 400, 400, 400),
    ("GET",    "/api/no-such-resource/",                   404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("GET",    "/api/v1/no-such-resource/",                404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
]
# fmt: on

POST_DATA: dict[str, dict[str, object]] = {
    "/api/v1/participants/": {"first_name": "Uusi"},
    "/api/v1/opportunities/": {"title": "Uusi"},
}


def placeholders(personas: Personas) -> dict[str, int]:
    from kohtaanto.matches.tests.conftest import FORKLIFT, make_course, make_opportunity

    opp = make_opportunity(
        personas.organisation, personas.employer_organisation, [FORKLIFT], title="Varasto"
    )
    course = make_course("Trukkikortti", [FORKLIFT])
    today = timezone.localdate()
    period = f"start={today.replace(day=1).isoformat()}&end={today.isoformat()}"
    return {
        "opp": opp.pk,
        "course": course.pk,
        "organisation": personas.organisation.pk,
        "period": period,
    }

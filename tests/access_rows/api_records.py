# ruff: noqa: E501
"""Access-matrix rows of the API's participant records, proposals, trials and groups (read with
tests/test_access_matrix.py; the first API resources are in `api.py`).

The same access helpers as the pages: a participant's record (skills, tasks, DigComp results,
matches, proposals) for their own coach, the coordinator of their organisation and the
participant themself (another participant: 404 on it, 200 on their own record {other}); the
staff-only resources (sessions, writing tasks, proposing) 404 for the participant too. The
employer's contact sees the proposals to their own job and answers them; trials and groups as
on their pages, mentorings too. Anonymous: 401, every error problem+json. {item}, {task}: of {own}'s journey;
{proposal}: the coach's proposal of {own} to {opp} (the personas' employer's job); {trial},
{group}, {session}, {mentoring}, {qualification}, {unit}: as in trials_coach.py, groups.py,
mentoring.py and qualifications.py. Badges: the wallet (/me/badges/) for each participant
themself (the mentor persona has no volunteer profile here: 404), a participant's badges for
their staff (404 for the participant, as on the pages); qualifications for coaches and
coordinators of the acting organisation (the outsider too, for theirs).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from tests.factories import Personas

# fmt: off
#                 anon coach part ment empl wpm  coor anal outs othp
RECORD_OWN =     (401, 200, 200, 404, 404, 404, 200, 404, 404, 404)
RECORD_OTHER =   (401, 404, 404, 404, 404, 404, 404, 404, 200, 200)
STAFF_OWN =      (401, 200, 404, 404, 404, 404, 200, 404, 404, 404)
STAFF_OTHER =    (401, 404, 404, 404, 404, 404, 404, 404, 200, 404)
NOBODY =         (401, 404, 404, 404, 404, 404, 404, 404, 404, 404)
WRONG_METHOD =   (401, 405, 405, 405, 405, 405, 405, 405, 405, 405)
V = "/api/v1/"
P = "/api/v1/participants/"

# method  url
ROWS: list[tuple[object, ...]] = [
    ("GET",    P + "{own}/skills/",                     *RECORD_OWN),
    ("GET",    P + "{other}/skills/",                   *RECORD_OTHER),
    ("GET",    P + "{missing}/skills/",                 *NOBODY),
    ("POST",   P + "{own}/skills/{item}/confirm/",      401, 200, 200, 404, 404, 404, 200, 404, 404, 404),
    ("POST",   P + "{other}/skills/{item}/confirm/",    *NOBODY),
    ("POST",   P + "{own}/skills/{item}/reject/",       401, 200, 200, 404, 404, 404, 200, 404, 404, 404),
    ("GET",    P + "{own}/skills/{item}/reject/",       *WRONG_METHOD),
    ("GET",    P + "{own}/sessions/",                   *STAFF_OWN),
    ("GET",    P + "{other}/sessions/",                 *STAFF_OTHER),
    ("POST",   P + "{own}/sessions/",                   401, 400, 404, 404, 404, 404, 400, 404, 404, 404),
    ("GET",    P + "{own}/tasks/",                      *RECORD_OWN),
    ("GET",    P + "{other}/tasks/",                    *RECORD_OTHER),
    ("POST",   P + "{own}/tasks/",                      401, 400, 404, 404, 404, 404, 400, 404, 404, 404),
    ("POST",   P + "{own}/tasks/{task}/done/",          401, 200, 404, 404, 404, 404, 200, 404, 404, 404),
    ("POST",   P + "{other}/tasks/{task}/done/",        *NOBODY),
    ("GET",    P + "{own}/digcomp/",                    *RECORD_OWN),
    ("GET",    P + "{other}/digcomp/",                  *RECORD_OTHER),
    ("GET",    P + "{own}/matches/",                    *RECORD_OWN),
    ("GET",    P + "{other}/matches/",                  *RECORD_OTHER),
    ("GET",    P + "{own}/proposals/",                  *RECORD_OWN),
    ("GET",    P + "{other}/proposals/",                *RECORD_OTHER),
    ("POST",   P + "{own}/proposals/",                  401, 400, 404, 404, 404, 404, 400, 404, 404, 404),
    ("GET",    V + "opportunities/{opp}/proposals/",    401, 404, 404, 404, 200, 404, 404, 404, 404, 404),
    ("GET",    V + "opportunities/{missing}/proposals/", *NOBODY),
    # The coach withdraws first; the participant and the coordinator may too: 409, already done.
    ("POST",   V + "proposals/{proposal}/withdraw/",    401, 200, 409, 404, 404, 404, 409, 404, 404, 404),
    ("GET",    V + "proposals/{proposal}/withdraw/",    *WRONG_METHOD),
    ("POST",   V + "proposals/{proposal}/accept/",      401, 404, 404, 404, 200, 404, 404, 404, 404, 404),
    ("POST",   V + "proposals/{proposal}/decline/",     401, 404, 404, 404, 200, 404, 404, 404, 404, 404),
    ("POST",   V + "proposals/{missing}/decline/",      *NOBODY),
    ("GET",    V + "trials/",                           401, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    ("GET",    V + "trials/{trial}/",                   401, 200, 200, 404, 200, 200, 200, 404, 404, 404),
    ("GET",    V + "trials/{missing}/",                 *NOBODY),
    ("GET",    V + "trials/{trial}/days/",              401, 200, 200, 404, 200, 200, 200, 404, 404, 404),
    ("GET",    V + "trials/{trial}/checkins/",          401, 200, 200, 404, 200, 200, 200, 404, 404, 404),
    ("GET",    V + "groups/",                           401, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    ("GET",    V + "groups/{group}/",                   401, 200, 200, 200, 404, 404, 200, 404, 404, 404),
    ("GET",    V + "groups/{missing}/",                 *NOBODY),
    ("GET",    V + "groups/{group}/sessions/",          401, 200, 200, 200, 404, 404, 200, 404, 404, 404),
    ("GET",    V + "group-sessions/{session}/attendance/", 401, 200, 404, 200, 404, 404, 200, 404, 404, 404),
    ("POST",   V + "group-sessions/{session}/attendance/", 401, 400, 404, 400, 404, 404, 400, 404, 404, 404),
    ("GET",    V + "mentorings/",                       401, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    ("GET",    V + "mentorings/{mentoring}/",           401, 200, 200, 200, 404, 404, 200, 404, 404, 404),
    ("GET",    V + "mentorings/{missing}/",             *NOBODY),
    ("GET",    V + "mentorings/{mentoring}/meetings/",  401, 200, 200, 200, 404, 404, 200, 404, 404, 404),
    ("GET",    V + "me/badges/",                        401, 404, 200, 404, 404, 404, 404, 404, 404, 200),
    ("GET",    P + "{own}/badges/",                     *STAFF_OWN),
    ("GET",    P + "{other}/badges/",                   *STAFF_OTHER),
    ("GET",    V + "qualifications/",                   401, 200, 404, 404, 404, 404, 200, 404, 200, 404),
    ("GET",    V + "qualifications/{qualification}/",   401, 200, 404, 404, 404, 404, 200, 404, 200, 404),
    ("GET",    V + "qualifications/{missing}/",         *NOBODY),
    ("GET",    V + "qualification-units/",              401, 200, 404, 404, 404, 404, 200, 404, 200, 404),
    ("GET",    V + "qualification-units/{unit}/",       401, 200, 404, 404, 404, 404, 200, 404, 200, 404),
]
# fmt: on

POST_DATA: dict[str, dict[str, object]] = {
    **{str(row[1]): {} for row in ROWS if row[0] == "POST"},  # the writes' bodies: empty
    V + "group-sessions/{session}/attendance/": {"unknown": 1},
}


def placeholders(personas: Personas) -> dict[str, Any]:
    @cache
    def journey() -> Any:
        from kohtaanto.web.tests.journeys_support import make_journey

        return make_journey(personas)

    @cache
    def matching() -> dict[str, int]:
        from kohtaanto.matches import services
        from kohtaanto.matches.tests.conftest import FORKLIFT, make_opportunity, ready

        ready(personas.participant, [FORKLIFT])
        opp = make_opportunity(
            personas.organisation, personas.employer_organisation, [FORKLIFT], title="Trukki"
        )
        proposal = services.propose(personas.coach, personas.participant.pk, opp.pk)
        return {"opp": opp.pk, "proposal": proposal.pk}

    @cache
    def area(name: str) -> dict[str, int]:
        from tests import access_rows

        module = __import__(f"{access_rows.__name__}.{name}", fromlist=["placeholders"])
        return module.placeholders(personas)  # type: ignore[no-any-return]

    return {
        "item": lambda: journey().item.pk,
        "task": lambda: journey().task.pk,
        "opp": lambda: matching()["opp"],
        "proposal": lambda: matching()["proposal"],
        "trial": lambda: area("trials_coach")["trial"],
        "group": lambda: area("groups")["group"],
        "session": lambda: area("groups")["session"],
        "mentoring": lambda: area("mentoring")["mentoring"],
        "qualification": lambda: area("qualifications")["qualification"],
        "unit": lambda: area("qualifications")["unit"],
    }

# ruff: noqa: E501
"""Access-matrix rows of the groups pages (read with tests/test_access_matrix.py).

`ROWS`: (method, url template, one status per persona in `PERSONAS` order). `placeholders`
makes the objects the URLs name and returns their ids for the templates' {fields}. `POST_DATA`
(url template → form data) is what a POST row sends instead of the default data.

{group}: an open group of the personas' organisation led by the mentor, the participant a
member, with {session} tomorrow (its roll call not open yet) and {started}, a session that
started ten minutes ago (roll call open, no longer cancellable); {closed_group}: a closed group
of the same organisation with no leader and no members (only coaches and coordinators see
it); {foreign_group}: an open group of the outsider's organisation, which another participant (of that
organisation) may see and join like the participant persona sees {group}.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tests.factories import Personas

# fmt: off
# method  url                                     anon coach part ment empl wpm  coor anal outs othp
ROWS: list[tuple[object, ...]] = [
    ("GET",  "/groups/",                               302, 200, 200, 200, 404, 404, 200, 404, 200, 200),
    ("POST", "/groups/",                               302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("GET",  "/groups/new/",                           302, 200, 404, 404, 404, 404, 200, 404, 200, 404),
    ("POST", "/groups/new/",                           302, 302, 404, 404, 404, 404, 302, 404, 302, 404),
    ("GET",  "/groups/{group}/",                       302, 200, 200, 200, 404, 404, 200, 404, 404, 404),
    ("GET",  "/groups/{closed_group}/",                302, 200, 404, 404, 404, 404, 200, 404, 404, 404),
    ("GET",  "/groups/{foreign_group}/",               302, 404, 404, 404, 404, 404, 404, 404, 200, 200),
    ("GET",  "/groups/{missing}/",                     302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("POST", "/groups/{group}/",                       302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("GET",  "/groups/{group}/edit/",                  302, 200, 404, 404, 404, 404, 200, 404, 404, 404),
    ("POST", "/groups/{group}/edit/",                  302, 302, 404, 404, 404, 404, 302, 404, 404, 404),
    ("GET",  "/groups/{group}/join/",                  302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("POST", "/groups/{group}/join/",                  302, 404, 302, 404, 404, 404, 404, 404, 404, 404),
    ("POST", "/groups/{closed_group}/join/",           302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("GET",  "/groups/{group}/members/",               302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("POST", "/groups/{group}/members/",               302, 302, 404, 302, 404, 404, 302, 404, 404, 404),
    ("POST", "/groups/{foreign_group}/members/",       302, 404, 404, 404, 404, 404, 404, 404, 302, 404),
    ("GET",  "/groups/{group}/materials/",             302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("POST", "/groups/{group}/materials/",             302, 302, 404, 302, 404, 404, 302, 404, 404, 404),
    ("GET",  "/groups/{group}/tasks/",                 302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("POST", "/groups/{group}/tasks/",                 302, 302, 404, 302, 404, 404, 302, 404, 404, 404),
    ("GET",  "/groups/{group}/sessions/new/",          302, 200, 404, 200, 404, 404, 200, 404, 404, 404),
    ("POST", "/groups/{group}/sessions/new/",          302, 302, 404, 302, 404, 404, 302, 404, 404, 404),
    ("GET",  "/groups/{closed_group}/sessions/new/",   302, 200, 404, 404, 404, 404, 200, 404, 404, 404),
    ("GET",  "/groups/sessions/{session}/",            302, 200, 404, 200, 404, 404, 200, 404, 404, 404),
    ("GET",  "/groups/sessions/{started}/",            302, 200, 404, 200, 404, 404, 200, 404, 404, 404),
    ("POST", "/groups/sessions/{started}/attendance/", 302, 302, 404, 302, 404, 404, 302, 404, 404, 404),
    ("POST", "/groups/sessions/{started}/cancel/",     302, 200, 404, 200, 404, 404, 200, 404, 404, 404),
    ("GET",  "/groups/sessions/{missing}/",            302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("POST", "/groups/sessions/{session}/",            302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("GET",  "/groups/sessions/{session}/attendance/", 302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("POST", "/groups/sessions/{session}/attendance/", 302, 302, 404, 302, 404, 404, 302, 404, 404, 404),
    ("GET",  "/groups/sessions/{session}/cancel/",     302, 200, 404, 200, 404, 404, 200, 404, 404, 404),
    ("POST", "/groups/sessions/{session}/cancel/",     302, 200, 404, 200, 404, 404, 200, 404, 404, 404),
]
# fmt: on

POST_DATA: dict[str, dict[str, object]] = {
    "/groups/new/": {"name": "Uusi ryhmä", "kind": "hobby", "language": "fi", "is_open": "on"},
    "/groups/{group}/edit/": {"name": "Kiipeily", "kind": "hobby", "language": "fi"},
    "/groups/{group}/join/": {"action": "leave"},
    "/groups/{closed_group}/join/": {"action": "join"},
    "/groups/{group}/members/": {"action": "none"},
    "/groups/{foreign_group}/members/": {"action": "none"},
    "/groups/{group}/materials/": {"title": "Reitit", "text": "Lue ennen kertaa."},
    "/groups/{group}/tasks/": {"title": "Valitse reitti"},
    "/groups/{group}/sessions/new/": {
        "date": "2031-05-05",
        "start": "10:00",
        "end": "11:00",
        "repeat": "once",
        "allow_overlap": "on",
    },
    "/groups/sessions/{session}/attendance/": {},
    "/groups/sessions/{session}/cancel/": {"reason": ""},
    "/groups/sessions/{started}/attendance/": {},
    "/groups/sessions/{started}/cancel/": {"reason": "Myöhässä"},
}


def placeholders(personas: Personas) -> dict[str, int]:
    from kohtaanto.groups import services

    group = services.create_group(
        organisation=personas.organisation,
        by=personas.coordinator,
        leaders=[personas.mentor],
        name="Kiipeilyryhmä",
        kind="hobby",
    )
    services.invite(group, personas.participant, by=personas.coach)
    services.answer_invitation(group, personas.participant, accept=True, by=None)
    tomorrow = timezone.now() + dt.timedelta(days=1)
    session = services.schedule_sessions(
        group, starts=tomorrow, ends=tomorrow + dt.timedelta(hours=2), by=personas.mentor
    )[0]
    started = timezone.now() - dt.timedelta(minutes=10)
    started_session = services.schedule_sessions(
        group, starts=started, ends=started + dt.timedelta(hours=1), by=personas.mentor
    )[0]
    closed = services.create_group(
        organisation=personas.organisation,
        by=personas.coordinator,
        name="Suljettu ryhmä",
        kind="team_coaching",
        is_open=False,
    )
    foreign = services.create_group(
        organisation=personas.other_organisation,
        by=personas.outsider,
        name="Toisen järjestön ryhmä",
        kind="hobby",
    )
    return {
        "group": group.pk,
        "session": session.pk,
        "started": started_session.pk,
        "closed_group": closed.pk,
        "foreign_group": foreign.pk,
    }

# ruff: noqa: E501
"""Access-matrix rows of the supportline pages (read with tests/test_access_matrix.py).

`ROWS`: (method, url template, one status per persona in `PERSONAS` order). `placeholders`
makes the objects the URLs name and returns their ids for the templates' {fields}. `POST_DATA`
(url template → form data) is what a POST row sends instead of the default data.

The line belongs to the personas' organisation; the `mentor` persona is its volunteer and on a
shift now (so they see the open call-backs), `{sh}` is a later shift nobody has signed up
for. Coordinators see everything of the line, analysts its statistics only; coaches,
participants, employer-side personas and the outsider get 404. The volunteer actions
(sign up, cancel, swap) answer 302 back to the calendar, with a message when refused.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tests.factories import Personas

# fmt: off
# method  url                                    anon coach part ment empl wpm  coor anal outs othp
ROWS: list[tuple[object, ...]] = [
    ("GET",  "/supportline/",                       302, 404, 404, 302, 404, 404, 302, 302, 404, 404),
    ("POST", "/supportline/",                       302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("GET",  "/supportline/{line}/",                302, 404, 404, 200, 404, 404, 200, 404, 404, 404),
    ("GET",  "/supportline/{line}/?week=2026-W53",  302, 404, 404, 200, 404, 404, 200, 404, 404, 404),
    ("GET",  "/supportline/{missing}/",             302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("GET",  "/supportline/{line}/shifts/new/",     302, 404, 404, 404, 404, 404, 200, 404, 404, 404),
    ("POST", "/supportline/{line}/shifts/new/",     302, 404, 404, 404, 404, 404, 302, 404, 404, 404),
    ("GET",  "/supportline/shifts/{sh}/sign-up/",   302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("POST", "/supportline/shifts/{sh}/sign-up/",   302, 404, 404, 302, 404, 404, 404, 404, 404, 404),
    ("POST", "/supportline/shifts/{missing}/sign-up/", 302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("POST", "/supportline/shifts/{sh}/cancel/",    302, 404, 404, 302, 404, 404, 404, 404, 404, 404),
    ("POST", "/supportline/shifts/{sh}/offer-swap/", 302, 404, 404, 302, 404, 404, 404, 404, 404, 404),
    ("POST", "/supportline/shifts/{sh}/take-swap/", 302, 404, 404, 302, 404, 404, 404, 404, 404, 404),
    ("GET",  "/supportline/{line}/log/",            302, 404, 404, 200, 404, 404, 200, 404, 404, 404),
    ("POST", "/supportline/{line}/log/",            302, 404, 404, 302, 404, 404, 302, 404, 404, 404),
    ("GET",  "/supportline/{line}/callbacks/",      302, 404, 404, 200, 404, 404, 200, 404, 404, 404),
    ("GET",  "/supportline/callbacks/{cb}/done/",   302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("POST", "/supportline/callbacks/{cb}/done/",   302, 404, 404, 302, 404, 404, 302, 404, 404, 404),
    ("GET",  "/supportline/{line}/statistics/",     302, 404, 404, 404, 404, 404, 200, 200, 404, 404),
]
# fmt: on

POST_DATA: dict[str, dict[str, object]] = {
    "/supportline/{line}/shifts/new/": {
        "day": "2099-03-02",
        "start": "17:00",
        "end": "20:00",
        "needed": "2",
        "region": "",
        "remote": "on",
        "repeat": "none",
    },
    "/supportline/{line}/log/": {
        "channel": "phone",
        "duration_minutes": "12",
        "topics": ["job_loss"],
        "caller_group": "",
        "region": "",
        "follow_up": "none",
    },
    # Without "done": "yes" the call-back stays (the row checks who may, not the deletion).
    "/supportline/callbacks/{cb}/done/": {},
}


def placeholders(personas: Personas) -> dict[str, int]:
    from kohtaanto.supportline import services
    from kohtaanto.supportline.models import Line, Shift, ShiftSignup

    line = Line.objects.filter(organisation=personas.organisation, name="Tukiluuri").first()
    if line is None:
        line = services.create_line(personas.organisation, name="Tukiluuri", regions=["08"])
        services.add_volunteer(line, personas.mentor)
        now = timezone.now()
        current = Shift.objects.create(
            line=line, starts=now - dt.timedelta(hours=1), ends=now + dt.timedelta(hours=2)
        )
        ShiftSignup.objects.create(shift=current, user=personas.mentor)
        Shift.objects.create(
            line=line, starts=now + dt.timedelta(days=3), ends=now + dt.timedelta(days=3, hours=3)
        )
        services.log_contact(
            line,
            by=personas.mentor,
            channel="phone",
            duration_minutes=10,
            topics=["money"],
            follow_up="callback",
            callback_phone="040 123 4567",
        )
    shift = line.shifts.order_by("-starts").first()
    callback = line.contacts.filter(callback__isnull=False).order_by("pk").first()
    assert shift is not None and callback is not None
    return {"line": line.pk, "sh": shift.pk, "cb": callback.callback.pk}

"""Access-matrix rows of the mentoring pages (read with tests/test_access_matrix.py).

`ROWS`: (method, url template, one status per persona in `PERSONAS` order). `placeholders`
makes the objects the URLs name and returns their ids for the templates' {fields}. `POST_DATA`
(url template → form data) is what a POST row sends instead of the default data.

The placeholders: the `mentor` persona is an active individual mentor of Polku ry in the pool
({volunteer}), mentoring the `participant` persona ({mentoring}, active, coached by `coach`)
with one meeting ({meeting}). Only the mentor who wrote a meeting may open its notes.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tests.factories import Personas

# fmt: off
# method  url                                 anon coach part ment empl wpm  coor anal outs othp
ROWS: list[tuple[object, ...]] = [
    ("GET",  "/volunteers/",                  302, 404, 404, 404, 404, 404, 200, 404, 404, 404),
    ("GET",  "/volunteers/?role=group_leader&town=Kouvola&language=ar&expiring=on",
                                              302, 404, 404, 404, 404, 404, 200, 404, 404, 404),
    ("POST", "/volunteers/",                  302, 404, 404, 404, 404, 404, 405, 404, 404, 404),
    ("GET",  "/volunteers/add/",              302, 404, 404, 404, 404, 404, 405, 404, 404, 404),
    ("POST", "/volunteers/add/",              302, 404, 404, 404, 404, 404, 400, 404, 404, 404),
    ("POST", "/volunteers/courses/",          302, 404, 404, 404, 404, 404, 302, 404, 404, 404),
    ("GET",  "/volunteers/courses/",          302, 404, 404, 404, 404, 404, 405, 404, 404, 404),
    ("GET",  "/volunteers/{volunteer}/",      302, 404, 404, 404, 404, 404, 200, 404, 404, 404),
    ("GET",  "/volunteers/{missing}/",        302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("POST", "/volunteers/{volunteer}/",      302, 404, 404, 404, 404, 404, 302, 404, 404, 404),
    ("POST", "/volunteers/{volunteer}/training/",
                                              302, 404, 404, 404, 404, 404, 400, 404, 404, 404),
    ("GET",  "/volunteers/{volunteer}/training/",
                                              302, 404, 404, 404, 404, 404, 405, 404, 404, 404),
    ("POST", "/volunteers/{volunteer}/check/",302, 404, 404, 404, 404, 404, 302, 404, 404, 404),
    ("GET",  "/my/volunteer/",                302, 404, 404, 200, 404, 404, 404, 404, 404, 404),
    ("POST", "/my/volunteer/",                302, 404, 404, 302, 404, 404, 404, 404, 404, 404),
    ("GET",  "/my/mentor/",                   302, 404, 200, 404, 404, 404, 404, 404, 404, 200),
    ("POST", "/my/mentor/",                   302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("GET",  "/mentorings/",                  302, 200, 404, 200, 404, 404, 200, 404, 200, 404),
    ("GET",  "/mentorings/{mentoring}/",      302, 200, 200, 200, 404, 404, 200, 404, 404, 404),
    ("GET",  "/mentorings/{missing}/",        302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("POST", "/mentorings/{mentoring}/",      302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("GET",  "/mentorings/{mentoring}/accept/",
                                              302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("POST", "/mentorings/{mentoring}/accept/",
                                              302, 404, 302, 302, 404, 404, 404, 404, 404, 404),
    ("POST", "/mentorings/{mentoring}/decline/",
                                              302, 302, 302, 302, 404, 404, 302, 404, 404, 404),
    ("POST", "/mentorings/{mentoring}/confirm/",
                                              302, 404, 404, 404, 404, 404, 302, 404, 404, 404),
    ("POST", "/mentorings/{mentoring}/plan/", 302, 404, 302, 302, 404, 404, 302, 404, 404, 404),
    ("POST", "/mentorings/{mentoring}/share/",302, 404, 302, 404, 404, 404, 404, 404, 404, 404),
    ("POST", "/mentorings/{mentoring}/meetings/",
                                              302, 404, 404, 302, 404, 404, 404, 404, 404, 404),
    ("POST", "/mentorings/{mentoring}/close/",302, 404, 302, 302, 404, 404, 302, 404, 404, 404),
    ("POST", "/mentorings/{mentoring}/feedback/",
                                              302, 404, 302, 302, 404, 404, 404, 404, 404, 404),
    ("GET",  "/mentorings/meetings/{meeting}/",
                                              302, 404, 404, 200, 404, 404, 404, 404, 404, 404),
    ("POST", "/mentorings/meetings/{meeting}/",
                                              302, 404, 404, 302, 404, 404, 404, 404, 404, 404),
]
# fmt: on

POST_DATA: dict[str, dict[str, object]] = {
    "/volunteers/{volunteer}/": {
        "roles": ["individual_mentor"],
        "active": "on",
        "towns": "Kouvola",
        "capacity_mentees": "2",
        "capacity_groups": "1",
    },
    "/volunteers/courses/": {"name": "Oppimismentoriohjelma", "hours": "40"},
    "/my/volunteer/": {"towns": "Kotka", "capacity_mentees": "3", "capacity_groups": "1"},
    "/mentorings/{mentoring}/meetings/": {
        "date": lambda: (timezone.localdate() - dt.timedelta(days=3)).isoformat(),
        "shared_note": "Harjoittelimme haastattelua.",
        "private_note": "Muista kysyä jaksamisesta.",
    },
    "/mentorings/{mentoring}/close/": {"confirm": "on"},
    "/mentorings/{mentoring}/plan/": {"goals": "Löytää töitä varastosta.", "planned_end": ""},
    "/mentorings/meetings/{meeting}/": {"shared_note": "Uusi muistiinpano.", "private_note": ""},
}


def placeholders(personas: Personas) -> dict[str, int]:
    """Idempotent: other areas' placeholders may make the same volunteer profile."""
    from kohtaanto.mentoring.enums import MentoringStatus, VolunteerRole
    from kohtaanto.mentoring.models import (
        Mentoring,
        MentoringMeeting,
        VolunteerEngagement,
        VolunteerProfile,
    )

    profile, _ = VolunteerProfile.objects.get_or_create(user=personas.mentor)
    engagement, _ = VolunteerEngagement.objects.get_or_create(
        volunteer=profile, organisation=personas.organisation
    )
    if VolunteerRole.INDIVIDUAL_MENTOR not in engagement.roles or not engagement.active:
        engagement.roles = sorted({*engagement.roles, VolunteerRole.INDIVIDUAL_MENTOR})
        engagement.active = True
        engagement.save()
    now = timezone.now()
    mentoring, _ = Mentoring.objects.get_or_create(
        participant=personas.participant,
        mentor=personas.mentor,
        organisation=personas.organisation,
        status=MentoringStatus.ACTIVE,
        defaults={
            "goals": "Löytää töitä varastosta.",
            "proposed_by": personas.coach,
            "confirmed_by": personas.coordinator,
            "confirmed_at": now,
            "participant_accepted_at": now,
            "mentor_accepted_at": now,
        },
    )
    meeting, _ = MentoringMeeting.objects.get_or_create(
        mentoring=mentoring,
        date=timezone.localdate(),
        defaults={
            "shared_note": "Tutustuimme.",
            "private_note": "Vain mentorin muistiinpano.",
            "written_by": personas.mentor,
        },
    )
    return {"volunteer": profile.pk, "mentoring": mentoring.pk, "meeting": meeting.pk}

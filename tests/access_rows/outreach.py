# ruff: noqa: E501
"""Access-matrix rows of the outreach pages (read with tests/test_access_matrix.py).

`ROWS`: (method, url template, one status per persona in `PERSONAS` order). `placeholders`
makes the objects the URLs name and returns their ids for the templates' {fields}. `POST_DATA`
(url template → form data) is what a POST row sends instead of the default data.

The visit group of `placeholders` is in the personas' organisation, led by the mentor persona,
with the participant persona as a member; its visit is to the employer persona's company, with
one interview. Recorders (coach, coordinator, the leader) get the form back with its errors
(200) for an empty POST; the review's empty POST decides nothing and goes back to the visit.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from kohtaanto.groups.enums import GroupKind, MemberStatus
from kohtaanto.groups.models import Group, GroupMember
from kohtaanto.outreach import services
from kohtaanto.outreach.enums import Certainty, EventKind, TimeHorizon
from tests.factories import Personas

G = "/outreach/groups/{visit_group}/visits/"
V = "/outreach/visits/{visit}/"
I = "/outreach/interventions/{intervention}/"  # noqa: E741
R = "/outreach/interviews/{interview}/review/"

# fmt: off
# method  url                                         anon coach part ment empl wpm  coor anal outs othp
ROWS: list[tuple[object, ...]] = [
    ("GET",  "/outreach/",                             302, 200, 200, 200, 404, 404, 200, 404, 200, 404),
    ("POST", "/outreach/",                             302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("GET",  G,                                        302, 200, 200, 200, 404, 404, 200, 404, 404, 404),
    ("GET",  "/outreach/groups/{missing}/visits/",     302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("GET",  G + "new/",                               302, 200, 404, 200, 404, 404, 200, 404, 404, 404),
    ("POST", G + "new/",                               302, 200, 404, 200, 404, 404, 200, 404, 404, 404),
    ("GET",  V,                                        302, 200, 200, 200, 404, 404, 200, 404, 404, 404),
    ("GET",  "/outreach/visits/{missing}/",            302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("POST", V,                                        302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("GET",  V + "interview/",                         302, 200, 404, 200, 404, 404, 200, 404, 404, 404),
    ("POST", V + "interview/",                         302, 200, 404, 200, 404, 404, 200, 404, 404, 404),
    ("GET",  R,                                        302, 200, 404, 200, 404, 404, 200, 404, 404, 404),
    ("POST", R,                                        302, 302, 404, 302, 404, 404, 302, 404, 404, 404),
    ("GET",  "/outreach/employers/{employer}/",        302, 200, 404, 404, 404, 404, 200, 404, 404, 404),
    ("GET",  "/outreach/employers/{missing}/",         302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("GET",  "/outreach/interventions/",               302, 200, 404, 404, 404, 404, 200, 404, 200, 404),
    ("GET",  "/outreach/interventions/new/",           302, 404, 404, 404, 404, 404, 200, 404, 404, 404),
    ("POST", "/outreach/interventions/new/",           302, 404, 404, 404, 404, 404, 200, 404, 404, 404),
    ("GET",  I,                                        302, 200, 404, 404, 404, 404, 200, 404, 404, 404),
    ("GET",  "/outreach/interventions/{missing}/",     302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("GET",  I + "edit/",                              302, 404, 404, 404, 404, 404, 200, 404, 404, 404),
    ("POST", I + "edit/",                              302, 404, 404, 404, 404, 404, 200, 404, 404, 404),
]
# fmt: on

POST_DATA: dict[str, dict[str, object]] = {
    G + "new/": {},
    V + "interview/": {},
    R: {},
    "/outreach/interventions/new/": {},
    I + "edit/": {},
}


def placeholders(personas: Personas) -> dict[str, int]:
    group = Group.objects.filter(
        organisation=personas.organisation, kind=GroupKind.COMPANY_VISITS, name="Yritysvierailut"
    ).first()
    if group is None:
        group = Group.objects.create(
            organisation=personas.organisation,
            name="Yritysvierailut",
            kind=GroupKind.COMPANY_VISITS,
        )
        group.leaders.add(personas.mentor)
        GroupMember.objects.create(
            group=group, participant=personas.participant, status=MemberStatus.MEMBER
        )
    visit = group.company_visits.first()
    if visit is None:
        visit = services.record_visit(
            group,
            employer=personas.employer_organisation,
            visited_on=timezone.localdate() - dt.timedelta(days=16),
            visitors=[personas.participant],
            by=personas.mentor,
        )
        services.record_interview(
            visit,
            text="Tarvitsemme hitsaajia ja asiakaspalvelua.",
            time_horizon=TimeHorizon.ONE_TO_TWO,
            certainty=Certainty.LIKELY,
            by=personas.mentor,
        )
    interview = visit.interviews.first()
    assert interview is not None
    intervention = personas.organisation.interventions.first()
    if intervention is None:
        intervention = services.create_intervention(
            organisation=personas.organisation,
            name="Tehtaan sulkeminen",
            municipality_code="286",
            event_kind=EventKind.CLOSURE,
            company_name="Tehdas Oy",
            event_date=timezone.localdate() - dt.timedelta(days=67),
            people_affected=100,
            groups=[group],
            by=personas.coordinator,
        )
    return {
        "visit_group": group.pk,
        "visit": visit.pk,
        "interview": interview.pk,
        "employer": personas.employer_organisation.pk,
        "intervention": intervention.pk,
    }

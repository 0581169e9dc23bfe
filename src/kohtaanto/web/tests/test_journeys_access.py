"""Who may open which journey page: every new URL × every persona → the expected status.

Same reading as `tests/test_access_matrix.py`: 302 for anonymous = sent to the login page;
404 (never 403) hides whether a record exists. Staff pages are for coaches (own caseload)
and coordinators (whole organisation); the participant gets 404 there even for their own
record and uses the "my" pages instead. Placeholders: {own} the participant persona's record,
{unassigned} same organisation but nobody's caseload, {other} the outsider's participant,
{missing} no such id, {item}/{task}/{step}/{attempt}/{draft} objects of {own}'s journey.
"""

from __future__ import annotations

import pytest
from django.test import Client
from tests.factories import Personas

from kohtaanto.profiles.enums import ChangeKind
from kohtaanto.profiles.models import ChangeRequest
from kohtaanto.web.tests.journeys_support import Journey, make_journey

# fmt: off
PERSONAS = (
    "anonymous", "coach", "participant", "mentor", "employer_contact", "workplace_mentor",
    "coordinator", "analyst", "outsider",
)
STAFF_OWN = (302, 200, 404, 404, 404, 404, 200, 404, 404)
STAFF_UNASSIGNED = (302, 404, 404, 404, 404, 404, 200, 404, 404)
STAFF_OTHER = (302, 404, 404, 404, 404, 404, 404, 404, 200)
NOBODY = (302, 404, 404, 404, 404, 404, 404, 404, 404)
STAFF_LIST = (302, 200, 404, 404, 404, 404, 200, 404, 200)
OWN_ONLY = (302, 404, 200, 404, 404, 404, 404, 404, 404)
OWN_POST = (302, 404, 302, 404, 404, 404, 404, 404, 404)
WRONG_METHOD = (302, 405, 405, 405, 405, 405, 405, 405, 405)
POST_OWN = (302, 302, 404, 404, 404, 404, 302, 404, 404)
P = "/participants/"

MATRIX = [
    ("GET",  "/caseload/",                                     *STAFF_LIST),
    ("GET",  "/caseload/?status=active&sort=-name&page=2",     *STAFF_LIST),
    ("POST", "/caseload/",                                     *STAFF_LIST),  # the name search
    ("GET",  P + "new/",                                       *STAFF_LIST),
    ("POST", P + "new/",                                       *STAFF_LIST),  # invalid: form again
    ("GET",  P + "{own}/intake/story/",                        *STAFF_OWN),
    ("GET",  P + "{unassigned}/intake/story/",                 *STAFF_UNASSIGNED),
    ("GET",  P + "{other}/intake/story/",                      *STAFF_OTHER),
    ("GET",  P + "{own}/intake/goals/",                        *STAFF_OWN),
    ("GET",  P + "{own}/intake/service/",                      *STAFF_OWN),
    ("GET",  P + "{own}/intake/esf/",                          *STAFF_OWN),
    ("GET",  P + "{other}/intake/esf/",                        *STAFF_OTHER),
    ("GET",  P + "{own}/story/",                               *STAFF_OWN),
    ("GET",  P + "{unassigned}/story/",                        *STAFF_UNASSIGNED),
    ("GET",  P + "{other}/story/",                             *STAFF_OTHER),
    ("GET",  P + "{missing}/story/",                           *NOBODY),
    ("POST", P + "{own}/skills/{item}/decide/",                *POST_OWN),
    ("POST", P + "{other}/skills/{item}/decide/",              *NOBODY),  # item not theirs
    ("GET",  P + "{own}/skills/{item}/decide/",                *WRONG_METHOD),
    ("GET",  P + "{own}/skills/search/?q=tr",                  *STAFF_OWN),
    ("POST", P + "{own}/skills/add/",                          *POST_OWN),
    ("GET",  P + "{own}/profile/",                             *STAFF_OWN),
    ("GET",  P + "{other}/profile/",                           *STAFF_OTHER),
    ("GET",  P + "{own}/plan/",                                *STAFF_OWN),
    ("GET",  P + "{unassigned}/plan/",                         *STAFF_UNASSIGNED),
    ("POST", P + "{own}/plan/tasks/{task}/done/",              *POST_OWN),
    ("POST", P + "{other}/plan/tasks/{task}/done/",            *NOBODY),
    ("POST", P + "{own}/plan/steps/{step}/done/",              *POST_OWN),
    ("GET",  P + "{own}/digcomp/",                             *STAFF_OWN),
    ("GET",  P + "{other}/digcomp/",                           *STAFF_OTHER),
    ("POST", P + "{own}/digcomp/start/",                       *POST_OWN),
    ("GET",  P + "{own}/digcomp/{attempt}/1/",                 *STAFF_OWN),
    ("GET",  P + "{other}/digcomp/{attempt}/1/",               *NOBODY),
    ("GET",  P + "{own}/documents/",                           *STAFF_OWN),
    ("GET",  P + "{other}/documents/",                         *STAFF_OTHER),
    ("POST", P + "{own}/documents/cv/",                        *POST_OWN),
    ("GET",  P + "{own}/documents/cv/{draft}/",                *STAFF_OWN),
    ("GET",  P + "{own}/documents/cv/{draft}/pdf/",            *STAFF_OWN),
    ("GET",  P + "{other}/documents/cv/{draft}/pdf/",          *NOBODY),
    ("GET",  P + "{own}/end/",                                 *STAFF_OWN),
    ("GET",  P + "{unassigned}/end/",                          *STAFF_UNASSIGNED),
    ("GET",  P + "{other}/end/",                               *STAFF_OTHER),
    ("GET",  P + "{own}/limits/",                              *STAFF_OWN),
    ("GET",  P + "{unassigned}/limits/",                       *STAFF_UNASSIGNED),
    ("GET",  P + "{other}/limits/",                            *STAFF_OTHER),
    ("GET",  P + "{missing}/limits/",                          *NOBODY),
    ("GET",  "/my/path/",                                      *OWN_ONLY),
    ("POST", "/my/skills/{own}/{item}/decide/",                *OWN_POST),
    ("POST", "/my/skills/{other}/{item}/decide/",              *NOBODY),
    ("GET",  "/my/skills/search/?q=tr",                        *OWN_ONLY),
    ("GET",  "/my/skills/suggest/?kind=remove&item={item}",    *OWN_ONLY),
    ("GET",  "/my/skills/suggest/?kind=remove&item={missing}", *NOBODY),
    ("POST", "/my/skills/suggest/",                            *OWN_POST),
    ("POST", "/my/digcomp/start/",                             *OWN_POST),
    ("GET",  "/my/digcomp/start/",                             *WRONG_METHOD),
    ("GET",  "/my/digcomp/{attempt}/1/",                       *OWN_ONLY),
    ("GET",  "/my/digcomp/{missing}/1/",                       *NOBODY),
    ("GET",  "/my/digcomp/{attempt}/9/",                       *NOBODY),
    ("POST", P + "{own}/changes/{change}/decide/",             *POST_OWN),
    ("POST", P + "{other}/changes/{change}/decide/",           *NOBODY),
    ("POST", P + "{unassigned}/changes/{change}/decide/",      *NOBODY),
    ("GET",  P + "{own}/changes/{change}/decide/",             *WRONG_METHOD),
    ("GET",  "/my/cv/{draft}/pdf/",                            *OWN_ONLY),
    ("GET",  "/my/data/",                                      *OWN_ONLY),
    ("GET",  "/my/data/json/",                                 *OWN_ONLY),
    ("GET",  "/my/data/html/",                                 *OWN_ONLY),
    ("GET",  "/my/data/xml/",                                  *NOBODY),
]
# fmt: on


def _url(template: str, personas: Personas, journey: Journey, change_id: int = 0) -> str:
    return template.format(
        own=personas.participant.pk,
        unassigned=personas.unassigned_participant.pk,
        other=personas.other_participant.pk,
        missing=999_999,
        item=journey.item.pk,
        task=journey.task.pk,
        step=journey.step.pk,
        attempt=journey.attempt.pk,
        draft=journey.draft.pk,
        change=change_id,
    )


def test_matrix_covers_every_persona(personas: Personas) -> None:
    assert all(len(row) == 2 + len(PERSONAS) for row in MATRIX)
    assert set(PERSONAS) == {"anonymous", *personas.users()}


def test_matrix_covers_every_journey_url() -> None:
    from django.urls import resolve

    from kohtaanto.web.journeys import urls

    names = {p.name for p in urls.urlpatterns}
    placeholders = dict.fromkeys(
        (
            "own",
            "unassigned",
            "other",
            "missing",
            "item",
            "task",
            "step",
            "attempt",
            "draft",
            "change",
        ),
        1,
    )
    covered = {resolve(row[1].split("?")[0].format(**placeholders)).url_name for row in MATRIX}
    assert names - covered == set(), "add these pages to MATRIX"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "url", "expected"),
    [(row[0], row[1], row[2:]) for row in MATRIX],
    ids=[f"{row[0]} {row[1]}" for row in MATRIX],
)
def test_access(personas: Personas, method: str, url: str, expected: tuple[int, ...]) -> None:
    journey = make_journey(personas)
    change = ChangeRequest.objects.create(
        participant=personas.participant, kind=ChangeKind.REMOVE, item=journey.item
    )
    path = _url(url, personas, journey, change.pk)
    data = {"action": "confirm", "form": "none", "done": "1", "language": "fi", "uri": ""}
    got = []
    for persona in PERSONAS:
        client = Client()
        if persona != "anonymous":
            client.force_login(personas.users()[persona])
        response = client.post(path, data) if method == "POST" else client.get(path)
        got.append(response.status_code)
        if persona == "anonymous" and response.status_code == 302:
            assert response["Location"].startswith("/login/"), response["Location"]
    if tuple(got) != tuple(expected):
        header = " ".join(f"{name[:4]:>4}" for name in PERSONAS)
        pytest.fail(
            f"{method} {url}\n"
            f"          {header}\n"
            f"expected  {' '.join(f'{status:>4}' for status in expected)}\n"
            f"got       {' '.join(f'{status:>4}' for status in got)}"
        )

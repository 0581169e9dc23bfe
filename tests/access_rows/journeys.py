"""Access-matrix rows of the journey pages (read with tests/test_access_matrix.py).

The same pages as src/kohtaanto/web/tests/test_journeys_access.py, with the 10th persona.
Staff pages are for coaches (own caseload) and coordinators (whole organisation); the
participant gets 404 there even for their own record and uses the "my" pages instead. Another
participant (of another organisation, with a login) reaches their own "my" pages (200) and
nothing of the participant persona's journey: 404 on their item, attempt, draft and change.
{item}/{task}/{step}/{attempt}/{draft}/{change}: objects of {own}'s journey.
"""

from __future__ import annotations

from tests.factories import Personas

# fmt: off
#                  anon coach part ment empl wpm  coor anal outs othp
STAFF_OWN =        (302, 200, 404, 404, 404, 404, 200, 404, 404, 404)
STAFF_UNASSIGNED = (302, 404, 404, 404, 404, 404, 200, 404, 404, 404)
STAFF_OTHER =      (302, 404, 404, 404, 404, 404, 404, 404, 200, 404)
NOBODY =           (302, 404, 404, 404, 404, 404, 404, 404, 404, 404)
STAFF_LIST =       (302, 200, 404, 404, 404, 404, 200, 404, 200, 404)
OWN_ONLY =         (302, 404, 200, 404, 404, 404, 404, 404, 404, 404)  # the participant's object
MY_PAGE =          (302, 404, 200, 404, 404, 404, 404, 404, 404, 200)  # each participant's own
OWN_POST =         (302, 404, 302, 404, 404, 404, 404, 404, 404, 404)
MY_POST =          (302, 404, 302, 404, 404, 404, 404, 404, 404, 302)
WRONG_METHOD =     (302, 405, 405, 405, 405, 405, 405, 405, 405, 405)
POST_OWN =         (302, 302, 404, 404, 404, 404, 302, 404, 404, 404)
P = "/participants/"

# method  url
ROWS: list[tuple[object, ...]] = [
    ("GET",  "/caseload/",                                     *STAFF_LIST),
    ("GET",  "/caseload/?status=active&sort=-name&page=2",     *STAFF_LIST),
    ("GET",  P + "new/",                                       *STAFF_LIST),
    ("POST", P + "new/",                                       *STAFF_LIST),  # invalid: form again
    ("GET",  P + "{own}/intake/story/",                        *STAFF_OWN),
    ("GET",  P + "{unassigned}/intake/story/",                 *STAFF_UNASSIGNED),
    ("GET",  P + "{other}/intake/story/",                      *STAFF_OTHER),
    ("GET",  P + "{own}/intake/goals/",                        *STAFF_OWN),
    ("GET",  P + "{other}/intake/goals/",                      *STAFF_OTHER),
    ("GET",  P + "{own}/intake/service/",                      *STAFF_OWN),
    ("GET",  P + "{other}/intake/service/",                    *STAFF_OTHER),
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
    ("GET",  P + "{other}/skills/search/?q=tr",                *STAFF_OTHER),
    ("POST", P + "{own}/skills/add/",                          *POST_OWN),
    ("POST", P + "{other}/skills/add/",                        *STAFF_OTHER[:8], 302, 404),
    ("GET",  P + "{own}/profile/",                             *STAFF_OWN),
    ("GET",  P + "{other}/profile/",                           *STAFF_OTHER),
    ("GET",  P + "{own}/plan/",                                *STAFF_OWN),
    ("GET",  P + "{unassigned}/plan/",                         *STAFF_UNASSIGNED),
    ("GET",  P + "{other}/plan/",                              *STAFF_OTHER),
    ("POST", P + "{own}/plan/tasks/{task}/done/",              *POST_OWN),
    ("POST", P + "{other}/plan/tasks/{task}/done/",            *NOBODY),
    ("POST", P + "{own}/plan/steps/{step}/done/",              *POST_OWN),
    ("POST", P + "{other}/plan/steps/{step}/done/",            *NOBODY),
    ("GET",  P + "{own}/digcomp/",                             *STAFF_OWN),
    ("GET",  P + "{other}/digcomp/",                           *STAFF_OTHER),
    ("POST", P + "{own}/digcomp/start/",                       *POST_OWN),
    ("GET",  P + "{own}/digcomp/start/",                       *WRONG_METHOD),
    ("GET",  P + "{own}/digcomp/{attempt}/1/",                 *STAFF_OWN),
    ("GET",  P + "{other}/digcomp/{attempt}/1/",               *NOBODY),
    ("GET",  P + "{own}/documents/",                           *STAFF_OWN),
    ("GET",  P + "{other}/documents/",                         *STAFF_OTHER),
    ("POST", P + "{own}/documents/cv/",                        *POST_OWN),
    ("GET",  P + "{own}/documents/cv/{draft}/",                *STAFF_OWN),
    ("GET",  P + "{other}/documents/cv/{draft}/",              *NOBODY),
    ("GET",  P + "{own}/documents/cv/{draft}/pdf/",            *STAFF_OWN),
    ("GET",  P + "{other}/documents/cv/{draft}/pdf/",          *NOBODY),
    ("GET",  P + "{own}/end/",                                 *STAFF_OWN),
    ("GET",  P + "{unassigned}/end/",                          *STAFF_UNASSIGNED),
    ("GET",  P + "{other}/end/",                               *STAFF_OTHER),
    ("GET",  P + "{own}/limits/",                              *STAFF_OWN),
    ("GET",  P + "{unassigned}/limits/",                       *STAFF_UNASSIGNED),
    ("GET",  P + "{other}/limits/",                            *STAFF_OTHER),
    ("GET",  P + "{missing}/limits/",                          *NOBODY),
    ("POST", P + "{own}/changes/{change}/decide/",             *POST_OWN),
    ("POST", P + "{other}/changes/{change}/decide/",           *NOBODY),
    ("POST", P + "{unassigned}/changes/{change}/decide/",      *NOBODY),
    ("GET",  P + "{own}/changes/{change}/decide/",             *WRONG_METHOD),
    ("GET",  "/my/path/",                                      *MY_PAGE),
    ("POST", "/my/skills/{own}/{item}/decide/",                *OWN_POST),
    ("POST", "/my/skills/{other}/{item}/decide/",              *NOBODY),
    ("GET",  "/my/skills/search/?q=tr",                        *MY_PAGE),
    ("GET",  "/my/skills/suggest/?kind=remove&item={item}",    *OWN_ONLY),
    ("GET",  "/my/skills/suggest/?kind=remove&item={missing}", *NOBODY),
    ("POST", "/my/skills/suggest/",                            *MY_POST),
    ("POST", "/my/digcomp/start/",                             *MY_POST),
    ("GET",  "/my/digcomp/start/",                             *WRONG_METHOD),
    ("GET",  "/my/digcomp/{attempt}/1/",                       *OWN_ONLY),
    ("GET",  "/my/digcomp/{missing}/1/",                       *NOBODY),
    ("GET",  "/my/digcomp/{attempt}/9/",                       *NOBODY),
    ("GET",  "/my/cv/{draft}/pdf/",                            *OWN_ONLY),
    ("GET",  "/my/cv/{missing}/pdf/",                          *NOBODY),
    ("GET",  "/my/data/",                                      *MY_PAGE),
    ("GET",  "/my/data/json/",                                 *MY_PAGE),
    ("GET",  "/my/data/html/",                                 *MY_PAGE),
    ("GET",  "/my/data/xml/",                                  *NOBODY),
]
# fmt: on

_DATA = {"action": "confirm", "form": "none", "done": "1", "language": "fi", "uri": ""}
POST_DATA: dict[str, dict[str, object]] = {str(row[1]): _DATA for row in ROWS if row[0] == "POST"}


def placeholders(personas: Personas) -> dict[str, int]:
    from kohtaanto.profiles.enums import ChangeKind
    from kohtaanto.profiles.models import ChangeRequest
    from kohtaanto.web.tests.journeys_support import make_journey

    journey = make_journey(personas)
    change = ChangeRequest.objects.create(
        participant=personas.participant, kind=ChangeKind.REMOVE, item=journey.item
    )
    return {
        "item": journey.item.pk,
        "task": journey.task.pk,
        "step": journey.step.pk,
        "attempt": journey.attempt.pk,
        "draft": journey.draft.pk,
        "change": change.pk,
    }

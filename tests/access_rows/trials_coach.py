# ruff: noqa: E501
"""Access-matrix rows of the coach's and the participant's trial pages (read with
tests/test_access_matrix.py).

{trial}: a running work trial of the participant persona at the employer persona's workplace,
coached by the coach persona, with the workplace-mentor persona as its mentor;
{agree_trial}: another trial of the participant whose agreement is being drafted (the
parties may confirm it); {explore_trial}: a trial still being explored (the workplace does not
see it yet); {place}: an open work-trial place of the personas' organisation.

The outsider (a coach of another organisation) gets 404 on everything of this organisation;
their own list and their own participant's new-trial page answer 200.
"""

from __future__ import annotations

from tests.factories import Personas

# fmt: off
# method  url                                     anon coach part ment empl wpm  coor anal outs othp
ROWS: list[tuple[object, ...]] = [
    ("GET",  "/trials/",                               302, 200, 404, 404, 404, 404, 200, 404, 200, 404),
    ("GET",  "/trials/?state=run",                     302, 200, 404, 404, 404, 404, 200, 404, 200, 404),
    ("POST", "/trials/",                               302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("GET",  "/my/trials/",                            302, 404, 200, 404, 404, 404, 404, 404, 404, 200),
    ("POST", "/my/trials/",                            302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("GET",  "/trials/new/?place={place}",             302, 200, 404, 404, 404, 404, 200, 404, 404, 404),
    ("GET",  "/trials/new/?place={missing}",           302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("GET",  "/participants/{own}/trials/new/",        302, 200, 404, 404, 404, 404, 200, 404, 404, 404),
    ("POST", "/participants/{own}/trials/new/",        302, 302, 404, 404, 404, 404, 302, 404, 404, 404),
    ("GET",  "/participants/{unassigned}/trials/new/", 302, 404, 404, 404, 404, 404, 200, 404, 404, 404),
    ("GET",  "/participants/{other}/trials/new/",      302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    ("GET",  "/trials/{trial}/",                       302, 200, 200, 404, 200, 200, 200, 404, 404, 404),
    ("GET",  "/trials/{explore_trial}/",               302, 200, 200, 404, 404, 404, 200, 404, 404, 404),
    ("GET",  "/trials/{missing}/",                     302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("POST", "/trials/{trial}/",                       302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("GET",  "/trials/{trial}/move/",                  302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("POST", "/trials/{trial}/move/",                  302, 302, 404, 404, 404, 404, 302, 404, 404, 404),
    ("GET",  "/trials/{agree_trial}/agreement/",       302, 200, 404, 404, 404, 404, 200, 404, 404, 404),
    ("POST", "/trials/{agree_trial}/agreement/",       302, 200, 404, 404, 404, 404, 200, 404, 404, 404),
    ("GET",  "/trials/{trial}/agreement/",             302, 200, 404, 404, 404, 404, 200, 404, 404, 404),
    ("GET",  "/trials/{agree_trial}/agreement/units/", 302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("POST", "/trials/{agree_trial}/agreement/units/", 302, 302, 404, 404, 404, 404, 302, 404, 404, 404),
    ("GET",  "/trials/{agree_trial}/confirm/",         302, 200, 200, 404, 200, 404, 200, 404, 404, 404),
    ("POST", "/trials/{agree_trial}/confirm/",         302, 200, 200, 404, 200, 404, 200, 404, 404, 404),
    ("GET",  "/trials/{explore_trial}/confirm/",       302, 200, 200, 404, 404, 404, 200, 404, 404, 404),
    ("GET",  "/trials/{trial}/agreement.pdf",          302, 200, 200, 404, 200, 200, 200, 404, 404, 404),
    ("GET",  "/trials/{missing}/agreement.pdf",        302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("GET",  "/trials/{trial}/days/",                  302, 200, 200, 404, 200, 200, 200, 404, 404, 404),
    ("POST", "/trials/{trial}/days/",                  302, 302, 404, 404, 404, 302, 302, 404, 404, 404),
    ("GET",  "/trials/{explore_trial}/days/",          302, 200, 200, 404, 404, 404, 200, 404, 404, 404),
]
# fmt: on

POST_DATA: dict[str, dict[str, object]] = {
    "/participants/{own}/trials/new/": {
        "kind": "work_trial",
        "title": "Kahvilatyö",
        "organiser_name": "Kahvila Oy",
        "organiser_business_id": "1572860-0",
        "organiser_kind": "company",
    },
    # An unknown step: staff are sent back with the reason; the trial stays as it is.
    "/trials/{trial}/move/": {"action": "no_such_step"},
    # An empty form: staff see the form again with its errors; nothing is saved.
    "/trials/{agree_trial}/agreement/": {},
    # No units: nothing changes.
    "/trials/{agree_trial}/agreement/units/": {},
    # No version of the agreement read: refused on the page; nothing is confirmed.
    "/trials/{agree_trial}/confirm/": {"action": "confirm", "party": "participant"},
    # No date: sent back with the error; no day is marked.
    "/trials/{trial}/days/": {"date": "", "status": "attended"},
}


def placeholders(personas: Personas) -> dict[str, int]:
    from kohtaanto.trials.enums import TrialState
    from tests.factories_trials import make_trial, trial_place

    trial = make_trial(personas, state=TrialState.RUN)
    agreeing = make_trial(personas, state=TrialState.AGREE)
    exploring = make_trial(personas, state=TrialState.EXPLORE)
    return {
        "trial": trial.pk,
        "agree_trial": agreeing.pk,
        "explore_trial": exploring.pk,
        "place": trial_place(personas).pk,
    }

# ruff: noqa: E501
"""Access-matrix rows of the workplace side of trials (read with tests/test_access_matrix.py).

`ROWS`: (method, url template, one status per persona in `PERSONAS` order). `placeholders`
makes the objects the URLs name and returns their ids (and link tokens) for the templates'
{fields}. `POST_DATA` (url template → form data; a callable value is computed at request time)
is what a POST row sends instead of the default data.

{trial}: a running work trial of the participant persona at the employer persona's workplace,
coached by the coach persona, with the workplace-mentor persona as its workplace mentor and
one qualification requirement; {explore}: a trial of the same participant still being explored
(the workplace does not see it yet); {token}: a working signed link of {trial} (no login
needed: every persona, also anonymous, reaches its forms); {expired}: a link of {trial} that
has expired (410); {bad}: a token whose signature does not hold (404).

The link's POSTs send a form without a mood, ratings or a day: the link opens the form for
everyone (its errors: 400; a saved one redirects to the link's own page, which the matrix
cannot tell from a login redirect), so nothing is saved here; the page tests save. The
logged-in POSTs likewise: those who may write get the form back (400), others 404.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tests.factories import Personas


def _this_week() -> str:
    today = timezone.localdate()
    return (today - dt.timedelta(days=today.weekday())).isoformat()


def _requirement() -> object:
    from kohtaanto.trials.models import TrialRequirement

    return TrialRequirement.objects.order_by("-pk").values_list("pk", flat=True).first()


def _link() -> object:
    from kohtaanto.trials.models import CheckInLink

    return (
        CheckInLink.objects.filter(revoked_at__isnull=True, expires__gt=timezone.now())
        .order_by("-pk")
        .values_list("pk", flat=True)
        .first()
    )


# fmt: off
# method  url                             anon coach part ment empl wpm  coor anal outs othp
ROWS: list[tuple[object, ...]] = [
    ("GET",  "/trials/at-work/",               302, 404, 404, 404, 200, 200, 404, 404, 404, 404),
    ("POST", "/trials/at-work/",               302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("GET",  "/trials/{trial}/checkin/",       302, 404, 404, 404, 404, 200, 404, 404, 404, 404),
    ("POST", "/trials/{trial}/checkin/",       302, 404, 404, 404, 404, 302, 404, 404, 404, 404),
    ("GET",  "/trials/{explore}/checkin/",     302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("GET",  "/trials/{missing}/checkin/",     302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("GET",  "/trials/{trial}/assessment/midpoint/", 302, 200, 404, 404, 404, 200, 200, 404, 404, 404),
    ("GET",  "/trials/{trial}/assessment/halfway/", 302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("POST", "/trials/{trial}/assessment/final/", 302, 400, 404, 404, 404, 400, 400, 404, 404, 404),
    ("GET",  "/trials/{trial}/evidence/",      302, 200, 404, 404, 404, 200, 200, 404, 404, 404),
    ("POST", "/trials/{trial}/evidence/",      302, 400, 404, 404, 404, 400, 400, 404, 404, 404),
    ("GET",  "/trials/{trial}/link/",          302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("POST", "/trials/{trial}/link/",          302, 302, 404, 404, 404, 404, 302, 404, 404, 404),
    ("POST", "/trials/{trial}/link/revoke/",   302, 302, 404, 404, 404, 404, 302, 404, 404, 404),
    ("POST", "/trials/{trial}/checkins/seen/", 302, 302, 404, 404, 404, 404, 302, 404, 404, 404),
    ("POST", "/trials/{trial}/community/",     302, 404, 302, 404, 404, 404, 404, 404, 404, 404),
    ("GET",  "/t/{token}/",                    200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    ("POST", "/t/{token}/",                    400, 400, 400, 400, 400, 400, 400, 400, 400, 400),
    ("GET",  "/t/{token}/assessment/final/",   200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    ("GET",  "/t/{token}/assessment/halfway/", 404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("POST", "/t/{token}/assessment/midpoint/", 400, 400, 400, 400, 400, 400, 400, 400, 400, 400),
    ("GET",  "/t/{token}/evidence/",           200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    ("POST", "/t/{token}/evidence/",           400, 400, 400, 400, 400, 400, 400, 400, 400, 400),
    ("GET",  "/t/{expired}/",                  410, 410, 410, 410, 410, 410, 410, 410, 410, 410),
    ("POST", "/t/{expired}/",                  410, 410, 410, 410, 410, 410, 410, 410, 410, 410),
    ("GET",  "/t/{bad}/",                      404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
]
# fmt: on

POST_DATA: dict[str, dict[str, object]] = {
    "/trials/{trial}/checkin/": {"week_start": _this_week, "mood": "good", "learnt": "Hyllytys"},
    "/t/{token}/": {"week_start": _this_week, "mood": ""},
    "/t/{expired}/": {"week_start": _this_week, "mood": "ok"},
    "/trials/{trial}/assessment/final/": {"summary": "Ei arvioita"},
    "/t/{token}/assessment/midpoint/": {"summary": "Ei arvioita"},
    "/trials/{trial}/evidence/": {"requirement": _requirement},
    "/t/{token}/evidence/": {"requirement": _requirement},
    "/trials/{trial}/link/": {"mentor_name": "Olli Ohjaaja"},
    "/trials/{trial}/link/revoke/": {"link": _link},
    "/trials/{trial}/checkins/seen/": {},
    "/trials/{trial}/community/": {"share": "yes"},
}


def placeholders(personas: Personas) -> dict[str, object]:
    from kohtaanto.qualifications.models import QualificationUnit, SkillRequirement
    from kohtaanto.trials.enums import TrialState
    from kohtaanto.trials.models import CheckInLink, TrialRequirement
    from kohtaanto.trials.services import workplace
    from tests.factories_trials import make_trial

    trial = make_trial(personas)
    explore = make_trial(personas, state=TrialState.EXPLORE)
    unit, _created = QualificationUnit.objects.get_or_create(
        eperusteet_id=990015, defaults={"name_fi": "Varastotoiminnot"}
    )
    requirement, _created = SkillRequirement.objects.get_or_create(
        unit=unit, ordinal=1, defaults={"text_fi": "hyllyttää tavarat"}
    )
    TrialRequirement.objects.create(trial=trial, requirement=requirement)
    old, expired = workplace.create_link(trial, by=personas.coach)
    _link, token = workplace.create_link(trial, by=personas.coach)
    CheckInLink.objects.filter(pk=old.pk).update(
        revoked_at=None, expires=timezone.now() - dt.timedelta(minutes=1)
    )
    raw, signature = token.split(".")
    bad = f"{raw[:-1]}{'A' if raw[-1] != 'A' else 'B'}.{signature}"
    return {
        "trial": trial.pk,
        "explore": explore.pk,
        "token": token,
        "expired": expired,
        "bad": bad,
    }

# ruff: noqa: E501
"""Access-matrix rows of a trial's end and of Puuttuva palanen (read with
tests/test_access_matrix.py): the certificate, its PDF and the workplace mentor's signing
link, skills into the profile, what came next, the learning plan and the reference letter.

`ROWS`: (method, url template, one status per persona in `PERSONAS` order). `placeholders`
makes the objects the URLs name and returns their ids for the templates' {fields}. `POST_DATA`
(url template → form data) is what a POST row sends instead of the default data.

{tc}: the participant persona's work trial at the employer persona's workplace, with the
workplace-mentor persona as its mentor, being evaluated; one requirement shown; the
certificate prepared; done as a development project of a company's need (Puuttuva palanen)
with a learning plan ({tci} its item) and the company's reference written.
{tck}: the trial's signed link for the workplace mentor (anyone holding it may sign).
{tcf}: a trial of the outsider's organisation (the outsider coaches it), the trial of another
participant (the 10th persona), who sees its certificate page like the participant sees {tc}'s.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from tests.factories import Personas

# fmt: off
# method  url                                    anon coach part ment empl wpm  coor anal outs othp
ROWS: list[tuple[object, ...]] = [
    ("GET",  "/trials/{tc}/certificate/",              302, 200, 200, 404, 404, 200, 200, 404, 404, 404),
    ("POST", "/trials/{tc}/certificate/",              302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("GET",  "/trials/{tcf}/certificate/",             302, 404, 404, 404, 404, 404, 404, 404, 200, 200),
    ("GET",  "/trials/{missing}/certificate/",         302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("GET",  "/trials/{tc}/certificate/prepare/",      302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("POST", "/trials/{tc}/certificate/prepare/",      302, 302, 404, 404, 404, 404, 302, 404, 404, 404),
    ("GET",  "/trials/{tc}/certificate/sign/",         302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("POST", "/trials/{tc}/certificate/sign/",         302, 302, 404, 404, 404, 302, 302, 404, 404, 404),
    ("POST", "/trials/{tcf}/certificate/sign/",        302, 404, 404, 404, 404, 404, 404, 404, 302, 404),
    ("GET",  "/trials/{tc}/certificate/issue/",        302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("POST", "/trials/{tc}/certificate/issue/",        302, 302, 404, 404, 404, 404, 302, 404, 404, 404),
    ("GET",  "/trials/{tc}/certificate.pdf",           302, 200, 200, 404, 404, 200, 200, 404, 404, 404),
    ("GET",  "/trials/{tcf}/certificate.pdf",          302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("GET",  "/t/{tck}/certificate/",                  200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    ("POST", "/t/{tck}/certificate/",                  200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    ("GET",  "/t/not-a-valid-token/certificate/",      404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("POST", "/t/not-a-valid-token/certificate/",      404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("GET",  "/trials/{tc}/skills/",                   302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("POST", "/trials/{tc}/skills/",                   302, 302, 404, 404, 404, 404, 302, 404, 404, 404),
    ("GET",  "/trials/{tc}/outcome/",                  302, 200, 404, 404, 404, 404, 200, 404, 404, 404),
    ("POST", "/trials/{tc}/outcome/",                  302, 302, 404, 404, 404, 404, 302, 404, 404, 404),
    ("GET",  "/trials/{tcf}/outcome/",                 302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    ("GET",  "/trials/{tc}/outcome/end-service/",      302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("POST", "/trials/{tc}/outcome/end-service/",      302, 302, 404, 404, 404, 404, 302, 404, 404, 404),
    ("GET",  "/trials/{tc}/learning/",                 302, 200, 200, 404, 404, 404, 200, 404, 404, 404),
    ("POST", "/trials/{tc}/learning/",                 302, 302, 404, 404, 404, 404, 302, 404, 404, 404),
    ("GET",  "/trials/{tcf}/learning/",                302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("GET",  "/trials/{tc}/learning/{tci}/learnt/",    302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("POST", "/trials/{tc}/learning/{tci}/learnt/",    302, 302, 302, 404, 404, 404, 302, 404, 404, 404),
    ("POST", "/trials/{tc}/learning/{missing}/learnt/",302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("GET",  "/trials/{tc}/reference/",                302, 200, 200, 404, 200, 404, 200, 404, 404, 404),
    ("POST", "/trials/{tc}/reference/",                302, 302, 404, 404, 302, 404, 302, 404, 404, 404),
    ("GET",  "/trials/{tcf}/reference/",               302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("GET",  "/trials/{tc}/reference.pdf",             302, 200, 200, 404, 200, 404, 200, 404, 404, 404),
]
# fmt: on

POST_DATA: dict[str, dict[str, object]] = {
    "/trials/{tc}/certificate/prepare/": {},
    "/trials/{tc}/certificate/sign/": {"as": "workplace_mentor"},
    "/trials/{tcf}/certificate/sign/": {},
    "/trials/{tc}/certificate/issue/": {},
    "/t/{tck}/certificate/": {},
    "/t/not-a-valid-token/certificate/": {},
    "/trials/{tc}/skills/": {"uri": "http://example.org/not-shown"},
    "/trials/{tc}/outcome/": {"outcome": "another_trial", "note": ""},
    "/trials/{tc}/outcome/end-service/": {"date": lambda: timezone.localdate().isoformat()},
    "/trials/{tc}/learning/": {"action": "build"},
    "/trials/{tc}/learning/{tci}/learnt/": {},
    "/trials/{tc}/learning/{missing}/learnt/": {},
    "/trials/{tc}/reference/": {
        "writer_name": "Ville Virtanen",
        "writer_title": "toimitusjohtaja",
        "language": "fi",
        "text": "Hoiti projektin hyvin.",
    },
}


def placeholders(personas: Personas) -> dict[str, Any]:
    from kohtaanto.opportunities.enums import OpportunityKind, OpportunityStatus, SkillImportance
    from kohtaanto.opportunities.models import Opportunity, OpportunitySkill
    from kohtaanto.qualifications.models import QualificationUnit, SkillRequirement
    from kohtaanto.trials.enums import OrganiserKind, TrialState
    from kohtaanto.trials.models import TrialRequirement
    from kohtaanto.trials.services import completion, learning, lifecycle
    from kohtaanto.trials.services import workplace as wp
    from tests.factories_trials import make_trial

    trial = make_trial(personas, state=TrialState.RUN)
    unit, _created = QualificationUnit.objects.get_or_create(
        eperusteet_id=990_001, defaults={"name_fi": "Varastotoiminnot"}
    )
    requirement, _created = SkillRequirement.objects.get_or_create(
        unit=unit, ordinal=1, defaults={"text_fi": "vastaanottaa tavaraa"}
    )
    shown = TrialRequirement.objects.create(trial=trial, requirement=requirement)
    wp.mark_evidence(
        shown,
        shown_on=timezone.localdate(),
        text="Vastaanotti kuorman.",
        by=personas.workplace_mentor,
    )
    need = Opportunity.objects.create(
        organisation=personas.organisation,
        employer=personas.employer_organisation,
        kind=OpportunityKind.SME_NEED,
        status=OpportunityStatus.OPEN,
        title="Varastokirjanpidon uudistus",
    )
    OpportunitySkill.objects.create(
        opportunity=need,
        uri="http://data.europa.eu/esco/skill/spreadsheets",
        label="Taulukkolaskenta",
        importance=SkillImportance.REQUIRED,
    )
    trial.sme_need = need
    trial.save(update_fields=["sme_need"])
    plan = learning.build_learning_plan(trial, by=personas.coach)
    trial = lifecycle.transition(trial, "finish", by=personas.coach)
    completion.prepare_certificate(trial, by=personas.coach)
    learning.write_reference(
        trial, by=personas.coach, writer_name="Ville Virtanen", text="Hyvä työ.", language="fi"
    )
    _link, token = wp.create_link(trial, by=personas.coach, mentor_name="Olli Ohjaaja")
    foreign = lifecycle.create_trial(
        by=personas.outsider,
        participant=personas.other_participant,
        title="Toisen järjestön kokeilu",
        organiser_name="Muu Oy",
        organiser_kind=OrganiserKind.COMPANY,
    )
    return {
        "tc": trial.pk,
        "tci": plan.items.get().pk,
        "tck": token,
        "tcf": foreign.pk,
    }

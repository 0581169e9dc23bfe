"""The work-trial demo of issue 15 as `make demo` loads it: a running trial for the participant
login with the workplace-mentor login as its mentor, a draft that breaks a rule, a finished
Puuttuva palanen project with its certificate, skills and reference, an education trial being
explored — and the same data after running the commands twice."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.test import override_settings

from kohtaanto.profiles.enums import ItemSource, ItemStatus
from kohtaanto.profiles.models import ProfileItem
from kohtaanto.trials.enums import AgreementStatus, DayStatus, TrialKind, TrialState
from kohtaanto.trials.models import CheckIn, Evidence, Trial, TrialDay

CHAIN = (
    "load_demo",
    "load_demo_opportunities",
    "load_demo_mentoring",
    "load_demo_qualifications",
    "load_demo_trials",
)


def _load() -> None:
    for command in CHAIN:
        call_command(command, stdout=io.StringIO())


def _state() -> dict[str, int]:
    models = (Trial, TrialDay, CheckIn, Evidence, ProfileItem)
    return {model.__name__: model.objects.count() for model in models}


@pytest.mark.django_db
@override_settings(DEMO=True)
def test_the_trial_demo_shows_every_stage_and_loads_once() -> None:
    _load()
    first = _state()
    _load()
    assert _state() == first

    trials = {t.participant.first_name: t for t in Trial.objects.select_related("agreement")}
    assert set(trials) == {"Pekka", "Matti", "Juhani", "Leena"}

    running = trials["Pekka"]
    assert running.state == TrialState.RUN
    assert running.participant.user.username == "participant"
    assert running.workplace_mentor.username == "workplace-mentor"
    assert running.agreement.status == AgreementStatus.AGREED
    assert running.rules_version and running.rule_findings == []
    assert running.days.filter(status=DayStatus.ATTENDED).count() >= 10
    assert running.days.filter(status=DayStatus.ABSENT).count() == 1
    assert running.checkins.count() == 2
    assert running.requirements.count() == 4
    assert Evidence.objects.filter(trial_requirement__trial=running).count() == 2

    draft = trials["Matti"]
    assert draft.state == TrialState.AGREE
    assert draft.agreement.status == AgreementStatus.DRAFT
    assert [f["rule"] for f in draft.rule_findings] == ["schedule.hours_per_day"]

    project = trials["Juhani"]
    assert project.state == TrialState.CONTINUE
    assert project.sme_need is not None
    assert project.learning_plan.items.exists()
    assert project.certificate.issued_at is not None
    assert project.certificate.mentor_signed_at and project.certificate.coach_signed_at
    assert project.reference_letter.writer_name == "Timo Virtanen"
    assert project.outcome == "job_offer"
    shown = ProfileItem.objects.filter(
        participant=project.participant, source=ItemSource.WORK_TRIAL, status=ItemStatus.CONFIRMED
    )
    assert shown.exists()

    education = trials["Leena"]
    assert education.kind == TrialKind.EDUCATION_TRIAL
    assert education.state == TrialState.EXPLORE

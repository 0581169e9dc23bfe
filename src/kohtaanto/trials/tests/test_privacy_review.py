"""Security and privacy review of trials (issue 15): the write path's guarantees found missing
in the review, each pinned by a test (confirmations of terms a party never saw, the rule
findings that tell the workplace about the person's other trials, writes without an audit
event, the participant's export)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from tests.factories import Personas
from tests.factories_trials import make_trial

from kohtaanto.core.enums import AuditAction
from kohtaanto.core.errors import ValidationFailed
from kohtaanto.core.models import AuditEvent
from kohtaanto.people import exports
from kohtaanto.qualifications.models import QualificationUnit, SkillRequirement
from kohtaanto.trials.enums import DayStatus, Party, TrialState
from kohtaanto.trials.models import TrialRequirement
from kohtaanto.trials.services import lifecycle

pytestmark = pytest.mark.django_db


def _events(trial: Any, action: str) -> int:
    return AuditEvent.objects.filter(
        object_type="trials.trial", object_id=str(trial.pk), action=action
    ).count()


# --- a party confirms only the terms they were shown -----------------------------------------


def test_a_change_to_a_confirmable_draft_makes_a_new_version(personas: Personas) -> None:
    """The participant opened the confirmation page (version N, complete and within the rules);
    the coach then changes the tasks before anyone confirmed: the participant's confirmation of
    version N must not count for terms they never saw."""
    trial = make_trial(personas, state=TrialState.AGREE)
    assert not lifecycle.missing_terms(trial) and not trial.rule_findings
    seen = trial.agreement.revision
    lifecycle.save_agreement(trial, by=personas.coach, values={"tasks": "Aivan muuta työtä."})
    trial.refresh_from_db()
    assert trial.agreement.revision == seen + 1
    with pytest.raises(ValidationFailed, match=r"muuttunut|changed"):
        lifecycle.confirm(trial, Party.PARTICIPANT, by=personas.participant_user, revision=seen)
    assert not any(lifecycle.confirmations_of(trial).values())


def test_new_goals_in_a_confirmable_draft_make_a_new_version(personas: Personas) -> None:
    trial = make_trial(personas, state=TrialState.AGREE)
    seen = trial.agreement.revision
    lifecycle.set_goals(trial, ["Täysin uusi tavoite."], by=personas.coach)
    trial.refresh_from_db()
    assert trial.agreement.revision == seen + 1
    with pytest.raises(ValidationFailed, match=r"muuttunut|changed"):
        lifecycle.confirm(trial, Party.ORGANISER, by=personas.employer_contact, revision=seen)


def test_completing_an_unconfirmable_draft_keeps_the_version(personas: Personas) -> None:
    """While terms are missing nobody can confirm, so filling them in is not a new version
    (the factory's trial is version 1 after its goals are written)."""
    trial = make_trial(personas, state=TrialState.AGREE)
    assert trial.agreement.revision == 1


# --- the workplace does not learn about the person's other trials ----------------------------


def _trial_over_the_organiser_limit(personas: Personas) -> Any:
    today = timezone.localdate()
    make_trial(personas, state=TrialState.RUN, start=today - dt.timedelta(days=400), weeks=25)
    trial = make_trial(personas, state=TrialState.AGREE, weeks=8)
    found = {f["rule"] for f in trial.rule_findings}
    assert "duration.same_organiser" in found, found
    return trial


def test_the_employer_is_not_told_the_persons_trial_history(personas: Personas) -> None:
    trial = _trial_over_the_organiser_limit(personas)
    with pytest.raises(ValidationFailed) as refused:
        lifecycle.confirm(trial, Party.ORGANISER, by=personas.employer_contact)
    text = str(refused.value.message)
    assert refused.value.code == "rule_broken"
    for finding in lifecycle.findings(trial):
        for language in ("fi", "sv", "en"):
            assert finding.fix(language) not in text
    # The coach (who runs the trial) still gets the rule, its source and what to change.
    with pytest.raises(ValidationFailed) as staff:
        lifecycle.confirm(trial, Party.AUTHORITY, by=personas.coach)
    assert staff.value.code == "rule_broken"
    assert str(staff.value.message) != text


# --- writes are audited ----------------------------------------------------------------------


def test_marking_a_day_is_audited(personas: Personas) -> None:
    trial = make_trial(personas, state=TrialState.RUN)
    start = trial.agreement.start_date
    assert start is not None
    before = _events(trial, AuditAction.CHANGE)
    lifecycle.mark_day(trial, start, DayStatus.ATTENDED, by=personas.workplace_mentor)
    assert _events(trial, AuditAction.CHANGE) == before + 1


def test_writing_workplace_tasks_is_audited(personas: Personas) -> None:
    trial = make_trial(personas, state=TrialState.RUN)
    unit = QualificationUnit.objects.create(eperusteet_id=990011, name_fi="Varastotoiminnot")
    requirement = SkillRequirement.objects.create(unit=unit, ordinal=1, text_fi="hyllyttää")
    item = TrialRequirement.objects.create(trial=trial, requirement=requirement)
    before = _events(trial, AuditAction.CHANGE)
    lifecycle.set_workplace_tasks(item, "Lavojen hyllytys", by=personas.workplace_mentor)
    assert _events(trial, AuditAction.CHANGE) == before + 1


# --- the participant's export ----------------------------------------------------------------


def test_the_export_has_the_steps_with_their_notes_and_the_working_days(
    personas: Personas,
) -> None:
    trial = make_trial(personas, state=TrialState.RUN)
    lifecycle.transition(trial, "cancel", by=personas.coach, note="Terveydellinen syy")
    data = exports.collect(personas.participant)
    (row,) = data["trials"]
    assert "Terveydellinen syy" in [step["note"] for step in row["transitions"]]
    assert row["agreement"]["weekdays"] == [0, 1, 2, 3]
    assert row["agreement"]["language"] == trial.agreement.language

"""Trials for tests: `make_trial` builds one through the services, in the state asked for."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from kohtaanto.opportunities.enums import OpportunityKind, OpportunityStatus
from kohtaanto.opportunities.models import Opportunity
from kohtaanto.trials.enums import ConfirmationMethod, OrganiserKind, Party, TrialState
from kohtaanto.trials.models import Trial
from kohtaanto.trials.services import lifecycle
from tests.factories import Personas


def trial_place(personas: Personas, **fields: Any) -> Opportunity:
    values: dict[str, Any] = {
        "organisation": personas.organisation,
        "employer": personas.employer_organisation,
        "kind": OpportunityKind.WORK_TRIAL,
        "status": OpportunityStatus.OPEN,
        "title": "Varastotyön työkokeilu",
        "description": "Keräily, hyllytys ja trukilla ajo.",
    }
    values.update(fields)
    return Opportunity.objects.create(**values)


def make_trial(
    personas: Personas,
    *,
    state: str = TrialState.RUN,
    start: dt.date | None = None,
    weeks: int = 8,
    participant: Any = None,
    workplace_mentor: Any = "persona",
) -> Trial:
    """A work trial of `personas.participant` at the employer persona's workplace, with the
    workplace-mentor persona as its mentor, moved to `state` through the services (the three
    parties confirm on paper, recorded by the coach)."""
    coach = personas.coach
    participant = participant or personas.participant
    start = start or (timezone.localdate() - dt.timedelta(days=14))
    trial = lifecycle.create_trial(
        by=coach,
        participant=participant,
        title="Varastotyö",
        opportunity=trial_place(personas),
        organiser_kind=OrganiserKind.COMPANY,
    )
    if state == TrialState.EXPLORE:
        return trial
    mentor = personas.workplace_mentor if workplace_mentor == "persona" else workplace_mentor
    lifecycle.save_agreement(
        trial,
        by=coach,
        values={
            "tasks": "Keräily, hyllytys ja inventaario.",
            "place": "Konepaja Virtanen Oy, Kouvola",
            "start_date": start,
            "end_date": start + dt.timedelta(weeks=weeks) - dt.timedelta(days=3),
            "days_per_week": 4,
            "hours_per_day": Decimal("6.00"),
            "weekdays": [0, 1, 2, 3],
            "employment_authority": "Kouvolan työllisyyspalvelut",
            "insurance_note": "Tapaturmavakuutus: työllisyyspalvelut.",
            **({"workplace_mentor_name": "Olli Ohjaaja"} if mentor is None else {}),
        },
        workplace_mentor=mentor if mentor is not None else ...,
    )
    lifecycle.set_goals(
        trial, ["Oppii keräilyn ja hyllytyksen.", "Ajaa trukkia turvallisesti."], by=coach
    )
    trial.refresh_from_db()
    if state == TrialState.AGREE:
        return trial
    for party in Party.values:
        lifecycle.confirm(
            trial, party, by=coach, method=ConfirmationMethod.PAPER, signer_name=f"Signer {party}"
        )
    trial = lifecycle.transition(trial, "start", by=coach)
    if state == TrialState.RUN:
        return trial
    trial = lifecycle.transition(trial, "finish", by=coach)
    if state == TrialState.EVALUATE:
        return trial
    if state == TrialState.CANCELLED:
        raise ValueError("make a running trial and cancel it in the test")
    trial.outcome = "job_offer"
    trial.save(update_fields=["outcome"])
    return lifecycle.transition(trial, "continue", by=coach)

"""The participant's section of the home page ("My path"): my next steps (open tasks, the next
meeting, suggestions waiting for my answer, new answers from employers), my work trial while it
is being agreed or runs (first: it is this week's work), my consents, and my groups with the
next session of each (from the groups area)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from kohtaanto.groups.selectors import own_groups
from kohtaanto.matches.next_steps import next_steps_of
from kohtaanto.people.selectors import current_consents
from kohtaanto.trials import selectors as trial_selectors
from kohtaanto.trials.enums import TrialState
from kohtaanto.web import facts
from kohtaanto.web.pages import lang

#: Trials shown on the home page: those still to come or going on (the rest: "My trials").
ACTIVE_TRIALS = (TrialState.EXPLORE, TrialState.AGREE, TrialState.RUN, TrialState.EVALUATE)


def section(request: HttpRequest) -> dict[str, Any] | None:
    participant = facts.own_participant(request)
    if participant is None:
        return None
    consents = current_consents(participant)
    return {
        "participant": participant,
        "given": [state for state in consents.values() if state.given],
        "total": len(consents),
        "steps": next_steps_of(participant),
        "groups": own_groups(participant),
        "trials": [
            {"trial": trial, "state_label": trial_selectors.state_label(trial.state, lang())}
            for trial in facts.own_trials(request)
            if trial.state in ACTIVE_TRIALS
        ],
    }

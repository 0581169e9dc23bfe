"""Recording a set of consent answers through `people.consent` (one event per change)."""

from __future__ import annotations

from typing import Any

from kohtaanto.people.consent import give_consent, withdraw_consent
from kohtaanto.people.enums import ConsentChannel
from kohtaanto.people.models import Participant
from kohtaanto.web.people.forms import ConsentChoicesForm


def record_answers(
    participant: Participant,
    form: ConsentChoicesForm,
    *,
    by: Any,
    channel: ConsentChannel | str,
    form_version: str,
) -> None:
    """Give or withdraw each answered purpose (the services record nothing when the answer is
    the current state). A first "no" is kept as a refusal in the history."""
    for purpose, given in form.answers().items():
        record = give_consent if given else withdraw_consent
        record(participant, purpose, by=by, channel=channel, form_version=form_version)

"""How the participant-record resources of the API load their participant: the same access
helpers and the same audit as the pages (`kohtaanto.people.access`).

- `staff_participant`: what a coach's or coordinator's case-file page loads (`access_participant`,
  audited `view`), and 404 for the participant themself, as on those pages (participants use
  their own "my path" page);
- `record_participant`: the case-file pages for staff, "my path" for the participant themself
  (`access_participant`: audited unless the reader is the participant).

Anyone else gets `ParticipantNotFound` (problem+json 404), never 403, so that the existence of a
record is not revealed.
"""

from __future__ import annotations

from typing import Any

from kohtaanto.core.languages import active_language
from kohtaanto.people.access import (
    ParticipantNotFound,
    access_participant,
    is_self,
    is_staff_of,
)
from kohtaanto.people.models import Participant

lang = active_language  # the views' name for the one helper (as the pages' web.pages.lang)


def staff_participant(user: Any, participant_id: object) -> Participant:
    participant = access_participant(user, participant_id)
    if not is_staff_of(user, participant):
        raise ParticipantNotFound
    return participant


def record_participant(user: Any, participant_id: object) -> tuple[Participant, bool]:
    """The participant and whether `user` reads as staff (False: the participant themself)."""
    participant = access_participant(user, participant_id)
    if is_staff_of(user, participant):
        return participant, True
    if is_self(user, participant):
        return participant, False
    raise ParticipantNotFound


def plain(data: Any) -> Any:
    """Query parameters or a form body as a plain dict: DRF reads a missing boolean in a
    `QueryDict` (HTML form input) as False, not as "not given"."""
    return data.dict() if hasattr(data, "getlist") and hasattr(data, "dict") else data

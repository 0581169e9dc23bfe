"""Access rules of the journey and profile apps, on top of `core.access`.

- Reads of a participant by id go through `core.access.access_participant` (audited unless
  the reader is the participant): `load_participant(user, participant_id)`.
- Writes: `require_writer(user, participant)` — the participant themself, one of their coaches
  (coach role in the organisation) or a coordinator of the organisation. Anyone else gets
  `ParticipantNotFound`, as if the record did not exist.
- The RESTRICTED constraints: `may_see_restricted(user, participant)` — only the participant
  and their own coaches, never coordinators, mentors or employers.

`ParticipantNotFound` is both `core.errors.NotFound` (API problem+json, CLI exit code 3) and
`django.http.Http404` (web pages), so every layer turns it into a 404.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404

from kohtaanto.core.access import access_participant, participants_visible_to, roles_of
from kohtaanto.core.enums import AuditAction, Role
from kohtaanto.core.errors import NotFound, PermissionDenied
from kohtaanto.people.models import Participant


class ParticipantNotFound(NotFound, Http404):
    """No such participant for this user (also raised when the user may not see it)."""


def load_participant(
    user: Any, participant_id: object, *, action: AuditAction | str = AuditAction.VIEW
) -> Participant:
    """The participant visible to `user`, audited; `ParticipantNotFound` otherwise."""
    try:
        return access_participant(user, participant_id, action=action)
    except Http404:
        raise ParticipantNotFound from None


def is_self(user: Any, participant: Participant) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and participant.user_id == user.pk


def is_own_coach(user: Any, participant: Participant) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return (
        Role.COACH in roles_of(user, participant.organisation_id)
        and participant.coaches.filter(pk=user.pk).exists()
    )


def require_writer(user: Any, participant: Participant) -> None:
    """Raise `ParticipantNotFound` unless `user` may change this participant's journey."""
    if (
        participant.pk is None
        or not participants_visible_to(user).filter(pk=participant.pk).exists()
    ):
        raise ParticipantNotFound


def require_staff_writer(user: Any, participant: Participant) -> None:
    """As `require_writer`, but not the participant themself (e.g. recording an outcome)."""
    require_writer(user, participant)
    if is_self(user, participant):
        raise PermissionDenied


def may_see_restricted(user: Any, participant: Participant) -> bool:
    return is_self(user, participant) or is_own_coach(user, participant)

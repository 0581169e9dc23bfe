"""Who may see and change a participant's record: the ONE module for participant access.

Rules (Foundation issue):
- a coordinator sees every participant of the organisations where they are coordinator;
- a coach sees the participants they coach, in organisations where they are coach;
- a participant sees only their own record;
- mentors, employer contacts, workplace mentors, analysts and outsiders see no participant
  records (later issues open narrow views for them).

A role always means a membership in one organisation, and a rule about a participant asks
for the role in the participant's own organisation (see docs/decisions/007-access.md).

Reads of a participant by someone else are audited (`access_participant`). Objects that belong
to a participant (profile items, tasks, proposals, …) are loaded with `participant_object`,
the one "load this participant's object if this user may see it, else 404" helper. Failures
raise `ParticipantNotFound`, which is both `core.errors.NotFound` (API problem+json, CLI exit
code 3) and `Http404` (pages), never 403, so that the existence of a record is not revealed.

Writes: `require_writer` (the participant, one of their coaches or a coordinator of the
organisation), `require_staff_writer` (the same without the participant), and the RESTRICTED
constraints: `may_see_restricted` (only the participant and their own coaches).
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model, Q, QuerySet
from django.http import Http404

from kohtaanto.core.access import get_visible_or_404, is_user, organisations_of, roles_of
from kohtaanto.core.audit import log_event
from kohtaanto.core.enums import AuditAction, Role
from kohtaanto.core.errors import NotFound, PermissionDenied
from kohtaanto.people.models import Participant

M = TypeVar("M", bound=Model)


class ParticipantNotFound(NotFound, Http404):
    """No such participant for this user (also raised when the user may not see it)."""


def participants_visible_to(user: Any) -> QuerySet[Participant]:
    """Participants whose records `user` may read (coordinator, own coach, or themself)."""
    if not is_user(user):
        return Participant.objects.none()
    coordinator_orgs = organisations_of(user, Role.COORDINATOR).values("pk")
    coach_orgs = organisations_of(user, Role.COACH).values("pk")
    coached = Participant.coaches.through.objects.filter(user_id=user.pk).values("participant_id")
    return Participant.objects.filter(
        Q(organisation__in=coordinator_orgs)
        | (Q(organisation__in=coach_orgs) & Q(pk__in=coached))
        | Q(user_id=user.pk)
    )


def access_participant(
    user: Any, participant_id: object, *, action: AuditAction | str = AuditAction.VIEW
) -> Participant:
    """The participant visible to `user`, or `ParticipantNotFound`.

    Writes an audit event with `action` unless the reader is the participant themself.
    """
    participant = get_visible_or_404(
        participants_visible_to(user).select_related("organisation"),
        participant_id,
        not_found=ParticipantNotFound,
    )
    if participant.user_id != user.pk:
        log_event(user, action, participant)
    return participant


def own_participant(user: Any) -> Participant:
    """The participant record of `user` themself, or `ParticipantNotFound`."""
    if not is_user(user):
        raise ParticipantNotFound
    participant = Participant.objects.filter(user_id=user.pk).first()
    if participant is None:
        raise ParticipantNotFound
    return participant


def participant_object(
    user: Any,
    queryset: QuerySet[M],
    object_id: object,
    path: str = "participant",
    *,
    not_found: type[Exception] = ParticipantNotFound,
) -> M:
    """An object of `queryset` whose participant (reached through `path`) `user` may see,
    or `not_found`. The object's participant is selected along with it."""
    return get_visible_or_404(
        queryset.select_related(path).filter(**{f"{path}__in": participants_visible_to(user)}),
        object_id,
        not_found=not_found,
    )


def participant_of(obj: Model, path: str = "participant") -> Participant:
    """Follow `path` ("participant", "goal__participant", …) from `obj` to its participant."""
    target: Any = obj
    for part in path.split("__"):
        target = getattr(target, part)
    return target  # type: ignore[no-any-return]


def is_self(user: Any, participant: Participant) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and participant.user_id == user.pk


def is_own_coach(user: Any, participant: Participant) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return (
        Role.COACH in roles_of(user, participant.organisation_id)
        and participant.coaches.filter(pk=user.pk).exists()
    )


def is_staff_of(user: Any, participant: Participant) -> bool:
    """A coordinator of the participant's organisation or one of their own coaches."""
    return is_user(user) and (
        Role.COORDINATOR in roles_of(user, participant.organisation_id)
        or is_own_coach(user, participant)
    )


def can_manage_consents(user: Any, participant: Participant) -> bool:
    """The participant themself, or one of their coaches in the participant's organisation."""
    return is_user(user) and (is_self(user, participant) or is_own_coach(user, participant))


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


def writable_object(
    user: Any, queryset: QuerySet[M], object_id: object, path: str = "participant"
) -> M:
    """`participant_object` for a change: also checks `require_writer` on its participant."""
    obj = participant_object(user, queryset, object_id, path)
    require_writer(user, participant_of(obj, path))
    return obj

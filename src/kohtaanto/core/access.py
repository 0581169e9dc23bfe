"""Access helpers: the ONLY way views, the API and admin load protected objects.

Rules (Foundation issue):
- a coordinator sees every participant of the organisations where they are coordinator;
- a coach sees the participants they coach, in organisations where they are coach;
- a participant sees only their own record;
- mentors, employer contacts, workplace mentors, analysts and outsiders see no participant
  records (later issues open narrow views for them).
Failures raise `Http404`, never 403, so that the existence of a record is not revealed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar

from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse

from kohtaanto.core.audit import log_event
from kohtaanto.core.enums import AuditAction, Role
from kohtaanto.core.models import AuditEvent, Membership, Organisation

if TYPE_CHECKING:
    from kohtaanto.people.models import Participant

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponse])


def _is_user(user: Any) -> bool:
    return user is not None and bool(getattr(user, "is_authenticated", False)) and user.is_active


def roles_of(user: Any, organisation: Organisation | int | None = None) -> set[Role]:
    """Roles of `user` in `organisation`, or in any organisation when it is None."""
    if not _is_user(user):
        return set()
    memberships = Membership.objects.filter(user=user)
    if organisation is not None:
        org_id = organisation.pk if isinstance(organisation, Organisation) else organisation
        memberships = memberships.filter(organisation_id=org_id)
    return {Role(role) for role in memberships.values_list("role", flat=True)}


def organisations_of(user: Any, role: Role | str | None = None) -> QuerySet[Organisation]:
    """Organisations where `user` has a membership (with `role`, when given)."""
    if not _is_user(user):
        return Organisation.objects.none()
    memberships = Membership.objects.filter(user=user)
    if role is not None:
        memberships = memberships.filter(role=role)
    return Organisation.objects.filter(pk__in=memberships.values("organisation_id"))


def participants_visible_to(user: Any) -> QuerySet[Participant]:
    from kohtaanto.people.models import Participant

    if not _is_user(user):
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
    """Load a participant visible to `user`, or raise Http404.

    Writes an audit event with `action` unless the reader is the participant themself.
    """
    try:
        pk = int(str(participant_id))
    except ValueError:
        raise Http404 from None
    participant = participants_visible_to(user).select_related("organisation").filter(pk=pk).first()
    if participant is None:
        raise Http404
    if participant.user_id != user.pk:
        log_event(user, action, participant)
    return participant


def can_manage_consents(user: Any, participant: Participant) -> bool:
    """The participant themself, or one of their coaches in the participant's organisation."""
    if not _is_user(user):
        return False
    if participant.user_id == user.pk:
        return True
    return (
        Role.COACH in roles_of(user, participant.organisation_id)
        and participant.coaches.filter(pk=user.pk).exists()
    )


def require_role(
    user: Any, organisation: Organisation | int | None, *roles: Role | str
) -> set[Role]:
    """Return the user's roles in `organisation` if any of `roles` is among them, else Http404."""
    if organisation is None:
        raise Http404
    held = roles_of(user, organisation)
    if not held & {Role(role) for role in roles}:
        raise Http404
    return held


def role_required(*roles: Role | str) -> Callable[[ViewFunc], ViewFunc]:
    """View decorator: login required; 404 unless the user has one of `roles` in the
    current organisation (`request.organisation`, set by CurrentOrganisationMiddleware)."""

    def decorator(view: ViewFunc) -> ViewFunc:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            require_role(request.user, getattr(request, "organisation", None), *roles)
            return view(request, *args, **kwargs)

        return login_required(wrapped)  # type: ignore[return-value]

    return decorator


def members_visible_to(user: Any, organisation: Organisation) -> QuerySet[Membership]:
    """Memberships of `organisation`, with their users, for its coordinators only (else 404)."""
    require_role(user, organisation, Role.COORDINATOR)
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__username")
    )


AUDIT_FILTERS = ("action", "actor_id", "participant_id", "object_type", "organisation_id")


def audit_events_visible_to(
    user: Any, filters: Mapping[str, Any] | None = None
) -> QuerySet[AuditEvent]:
    """Superusers see everything; coordinators their organisations' events; others nothing.

    `filters` may hold `action`, `actor_id`, `participant_id`, `object_type`,
    `organisation_id`, `since` and `until` (datetimes); empty values are ignored.
    """
    if not _is_user(user):
        return AuditEvent.objects.none()
    events = AuditEvent.objects.all()
    if not user.is_superuser:
        events = events.filter(organisation__in=organisations_of(user, Role.COORDINATOR))
    filters = filters or {}
    for name in AUDIT_FILTERS:
        value = filters.get(name)
        if value not in (None, ""):
            events = events.filter(**{name: value})
    if filters.get("since"):
        events = events.filter(timestamp__gte=filters["since"])
    if filters.get("until"):
        events = events.filter(timestamp__lt=filters["until"])
    return events.order_by("-timestamp", "-id")

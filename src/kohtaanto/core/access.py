"""Access primitives shared by every area: roles, organisations, members, the audit log,
and `get_visible_or_404`, the one "load this object if this user may see it, else 404"
(`visible_or_none` for a caller that answers a missing object in its own words; both read the
id with `id_or_none`, the one reading of an id a request sent).

A role is a membership in ONE organisation: `roles_of(user, organisation)`. Pages use the
roles in the current organisation (`request.roles`, set by the middleware) only to choose what
to show; a rule about an object asks for the role in the object's own organisation.

Each area's access module builds on these: participants in `people.access`, opportunities and
courses in `opportunities.access`. Failures raise `Http404` (or the area's `NotFound`
subclass), never 403, so that the existence of a record is not revealed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.http import Http404

from kohtaanto.core.enums import Role
from kohtaanto.core.models import AuditEvent, Membership, Organisation

M = TypeVar("M", bound=Model)


def is_user(user: Any) -> bool:
    """A logged-in, active user."""
    return user is not None and bool(getattr(user, "is_authenticated", False)) and user.is_active


# The largest id a database column can hold (bigint / SQLite INTEGER): a larger number is a
# missing object, not an OverflowError (a 500).
MAX_ID = 2**63 - 1


def id_or_none(value: object) -> int | None:
    """A database id from a URL, a form or a caller, or None for anything no id can be: not
    written in the digits 0-9 (a sign, a space, "²", "abc"), or too large for an id column.
    Read an id the user sent with this, so that a bad one is a missing object, never a
    ValueError or an OverflowError (a 500): Django keeps a too large number out of `pk=`, but
    not out of `pk__in` or a foreign key, where SQLite refuses it."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        pk = value
    else:
        text = str(value)
        # `isdigit` alone lets "²" and other digits through that `int` refuses.
        if not (text.isascii() and text.isdigit()):
            return None
        try:
            pk = int(text)
        except ValueError:  # more digits than Python converts (sys.get_int_max_str_digits)
            return None
    return pk if 0 <= pk <= MAX_ID else None


def parse_id(value: object) -> int:
    """An object id from a URL or a form, or `Http404` for anything that is not one
    (`id_or_none`)."""
    pk = id_or_none(value)
    if pk is None:
        raise Http404
    return pk


def visible_or_none(queryset: QuerySet[M], object_id: object) -> M | None:
    """The object `object_id` if it is in `queryset`, else None (also for an id that is not
    one): for a page or a service that answers a missing object in its own words."""
    pk = id_or_none(object_id)
    return None if pk is None else queryset.filter(pk=pk).first()


def get_visible_or_404(
    queryset: QuerySet[M], object_id: object, *, not_found: type[Exception] = Http404
) -> M:
    """THE primitive of object access: the object `object_id` if it is in `queryset` (the
    objects this user may see, built by an area's access module), else `not_found`."""
    obj = visible_or_none(queryset, object_id)
    if obj is None:
        raise not_found
    return obj


# --- the user's memberships, read once per request ----------------------------------------
# The organisation middleware reads the logged-in user's memberships on every request; it
# keeps them on that user object (`remember_memberships`), and `roles_of` and
# `organisations_of` answer from them: no query, and the organisations as a list of ids
# instead of a subquery in every access helper's query. Any change of any membership in this
# process (`forget_memberships`, a receiver in core.signals) makes every kept copy stale, so
# a page that changes memberships and then checks access asks the database again.

_MEMBERSHIPS = "_kohtaanto_memberships"
_generation = 0


def remember_memberships(user: Any, memberships: Iterable[tuple[int, str]]) -> None:
    """Keep `user`'s memberships, (organisation id, role) pairs, on this user object."""
    setattr(user, _MEMBERSHIPS, (_generation, tuple((int(o), str(r)) for o, r in memberships)))


def forget_memberships() -> None:
    """A membership changed: no kept copy is used any more."""
    global _generation
    _generation += 1


def _known_memberships(user: Any) -> tuple[tuple[int, str], ...] | None:
    known = getattr(user, _MEMBERSHIPS, None)
    if known is None or known[0] != _generation:
        return None
    return known[1]  # type: ignore[no-any-return]


def roles_of(user: Any, organisation: Organisation | int | None = None) -> set[Role]:
    """Roles of `user` in `organisation`, or in any organisation when it is None."""
    if not is_user(user):
        return set()
    org_id = organisation.pk if isinstance(organisation, Organisation) else organisation
    known = _known_memberships(user)
    if known is not None:
        return {Role(role) for org, role in known if org_id is None or org == org_id}
    memberships = Membership.objects.filter(user=user)
    if org_id is not None:
        memberships = memberships.filter(organisation_id=org_id)
    return {Role(role) for role in memberships.values_list("role", flat=True)}


def organisations_of(user: Any, role: Role | str | None = None) -> QuerySet[Organisation]:
    """Organisations where `user` has a membership (with `role`, when given)."""
    if not is_user(user):
        return Organisation.objects.none()
    known = _known_memberships(user)
    if known is not None:
        wanted = None if role is None else str(role)
        ids = sorted({org for org, held in known if wanted is None or held == wanted})
        return Organisation.objects.filter(pk__in=ids)
    memberships = Membership.objects.filter(user=user)
    if role is not None:
        memberships = memberships.filter(role=role)
    return Organisation.objects.filter(pk__in=memberships.values("organisation_id"))


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
    if not is_user(user):
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

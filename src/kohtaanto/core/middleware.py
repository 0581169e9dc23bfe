"""Set the organisation the user works in on every request (les-emplois style)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

from kohtaanto.core.access import remember_memberships
from kohtaanto.core.enums import Role
from kohtaanto.core.models import Membership, Organisation
from kohtaanto.core.services import SESSION_ORGANISATION_KEY


def current_organisation(
    request: HttpRequest, memberships: list[Membership] | None = None
) -> tuple[Organisation | None, set[Role]]:
    """The organisation chosen in the session, else the user's first membership.
    `memberships`: the user's, with their organisations, in id order (read here if None)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None, set()
    if memberships is None:
        memberships = user_memberships(user)
    if not memberships:
        return None, set()
    chosen = request.session.get(SESSION_ORGANISATION_KEY) if hasattr(request, "session") else None
    organisation = next(
        (m.organisation for m in memberships if m.organisation_id == chosen),
        memberships[0].organisation,
    )
    roles = {Role(m.role) for m in memberships if m.organisation_id == organisation.pk}
    return organisation, roles


def user_memberships(user: Any) -> list[Membership]:
    return list(Membership.objects.filter(user=user).select_related("organisation").order_by("id"))


class CurrentOrganisationMiddleware:
    """Sets `request.organisation` (or None), `request.roles` (a set of `Role`) and
    `request.memberships` (the user's memberships with their organisations, in id order, as
    read at the start of the request; empty for an anonymous user)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        memberships: list[Membership] = []
        if user is not None and user.is_authenticated:
            memberships = user_memberships(user)
            remember_memberships(user, ((m.organisation_id, m.role) for m in memberships))
        request.memberships = memberships  # type: ignore[attr-defined]
        organisation, roles = current_organisation(request, memberships)
        request.organisation = organisation  # type: ignore[attr-defined]
        request.roles = roles  # type: ignore[attr-defined]
        return self.get_response(request)

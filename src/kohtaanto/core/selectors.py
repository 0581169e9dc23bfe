"""Reads of core data shaped for pages: members grouped by role, choices of members."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet

from kohtaanto.core.access import members_visible_to
from kohtaanto.core.enums import Role
from kohtaanto.core.models import Membership, Organisation


def members_by_role(user: Any, organisation: Organisation) -> list[dict[str, Any]]:
    """Members of `organisation` grouped by role, for its coordinators only (else 404): the
    role's label, how many, and the users — except participants, who are only counted (the
    caseload lists them, in pages; a home page does not name hundreds of people)."""
    members = members_visible_to(user, organisation)
    counts = {
        row["role"]: row["n"] for row in members.order_by().values("role").annotate(n=Count("pk"))
    }
    users: dict[str, list[Any]] = {role: [] for role in counts}
    for membership in members.exclude(role=Role.PARTICIPANT):
        users[membership.role].append(membership.user)
    return [
        {"role": role.label, "value": role.value, "count": counts[role], "users": users[role]}
        for role in Role
        if role in counts
    ]


def member_choices(user: Any, organisation: Organisation) -> list[tuple[int, str]]:
    """(user id, username) of the organisation's members, for the audit log's filter."""
    users = {m.user.pk: m.user.get_username() for m in members_visible_to(user, organisation)}
    return sorted(users.items(), key=lambda item: item[1].lower())


def coach_choices(organisation: Organisation | None) -> list[tuple[int, str]]:
    """(user id, name) of the organisation's coaches, by name, for a form's choices."""
    if organisation is None:
        return []
    users = {
        m.user.pk: m.user.get_full_name() or m.user.get_username()
        for m in Membership.objects.filter(
            organisation=organisation, role=Role.COACH
        ).select_related("user")
    }
    return sorted(users.items(), key=lambda item: item[1].lower())


def memberships_of(user: Any) -> QuerySet[Membership]:
    """The user's own memberships with their organisations, by organisation name and role."""
    return (
        Membership.objects.filter(user=user)
        .select_related("organisation")
        .order_by("organisation__name", "role")
    )

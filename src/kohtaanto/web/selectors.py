"""Reads the web pages need that core has no helper for yet.

TODO(core): move `members_by_role` and `member_choices` into `kohtaanto.core` (for example
`core.access.members_visible_to(user, organisation)`) and import them from there.
"""

from __future__ import annotations

from typing import Any

from kohtaanto.core.access import require_role
from kohtaanto.core.enums import Role
from kohtaanto.core.models import Membership, Organisation


def members_by_role(user: Any, organisation: Organisation) -> list[dict[str, Any]]:
    """Members of `organisation` grouped by role, for its coordinators only (else 404)."""
    require_role(user, organisation, Role.COORDINATOR)
    memberships = (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__username")
    )
    groups: dict[str, list[Any]] = {role.value: [] for role in Role}
    for membership in memberships:
        groups.setdefault(membership.role, []).append(membership.user)
    return [{"role": Role(role).label, "users": users} for role, users in groups.items() if users]


def member_choices(user: Any, organisation: Organisation) -> list[tuple[int, str]]:
    """(user id, username) of the organisation's members, for the audit log's filter."""
    require_role(user, organisation, Role.COORDINATOR)
    memberships = Membership.objects.filter(organisation=organisation).select_related("user")
    users = {membership.user.pk: membership.user.get_username() for membership in memberships}
    return sorted(users.items(), key=lambda item: item[1].lower())

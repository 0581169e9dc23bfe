"""Access helpers: the only way pages, the API and the CLI load foresight objects.

Rules (see the README):
- a *coordinator* of an organisation reads its foresight with exact counts, starts a rebuild
  and opens the structural-change watch of its interventions;
- an *analyst* of the organisation reads the same with small supply counts suppressed;
- both read the whole country's build, always suppressed (it counts other organisations'
  people);
- everyone else (coaches, participants, mentors, employer contacts, workplace mentors,
  outsiders): `Http404`, never 403.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from kohtaanto.core.access import get_visible_or_404, is_user, organisations_of, roles_of
from kohtaanto.core.enums import Role
from kohtaanto.core.models import Organisation
from kohtaanto.foresight.models import ForesightBuild
from kohtaanto.outreach.models import Intervention

READER_ROLES = (Role.COORDINATOR, Role.ANALYST)


def reader_organisations(user: Any) -> QuerySet[Organisation]:
    """Organisations whose foresight `user` reads: coordinators and analysts."""
    if not is_user(user):
        return Organisation.objects.none()
    return (
        organisations_of(user)
        .filter(memberships__user=user, memberships__role__in=READER_ROLES)
        .distinct()
    )


def require_reader(user: Any, organisation: Organisation | None) -> Organisation:
    """`organisation` if `user` coordinates or analyses it, else `Http404`."""
    if organisation is None or not reader_organisations(user).filter(pk=organisation.pk).exists():
        raise Http404
    return organisation


def access_reader_organisation(user: Any, organisation_id: object) -> Organisation:
    return get_visible_or_404(reader_organisations(user), organisation_id)


def is_coordinator(user: Any, organisation: Organisation | None) -> bool:
    """Coordinators see their organisation's counts exactly (analysts: suppressed)."""
    return organisation is not None and Role.COORDINATOR in roles_of(user, organisation)


def builds_visible_to(user: Any) -> QuerySet[ForesightBuild]:
    """Builds of the organisations `user` reads (national builds are read through
    `selectors.latest_build`, never by id)."""
    return ForesightBuild.objects.filter(organisation__in=reader_organisations(user))


def access_build(user: Any, build_id: object) -> ForesightBuild:
    return get_visible_or_404(builds_visible_to(user).select_related("organisation"), build_id)


def access_rebuild(user: Any, organisation: Organisation | None) -> Organisation:
    """The organisation whose foresight `user` may rebuild (its coordinator), else 404."""
    if not is_coordinator(user, organisation) or organisation is None:
        raise Http404
    return organisation


def watch_interventions(user: Any) -> QuerySet[Intervention]:
    return Intervention.objects.filter(organisation__in=reader_organisations(user))


def access_watch(user: Any, intervention_id: object) -> Intervention:
    """The intervention whose structural-change watch `user` may read, else 404."""
    return get_visible_or_404(
        watch_interventions(user).select_related("organisation"), intervention_id
    )


def can_watch(user: Any, intervention: Intervention) -> bool:
    return watch_interventions(user).filter(pk=intervention.pk).exists()

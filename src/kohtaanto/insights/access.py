"""Who may read the outcome and ESF+ reports of an organisation: the one module for it.

- a coordinator of the organisation: exact figures (an insider), or suppressed ones when
  asked (the funder's exports are suppressed whoever makes them);
- an analyst of the organisation: aggregates only, always suppressed (`report_access` forces
  it), never a person;
- the participant-level monitoring file: coordinators only (it is personal data);
- anyone else (coaches, participants, mentors, employers, workplace mentors, members of
  another organisation): `ReportNotFound`, a 404, never 403.

Reading aggregates is not reading a participant's record, so viewing a report is not
audited per person; every export (a download, the CLI writing a file, the monitoring file)
is audited as EXPORT by its caller (`kohtaanto.insights.services.audit_export`)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from kohtaanto.core.access import get_visible_or_404, is_user, parse_id, roles_of
from kohtaanto.core.enums import Role
from kohtaanto.core.errors import NotFound
from kohtaanto.core.models import Organisation
from kohtaanto.insights.models import Project, ReportExport

READER_ROLES = frozenset({Role.COORDINATOR, Role.ANALYST})


class ReportNotFound(NotFound, Http404):
    """No such report for this user (also raised when the user may not see it)."""


def _organisation_id(organisation: Organisation | int) -> int:
    return organisation.pk if isinstance(organisation, Organisation) else int(organisation)


def report_access(user: Any, organisation: Organisation | int | None, *, suppress: bool) -> bool:
    """The suppression that applies: `suppress` for a coordinator, always True for an
    analyst; `ReportNotFound` for everyone else."""
    if not is_user(user) or organisation is None:
        raise ReportNotFound
    held = roles_of(user, organisation)
    if Role.COORDINATOR in held:
        return suppress
    if Role.ANALYST in held:
        return True
    raise ReportNotFound


def may_read_reports(user: Any, organisation: Organisation | int | None) -> bool:
    return organisation is not None and bool(roles_of(user, organisation) & READER_ROLES)


def get_organisation(user: Any, organisation_id: object) -> Organisation:
    """The organisation whose reports `user` may read (coordinator or analyst of it), else
    `ReportNotFound` (404: whether it exists is not told)."""
    try:
        pk = parse_id(organisation_id)
    except Http404 as error:  # a malformed id is a missing one
        raise ReportNotFound from error
    if not may_read_reports(user, pk):
        raise ReportNotFound
    organisation = Organisation.objects.filter(pk=pk).first()
    if organisation is None:
        raise ReportNotFound
    return organisation


def may_read_exact(user: Any, organisation: Organisation | int | None) -> bool:
    return organisation is not None and Role.COORDINATOR in roles_of(user, organisation)


def require_coordinator(user: Any, organisation: Organisation | int | None) -> None:
    """Coordinators only (the monitoring file, projects): else `ReportNotFound`."""
    if not is_user(user) or organisation is None:
        raise ReportNotFound
    if Role.COORDINATOR not in roles_of(user, organisation):
        raise ReportNotFound


def projects_visible_to(user: Any, organisation: Organisation | int) -> QuerySet[Project]:
    """The organisation's projects for its coordinators and analysts (else none)."""
    if not may_read_reports(user, organisation):
        return Project.objects.none()
    return Project.objects.filter(organisation_id=_organisation_id(organisation))


def get_project(user: Any, organisation: Organisation | int, project_id: object) -> Project:
    """A project of `organisation` the user may report on, else `ReportNotFound`."""
    return get_visible_or_404(
        projects_visible_to(user, organisation), project_id, not_found=ReportNotFound
    )


def exports_visible_to(user: Any, organisation: Organisation | int) -> QuerySet[ReportExport]:
    """Export jobs of the organisation: a coordinator sees all of them, an analyst their own
    (which are all suppressed)."""
    if not is_user(user):
        return ReportExport.objects.none()
    held = roles_of(user, organisation)
    exports = ReportExport.objects.filter(organisation_id=_organisation_id(organisation))
    if Role.COORDINATOR in held:
        return exports
    if Role.ANALYST in held:
        return exports.filter(created_by=user, suppressed=True, kind__in=["csv", "xlsx", "pdf"])
    return ReportExport.objects.none()


def get_export(user: Any, organisation: Organisation | int, export_id: object) -> ReportExport:
    return get_visible_or_404(
        exports_visible_to(user, organisation), export_id, not_found=ReportNotFound
    )


def get_export_for(user: Any, export_id: object) -> ReportExport:
    """An export job of any organisation whose reports `user` may read (a coordinator of two
    organisations orders a report for the other one and follows it there); else 404."""
    pk = parse_id(export_id)
    organisation_id = (
        ReportExport.objects.filter(pk=pk).values_list("organisation_id", flat=True).first()
    )
    if organisation_id is None:
        raise ReportNotFound
    return get_export(user, organisation_id, pk)

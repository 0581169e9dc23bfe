"""The one write path of the insights area: projects and their enrolments (coordinators
only, audited), the period as a translated validation error, and the audit of an export."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from kohtaanto.core.audit import log_event
from kohtaanto.core.enums import AuditAction
from kohtaanto.core.errors import ValidationFailed
from kohtaanto.core.models import Organisation
from kohtaanto.insights.access import ReportNotFound, require_coordinator
from kohtaanto.insights.models import Project, ProjectEnrolment
from kohtaanto.people.models import Participant
from kohtaanto.stats.periods import Period, PeriodError

PERIOD_ERRORS = {
    "bad_date": _("Give the dates as YYYY-MM-DD, for example 2026-01-31."),
    "end_before_start": _("The end of the period is before its start."),
}


def period_error_message(code: str) -> str:
    return str(PERIOD_ERRORS.get(code, PERIOD_ERRORS["bad_date"]))


def parse_period(start: str | date | None, end: str | date | None) -> Period:
    """A period from the user's input, or `ValidationFailed` with a translated message."""
    try:
        return Period.parse(start, end)
    except PeriodError as error:
        field = "end" if error.code == "end_before_start" else "start"
        message = period_error_message(error.code)
        raise ValidationFailed(message, errors={field: [message]}, code=error.code) from None


def parse_period_range(text: str) -> Period:
    """A period from "2026-01-01..2026-06-30", or `ValidationFailed`."""
    try:
        return Period.parse_range(text)
    except PeriodError as error:
        message = period_error_message(error.code)
        raise ValidationFailed(message, errors={"period": [message]}, code=error.code) from None


def audit_export(user: Any, organisation: Organisation, *, obj: Any = None) -> None:
    """Every export (a download, the CLI writing a file) is recorded as EXPORT: ids only."""
    log_event(user, AuditAction.EXPORT, obj, organisation=organisation)


def _check_dates(starts: date, ends: date | None) -> None:
    if ends is not None and ends < starts:
        message = period_error_message("end_before_start")
        raise ValidationFailed(message, errors={"ends": [message]}, code="end_before_start")


def create_project(
    user: Any,
    organisation: Organisation,
    *,
    name: str,
    starts: date,
    ends: date | None = None,
    code: str = "",
    funder: str = "",
) -> Project:
    require_coordinator(user, organisation)
    name = name.strip()
    if not name:
        message = str(_("Give the project a name."))
        raise ValidationFailed(message, errors={"name": [message]})
    _check_dates(starts, ends)
    with transaction.atomic():
        project = Project.objects.create(
            organisation=organisation,
            name=name,
            code=code.strip(),
            funder=funder.strip(),
            starts=starts,
            ends=ends,
            created_by=user,
        )
        log_event(user, AuditAction.CREATE, project, organisation=organisation)
    return project


PROJECT_FIELDS = ("name", "code", "funder", "starts", "ends")


def update_project(user: Any, project: Project, **fields: Any) -> Project:
    require_coordinator(user, project.organisation_id)
    unknown = set(fields) - set(PROJECT_FIELDS)
    if unknown:
        raise ValidationFailed(errors={name: [str(_("Unknown field."))] for name in unknown})
    for name, value in fields.items():
        setattr(project, name, value.strip() if isinstance(value, str) else value)
    if not project.name:
        message = str(_("Give the project a name."))
        raise ValidationFailed(message, errors={"name": [message]})
    _check_dates(project.starts, project.ends)
    with transaction.atomic():
        project.save()
        log_event(user, AuditAction.CHANGE, project, organisation=project.organisation)
    return project


def enrol(
    user: Any, project: Project, participant: Participant, *, entered: date | None = None
) -> ProjectEnrolment:
    """Count `participant` in `project` (idempotent: an existing enrolment is kept)."""
    require_coordinator(user, project.organisation_id)
    if participant.organisation_id != project.organisation_id:
        raise ReportNotFound
    day = entered or _service_start(participant) or project.starts
    with transaction.atomic():
        enrolment, created = ProjectEnrolment.objects.get_or_create(
            project=project, participant=participant, defaults={"entered": day}
        )
        if created:
            log_event(user, AuditAction.CREATE, enrolment, organisation=project.organisation)
    return enrolment


def _service_start(participant: Participant) -> date | None:
    intake = getattr(participant, "intake", None)
    return intake.service_start if intake is not None else None


def enrol_started_in_period(user: Any, project: Project) -> int:
    """Enrol everyone of the organisation whose service started in the project's period
    (from its start to its end, or on, when it has no end). Returns how many were added."""
    require_coordinator(user, project.organisation_id)
    started = Participant.objects.filter(
        organisation_id=project.organisation_id, intake__service_start__gte=project.starts
    )
    if project.ends is not None:
        started = started.filter(intake__service_start__lte=project.ends)
    already = set(
        ProjectEnrolment.objects.filter(project=project).values_list("participant_id", flat=True)
    )
    new = [
        ProjectEnrolment(project=project, participant_id=pid, entered=day)
        for pid, day in started.values_list("pk", "intake__service_start")
        if pid not in already
    ]
    with transaction.atomic():
        ProjectEnrolment.objects.bulk_create(new)
        if new:
            log_event(user, AuditAction.CHANGE, project, organisation=project.organisation)
    return len(new)

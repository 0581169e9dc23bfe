"""The retention rules: only expired data goes, counts per rule and organisation, a dry run
changes nothing, an organisation's own length applies to it only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from tests.factories import ParticipantFactory

from kohtaanto.core.enums import AuditAction
from kohtaanto.core.errors import NotFound, ValidationFailed
from kohtaanto.core.models import AuditEvent
from kohtaanto.insights.models import ExportStatus, PseudonymisedRecord, ReportExport
from kohtaanto.journeys.models import Outcome
from kohtaanto.people.models import Invitation, Participant
from kohtaanto.privacy import retention
from kohtaanto.privacy.erasure import erase_participant
from kohtaanto.privacy.models import HeldRecord, RetentionOverride, RetentionRun
from kohtaanto.privacy.rules import shift_years
from kohtaanto.privacy.tests import rich

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _own_data_folder(settings, tmp_path):
    """The runs here remove files (reports, import uploads): only in a folder of the test."""
    settings.DATA_DIR = tmp_path


def _ago(**delta: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(**delta)


def _ended(personas, organisation, days_ago: int) -> Participant:
    person = ParticipantFactory(organisation=organisation)
    Outcome.objects.create(
        participant=person,
        outcome_type="employment",
        date=timezone.localdate() - dt.timedelta(days=days_ago),
    )
    return person


def _invitation(person: Participant, expired_days_ago: int, used: bool = False) -> Invitation:
    return Invitation.objects.create(
        participant=person,
        channel="email",
        token_hash=f"h{person.pk}-{expired_days_ago}-{used}",
        expires=_ago(days=expired_days_ago),
        used_at=_ago(days=expired_days_ago + 1) if used else None,
    )


def _old_audit(organisation, years: int) -> AuditEvent:
    """An entry written `years` (and a day) ago (inserted with its time: the log is
    append-only)."""
    moment = timezone.now() - dt.timedelta(days=1)
    moment = moment.replace(year=moment.year - years, day=min(moment.day, 28))
    return AuditEvent.objects.create(
        organisation=organisation, action=AuditAction.VIEW, timestamp=moment
    )


def _world(personas):
    org, other = personas.organisation, personas.other_organisation
    data = {
        "old_case": _ended(personas, org, 366 * 6),  # over 5 years: erased
        "recent_case": _ended(personas, org, 366 * 4),  # kept
        "other_old_case": _ended(personas, other, 366 * 6),
        "active": personas.caseload_participant,  # no outcome: kept
    }
    funded = rich.project(personas, ends=timezone.localdate() - dt.timedelta(days=366 * 6))
    open_project = rich.project(personas, funder="Oma", ends=None)
    held_case = _ended(personas, org, 366 * 6)
    held_case.project_enrolments.create(project=open_project, entered=funded.starts)
    data["in_open_project"] = held_case
    _invitation(personas.unassigned_participant, 40)  # over 30 days: removed
    _invitation(personas.unassigned_participant, 10)  # kept
    _invitation(personas.unassigned_participant, 40, used=True)  # used 41 days ago: removed
    _invitation(personas.other_participant, 40)
    _old_audit(org, 6)
    _old_audit(org, 4)
    _old_audit(other, 6)
    _old_audit(None, 6)
    return data


def _state():
    return {
        "participants": sorted(Participant.objects.values_list("pk", flat=True)),
        "invitations": Invitation.objects.count(),
        "audit": AuditEvent.objects.count(),
        "held": HeldRecord.objects.count(),
        "stats": PseudonymisedRecord.objects.count(),
        "exports": sorted(ReportExport.objects.values_list("file_name", flat=True)),
    }


def test_dry_run_counts_and_changes_nothing(personas):
    _world(personas)
    before = _state()
    run = retention.enforce(dry_run=True, trigger="cli")
    assert _state() == before
    assert run.dry_run and run.finished is not None
    counts = retention.totals(run, personas.organisation)
    assert counts["case_files"] == 1
    assert counts["invitations_not_accepted"] == 1
    assert counts["audit_log"] == 1
    assert retention.totals(run, personas.other_organisation)["case_files"] == 1
    assert retention.totals(run)["audit_log"] == 3  # both organisations and no organisation


def test_the_run_removes_only_expired_data_and_reports_counts(personas):
    data = _world(personas)
    audit_before = AuditEvent.objects.count()
    run = retention.enforce(trigger="task")
    remaining = set(Participant.objects.values_list("pk", flat=True))
    assert data["old_case"].pk not in remaining and data["other_old_case"].pk not in remaining
    for kept in ("recent_case", "active", "in_open_project"):
        assert data[kept].pk in remaining, kept
    # each erased case left its statistics row
    assert PseudonymisedRecord.objects.count() == 2
    # the unused, long-expired ones of both organisations went, and the one used over 30 days
    # ago (invitations_used); the fresh one stays
    assert Invitation.objects.filter(used_at__isnull=True).count() == 1
    assert not Invitation.objects.filter(used_at__isnull=False).exists()
    counts = retention.totals(run, personas.organisation)
    assert counts == {
        "case_files": 1,
        "invitations_not_accepted": 1,
        "invitations_used": 1,
        "login_links": 0,
        "import_uploads": 0,
        "report_files": 0,
        "audit_log": 1,
        "esf_audit_hold": 0,
        "pseudonymised_statistics": 0,
    }
    # 3 old entries went; the 2 erasures wrote one each
    assert AuditEvent.objects.count() == audit_before - 3 + 2
    second = retention.enforce(trigger="task")
    assert sum(retention.totals(second).values()) == 0  # nothing more is due


def test_an_organisations_own_length_applies_to_it_only(personas):
    _world(personas)
    org = personas.organisation
    retention.set_period(personas.coordinator, org, "case_files", 7)
    retention.set_period(personas.coordinator, org, "audit_log", 3)
    assert retention.periods_for(org)["case_files"] == 7
    assert retention.periods_for(personas.other_organisation)["case_files"] == 5
    run = retention.enforce(dry_run=True)
    assert retention.totals(run, org)["case_files"] == 0  # 6 years < 7
    assert retention.totals(run, org)["audit_log"] == 2  # 6 and 4 years > 3
    assert retention.totals(run, personas.other_organisation)["case_files"] == 1
    assert AuditEvent.objects.filter(
        object_type="privacy.retentionoverride", actor=personas.coordinator
    ).exists()
    retention.set_period(personas.coordinator, org, "case_files", None)
    assert retention.periods_for(org)["case_files"] == 5
    assert RetentionOverride.objects.filter(organisation=org).count() == 1


def test_lengths_outside_the_range_and_other_people_are_refused(personas):
    org = personas.organisation
    with pytest.raises(ValidationFailed):
        retention.set_period(personas.coordinator, org, "report_files", 30)  # max 7
    with pytest.raises(ValidationFailed):
        retention.set_period(personas.coordinator, org, "esf_audit_hold", 2)  # min 5
    for user in (personas.coach, personas.analyst, personas.outsider):
        with pytest.raises(NotFound):
            retention.set_period(user, org, "case_files", 6)
    with pytest.raises(NotFound):
        retention.set_period(personas.coordinator, org, "no_such_rule", 6)
    assert not RetentionOverride.objects.exists()


def test_held_records_and_statistics_go_when_their_time_is_over(personas):
    person = personas.caseload_participant
    funded = rich.project(personas)
    person.project_enrolments.create(project=funded, entered=funded.starts)
    erase_participant(personas.coordinator, person, reason="request")
    held = HeldRecord.objects.get()
    stats = PseudonymisedRecord.objects.get()
    run = retention.enforce()
    assert HeldRecord.objects.exists() and PseudonymisedRecord.objects.exists()
    HeldRecord.objects.filter(pk=held.pk).update(until=timezone.localdate() - dt.timedelta(days=1))
    PseudonymisedRecord.objects.filter(pk=stats.pk).update(
        kept_on=shift_years(timezone.localdate(), -10) - dt.timedelta(days=1)
    )
    run = retention.enforce()
    assert not HeldRecord.objects.exists() and not PseudonymisedRecord.objects.exists()
    counts = retention.totals(run, personas.organisation)
    assert counts["esf_audit_hold"] == 1 and counts["pseudonymised_statistics"] == 1


def test_report_files_after_their_days(personas):
    from kohtaanto.insights import tasks

    def export(days: int, name: str) -> ReportExport:
        (tasks.folder() / name).write_bytes(b"%PDF")
        return ReportExport.objects.create(
            organisation=personas.organisation,
            kind="pdf",
            report="outcomes",
            period_start=timezone.localdate(),
            period_end=timezone.localdate(),
            language="fi",
            status=ExportStatus.DONE,
            file_name=name,
            finished=_ago(days=days),
        )

    old = export(3, "old.pdf")
    new = export(1, "new.pdf")
    retention.set_period(personas.coordinator, personas.organisation, "report_files", 2)
    run = retention.enforce()
    assert retention.totals(run, personas.organisation)["report_files"] == 1
    old.refresh_from_db()
    new.refresh_from_db()
    assert old.file_name == "" and not (tasks.folder() / "old.pdf").exists()
    assert new.file_name == "new.pdf" and (tasks.folder() / "new.pdf").exists()


def test_the_task_runs_the_rules(personas):
    from kohtaanto.privacy.tasks import enforce_retention

    _world(personas)
    result = enforce_retention.call(dry_run=True)
    assert result["dry_run"] is True
    assert result["removed"]["case_files"] == 2
    assert RetentionRun.objects.get().trigger == "task"

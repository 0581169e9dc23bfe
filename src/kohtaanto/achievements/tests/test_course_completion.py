"""Course completions (the one write path, who may record, audit, the export) and issuing a
course badge from a finished course through the same `issue_badge` as every other badge."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from kohtaanto.achievements import completions, services, verification
from kohtaanto.achievements.enums import CredentialState, EvidenceSource
from kohtaanto.achievements.models import CourseCompletion, IssuedCredential
from kohtaanto.achievements.tests.helpers import (
    IMMEDIATE,
    a_course,
    consenting,
    course_badge,
    digcomp_badge,
)
from kohtaanto.core.errors import Conflict, NotFound, ValidationFailed
from kohtaanto.core.models import AuditEvent
from kohtaanto.opportunities.models import Course
from kohtaanto.people import exports
from kohtaanto.people.access import ParticipantNotFound
from kohtaanto.people.consent import withdraw_consent
from kohtaanto.people.enums import ConsentPurpose

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _immediate_tasks(settings, tmp_path):
    settings.TASKS = IMMEDIATE
    settings.BADGE_KEK = ""
    settings.BADGE_KEK_GENERATED_FILE = tmp_path / "badge_kek"


def test_coach_records_a_finished_course_audited(personas):
    course = a_course(personas)
    yesterday = timezone.localdate() - timedelta(days=1)
    completion = completions.record_completion(
        personas.coach, personas.participant, course.pk, completed_on=yesterday, note="Hyvin meni"
    )
    assert completion.course == course and completion.completed_on == yesterday
    assert completion.recorded_by == personas.coach and completion.note == "Hyvin meni"
    event = AuditEvent.objects.get(
        object_type="achievements.coursecompletion", object_id=str(completion.pk)
    )
    assert event.action == "create" and event.participant_id == personas.participant.pk
    assert event.organisation_id == personas.organisation.pk


def test_the_day_defaults_to_today_and_the_shared_catalogue_counts(personas):
    shared = Course.objects.create(organisation=None, title="Digitaidot arkeen", hours=4)
    completion = completions.record_completion(
        personas.coordinator, personas.participant, str(shared.pk)
    )
    assert completion.completed_on == timezone.localdate()


def _may_not_edit(personas):
    """Users who may not edit the participant's case file."""
    names = ("outsider", "mentor", "analyst", "employer_contact", "workplace_mentor")
    return [*(getattr(personas, name) for name in names), personas.participant_user]


def test_only_who_may_edit_the_case_file_records(personas):
    course = a_course(personas)
    for user in _may_not_edit(personas):
        with pytest.raises(ParticipantNotFound):
            completions.record_completion(user, personas.participant, course.pk)
    # a coach of the organisation who is not the person's own coach: not theirs to edit
    with pytest.raises(ParticipantNotFound):
        completions.record_completion(personas.coach, personas.unassigned_participant, course.pk)
    assert not CourseCompletion.objects.exists()


def test_bad_input_is_refused_with_reasons(personas):
    course = a_course(personas)
    other_organisations = Course.objects.create(
        organisation=personas.other_organisation, title="Toisen järjestön kurssi"
    )
    for course_id in (other_organisations.pk, "x", "", 10**9):
        with pytest.raises(ValidationFailed) as error:
            completions.record_completion(personas.coach, personas.participant, course_id)
        assert "course" in error.value.errors
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationFailed) as error:
        completions.record_completion(
            personas.coach, personas.participant, course.pk, completed_on=tomorrow, note="x" * 501
        )
    assert set(error.value.errors) == {"completed_on", "note"}
    with translation.override("fi"):
        assert "tulevaisuudessa" in str(error.value.errors["completed_on"][0])
    completions.record_completion(personas.coach, personas.participant, course.pk)
    with pytest.raises(Conflict):
        completions.record_completion(personas.coach, personas.participant, course.pk)
    assert CourseCompletion.objects.count() == 1


def test_a_course_badge_is_issued_from_a_finished_course_and_verifies(
    personas, django_capture_on_commit_callbacks
):
    badge = course_badge(personas)
    participant = consenting(personas)
    completion = completions.record_completion(personas.coach, participant, a_course(personas).pk)
    evidence = services.evidence_from_choice(participant, f"course:{completion.pk}")
    assert evidence == services.Evidence(EvidenceSource.COURSE, completion.pk)
    with django_capture_on_commit_callbacks(execute=True):
        issued = services.issue_badge(personas.coach, participant, badge.current_version, evidence)
    issued.refresh_from_db()
    assert issued.state == CredentialState.ISSUED
    assert issued.source == EvidenceSource.COURSE and issued.source_id == completion.pk
    achievement = issued.credential["credentialSubject"]["achievement"]
    assert achievement["achievementType"] == "Course"
    assert achievement["name"] == "Kurssi suoritettu: Asiakaspalvelun perusteet"
    result = verification.verify(json.dumps(issued.credential))
    assert result.verified, result.checks


def test_course_evidence_needs_a_course_badge_and_the_persons_own_completion(personas):
    participant = consenting(personas)
    completion = completions.record_completion(personas.coach, participant, a_course(personas).pk)
    evidence = services.evidence_from_course(participant, completion.pk)
    with pytest.raises(ValidationFailed) as error:
        services.issue_badge(
            personas.coach, participant, digcomp_badge(personas).current_version, evidence
        )
    assert "achievement" in error.value.errors
    with pytest.raises(ValidationFailed):
        services.evidence_from_course(personas.caseload_participant, completion.pk)
    with pytest.raises(ValidationFailed):
        services.evidence_from_choice(participant, "course:nope")


def test_withdrawn_consent_refuses_a_course_badge_with_the_reason(personas):
    badge = course_badge(personas)
    participant = consenting(personas)
    completion = completions.record_completion(personas.coach, participant, a_course(personas).pk)
    withdraw_consent(participant, ConsentPurpose.SERVICE_PROCESSING, by=personas.coach)
    with pytest.raises(Conflict) as error:
        services.issue_badge(
            personas.coach,
            participant,
            badge.current_version,
            services.evidence_from_course(participant, completion.pk),
        )
    assert error.value.code == "no_consent"


def test_finished_courses_are_in_the_persons_data_export(personas):
    course = a_course(personas)
    completions.record_completion(
        personas.coach, personas.participant, course.pk, note="Todistus kopioitu"
    )
    export = exports.collect(personas.participant)
    rows = export["course_completions"]
    assert len(rows) == 1
    row = rows[0]
    assert row["course"] == "Asiakaspalvelun perusteet"
    assert row["provider"] == "Helsingin työväenopisto"
    assert row["note"] == "Todistus kopioitu"
    assert row["completed_on"] == timezone.localdate().isoformat()
    assert row["recorded_by"]


# --- removing a mark made by mistake ---------------------------------------------------------


def test_a_mark_made_by_mistake_is_removed_and_audited(personas):
    completion = completions.record_completion(
        personas.coach, personas.participant, a_course(personas).pk
    )
    completions.remove_completion(personas.coach, personas.participant, str(completion.pk))
    assert not CourseCompletion.objects.exists()
    event = AuditEvent.objects.get(
        action="delete", object_type="achievements.coursecompletion", object_id=str(completion.pk)
    )
    assert event.participant_id == personas.participant.pk
    assert event.actor == personas.coach and event.organisation_id == personas.organisation.pk
    # the course can be marked again, rightly this time
    completions.record_completion(personas.coach, personas.participant, a_course(personas).pk)


def test_only_who_may_edit_the_case_file_removes_a_mark(personas):
    completion = completions.record_completion(
        personas.coach, personas.participant, a_course(personas).pk
    )
    for user in _may_not_edit(personas):
        with pytest.raises(ParticipantNotFound):
            completions.remove_completion(user, personas.participant, completion.pk)
    assert CourseCompletion.objects.filter(pk=completion.pk).exists()
    assert not AuditEvent.objects.filter(action="delete").exists()
    completions.remove_completion(personas.coordinator, personas.participant, completion.pk)
    assert not CourseCompletion.objects.exists()


def test_a_mark_that_is_gone_or_someone_elses_is_not_found(personas):
    completion = completions.record_completion(
        personas.coach, personas.participant, a_course(personas).pk
    )
    other = completions.record_completion(
        personas.coach, personas.caseload_participant, a_course(personas).pk
    )
    for wrong in (other.pk, "abc", "-1", 999999, "9" * 30):
        with pytest.raises(NotFound):
            completions.remove_completion(personas.coach, personas.participant, wrong)
    assert CourseCompletion.objects.count() == 2
    completions.remove_completion(personas.coach, personas.participant, completion.pk)
    with pytest.raises(NotFound) as error:  # a second click on the same button
        completions.remove_completion(personas.coach, personas.participant, completion.pk)
    with translation.override("fi"):
        assert str(error.value.message) == "Kurssia ei ollut enää merkitty suoritetuksi."


def test_a_mark_a_badge_was_issued_or_is_being_signed_from_stays(
    personas, django_capture_on_commit_callbacks
):
    badge = course_badge(personas)
    participant = consenting(personas)
    completion = completions.record_completion(personas.coach, participant, a_course(personas).pk)
    evidence = services.evidence_from_course(participant, completion.pk)
    # Being signed (the signing task has not run yet): the badge's evidence stays.
    queued = services.issue_badge(personas.coach, participant, badge.current_version, evidence)
    assert queued.state == CredentialState.QUEUED
    assert completions.badged_completion_ids(participant) == {completion.pk}
    with pytest.raises(Conflict) as error:
        completions.remove_completion(personas.coach, participant, completion.pk)
    assert error.value.code == "badge_evidence"
    # Left unsigned: it no longer holds the mark.
    IssuedCredential.objects.filter(pk=queued.pk).update(state=CredentialState.FAILED)
    assert completions.badged_completion_ids(participant) == set()
    # Issued: the mark stays, also for a coordinator.
    with django_capture_on_commit_callbacks(execute=True):
        issued = services.issue_badge(personas.coach, participant, badge.current_version, evidence)
    issued.refresh_from_db()
    assert issued.state == CredentialState.ISSUED
    with pytest.raises(Conflict):
        completions.remove_completion(personas.coordinator, participant, completion.pk)
    assert CourseCompletion.objects.filter(pk=completion.pk).exists()
    assert not AuditEvent.objects.filter(action="delete").exists()

"""Erasing a participant: every row about them goes (asserted over every model of the
registry), legal holds keep what they name with the reason and end day, the audit log keeps
ids, the account is gone, their pages are 404 and nobody else's data changes."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from tests.factories import TEST_PASSWORD

from kohtaanto.core.enums import AuditAction
from kohtaanto.core.models import AuditEvent
from kohtaanto.insights.models import PseudonymisedRecord
from kohtaanto.people.access import ParticipantNotFound, access_participant
from kohtaanto.people.models import Participant
from kohtaanto.privacy import erasure
from kohtaanto.privacy.models import Erasure, ErasureReason, HeldRecord
from kohtaanto.privacy.tests import rich

pytestmark = pytest.mark.django_db


def test_erasure_removes_every_row_and_holds_the_funders_record(personas, client_for):
    participant = personas.participant
    funded = rich.project(personas)
    rich.fill(personas, participant, funded=funded)
    other = personas.caseload_participant
    rich.fill(personas, other)
    access_participant(personas.coach, participant.pk)  # an audited read before
    before = rich.counts(participant.pk)
    others_before = rich.counts(other.pk)
    assert len(rich.non_empty(before)) >= 25, sorted(rich.non_empty(before))
    audit_before = AuditEvent.objects.filter(participant_id=participant.pk).count()
    user_id = participant.user_id
    pid = participant.pk

    the_plan = erasure.plan(participant)
    assert {i.label: i.count for i in the_plan.items} == before
    assert [h.hold for h in the_plan.holds] == ["esf_audit", "audit_log"]
    assert the_plan.account == "delete"

    record = erasure.erase_participant(
        personas.coordinator, participant, reason=ErasureReason.REQUEST
    )

    after = rich.counts(pid)
    assert rich.non_empty(after) == set(), rich.non_empty(after)
    assert rich.counts(other.pk) == others_before  # nobody else's rows
    assert not Participant.objects.filter(pk=pid).exists()
    assert not get_user_model().objects.filter(pk=user_id).exists()
    # what went is recorded, in counts
    assert record.removed["people.Participant"] == 1
    assert record.removed["journeys.Session"] == before["journeys.Session"]
    assert sum(record.removed.values()) >= sum(before.values())
    assert record.participant_ref == pid and record.reason == "request"
    assert record.by == personas.coordinator

    # the hold: the funder's record, with the reason's hold id and its end day
    [held] = HeldRecord.objects.filter(erasure=record)
    assert held.hold == "esf_audit" and held.project == funded
    assert held.until == dt.date(funded.ends.year + 5, 12, 31)
    data = json.dumps(held.data, ensure_ascii=False)
    assert participant.last_name in data  # the audit needs to know who took part
    assert held.data["journeys.EsfEntryData"][0]["labour_market_status"] == "unemployed"
    assert held.data["insights.ProjectEnrolment"][0]["project__code"] == "S30123"
    for gone in (participant.email, "Käytiin läpi työhistoria", "nainen", "trukkia"):
        assert gone not in data
    assert {h["hold"] for h in record.held} == {"esf_audit", "audit_log"}

    # the audit log keeps its entries (ids only) and has the erasure
    kept = AuditEvent.objects.filter(participant_id=pid)
    assert kept.count() == audit_before + 1
    deletion = kept.filter(action=AuditAction.DELETE, object_type="people.participant").get()
    assert deletion.actor == personas.coordinator

    # the statistics row: no name, contacts or birth date
    stats = PseudonymisedRecord.objects.get(organisation=personas.organisation)
    values = json.dumps({f.name: str(getattr(stats, f.name)) for f in stats._meta.concrete_fields})
    for personal in (participant.first_name, participant.last_name, participant.email, "1970"):
        assert personal not in values
    assert str(pid) != stats.pseudonym and len(stats.pseudonym) == 32

    # their pages are gone: 404 for their coach and the coordinator
    for user in (personas.coach, personas.coordinator):
        response = client_for(user).get(reverse("participant_detail", args=[pid]))
        assert response.status_code == 404
    # and the person cannot log in
    browser = Client()
    browser.post(reverse("login"), {"username": "participant", "password": TEST_PASSWORD})
    assert "_auth_user_id" not in browser.session


def test_a_logged_in_participant_is_logged_out(personas, participant_client):
    assert participant_client.get(reverse("my_consents")).status_code == 200
    erasure.erase_participant(
        personas.coordinator, personas.participant, reason=ErasureReason.CONSENT_WITHDRAWN
    )
    response = participant_client.get(reverse("my_consents"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_no_hold_without_a_funder_or_after_the_audit_period(personas):
    participant = personas.caseload_participant
    own = rich.project(personas, funder="")
    old = rich.project(
        personas, funder="ESR", ends=timezone.localdate() - dt.timedelta(days=366 * 7)
    )
    rich.fill(personas, participant, funded=own)
    from kohtaanto.insights.models import ProjectEnrolment

    ProjectEnrolment.objects.create(project=old, participant=participant, entered=old.starts)
    the_plan = erasure.plan(participant)
    assert [h.hold for h in the_plan.holds] == ["audit_log"]  # the trial's services audit
    record = erasure.erase_participant(None, participant, reason=ErasureReason.RETENTION)
    assert HeldRecord.objects.count() == 0
    assert [h["hold"] for h in record.held] == ["audit_log"]
    assert record.by is None


def test_only_a_coordinator_of_the_organisation_erases(personas):
    for user in (personas.coach, personas.analyst, personas.outsider, personas.participant_user):
        with pytest.raises(ParticipantNotFound):
            erasure.erase_participant(
                user, personas.caseload_participant, reason=ErasureReason.REQUEST
            )
    with pytest.raises(ParticipantNotFound):
        erasure.erase_participant(
            personas.coordinator, personas.other_participant, reason=ErasureReason.REQUEST
        )
    assert Participant.objects.filter(pk=personas.caseload_participant.pk).exists()
    assert Erasure.objects.count() == 0


def test_an_account_with_other_roles_is_emptied_not_deleted(personas):
    from kohtaanto.core.enums import Role
    from kohtaanto.core.models import Membership

    user = personas.participant_user
    Membership.objects.create(user=user, organisation=personas.organisation, role=Role.MENTOR)
    erasure.erase_participant(personas.coordinator, personas.participant, reason="request")
    user.refresh_from_db()
    assert not user.is_active and not user.has_usable_password()
    assert user.username.startswith("erased-") and user.email == "" and user.first_name == ""
    assert set(Membership.objects.filter(user=user).values_list("role", flat=True)) == {"mentor"}


def test_the_username_leaves_the_audit_log(personas, participant_client):
    from kohtaanto.core.audit import log_event

    log_event(personas.participant_user, AuditAction.VIEW, personas.participant)
    erasure.erase_participant(personas.coordinator, personas.participant, reason="request")
    assert not AuditEvent.objects.filter(actor_username="participant").exists()
    assert AuditEvent.objects.filter(participant_id=personas.participant.pk).count() >= 2

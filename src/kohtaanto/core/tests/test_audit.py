"""The audit log: what is written, and that it cannot be changed or deleted."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from tests.factories import Personas, UserFactory

from kohtaanto.core.audit import log_event
from kohtaanto.core.enums import AuditAction
from kohtaanto.core.models import AppendOnlyError, AuditEvent

pytestmark = pytest.mark.django_db


def test_log_event_stores_ids_only(personas: Personas) -> None:
    event = log_event(personas.coach, AuditAction.VIEW, personas.participant)
    values = {str(v) for v in AuditEvent.objects.filter(pk=event.pk).values().get().values()}
    for personal in (
        personas.participant.first_name,
        personas.participant.last_name,
        personas.participant.email,
    ):
        assert personal not in values


def test_log_event_without_object_or_actor(personas: Personas) -> None:
    event = log_event(None, AuditAction.LOGIN, None, organisation=personas.organisation)
    assert event.actor is None
    assert event.actor_username == ""
    assert event.object_type == ""
    assert event.organisation == personas.organisation
    assert event.participant_id is None


def test_log_event_for_organisation(personas: Personas) -> None:
    event = log_event(personas.coordinator, "change", personas.organisation)
    assert event.organisation == personas.organisation
    assert event.action == AuditAction.CHANGE


def test_log_event_refuses_unknown_action(personas: Personas) -> None:
    with pytest.raises(ValueError):
        log_event(personas.coach, "fiddle", personas.participant)


def test_login_is_audited(client, personas: Personas) -> None:
    client.force_login(personas.coach)
    assert AuditEvent.objects.filter(action=AuditAction.LOGIN, actor=personas.coach).exists()
    client.logout()
    assert AuditEvent.objects.filter(action=AuditAction.LOGOUT, actor=personas.coach).exists()


def test_audit_event_cannot_be_changed_or_deleted(personas: Personas) -> None:
    event = log_event(personas.coach, AuditAction.VIEW, personas.participant)
    event.action = AuditAction.DELETE
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(action=AuditAction.DELETE)
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).action == AuditAction.VIEW


def test_deleting_the_actor_keeps_the_event(personas: Personas) -> None:
    actor = UserFactory()
    event = log_event(actor, AuditAction.VIEW, personas.participant)
    actor.delete()
    event = AuditEvent.objects.get(pk=event.pk)
    assert event.actor is None
    assert event.actor_username == actor.username


postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the append-only trigger exists on PostgreSQL only"
)


@postgresql_only
def test_database_trigger_refuses_update(personas: Personas) -> None:
    event = log_event(personas.coach, AuditAction.VIEW, personas.participant)
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE core_auditevent SET action = 'delete' WHERE id = %s", [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).action == AuditAction.VIEW


@postgresql_only
def test_database_trigger_refuses_delete(personas: Personas) -> None:
    event = log_event(personas.coach, AuditAction.VIEW, personas.participant)
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk).exists()


@postgresql_only
def test_database_trigger_refuses_changing_the_actor(personas: Personas) -> None:
    event = log_event(personas.coach, AuditAction.VIEW, personas.participant)
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(
            "UPDATE core_auditevent SET actor_id = %s WHERE id = %s",
            [personas.outsider.pk, event.pk],
        )


@postgresql_only
def test_database_trigger_allows_nulling_erased_actor(personas: Personas) -> None:
    event = log_event(personas.coach, AuditAction.VIEW, personas.participant)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET actor_id = NULL WHERE id = %s", [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).actor_id is None

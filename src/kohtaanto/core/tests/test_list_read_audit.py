"""`log_list_read`: one audit event per list read, with filters and count, never a name."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError
from tests.factories import Personas

from kohtaanto.core.audit import log_list_read
from kohtaanto.core.enums import AuditAction
from kohtaanto.core.models import AuditEvent
from kohtaanto.people.models import Participant

pytestmark = pytest.mark.django_db


def test_one_event_with_filters_and_count_and_no_search_text(personas: Personas) -> None:
    event = log_list_read(
        personas.coach,
        Participant,
        count=7,
        filters={"status": "active", "q": personas.participant.last_name, "empty": ""},
        organisation=personas.organisation,
    )
    assert event.action == AuditAction.LIST
    assert event.object_type == "people.participant"
    assert event.details == {"filters": {"q": "*", "status": "active"}, "count": 7}
    assert personas.participant.last_name not in str(event.details)
    assert event.organisation_id == personas.organisation.pk
    assert AuditEvent.objects.filter(action=AuditAction.LIST).count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_details_cannot_be_changed_in_the_database(personas: Personas) -> None:
    event = log_list_read(personas.coach, Participant, count=1)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET details = '{}'::jsonb WHERE id = %s", [event.pk])

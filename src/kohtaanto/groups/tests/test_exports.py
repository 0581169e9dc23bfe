"""A participant's data export holds their groups and attendance, never other members."""

from __future__ import annotations

import json

import pytest
from tests.factories import ParticipantFactory, Personas

from kohtaanto.groups import services
from kohtaanto.groups.models import Group, GroupSession
from kohtaanto.people import exports

pytestmark = pytest.mark.django_db


def test_export_holds_my_groups_and_attendance(
    personas: Personas, group: Group, started_session: GroupSession
) -> None:
    session = started_session
    # Names no factory makes, so that no one else in the export can carry them by chance.
    other = ParticipantFactory(organisation=personas.organisation, first_name="Toinenjäsen")
    personas.mentor.last_name = "Ryhmänvetäjäinen"
    personas.mentor.save(update_fields=["last_name"])
    services.invite(group, other, by=personas.coordinator)
    services.answer_invitation(group, other, accept=True, by=None)
    services.record_attendance(
        session, {personas.participant.pk: "present", other.pk: "absent"}, by=personas.mentor
    )
    data = exports.collect(personas.participant)
    assert data["group_memberships"] == [
        {"group": group.name, "status": "member", "since": data["group_memberships"][0]["since"]}
    ]
    assert [row["mark"] for row in data["group_attendance"]] == ["present"]
    text = json.dumps(data, default=str)
    assert "Toinenjäsen" not in text and "Ryhmänvetäjäinen" not in text
    shown = exports.present(data, "fi")
    assert any("Kiipeilyryhmä" in str(item) for item in shown)

"""The participant's data export holds their mentorings and shared notes, never the mentor's
private note."""

from __future__ import annotations

import json

import pytest
from django.utils import timezone
from tests.factories import Personas

from kohtaanto.mentoring import services
from kohtaanto.mentoring.models import VolunteerProfile
from kohtaanto.people import exports
from kohtaanto.people.models import Participant

pytestmark = pytest.mark.django_db


def test_export_has_shared_notes_but_no_private_note(
    personas: Personas, mentor_profile: VolunteerProfile, consenting: Participant
) -> None:
    mentoring = services.propose_mentoring(consenting, personas.mentor, personas.coach, goals="CV")
    services.confirm_mentoring(mentoring, personas.coordinator)
    services.accept_mentoring(mentoring, personas.mentor)
    services.accept_mentoring(mentoring, personas.participant_user)
    services.add_meeting(
        mentoring,
        personas.mentor,
        timezone.localdate(),
        shared_note="Yhteinen: CV valmis",
        private_note="Salainen: mentorin oma",
    )
    data = exports.collect(consenting)
    text = json.dumps(data, default=str, ensure_ascii=False)
    assert "Yhteinen: CV valmis" in text
    assert "Salainen" not in text
    [row] = data["mentorings"]
    assert row["mentor"] == personas.mentor.get_full_name()
    assert [m["shared_note"] for m in row["meetings"]] == ["Yhteinen: CV valmis"]

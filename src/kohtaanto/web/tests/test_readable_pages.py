"""Issue 12, readable pages: dates within the service period (errors keep what was typed), the
story limit, the participant's readable data view and the DigComp levels. In Finnish."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from kohtaanto.journeys import services as journey_services
from kohtaanto.journeys.models import Goal, Outcome
from kohtaanto.web.tests.test_journeys_pages import fi, text

pytestmark = pytest.mark.django_db


def test_end_before_the_start_shows_the_error_and_keeps_the_input(personas, coach_client):
    participant = personas.participant
    start = timezone.localdate() - dt.timedelta(days=20)
    journey_services.update_intake(participant, by=personas.coach, service_start=start)
    before = start - dt.timedelta(days=3)
    url = f"/participants/{participant.pk}/end/"
    response = coach_client.post(
        url,
        {
            "form": "outcome",
            "outcome_type": "employment",
            "date": before.isoformat(),
            "note": "Muistiinpano 42",
        },
    )
    content = text(response)
    assert response.status_code == 200
    assert "ennen kuin palvelu alkoi" in content
    assert f'value="{before.isoformat()}"' in content and "Muistiinpano 42" in content
    assert 'aria-invalid="true"' in content
    assert f"{start.day}.{start.month}.{start.year}" in content  # said before typing, too
    assert not Outcome.objects.filter(participant=participant).exists()


def test_goal_due_decades_ago_shows_the_error_and_keeps_the_input(personas, coach_client):
    participant = personas.participant
    url = f"/participants/{participant.pk}/plan/"
    response = coach_client.post(
        url,
        {"form": "goal", "goal-title": "Trukkikortti", "goal-due": "1995-05-01", "goal-steps": ""},
    )
    content = text(response)
    assert response.status_code == 200, response
    assert "Trukkikortti" in content and 'value="1995-05-01"' in content
    assert fi("The date cannot be before the service started (%(start)s).").split("(")[0] in content
    assert not Goal.objects.filter(participant=participant, title="Trukkikortti").exists()

"""Fixtures of the groups tests, on top of the personas (tests/fixtures.py).

- `group`: an open hobby group of Polku ry led by the mentor persona, the participant persona a
  member, with one session tomorrow;
- `session`: that session (tomorrow: its roll call is not open yet);
- `started_session`: a session of the group that started ten minutes ago (its roll call is
  open, it can no longer be cancelled).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from tests.factories import Personas

from kohtaanto.groups import services
from kohtaanto.groups.models import Group, GroupSession


def at(days: int, hour: int, minute: int = 0) -> dt.datetime:
    """A local time `days` from today."""
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


@pytest.fixture
def group(personas: Personas) -> Group:
    group = services.create_group(
        organisation=personas.organisation,
        by=personas.coordinator,
        leaders=[personas.mentor],
        name="Kiipeilyryhmä",
        kind="hobby",
        place="Kiipeilykeskus, Lahti",
    )
    services.invite(group, personas.participant, by=personas.coach)
    services.answer_invitation(
        group, personas.participant, accept=True, by=personas.participant_user
    )
    return group


@pytest.fixture
def session(group: Group, personas: Personas) -> GroupSession:
    return services.schedule_sessions(group, starts=at(1, 17), ends=at(1, 19), by=personas.mentor)[
        0
    ]


@pytest.fixture
def started_session(group: Group, personas: Personas) -> GroupSession:
    starts = timezone.now() - dt.timedelta(minutes=10)
    return services.schedule_sessions(
        group, starts=starts, ends=starts + dt.timedelta(hours=2), by=personas.mentor
    )[0]

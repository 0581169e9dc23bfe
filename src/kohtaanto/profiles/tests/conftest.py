"""Shared fixtures of the journey tests: a consented participant and a starter-vocabulary
engine (the real one, cached per process)."""

from __future__ import annotations

import pytest

from kohtaanto.people import services as people_services
from kohtaanto.people.enums import ConsentPurpose


@pytest.fixture
def consented(participant, coach):
    """The `participant` persona with every consent given."""
    for purpose in ConsentPurpose.values:
        people_services.give_consent(participant, purpose, by=coach)
    return participant

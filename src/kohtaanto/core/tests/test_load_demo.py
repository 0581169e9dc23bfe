"""`manage.py load_demo`: demo mode only, idempotent."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from kohtaanto.core.models import AuditEvent, Membership, Organisation, User
from kohtaanto.core.validators import is_valid_business_id
from kohtaanto.people.access import participants_visible_to
from kohtaanto.people.consent import may_use_for_matching
from kohtaanto.people.models import ConsentEvent, Participant

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    models = (Organisation, User, Membership, Participant, ConsentEvent, AuditEvent)
    return {model.__name__: model.objects.count() for model in models}


@override_settings(DEMO=False)
def test_refuses_outside_demo_mode() -> None:
    with pytest.raises(CommandError, match="KOHTAANTO_DEMO"):
        call_command("load_demo")
    assert not User.objects.exists()


@override_settings(DEMO=True)
def test_loads_demo_data_once(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("load_demo")
    first = _counts()
    call_command("load_demo")
    assert _counts() == first

    assert first["Organisation"] == 3
    employer = Organisation.objects.get(name="Konepaja Virtanen Oy")
    assert is_valid_business_id(employer.business_id)
    coach = User.objects.get(username="coach")
    coach2 = User.objects.get(username="coach2")
    participant_user = User.objects.get(username="participant")
    assert participants_visible_to(coach).count() == 8
    assert participants_visible_to(coach2).count() == 2
    assert participants_visible_to(User.objects.get(username="mentor")).count() == 0
    own = Participant.objects.get(user=participant_user)
    assert own in participants_visible_to(coach)
    assert may_use_for_matching(own)
    coordinator = User.objects.get(username="coordinator")
    assert coordinator.is_staff
    assert participants_visible_to(coordinator).count() == 8
    for username in (
        "coordinator",
        "coach",
        "coach2",
        "participant",
        "mentor",
        "employer",
        "workplace-mentor",
    ):
        assert User.objects.get(username=username).check_password("kohtaanto-demo")
    output = capsys.readouterr()
    assert "Osallistuja" not in output.out + output.err

"""The Open Badges demo: Polku ry's badges and Pekka's signed DigComp badge, which verifies;
running the commands twice changes nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.test import override_settings

from kohtaanto.achievements import verification
from kohtaanto.achievements.models import Achievement, IssuedCredential


@pytest.mark.django_db
@override_settings(DEMO=True)
def test_the_badge_demo_issues_a_verifiable_badge_once(settings, tmp_path) -> None:
    settings.BADGE_KEK = ""
    settings.BADGE_KEK_GENERATED_FILE = tmp_path / "badge_kek"
    for _round in range(2):
        call_command("load_demo", stdout=io.StringIO())
        call_command("load_demo_achievements", stdout=io.StringIO())
    assert Achievement.objects.count() == 2
    issued = IssuedCredential.objects.get()
    assert issued.participant.user.username == "participant"
    assert issued.state == "issued"
    assert verification.verify(issued.credential).verified

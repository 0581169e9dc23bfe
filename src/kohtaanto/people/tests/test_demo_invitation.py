"""The demo has one participant with a pending letter invitation, made once; its code works."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings

from kohtaanto.people import invitations
from kohtaanto.people.invitations import AccountState
from kohtaanto.people.models import Invitation, Participant

pytestmark = pytest.mark.django_db


@override_settings(DEMO=True)
def test_demo_has_a_pending_invitation_once() -> None:
    out = StringIO()
    call_command("load_demo", site_url="http://demo.test:8000", stdout=out)
    invited = Participant.objects.get(first_name="Tuula", last_name="Koskinen")
    assert invitations.account_status(invited).state == AccountState.INVITED
    code = re.search(r"the code ([A-Z0-9]{4}-[A-Z0-9]{4})", out.getvalue()).group(1)
    assert invitations.find_by_code(code).participant == invited
    assert "http://demo.test:8000/invitation/" in out.getvalue()
    call_command("load_demo", stdout=StringIO())
    assert Invitation.objects.count() == 1

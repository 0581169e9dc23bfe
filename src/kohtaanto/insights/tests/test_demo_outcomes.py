"""`manage.py load_demo_outcomes`: the ESF+ project with real and some suppressed figures,
idempotent."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from kohtaanto.core.models import Organisation, User
from kohtaanto.insights import selectors
from kohtaanto.insights.models import Project, ProjectEnrolment
from kohtaanto.stats.periods import Period
from kohtaanto.stats.suppression import HIDDEN, SMALL


@pytest.mark.django_db
@override_settings(DEMO=True)
def test_demo_outcomes() -> None:
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo_groups", stdout=io.StringIO())
    call_command("load_demo_outcomes", stdout=io.StringIO())
    project = Project.objects.get(name="Polku töihin (ESR+)")
    assert ProjectEnrolment.objects.filter(project=project).count() == 72
    call_command("load_demo_outcomes", stdout=io.StringIO())
    assert ProjectEnrolment.objects.filter(project=project).count() == 72
    organisation = Organisation.objects.get(name="Polku ry")
    coordinator = User.objects.get(username="coordinator")
    today = timezone.localdate()
    period = Period(today - dt.timedelta(days=560), today)
    exact = selectors.outcome_report(
        coordinator, organisation, period, project=project, suppress=False
    )
    assert exact.headline.cell("ended").value >= 30
    assert exact.headline.cell("found").value >= 15
    protected = selectors.outcome_report(
        coordinator, organisation, period, project=project, suppress=True
    )
    values = [c.value for t in protected.tables for r in t.rows for c in r.cells]
    assert any(isinstance(v, int) and v >= 5 for v in values)
    assert SMALL in values and HIDDEN in values
    esf = selectors.esf_report(coordinator, organisation, period, project=project, suppress=True)
    assert esf.entry.cell("total_participants").value == 72

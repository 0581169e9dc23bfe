"""`manage.py load_demo_foresight`: the paper mill's watch has something to show, the builds
are stored, and a second run adds nothing but new builds."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from kohtaanto.core.enums import Role
from kohtaanto.core.models import Membership, Organisation
from kohtaanto.foresight import selectors
from kohtaanto.foresight.management.commands import load_demo_foresight as demo
from kohtaanto.foresight.models import BuildStatus, ForesightBuild, Scope
from kohtaanto.opportunities.models import Opportunity
from kohtaanto.outreach.models import Intervention


@pytest.mark.django_db
@override_settings(DEMO=True)
def test_demo_foresight_is_meaningful_and_idempotent() -> None:
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo_outreach", stdout=io.StringIO())
    call_command("load_demo_foresight", stdout=io.StringIO())
    polku = Organisation.objects.get(name=demo.ORGANISATION)
    intervention = Intervention.objects.get(organisation=polku, name=demo.INTERVENTION_NAME)
    assert intervention.affected_occupations == demo.AFFECTED
    jobs = Opportunity.objects.filter(organisation=polku, title__in=[t for t, _o in demo.JOBS])
    assert jobs.count() == 3
    own = selectors.latest_build(polku)
    national = selectors.latest_build(None)
    assert own is not None and own.status == BuildStatus.DONE and own.items >= 3
    assert national is not None and national.scope == Scope.NATIONAL
    assert national.items >= own.items
    # the watch compares the mill's occupations with Kouvola's demand
    watch = selectors.watch(intervention, "fi")
    assert watch is not None and watch["region"] == "08"
    assert watch["met"] and watch["jobs"]
    assert watch["jobs"][0]["percent"] == 100  # the warehouse job: the affected have it all
    analyst = Membership.objects.get(user__username=demo.ANALYST, organisation=polku)
    assert analyst.role == Role.ANALYST

    builds = ForesightBuild.objects.count()
    call_command("load_demo_foresight", stdout=io.StringIO())
    assert jobs.count() == 3
    assert Membership.objects.filter(user__username=demo.ANALYST).count() == 1
    assert ForesightBuild.objects.count() == builds + 2  # one new build each, nothing else
    again = selectors.latest_build(polku)
    assert again is not None and again.checksum == own.checksum  # the same data


@pytest.mark.django_db
@override_settings(DEMO=False)
def test_demo_foresight_refuses_outside_a_demo_site() -> None:
    with pytest.raises(CommandError):
        call_command("load_demo_foresight", stdout=io.StringIO())

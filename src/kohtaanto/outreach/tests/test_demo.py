"""`load_demo_outreach`: the visit group, three visits with recognised and mostly confirmed
needs, the Kouvola intervention; idempotent; refuses without demo mode."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from kohtaanto.core.models import AuditEvent
from kohtaanto.groups.enums import GroupKind, MemberStatus
from kohtaanto.groups.models import Group
from kohtaanto.outreach.enums import SignalStatus
from kohtaanto.outreach.models import CompanyVisit, DemandSignal, Intervention, VisitInterview


@pytest.mark.django_db
def test_refuses_without_demo_mode() -> None:
    with override_settings(DEMO=False), pytest.raises(CommandError):
        call_command("load_demo_outreach")


def _state() -> tuple[object, ...]:
    return (
        Group.objects.count(),
        CompanyVisit.objects.count(),
        VisitInterview.objects.count(),
        tuple(DemandSignal.objects.order_by("pk").values_list("uri", "status")),
        tuple(Intervention.objects.values_list("name", "people_affected")),
        AuditEvent.objects.count(),
    )


@pytest.mark.django_db
@override_settings(DEMO=True)
def test_demo_is_believable_and_idempotent() -> None:
    for command in ("load_demo", "load_demo_opportunities", "load_demo_outreach"):
        call_command(command, stdout=io.StringIO())
    group = Group.objects.get(kind=GroupKind.COMPANY_VISITS)
    assert group.organisation.name == "Polku ry"
    assert list(group.leaders.values_list("username", flat=True)) == ["mentor"]
    assert group.members.filter(
        participant__user__username="participant", status=MemberStatus.MEMBER
    ).exists()
    visits = CompanyVisit.objects.filter(group=group)
    assert visits.count() == 3
    assert "Konepaja Virtanen Oy" in set(visits.values_list("employer__name", flat=True))
    for visit in visits:
        interview = visit.interviews.get()
        assert interview.language == "fi"
        statuses = list(interview.signals.values_list("status", flat=True))
        assert statuses and SignalStatus.SUGGESTED not in statuses
        assert statuses.count(SignalStatus.CONFIRMED) > len(statuses) / 2
    assert DemandSignal.objects.filter(status=SignalStatus.REJECTED).exists()
    intervention = Intervention.objects.get()
    assert (intervention.municipality_code, intervention.people_affected) == ("286", 420)
    assert intervention.company_name == "Kymijoen Paperi Oy"
    assert intervention.partners == ["Kouvolan kaupunki", "Kymenlaakson Uusi Alku ry"]
    before = _state()
    call_command("load_demo_outreach", stdout=io.StringIO())
    assert _state() == before

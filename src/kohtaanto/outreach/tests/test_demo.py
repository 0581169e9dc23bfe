"""`load_demo_outreach`: the visit group, three visits with recognised and mostly confirmed
needs, interviews written on the visit's day, the group's sessions (visit days with the
attendance of those who went, coming workshops), the Kouvola intervention with volunteers who
work with people; idempotent; refuses without demo mode."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.utils import timezone

from kohtaanto.core.models import AuditEvent
from kohtaanto.groups.enums import AttendanceMark, GroupKind, MemberStatus
from kohtaanto.groups.management.commands.load_demo_groups import holidays
from kohtaanto.groups.models import Attendance, Group, GroupSession
from kohtaanto.mentoring.models import VolunteerEngagement
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
        tuple(GroupSession.objects.order_by("pk").values_list("starts", "topic")),
        tuple(Attendance.objects.order_by("pk").values_list("participant_id", "marked_at")),
        tuple(Intervention.objects.values_list("mentors", flat=True).order_by("mentors")),
        tuple(Intervention.objects.values_list("name", "people_affected")),
        AuditEvent.objects.count(),
    )


@pytest.mark.django_db
@override_settings(DEMO=True)
def test_demo_is_believable_and_idempotent(frozen_clock: Any) -> None:
    # A Sunday: the visits' days (9, 5 and 2 weeks ago) would fall on Sundays unless moved to
    # working days.
    frozen_clock.move_to(dt.datetime(2026, 12, 6, 10, 0, tzinfo=dt.UTC))
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
        assert timezone.localtime(interview.recorded_at).date() == visit.visited_on
        # The group met on the visit's day; those who went are marked present, when it ended.
        (session,) = [
            s
            for s in group.sessions.all()
            if timezone.localtime(s.starts).date() == visit.visited_on
        ]
        marks = list(session.attendance.all())
        assert {a.participant_id for a in marks} == set(visit.visitors.values_list("pk", flat=True))
        assert {a.mark for a in marks} == {AttendanceMark.PRESENT}
        assert {a.marked_at for a in marks} == {session.ends}
        statuses = list(interview.signals.values_list("status", flat=True))
        assert statuses and SignalStatus.SUGGESTED not in statuses
        assert statuses.count(SignalStatus.CONFIRMED) > len(statuses) / 2
    assert DemandSignal.objects.filter(status=SignalStatus.REJECTED).exists()
    # Companies are visited, and the group meets, on working days only.
    days = [timezone.localtime(s.starts).date() for s in group.sessions.all()]
    assert all(day.weekday() < 5 and day not in holidays(day.year) for day in days), days
    coming = group.sessions.filter(starts__gt=timezone.now(), cancelled_at__isnull=True)
    assert 2 <= coming.count() <= 3
    assert "Työpaja: digitaalinen tarina" in set(coming.values_list("topic", flat=True))
    assert not Attendance.objects.filter(session__in=coming).exists()
    intervention = Intervention.objects.get()
    assert (intervention.municipality_code, intervention.people_affected) == ("286", 420)
    assert intervention.company_name == "Kymijoen Paperi Oy"
    assert intervention.partners == ["Kouvolan kaupunki", "Kymenlaakson Uusi Alku ry"]
    before = _state()
    call_command("load_demo_outreach", stdout=io.StringIO())
    assert _state() == before


@pytest.mark.django_db
@override_settings(DEMO=True)
def test_the_intervention_links_only_kouvola_volunteers_who_work_with_people() -> None:
    for command in ("load_demo", "load_demo_opportunities", "load_demo_mentoring"):
        call_command(command, stdout=io.StringIO())
    engagements = VolunteerEngagement.objects.filter(
        organisation__name="Polku ry", active=True
    ).select_related("volunteer__user")
    in_kouvola = [e for e in engagements if "286" in (e.volunteer.regions or [])]
    phone_only = {e.volunteer.user_id for e in in_kouvola if set(e.roles) == {"support_line"}}
    assert phone_only, "the mentoring demo has a support-line-only volunteer in Kouvola"
    call_command("load_demo_outreach", stdout=io.StringIO())
    mentors = set(Intervention.objects.get().mentors.values_list("pk", flat=True))
    assert mentors and not mentors & phone_only
    expected = {
        e.volunteer.user_id
        for e in in_kouvola
        if set(e.roles)
        & {"group_leader", "individual_mentor", "learning_mentor", "peer_facilitator"}
    }
    assert mentors == expected

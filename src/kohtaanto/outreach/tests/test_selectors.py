"""Reach and outcomes of an intervention by month, and needs grouped by time horizon."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from tests.factories import ParticipantFactory, Personas

from kohtaanto.groups.enums import AttendanceMark, GroupKind, MemberStatus
from kohtaanto.groups.models import Attendance, Group, GroupMember, GroupSession
from kohtaanto.journeys.models import Outcome
from kohtaanto.outreach import selectors, services
from kohtaanto.outreach.enums import Certainty, EventKind, SignalStatus, TimeHorizon
from kohtaanto.outreach.models import CompanyVisit

pytestmark = pytest.mark.django_db

TZ = timezone.get_current_timezone()
NOW = dt.datetime(2026, 12, 6, 12, 0, tzinfo=dt.UTC)
"""The tests' clock: Sunday 6 December 2026, 14.00 in Helsinki."""


def _at(year: int, month: int, day: int) -> dt.datetime:
    return dt.datetime(year, month, day, 17, 0, tzinfo=TZ)


def test_reach_counts_sessions_attendance_people_and_moves_by_month(
    personas: Personas, frozen_clock: Any
) -> None:
    frozen_clock.move_to(NOW)
    org = personas.organisation
    climbing = Group.objects.create(organisation=org, name="Kiipeily", kind=GroupKind.HOBBY)
    coding = Group.objects.create(organisation=org, name="Koodikerho", kind=GroupKind.LEARNING)
    unrelated = Group.objects.create(organisation=org, name="Muu", kind=GroupKind.HOBBY)
    a, b, c, d = (ParticipantFactory(organisation=org) for _ in range(4))
    GroupMember.objects.create(
        group=climbing, participant=a, status=MemberStatus.MEMBER, since=_at(2026, 10, 2)
    )
    GroupMember.objects.create(
        group=climbing, participant=b, status=MemberStatus.LEFT, since=_at(2026, 10, 5)
    )
    GroupMember.objects.create(
        group=coding, participant=a, status=MemberStatus.MEMBER, since=_at(2026, 11, 3)
    )
    GroupMember.objects.create(
        group=coding, participant=c, status=MemberStatus.MEMBER, since=_at(2026, 11, 3)
    )
    GroupMember.objects.create(
        group=climbing, participant=d, status=MemberStatus.INVITED, since=_at(2026, 10, 2)
    )  # invited only: not reached
    GroupMember.objects.create(
        group=unrelated, participant=d, status=MemberStatus.MEMBER, since=_at(2026, 10, 2)
    )  # another group: not reached
    oct1 = GroupSession.objects.create(
        group=climbing, starts=_at(2026, 10, 7), ends=_at(2026, 10, 7)
    )
    oct2 = GroupSession.objects.create(
        group=climbing, starts=_at(2026, 10, 14), ends=_at(2026, 10, 14)
    )
    GroupSession.objects.create(
        group=climbing,
        starts=_at(2026, 10, 21),
        ends=_at(2026, 10, 21),
        cancelled_at=_at(2026, 10, 20),
    )
    nov1 = GroupSession.objects.create(group=coding, starts=_at(2026, 11, 4), ends=_at(2026, 11, 4))
    GroupSession.objects.create(group=coding, starts=_at(2027, 1, 4), ends=_at(2027, 1, 4))  # ahead
    for session, participant, mark in (
        (oct1, a, AttendanceMark.PRESENT),
        (oct1, b, AttendanceMark.PRESENT),
        (oct2, a, AttendanceMark.PRESENT),
        (oct2, b, AttendanceMark.ABSENT),
        (nov1, a, AttendanceMark.EXCUSED),
        (nov1, c, AttendanceMark.PRESENT),
    ):
        Attendance.objects.create(session=session, participant=participant, mark=mark)
    Outcome.objects.create(participant=b, outcome_type="employment", date=dt.date(2026, 11, 20))
    Outcome.objects.create(
        participant=c, outcome_type="no_continuation_yet", date=dt.date(2026, 11, 25)
    )
    Outcome.objects.create(participant=d, outcome_type="employment", date=dt.date(2026, 11, 25))
    intervention = services.create_intervention(
        organisation=org,
        name="Sulkeminen",
        municipality_code="286",
        event_kind=EventKind.CLOSURE,
        company_name="Kymijoen Paperi Oy",
        event_date=dt.date(2026, 9, 30),
        groups=[climbing, coding],
    )
    reach = selectors.intervention_reach(intervention, today=dt.date(2026, 12, 6))
    months = {row.month: row for row in reach.months}
    assert list(months) == [dt.date(2026, m, 1) for m in (9, 10, 11, 12)]
    october, november = months[dt.date(2026, 10, 1)], months[dt.date(2026, 11, 1)]
    assert (october.sessions, october.marks, october.present) == (2, 4, 3)
    assert october.attendance_rate == pytest.approx(0.75)
    assert (october.people_present, october.new_people, october.reached_total) == (2, 2, 2)
    assert (november.sessions, november.people_present, november.new_people) == (1, 1, 1)
    assert november.attendance_rate == pytest.approx(0.5)
    assert (november.reached_total, november.moved_on) == (3, 1)
    assert months[dt.date(2026, 12, 1)].sessions == 0
    assert months[dt.date(2026, 12, 1)].attendance_rate is None
    assert (reach.groups, reach.reached, reach.members_now, reach.sessions) == (2, 3, 2, 3)
    assert reach.attendance_rate == pytest.approx(4 / 6)
    assert reach.moved_on == 1 and reach.moved_on_share == pytest.approx(1 / 3)


def test_a_session_ahead_counts_as_held_only_once_it_has_started(
    personas: Personas, frozen_clock: Any
) -> None:
    """Attendance wrongly taken ahead of a session (later today, later this month, next
    month) and a cancelled session's marks count for nothing: not as a held session, in the
    attendance or as a reached person; the month of a session ahead gets no row."""
    frozen_clock.move_to(NOW)
    org = personas.organisation
    group = Group.objects.create(organisation=org, name="Kiipeily", kind=GroupKind.HOBBY)
    member, invited = ParticipantFactory(organisation=org), ParticipantFactory(organisation=org)
    GroupMember.objects.create(
        group=group, participant=member, status=MemberStatus.MEMBER, since=_at(2026, 11, 2)
    )
    GroupMember.objects.create(
        group=group, participant=invited, status=MemberStatus.INVITED, since=_at(2026, 11, 2)
    )

    def session(starts: dt.datetime, **fields: Any) -> GroupSession:
        return GroupSession.objects.create(
            group=group, starts=starts, ends=starts + dt.timedelta(hours=2), **fields
        )

    held = session(_at(2026, 12, 2))
    cancelled = session(_at(2026, 12, 3), cancelled_at=_at(2026, 12, 1))
    tonight = session(_at(2026, 12, 6))  # 17.00 today: not started at 14.00
    later = session(_at(2026, 12, 20))
    next_year = session(_at(2027, 1, 4))
    Attendance.objects.create(session=held, participant=member, mark=AttendanceMark.ABSENT)
    for ahead in (cancelled, tonight, later, next_year):
        for participant in (member, invited):
            Attendance.objects.create(
                session=ahead, participant=participant, mark=AttendanceMark.PRESENT
            )
    intervention = services.create_intervention(
        organisation=org,
        name="Sulkeminen",
        municipality_code="286",
        event_kind=EventKind.CLOSURE,
        company_name="Kymijoen Paperi Oy",
        event_date=dt.date(2026, 11, 1),
        groups=[group],
    )
    reach = selectors.intervention_reach(intervention)
    months = {row.month: row for row in reach.months}
    assert list(months) == [dt.date(2026, 11, 1), dt.date(2026, 12, 1)]
    december = months[dt.date(2026, 12, 1)]
    assert (december.sessions, december.marks, december.present) == (1, 1, 0)
    assert (december.people_present, december.attendance_rate) == (0, 0.0)
    assert (reach.sessions, reach.attendance_rate, reach.reached) == (1, 0.0, 1)
    # Once the evening's session has started, it counts (and its marks with it).
    frozen_clock.move_to(_at(2026, 12, 6) + dt.timedelta(minutes=1))
    reach = selectors.intervention_reach(intervention)
    december = {row.month: row for row in reach.months}[dt.date(2026, 12, 1)]
    assert (december.sessions, december.marks, december.present) == (2, 3, 2)
    assert (reach.sessions, reach.reached) == (2, 2)


def test_needs_by_horizon_keep_confirmed_ones_once(personas: Personas, visit: CompanyVisit) -> None:
    first = services.record_interview(
        visit,
        text="Tarvitsemme hitsaajia. Hitsaus on tärkeää.",
        time_horizon=TimeHorizon.NOW,
        certainty=Certainty.LIKELY,
    )
    second = services.record_interview(
        visit,
        text="Hitsaus ja laadunvalvonta.",
        time_horizon=TimeHorizon.NOW,
        certainty=Certainty.SURE,
    )
    later = services.record_interview(
        visit,
        text="Laadunvalvonta.",
        time_horizon=TimeHorizon.THREE_TO_FIVE,
        certainty=Certainty.GUESS,
    )
    for interview in (first, second, later):
        services.decide_signals(
            interview,
            {s.pk: SignalStatus.CONFIRMED for s in interview.signals.all()},
        )
    quality = second.signals.get(label="laadunvalvonta")
    services.decide_signals(second, {quality.pk: SignalStatus.REJECTED})
    needs = selectors.company_needs_for_contact(personas.employer_organisation)
    assert [n.horizon for n in needs] == [TimeHorizon.NOW, TimeHorizon.THREE_TO_FIVE]
    now = [(s.label, s.certainty) for s in needs[0].signals]
    assert now.count(("hitsaus", "sure")) == 1 and ("hitsaus", "likely") not in now
    assert ("hitsaaja", "likely") in now and "laadunvalvonta" not in [s for s, _ in now]
    assert [s.label for s in needs[1].signals] == ["laadunvalvonta"]

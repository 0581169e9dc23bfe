"""The write path of groups: capacity and the waiting list, overlapping sessions, recurring
series, cancelled sessions, idempotent attendance, leaders' roles."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.utils import timezone, translation
from tests.factories import MembershipFactory, ParticipantFactory, Personas, member

from kohtaanto.core.enums import Role
from kohtaanto.core.errors import ValidationFailed
from kohtaanto.groups import services
from kohtaanto.groups.enums import MemberStatus
from kohtaanto.groups.models import Attendance, Group, GroupMember, GroupSession

from .conftest import at

pytestmark = pytest.mark.django_db


def _status(group: Group, participant: object) -> str:
    return GroupMember.objects.get(group=group, participant=participant).status


def test_full_group_puts_newcomers_on_the_waiting_list_and_a_leaver_frees_a_place(
    personas: Personas, group: Group
) -> None:
    services.update_group(group, by=personas.coordinator, capacity=2)
    second = ParticipantFactory(organisation=personas.organisation)
    third = ParticipantFactory(organisation=personas.organisation)
    fourth = ParticipantFactory(organisation=personas.organisation)
    services.invite(group, second, by=personas.coach)
    assert services.answer_invitation(group, second, accept=True, by=None).status == "member"
    # An open group: joining needs nobody's approval; a full group puts newcomers in the queue.
    assert services.join(group, third, by=None).status == MemberStatus.WAITING
    assert services.join(group, fourth, by=None).status == MemberStatus.WAITING
    assert services.is_full(group)

    services.leave(group, second, by=personas.mentor)

    assert _status(group, second) == MemberStatus.LEFT
    assert _status(group, third) == MemberStatus.MEMBER  # the first in the queue moved up
    assert _status(group, fourth) == MemberStatus.WAITING
    # A bigger capacity takes the rest of the queue in.
    services.update_group(group, by=personas.coordinator, capacity=5)
    assert _status(group, fourth) == MemberStatus.MEMBER


def test_leaving_the_waiting_list_moves_nobody(personas: Personas, group: Group) -> None:
    services.update_group(group, by=personas.coordinator, capacity=1)
    waiting = ParticipantFactory(organisation=personas.organisation)
    services.join(group, waiting, by=None)
    assert _status(group, waiting) == MemberStatus.WAITING
    services.leave(group, waiting, by=None)
    assert _status(group, personas.participant) == MemberStatus.MEMBER
    assert _status(group, waiting) == MemberStatus.LEFT


def test_an_open_group_takes_a_newcomer_straight_in(personas: Personas, group: Group) -> None:
    newcomer = ParticipantFactory(organisation=personas.organisation)
    assert services.join(group, newcomer, by=None).status == MemberStatus.MEMBER
    with pytest.raises(ValidationFailed):
        services.join(group, newcomer, by=None)  # already in


def test_closed_group_takes_members_only_by_invitation_and_other_organisations_cannot_join(
    personas: Personas, group: Group
) -> None:
    services.update_group(group, by=personas.coordinator, is_open=False)
    newcomer = ParticipantFactory(organisation=personas.organisation)
    with pytest.raises(ValidationFailed):
        services.join(group, newcomer, by=None)
    invited = ParticipantFactory(organisation=personas.organisation)
    services.invite(group, invited, by=personas.coach)
    assert services.join(group, invited, by=None).status == MemberStatus.MEMBER
    with pytest.raises(ValidationFailed):
        services.invite(group, personas.other_participant, by=personas.coordinator)
    assert not GroupMember.objects.filter(group=group, participant=newcomer).exists()


def test_leaders_must_hold_a_leading_role_in_the_organisation(personas: Personas) -> None:
    with pytest.raises(ValidationFailed) as error:
        services.create_group(
            organisation=personas.organisation,
            by=personas.coordinator,
            leaders=[personas.mentor, personas.employer_contact],
            name="Bändi",
            kind="hobby",
        )
    assert "leaders" in error.value.errors
    assert not Group.objects.filter(name="Bändi").exists()  # nothing saved half


def test_weekly_series_n_times_shares_a_series_id_and_keeps_the_local_time(
    personas: Personas, group: Group
) -> None:
    created = services.schedule_sessions(
        group, starts=at(3, 17, 30), ends=at(3, 19), by=personas.mentor, repeat="weekly", count=6
    )
    assert len(created) == 6
    assert len({s.series for s in created}) == 1 and created[0].series
    days = [timezone.localtime(s.starts).date() for s in created]
    assert all((b - a).days == 7 for a, b in itertools.pairwise(days))
    assert {timezone.localtime(s.starts).time() for s in created} == {dt.time(17, 30)}
    assert all(s.place == group.place for s in created)


def test_every_two_weeks_until_a_date(personas: Personas, group: Group) -> None:
    first = at(2, 10)
    until = timezone.localdate() + dt.timedelta(days=2 + 14 * 3 + 3)
    created = services.schedule_sessions(
        group, starts=first, ends=at(2, 11), by=personas.mentor, repeat="biweekly", until=until
    )
    assert len(created) == 4
    assert timezone.localtime(created[-1].starts).date() <= until


def test_overlap_with_the_leaders_other_group_is_refused_with_a_translated_message(
    personas: Personas, group: Group
) -> None:
    other = services.create_group(
        organisation=personas.organisation,
        by=personas.coordinator,
        leaders=[personas.mentor],
        name="Sulkapallo",
        kind="hobby",
    )
    services.schedule_sessions(other, starts=at(11, 18), ends=at(11, 20), by=personas.mentor)
    before = GroupSession.objects.count()
    with translation.override("fi"), pytest.raises(ValidationFailed) as error:
        services.schedule_sessions(
            group, starts=at(4, 19), ends=at(4, 21), by=personas.mentor, repeat="weekly", count=3
        )
    assert error.value.code == "overlap"
    assert "Sulkapallo" in error.value.errors["starts"][0]
    assert str(error.value.message) != "The session overlaps a leader's other session."
    assert GroupSession.objects.count() == before  # not one session of the series saved
    # After seeing the warning, the leader confirms.
    created = services.schedule_sessions(
        group,
        starts=at(4, 19),
        ends=at(4, 21),
        by=personas.mentor,
        repeat="weekly",
        count=3,
        allow_overlap=True,
    )
    assert len(created) == 3


def test_overlap_with_another_organisations_group_does_not_name_it(
    personas: Personas, group: Group
) -> None:
    """The mentor volunteers in two organisations: Polku's coordinator is told that the leader
    has another session then, never the name of the other organisation's group."""
    MembershipFactory(
        user=personas.mentor, organisation=personas.other_organisation, role=Role.MENTOR
    )
    elsewhere = services.create_group(
        organisation=personas.other_organisation,
        by=personas.outsider,
        leaders=[personas.mentor],
        name="Salainen vertaisryhmä",
        kind="job_search",
    )
    services.schedule_sessions(elsewhere, starts=at(5, 18), ends=at(5, 20), by=personas.mentor)
    with translation.override("en"), pytest.raises(ValidationFailed) as error:
        services.schedule_sessions(group, starts=at(5, 19), ends=at(5, 21), by=personas.coordinator)
    assert error.value.code == "overlap"
    [message] = [str(m) for m in error.value.errors["starts"]]
    assert "Salainen" not in message
    assert "overlaps another session of the leader at" in message
    with translation.override("fi"), pytest.raises(ValidationFailed) as error:
        services.schedule_sessions(group, starts=at(5, 19), ends=at(5, 21), by=personas.coordinator)
    finnish = str(error.value.errors["starts"][0])
    assert "Salainen" not in finnish and "another session" not in finnish


def test_back_to_back_sessions_do_not_overlap(personas: Personas, group: Group) -> None:
    services.schedule_sessions(group, starts=at(6, 17), ends=at(6, 18), by=personas.mentor)
    services.schedule_sessions(group, starts=at(6, 18), ends=at(6, 19), by=personas.mentor)
    assert GroupSession.objects.filter(group=group).count() == 2


def test_a_cancelled_session_does_not_count_as_an_overlap(
    personas: Personas, group: Group, session: GroupSession
) -> None:
    services.cancel_session(session, reason="Sali on varattu", by=personas.mentor)
    services.schedule_sessions(group, starts=session.starts, ends=session.ends, by=personas.mentor)


def test_attendance_is_idempotent_and_keeps_who_marked_first(
    personas: Personas, group: Group, started_session: GroupSession
) -> None:
    session = started_session
    first = services.record_attendance(
        session, {personas.participant.pk: "present"}, by=personas.mentor
    )
    assert first == {"created": 1, "changed": 0, "unchanged": 0}
    row = Attendance.objects.get(session=session)
    again = services.record_attendance(
        session, {personas.participant.pk: "present"}, by=personas.coach
    )
    assert again == {"created": 0, "changed": 0, "unchanged": 1}
    row.refresh_from_db()
    assert row.marked_by == personas.mentor
    services.record_attendance(session, {personas.participant.pk: "excused"}, by=personas.coach)
    row.refresh_from_db()
    assert (row.mark, row.marked_by) == ("excused", personas.coach)
    assert Attendance.objects.filter(session=session).count() == 1


def test_attendance_for_a_cancelled_session_is_refused(
    personas: Personas, session: GroupSession
) -> None:
    services.cancel_session(session, reason="Ohjaaja sairastui", by=personas.mentor)
    session.refresh_from_db()
    with translation.override("fi"), pytest.raises(ValidationFailed) as error:
        services.record_attendance(
            session, {personas.participant.pk: "present"}, by=personas.mentor
        )
    assert error.value.code == "cancelled"
    assert "peru" in str(error.value.message).lower()
    assert not Attendance.objects.filter(session=session).exists()


def test_attendance_of_someone_outside_the_group_saves_nothing(
    personas: Personas, started_session: GroupSession
) -> None:
    session = started_session
    with pytest.raises(ValidationFailed):
        services.record_attendance(
            session,
            {personas.participant.pk: "present", personas.unassigned_participant.pk: "present"},
            by=personas.mentor,
        )
    assert not Attendance.objects.filter(session=session).exists()


def test_cancel_needs_a_reason_and_happens_once(personas: Personas, session: GroupSession) -> None:
    with pytest.raises(ValidationFailed):
        services.cancel_session(session, reason="  ", by=personas.mentor)
    services.cancel_session(session, reason="Sali on varattu", by=personas.mentor)
    with pytest.raises(ValidationFailed):
        services.cancel_session(session, reason="Uudestaan", by=personas.mentor)
    session.refresh_from_db()
    assert session.cancel_reason == "Sali on varattu"


def test_a_coach_can_lead_and_the_participant_can_rejoin(personas: Personas, group: Group) -> None:
    services.add_leader(group, personas.coach, by=personas.coordinator)
    assert set(group.leaders.all()) == {personas.mentor, personas.coach}
    services.leave(group, personas.participant, by=personas.participant_user)
    services.join(group, personas.participant, by=personas.participant_user)
    assert _status(group, personas.participant) == MemberStatus.MEMBER
    volunteer = member(personas.organisation, Role.MENTOR, username="vapaaehtoinen-x")
    services.add_leader(group, volunteer, by=personas.coordinator)
    assert group.leaders.count() == 3


def test_only_members_are_marked_but_a_marked_leaver_can_be_corrected(
    personas: Personas, group: Group, started_session: GroupSession
) -> None:
    session = started_session
    invited = ParticipantFactory(organisation=personas.organisation)
    services.invite(group, invited, by=personas.coach)
    with pytest.raises(ValidationFailed):
        services.record_attendance(session, {invited.pk: "present"}, by=personas.mentor)
    services.record_attendance(session, {personas.participant.pk: "present"}, by=personas.mentor)
    services.leave(group, personas.participant, by=personas.participant_user)
    services.record_attendance(session, {personas.participant.pk: "excused"}, by=personas.mentor)
    assert Attendance.objects.get(session=session).mark == "excused"


def test_attendance_opens_half_an_hour_before_the_start_and_not_earlier(
    personas: Personas, group: Group, session: GroupSession
) -> None:
    marks = {personas.participant.pk: "present"}
    with translation.override("fi"), pytest.raises(ValidationFailed) as error:
        services.record_attendance(session, marks, by=personas.mentor)
    assert error.value.code == "not_started"
    assert "kun kerta alkaa" in str(error.value.message)
    assert not Attendance.objects.filter(session=session).exists()
    soon = session.starts - services.ROLL_CALL_OPENS + dt.timedelta(minutes=1)
    assert services.roll_call_open(session, soon)
    assert not services.roll_call_open(session, soon - dt.timedelta(minutes=2))


def test_attendance_entered_afterwards_keeps_the_time_it_was_taken(
    personas: Personas, group: Group
) -> None:
    starts = timezone.now() - dt.timedelta(days=2)
    past = services.schedule_sessions(
        group, starts=starts, ends=starts + dt.timedelta(hours=2), by=personas.mentor
    )[0]
    services.record_attendance(
        past, {personas.participant.pk: "present"}, by=personas.mentor, at=past.ends
    )
    assert Attendance.objects.get(session=past).marked_at == past.ends
    with pytest.raises(ValidationFailed):  # not before the session, not in the future
        services.record_attendance(
            past,
            {personas.participant.pk: "absent"},
            by=personas.mentor,
            at=starts - dt.timedelta(days=1),
        )
    assert Attendance.objects.get(session=past).mark == "present"


def test_a_session_that_has_started_cannot_be_cancelled(
    personas: Personas, started_session: GroupSession
) -> None:
    with translation.override("fi"), pytest.raises(ValidationFailed) as error:
        services.cancel_session(started_session, reason="Myöhässä", by=personas.mentor)
    assert error.value.code == "started"
    assert "alkanut" in str(error.value.message)
    started_session.refresh_from_db()
    assert started_session.cancelled_at is None


def test_a_series_leaves_out_the_skipped_dates_and_still_holds_count_sessions(
    personas: Personas, group: Group
) -> None:
    first = at(14, 17)
    holiday = (first + dt.timedelta(weeks=1)).date()
    sessions = services.schedule_sessions(
        group,
        starts=first,
        ends=first + dt.timedelta(hours=1),
        by=personas.mentor,
        repeat=services.WEEKLY,
        count=3,
        skip=[holiday],
    )
    days = [timezone.localtime(s.starts).date() for s in sessions]
    assert len(days) == 3 and holiday not in days
    assert days[-1] == first.date() + dt.timedelta(weeks=3)


def test_a_leader_takes_someone_in_from_the_waiting_list(personas: Personas, group: Group) -> None:
    services.update_group(group, by=personas.coordinator, capacity=1)
    waiting = ParticipantFactory(organisation=personas.organisation)
    services.join(group, waiting, by=None)
    with pytest.raises(ValidationFailed) as error:
        services.admit_from_waiting_list(group, waiting, by=personas.mentor)
    assert error.value.code == "full"
    assert _status(group, waiting) == MemberStatus.WAITING
    services.admit_from_waiting_list(group, waiting, by=personas.mentor, over_capacity=True)
    assert _status(group, waiting) == MemberStatus.MEMBER
    with pytest.raises(ValidationFailed):
        services.admit_from_waiting_list(group, waiting, by=personas.mentor)

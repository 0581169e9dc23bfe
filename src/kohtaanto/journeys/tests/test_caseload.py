from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from tests.factories import ParticipantFactory

from kohtaanto.journeys import selectors
from kohtaanto.journeys.enums import SessionStatus
from kohtaanto.journeys.models import Intake, Session, Task
from kohtaanto.people.models import Participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def big_caseload(organisation, coach):
    now = timezone.now()
    people = [ParticipantFactory.build(organisation=organisation) for _ in range(200)]
    for index, person in enumerate(people):
        person.email = f"p{index}@example.fi"
    Participant.objects.bulk_create(people)
    people = list(
        Participant.objects.filter(
            email__startswith="p", organisation=organisation, email__endswith="@example.fi"
        ).exclude(user__isnull=False)
    )
    Participant.coaches.through.objects.bulk_create(
        Participant.coaches.through(participant_id=p.pk, user_id=coach.pk) for p in people
    )
    Intake.objects.bulk_create(Intake(participant=p, municipality_code="091") for p in people)
    Session.objects.bulk_create(
        Session(
            participant=p,
            kind="individual",
            status=SessionStatus.HELD,
            starts_at=now - dt.timedelta(days=i % 30 + 1),
        )
        for i, p in enumerate(people)
    )
    Session.objects.bulk_create(
        Session(
            participant=p,
            kind="remote",
            status=SessionStatus.PLANNED,
            starts_at=now + dt.timedelta(days=i % 10 + 1),
        )
        for i, p in enumerate(people[:100])
    )
    Task.objects.bulk_create(Task(participant=p, title="t") for p in people[:50])
    return people


@pytest.mark.usefixtures("frozen_clock")  # meetings counted from "today"
def test_caseload_query_count(big_caseload, coach, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        rows = list(selectors.caseload(coach, sort="next_meeting"))
        coaches = [list(p.coaches.all()) for p in rows]
    assert len(rows) >= 200 and all(c == [coach] for c in coaches)
    with django_assert_max_num_queries(2):
        page = list(selectors.caseload(coach, sort="-last_contact")[:50])
        _ = [
            (
                p.next_meeting,
                p.last_contact,
                p.open_tasks,
                p.municipality_code,
                list(p.coaches.all()),
            )
            for p in page
        ]
    assert len(page) == 50


@pytest.mark.usefixtures("frozen_clock")  # meetings counted from "today"
def test_caseload_filters_and_sorts(big_caseload, coach, outsider):
    rows = list(selectors.caseload(coach, sort="next_meeting"))
    meetings = [p.next_meeting for p in rows if p.next_meeting]
    assert meetings == sorted(meetings) and rows[-1].next_meeting is None
    assert all(p.next_meeting is None for p in selectors.caseload(coach, no_next_meeting=True))
    soon = selectors.caseload(coach, next_meeting_to=timezone.localdate() + dt.timedelta(days=1))
    assert 0 < soon.count() < 100
    old = selectors.caseload(
        coach, last_contact_before=timezone.localdate() - dt.timedelta(days=20)
    )
    assert 0 < old.count() < 200
    assert sum(p.open_tasks for p in selectors.caseload(coach)) == 50
    target = big_caseload[7]
    found = list(selectors.caseload(coach, q=f"{target.first_name} {target.last_name}"))
    assert target in found
    assert list(selectors.caseload(coach, status="ended")) == []
    assert selectors.caseload(coach, coach_id=outsider.pk).count() == 0
    assert selectors.caseload(outsider).filter(pk=target.pk).count() == 0


@pytest.mark.usefixtures("frozen_clock")  # meetings counted from "today"
def test_coordinator_sees_whole_organisation(big_caseload, coordinator, unassigned_participant):
    assert unassigned_participant in list(selectors.caseload(coordinator))

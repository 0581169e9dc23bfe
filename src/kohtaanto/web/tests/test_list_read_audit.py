"""Bulk reads of personal data on the pages are audited (issue 18, probe point 2): every page
that lists other people's data writes ONE list-read event per page view
(`core.audit.log_list_read`: `AuditAction.LIST`, `details = {"filters", "count"}`), never one
per row and never a name. A person's own data is no list read.

The caseload (`test_caseload_privacy.py`), the API lists (`api/tests/`) and the admin's
participant list were audited before; these are the pages that were not.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from tests.factories import ParticipantFactory, Personas
from tests.factories_trials import make_trial

from kohtaanto.core.enums import AuditAction
from kohtaanto.core.models import AuditEvent
from kohtaanto.matches import services as matches
from kohtaanto.matches.tests.conftest import (  # noqa: F401 (fixtures)
    courses,
    matched,
    warehouse,
)
from kohtaanto.mentoring import services as mentoring
from kohtaanto.mentoring.tests.conftest import add_mentor, consent_to_matching
from kohtaanto.people.models import Participant
from kohtaanto.trials.services import workplace

pytestmark = pytest.mark.django_db


def list_reads(after: int = 0) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=AuditAction.LIST, pk__gt=after).order_by("id"))


def last_event() -> int:
    """The id of the latest audit event (the log is append-only: later reads come after it)."""
    return AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0


def the_read(name: str, user: Any, *private: str, after: int = 0) -> AuditEvent:
    """The one list-read event of the list `name`, by `user` (after the event `after`),
    holding none of `private`."""
    reads = [
        e
        for e in list_reads(after)
        if e.details["filters"].get("list") == name and e.actor_id == user.pk
    ]
    assert len(reads) == 1, [e.details for e in list_reads()]
    (event,) = reads
    assert event.participant_id is None and event.object_id == ""
    written = json.dumps(event.details, ensure_ascii=False)
    for text in private:
        assert text and text not in written
    return event


def names(*people: Participant) -> list[str]:
    return [text for p in people for text in (p.first_name, p.last_name, p.email) if text]


def get(client: Client, url: str, **params: Any) -> str:
    response = client.get(url, params)
    assert response.status_code == 200, url
    return response.content.decode()


# --- the home page: one event per page view, the sections and the people they name -----------


def test_coach_home_my_participants_is_one_list_read(
    personas: Personas, coach_client: Client
) -> None:
    html = get(coach_client, "/")
    assert personas.caseload_participant.full_name in html
    event = the_read(
        "home", personas.coach, *names(personas.participant, personas.caseload_participant)
    )
    assert event.object_type == "people.participant"
    assert event.organisation_id == personas.organisation.pk
    assert event.details == {"filters": {"list": "home", "sections": "caseload"}, "count": 2}
    get(coach_client, "/")
    assert len(list_reads()) == 2  # each page view is read again


def test_coordinator_home_lists_the_organisation_once(
    personas: Personas, coordinator_client: Client
) -> None:
    get(coordinator_client, "/")
    people = (personas.participant, personas.caseload_participant, personas.unassigned_participant)
    event = the_read("home", personas.coordinator, *names(*people))
    assert event.details == {"filters": {"list": "home", "sections": "organisation"}, "count": 3}


def test_a_coach_with_employer_answers_counts_each_person_once(
    personas: Personas,
    coach_client: Client,
    matched: Participant,  # noqa: F811
    warehouse: Any,  # noqa: F811
) -> None:
    proposal = matches.propose(personas.coach, matched.pk, warehouse.pk)
    matches.respond(personas.employer_contact, proposal.pk, accept=True)
    get(coach_client, "/")
    event = the_read("home", personas.coach, *names(matched, personas.caseload_participant))
    assert event.details == {
        "filters": {"list": "home", "sections": "caseload,employer_answers"},
        "count": 2,  # the answered proposal's participant is in the caseload too
    }


def test_own_data_and_pages_without_other_people_are_no_list_read(
    personas: Personas, participant_client: Client, client_for: Any
) -> None:
    get(participant_client, "/")
    get(client_for(personas.mentor), "/")  # a volunteer with nothing yet
    get(client_for(personas.analyst), "/")
    assert list_reads() == []


def test_a_mentors_home_lists_the_mentees_once(personas: Personas, client_for: Any) -> None:
    add_mentor(personas, personas.mentor)
    consent_to_matching(personas.participant, personas.participant_user)
    relation = mentoring.propose_mentoring(personas.participant, personas.mentor, personas.coach)
    mentoring.confirm_mentoring(relation, personas.coordinator)
    mentoring.accept_mentoring(relation, personas.mentor)
    mentoring.accept_mentoring(relation, personas.participant_user)
    assert personas.participant.first_name in get(client_for(personas.mentor), "/")
    event = the_read("home", personas.mentor, *names(personas.participant))
    assert event.details == {"filters": {"list": "home", "sections": "mentees"}, "count": 1}


def test_workplace_homes_list_the_trialists_once(personas: Personas, client_for: Any) -> None:
    trial = make_trial(personas)
    workplace.submit_checkin(
        trial,
        week_start=workplace.monday_of(timezone.localdate()),
        mood="ok",
        wants_coach_contact=True,
        by=personas.workplace_mentor,
    )
    private = names(personas.participant)
    for user, sections in (
        (personas.workplace_mentor, "workplace_trials"),
        (personas.employer_contact, "employer_trials"),
    ):
        get(client_for(user), "/")
        event = the_read("home", user, *private)
        assert event.details == {"filters": {"list": "home", "sections": sections}, "count": 1}
    get(client_for(personas.coach), "/")
    event = the_read("home", personas.coach, *private)
    assert event.details == {
        "filters": {"list": "home", "sections": "caseload,workplace_requests"},
        "count": 2,
    }


def test_a_new_participant_in_the_caseload_is_counted_not_named(
    personas: Personas, coach_client: Client
) -> None:
    extra = ParticipantFactory(organisation=personas.organisation, coaches=[personas.coach])
    get(coach_client, "/")
    event = the_read("home", personas.coach, *names(extra))
    assert event.details["count"] == 3

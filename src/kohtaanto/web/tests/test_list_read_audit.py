"""Bulk reads of personal data on the pages are audited (issue 18, probe point 2): every page
that lists other people's data writes ONE list-read event per page view
(`core.audit.log_list_read`: `AuditAction.LIST`, `details = {"filters", "count"}`), never one
per row and never a name. A person's own data is no list read.

The caseload (`test_caseload_privacy.py`), the API lists (`api/tests/`) and the admin's
participant list were audited before; these are the pages that were not.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from tests.factories import ParticipantFactory, Personas
from tests.factories_trials import make_trial, trial_place

from kohtaanto.core.enums import AuditAction
from kohtaanto.core.models import AuditEvent
from kohtaanto.groups import services as groups
from kohtaanto.insights import services as insights
from kohtaanto.matches import services as matches
from kohtaanto.matches.tests.conftest import (  # noqa: F401 (fixtures)
    courses,
    matched,
    warehouse,
)
from kohtaanto.mentoring import services as mentoring
from kohtaanto.mentoring.models import Mentoring, VolunteerProfile
from kohtaanto.mentoring.tests.conftest import add_mentor, consent_to_matching
from kohtaanto.mentoring.tests.test_matching import wants_mentor
from kohtaanto.people.models import Participant
from kohtaanto.supportline import services as supportline
from kohtaanto.supportline.models import Shift, ShiftSignup
from kohtaanto.trials.services import workplace
from kohtaanto.web.insights.tests.test_pages import make_people

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


def test_coordinator_home_counts_the_organisation_and_names_no_one(
    personas: Personas, coordinator_client: Client
) -> None:
    """The coordinator's home shows the organisation's participants as counts by status (the
    caseload lists them, in pages): no name on the page, so no list-read event."""
    ParticipantFactory(organisation=personas.organisation, status="paused")
    ParticipantFactory(organisation=personas.other_organisation)  # not counted
    html = get(coordinator_client, "/?lang=en")
    people = (personas.participant, personas.caseload_participant, personas.unassigned_participant)
    for text in names(*people):
        assert text not in html
    section = html.split('id="participants-by-status"')[1].split("</ul>")[0]
    assert "The organisation has 4 participants." in html
    assert "<li>Active: 3</li>" in section and "<li>Paused: 1</li>" in section
    assert "Ended" not in section
    assert 'href="/caseload/"' in html
    assert not [e for e in list_reads() if e.details["filters"].get("list") == "home"]


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


# --- trials --------------------------------------------------------------------------------


def test_the_trial_list_is_one_list_read(personas: Personas, coach_client: Client) -> None:
    make_trial(personas)
    assert personas.participant.full_name in get(coach_client, "/trials/")
    event = the_read("trials", personas.coach, *names(personas.participant))
    assert event.object_type == "trials.trial"
    assert event.organisation_id == personas.organisation.pk
    assert event.details == {"filters": {"list": "trials"}, "count": 1}
    mark = last_event()
    get(coach_client, "/trials/", state="explore")
    event = the_read("trials", personas.coach, after=mark)
    assert event.details == {"filters": {"list": "trials", "state": "explore"}, "count": 0}


def test_the_workplace_trial_list_is_one_list_read(personas: Personas, client_for: Any) -> None:
    make_trial(personas)
    get(client_for(personas.workplace_mentor), "/trials/at-work/")
    event = the_read("trials_at_work", personas.workplace_mentor, *names(personas.participant))
    assert event.object_type == "trials.trial"
    assert event.details == {"filters": {"list": "trials_at_work"}, "count": 1}


def test_choosing_whose_trial_from_a_place_is_one_list_read(
    personas: Personas, coach_client: Client
) -> None:
    place = trial_place(personas)
    html = get(coach_client, "/trials/new/", place=place.pk)
    assert personas.caseload_participant.full_name in html
    private = names(personas.participant, personas.caseload_participant)
    event = the_read("trial_from_place", personas.coach, *private)
    assert event.object_type == "people.participant"
    assert event.details == {
        "filters": {"list": "trial_from_place", "place": str(place.pk)},
        "count": 2,
    }
    chosen = coach_client.get(
        "/trials/new/", {"place": place.pk, "participant": personas.participant.pk}
    )
    assert chosen.status_code == 302  # the choice made: no list shown, no list read
    assert len(list_reads()) == 1


# --- mentoring -------------------------------------------------------------------------------


@pytest.fixture
def relation(personas: Personas) -> Mentoring:
    add_mentor(personas, personas.mentor)
    consent_to_matching(personas.participant, personas.participant_user)
    found = mentoring.propose_mentoring(personas.participant, personas.mentor, personas.coach)
    mentoring.confirm_mentoring(found, personas.coordinator)
    return found


def test_the_mentoring_list_is_one_list_read(
    personas: Personas, relation: Mentoring, client_for: Any
) -> None:
    for user in (personas.coordinator, personas.coach):
        assert personas.participant.last_name in get(client_for(user), "/mentorings/")
        event = the_read("mentorings", user, *names(personas.participant))
        assert event.object_type == "mentoring.mentoring"
        assert event.organisation_id == personas.organisation.pk
        assert event.details == {"filters": {"list": "mentorings"}, "count": 1}


def test_the_mentor_requests_are_one_list_read(
    personas: Personas, coordinator_client: Client
) -> None:
    wants_mentor(personas, personas.participant, languages={"fi": "native"})
    consent_to_matching(personas.caseload_participant, personas.coordinator)  # may want one
    html = get(coordinator_client, "/mentoring/match/")
    assert personas.participant.full_name in html
    assert personas.caseload_participant.full_name in html
    private = names(personas.participant, personas.caseload_participant)
    event = the_read("mentor_requests", personas.coordinator, *private)
    assert event.object_type == "people.participant"
    assert event.details == {"filters": {"list": "mentor_requests"}, "count": 2}


def test_the_volunteer_pool_is_one_list_read(personas: Personas, client_for: Any) -> None:
    profile = add_mentor(personas, personas.mentor)
    client = client_for(personas.coordinator)
    assert personas.mentor.get_full_name() in get(client, "/volunteers/")
    event = the_read("volunteers", personas.coordinator, personas.mentor.get_full_name())
    assert event.object_type == "mentoring.volunteerprofile"
    assert event.details == {"filters": {"list": "volunteers"}, "count": 1}
    mark = last_event()
    get(client, "/volunteers/", role="group_leader")
    event = the_read("volunteers", personas.coordinator, after=mark)
    assert event.details == {"filters": {"list": "volunteers", "role": "group_leader"}, "count": 0}
    mark = last_event()
    get(client, f"/volunteers/{profile.pk}/")  # no mentees yet: no list of people shown
    assert list_reads(mark) == []


def test_a_volunteers_mentees_are_one_list_read(
    personas: Personas, relation: Mentoring, coordinator_client: Client
) -> None:
    profile = VolunteerProfile.objects.get(user=personas.mentor)
    assert personas.participant.full_name in get(coordinator_client, f"/volunteers/{profile.pk}/")
    event = the_read("volunteer_mentorings", personas.coordinator, *names(personas.participant))
    assert event.object_type == "mentoring.mentoring"
    assert event.details == {
        "filters": {"list": "volunteer_mentorings", "volunteer": str(profile.pk)},
        "count": 1,
    }


# --- groups, projects, the monitoring file, call-backs ------------------------------------------


def test_the_group_invitation_choice_is_one_list_read(
    personas: Personas, coordinator_client: Client
) -> None:
    group = groups.create_group(
        organisation=personas.organisation,
        by=personas.coordinator,
        leaders=[personas.mentor],
        name="Kiipeilyryhmä",
        kind="hobby",
        place="Kiipeilykeskus, Lahti",
    )
    html = get(coordinator_client, f"/groups/{group.pk}/")
    assert personas.unassigned_participant.full_name in html
    people = (personas.participant, personas.caseload_participant, personas.unassigned_participant)
    event = the_read("group_invite", personas.coordinator, *names(*people))
    assert event.object_type == "people.participant"
    assert event.organisation_id == personas.organisation.pk
    assert event.details == {
        "filters": {"list": "group_invite", "group": str(group.pk)},
        "count": 3,
    }


def test_a_project_page_is_one_list_read(personas: Personas, coordinator_client: Client) -> None:
    project = insights.create_project(
        personas.coordinator,
        personas.organisation,
        name="Polku 2026",
        starts=timezone.localdate() - dt.timedelta(days=30),
    )
    insights.enrol(personas.coordinator, project, personas.participant)
    html = get(coordinator_client, f"/insights/projects/{project.pk}/")
    assert personas.participant.last_name in html
    assert personas.unassigned_participant.last_name in html  # among those one may add
    people = (personas.participant, personas.caseload_participant, personas.unassigned_participant)
    event = the_read("project", personas.coordinator, *names(*people))
    assert event.details == {
        "filters": {"list": "project", "project": str(project.pk)},
        "count": 3,  # one in the project, two to choose from
    }


def test_the_monitoring_file_is_one_list_read_besides_the_export(
    personas: Personas, coordinator_client: Client, settings: Any, tmp_path: Any
) -> None:
    settings.DATA_DIR = tmp_path
    people = make_people(personas)
    start = timezone.localdate() - dt.timedelta(days=400)
    end = timezone.localdate()
    response = coordinator_client.post(
        "/insights/monitoring/",
        {"period": "custom", "start": start, "end": end, "format": "csv", "project": ""},
    )
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))[2:]
    assert len(rows) >= len(people)
    event = the_read("monitoring", personas.coordinator, *names(*people))
    assert event.object_type == "people.participant"
    assert event.details == {
        "filters": {
            "list": "monitoring",
            "start": start.isoformat(),
            "end": end.isoformat(),
            "format": "csv",
        },
        "count": len(rows),
    }
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT).count() == 1
    get(coordinator_client, "/insights/monitoring/")  # the form alone reads nobody
    assert len(list_reads()) == 1


def test_the_call_backs_are_one_list_read(personas: Personas, client_for: Any) -> None:
    line = supportline.create_line(personas.organisation, name="Tukiluuri", regions=["08"])
    supportline.add_volunteer(line, personas.mentor)
    supportline.log_contact(
        line,
        by=personas.mentor,
        channel="phone",
        duration_minutes=5,
        topics=["money"],
        follow_up="callback",
        callback_phone="040 222 3333",
        callback_name="Pekka",
    )
    html = get(client_for(personas.coordinator), f"/supportline/{line.pk}/callbacks/")
    assert "040 222 3333" in html
    event = the_read("callbacks", personas.coordinator, "040 222 3333", "Pekka")
    assert event.object_type == "supportline.callbackrequest"
    assert event.organisation_id == personas.organisation.pk
    assert event.details == {"filters": {"list": "callbacks", "line": str(line.pk)}, "count": 1}
    now = timezone.now()
    shift = Shift.objects.create(
        line=line, starts=now - dt.timedelta(hours=1), ends=now + dt.timedelta(hours=2), needed=2
    )
    ShiftSignup.objects.create(shift=shift, user=personas.mentor)
    get(client_for(personas.mentor), f"/supportline/{line.pk}/callbacks/")
    assert the_read("callbacks", personas.mentor, "040 222 3333").details["count"] == 1


def test_a_new_participant_in_the_caseload_is_counted_not_named(
    personas: Personas, coach_client: Client
) -> None:
    extra = ParticipantFactory(organisation=personas.organisation, coaches=[personas.coach])
    get(coach_client, "/")
    event = the_read("home", personas.coach, *names(extra))
    assert event.details["count"] == 3

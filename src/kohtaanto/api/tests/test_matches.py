"""`/api/v1/participants/{id}/matches/` and the proposal endpoints."""

# ruff: noqa: F811 (the matching fixtures come from the matches app's conftest)

from __future__ import annotations

import pytest
from tests.factories import Personas

from kohtaanto.core.enums import AuditAction
from kohtaanto.core.models import AuditEvent
from kohtaanto.matches import services
from kohtaanto.matches.enums import ProposalStatus
from kohtaanto.matches.models import Proposal
from kohtaanto.matches.tests.conftest import (  # noqa: F401 (fixtures)
    FORKLIFT,
    INVENTORY,
    MATCHING,
    courses,
    make_opportunity,
    matched,
    ready,
    warehouse,
)
from kohtaanto.opportunities.models import Opportunity
from kohtaanto.people.models import Participant

pytestmark = pytest.mark.django_db

OTHERS = ["outsider", "mentor", "employer_contact", "workplace_mentor", "analyst"]


def matches_url(participant: Participant) -> str:
    return f"/api/v1/participants/{participant.pk}/matches/"


def proposals_url(participant: Participant) -> str:
    return f"/api/v1/participants/{participant.pk}/proposals/"


# --- matches -----------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["coach", "coordinator"])
def test_staff_see_the_matches_audited(
    api_client_for, personas: Personas, matched: Participant, warehouse: Opportunity, persona: str
) -> None:
    user = personas.users()[persona]
    response = api_client_for(user).get(matches_url(matched))
    assert response.status_code == 200
    rows = response.json()["results"]
    assert [row["opportunity"]["id"] for row in rows] == [warehouse.pk]
    row = rows[0]
    assert 0 < row["score"] <= 100
    assert {m["uri"] for m in row["matched"]} == {FORKLIFT, INVENTORY}
    assert row["proposal"] is None
    assert AuditEvent.objects.filter(
        actor=user, action=AuditAction.VIEW, participant_id=matched.pk
    ).exists()


def test_participant_sees_own_matches(
    participant_api, personas: Personas, matched: Participant, warehouse: Opportunity
) -> None:
    response = participant_api.get(matches_url(matched))
    assert response.status_code == 200
    assert [r["opportunity"]["id"] for r in response.json()["results"]] == [warehouse.pk]
    assert not AuditEvent.objects.filter(action=AuditAction.VIEW).exists()


def test_no_matches_without_consent(coach_api, personas: Personas, warehouse: Opportunity) -> None:
    ready(personas.caseload_participant, [FORKLIFT, INVENTORY], purposes=())
    response = coach_api.get(matches_url(personas.caseload_participant))
    assert response.status_code == 200
    assert response.json()["count"] == 0


def test_kind_filter(coach_api, personas: Personas, matched: Participant, warehouse) -> None:
    trial = make_opportunity(
        personas.organisation,
        personas.employer_organisation,
        required=[FORKLIFT],
        title="Trukkikokeilu",
        kind="work_trial",
    )
    both = coach_api.get(matches_url(matched)).json()
    assert {r["opportunity"]["id"] for r in both["results"]} == {warehouse.pk, trial.pk}
    only = coach_api.get(matches_url(matched), {"kind": "work_trial"}).json()
    assert [r["opportunity"]["id"] for r in only["results"]] == [trial.pk]
    response = coach_api.get(matches_url(matched), {"kind": ["job", "AAA"]})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert [key.split(".")[0] for key in response.json()["errors"]] == ["kind"]


def test_matches_pagination(
    coach_api, personas: Personas, matched: Participant, warehouse: Opportunity
) -> None:
    make_opportunity(personas.organisation, personas.employer_organisation, required=[FORKLIFT])
    page = coach_api.get(matches_url(matched), {"limit": 1}).json()
    assert page["count"] == 2 and len(page["results"]) == 1 and page["next"]


@pytest.mark.parametrize("persona", OTHERS)
def test_others_get_404_for_matches(
    api_client_for, personas: Personas, matched: Participant, persona: str
) -> None:
    response = api_client_for(personas.users()[persona]).get(matches_url(matched))
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_participant_cannot_see_another_participants_matches(
    participant_api, personas: Personas, matched: Participant
) -> None:
    ready(personas.caseload_participant, [FORKLIFT])
    assert participant_api.get(matches_url(personas.caseload_participant)).status_code == 404
    assert participant_api.get(proposals_url(personas.caseload_participant)).status_code == 404


def test_anonymous_is_refused(client, personas: Personas) -> None:
    for target in (matches_url(personas.participant), proposals_url(personas.participant)):
        response = client.get(target)
        assert response.status_code == 401
        assert response["Content-Type"] == "application/problem+json"


# --- proposals ---------------------------------------------------------------------------------


def test_coach_proposes_through_the_service(
    coach_api, personas: Personas, matched: Participant, warehouse: Opportunity
) -> None:
    response = coach_api.post(proposals_url(matched), {"opportunity": warehouse.pk}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "proposed"
    assert body["opportunity"]["id"] == warehouse.pk
    proposal = Proposal.objects.get(pk=body["id"])
    assert proposal.proposed_by == personas.coach
    assert AuditEvent.objects.filter(
        actor=personas.coach,
        action=AuditAction.CREATE,
        object_type="matches.proposal",
        object_id=str(proposal.pk),
    ).exists()
    # The match now names the proposal; a second proposal is a conflict.
    row = coach_api.get(matches_url(matched)).json()["results"][0]
    assert row["proposal"] == {"id": proposal.pk, "status": "proposed"}
    again = coach_api.post(proposals_url(matched), {"opportunity": warehouse.pk}, format="json")
    assert again.status_code == 409
    assert again["Content-Type"] == "application/problem+json"


def test_propose_needs_the_sharing_consent(
    coach_api, personas: Personas, warehouse: Opportunity
) -> None:
    ready(personas.caseload_participant, [FORKLIFT, INVENTORY], purposes=MATCHING)
    response = coach_api.post(
        proposals_url(personas.caseload_participant), {"opportunity": warehouse.pk}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["type"] == "urn:kohtaanto:problem:consent_missing"
    assert not Proposal.objects.exists()


def test_propose_bad_input(coach_api, personas: Personas, matched: Participant) -> None:
    for body in ({}, {"opportunity": "x"}, {"opportunity": 1, "note": "hi"}):
        response = coach_api.post(proposals_url(matched), body, format="json")
        assert response.status_code == 400, body
        assert response["Content-Type"] == "application/problem+json"
    # An opportunity of another organisation is not found.
    foreign = make_opportunity(personas.other_organisation, personas.employer_organisation)
    response = coach_api.post(proposals_url(matched), {"opportunity": foreign.pk}, format="json")
    assert response.status_code == 404
    assert not Proposal.objects.exists()


def test_participant_and_others_cannot_propose(
    api_client_for, personas: Personas, matched: Participant, warehouse: Opportunity
) -> None:
    for persona in ["participant", *OTHERS]:
        client = api_client_for(personas.users()[persona])
        response = client.post(proposals_url(matched), {"opportunity": warehouse.pk}, format="json")
        assert response.status_code == 404, persona
    assert not Proposal.objects.exists()


@pytest.fixture
def proposal(personas: Personas, matched: Participant, warehouse: Opportunity) -> Proposal:
    return services.propose(personas.coach, matched.pk, warehouse.pk)


def test_participant_lists_and_withdraws_own_proposal(
    participant_api, personas: Personas, proposal: Proposal
) -> None:
    listed = participant_api.get(proposals_url(personas.participant)).json()
    assert [r["id"] for r in listed["results"]] == [proposal.pk]
    response = participant_api.post(f"/api/v1/proposals/{proposal.pk}/withdraw/")
    assert response.status_code == 200
    assert response.json()["status"] == "withdrawn"
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.WITHDRAWN
    assert AuditEvent.objects.filter(
        actor=personas.participant_user, action=AuditAction.CHANGE, object_id=str(proposal.pk)
    ).exists()
    again = participant_api.post(f"/api/v1/proposals/{proposal.pk}/withdraw/")
    assert again.status_code == 409


def test_proposal_list_filter_and_audit(
    coordinator_api, personas: Personas, proposal: Proposal
) -> None:
    response = coordinator_api.get(proposals_url(personas.participant), {"status": "proposed"})
    assert [r["id"] for r in response.json()["results"]] == [proposal.pk]
    response = coordinator_api.get(proposals_url(personas.participant), {"status": "accepted"})
    assert response.json()["count"] == 0
    response = coordinator_api.get(proposals_url(personas.participant), {"status": "AAA"})
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"status"}
    assert AuditEvent.objects.filter(
        actor=personas.coordinator, action=AuditAction.VIEW, participant_id=personas.participant.pk
    ).exists()


@pytest.mark.parametrize("persona", OTHERS)
def test_others_cannot_list_or_withdraw(
    api_client_for, personas: Personas, proposal: Proposal, persona: str
) -> None:
    client = api_client_for(personas.users()[persona])
    assert client.get(proposals_url(personas.participant)).status_code == 404
    assert client.post(f"/api/v1/proposals/{proposal.pk}/withdraw/").status_code == 404
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PROPOSED


def test_employer_sees_candidates_of_own_opportunity(
    employer_contact_api, personas: Personas, proposal: Proposal, warehouse: Opportunity
) -> None:
    response = employer_contact_api.get(f"/api/v1/opportunities/{warehouse.pk}/proposals/")
    assert response.status_code == 200
    rows = response.json()["results"]
    assert len(rows) == 1
    row = rows[0]
    assert row["proposal"] == {"id": proposal.pk, "status": "employer_viewed"}
    assert row["first_name"] == personas.participant.first_name
    assert {s["uri"] for s in row["skills"]} == {FORKLIFT, INVENTORY}
    assert row["languages"] == [{"language": "fi", "level": "native"}]
    text = response.content.decode()
    assert personas.participant.last_name not in text
    if personas.participant.email:
        assert personas.participant.email not in text
    assert "participant" not in row
    assert AuditEvent.objects.filter(
        actor=personas.employer_contact,
        action=AuditAction.VIEW,
        participant_id=proposal.participant_id,
    ).exists()


@pytest.mark.parametrize("persona", ["coach", "coordinator", "participant", "outsider", "mentor"])
def test_only_the_employer_sees_the_candidates(
    api_client_for, personas: Personas, proposal: Proposal, warehouse: Opportunity, persona: str
) -> None:
    client = api_client_for(personas.users()[persona])
    response = client.get(f"/api/v1/opportunities/{warehouse.pk}/proposals/")
    assert response.status_code == 404
    for answer in ("accept", "decline"):
        assert client.post(f"/api/v1/proposals/{proposal.pk}/{answer}/").status_code == 404
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PROPOSED


def test_employer_of_another_opportunity_sees_nothing(
    api_client_for, personas: Personas, proposal: Proposal
) -> None:
    from tests.factories import EmployerFactory, member

    from kohtaanto.core.enums import Role

    other_employer = EmployerFactory(name="Toinen Oy", business_id="2345678-1")
    contact = member(other_employer, Role.EMPLOYER_CONTACT, username="employer-other")
    own = make_opportunity(personas.organisation, other_employer, required=[FORKLIFT])
    client = api_client_for(contact)
    assert client.get(f"/api/v1/opportunities/{own.pk}/proposals/").json()["count"] == 0
    target = f"/api/v1/opportunities/{proposal.opportunity_id}/proposals/"
    assert client.get(target).status_code == 404
    assert client.post(f"/api/v1/proposals/{proposal.pk}/accept/").status_code == 404


def test_employer_accepts_through_the_service(
    employer_contact_api, personas: Personas, proposal: Proposal
) -> None:
    response = employer_contact_api.post(f"/api/v1/proposals/{proposal.pk}/accept/")
    assert response.status_code == 200
    assert response.json()["status"] == "accepted"
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED
    assert AuditEvent.objects.filter(
        actor=personas.employer_contact, action=AuditAction.CHANGE, object_id=str(proposal.pk)
    ).exists()
    declined = employer_contact_api.post(f"/api/v1/proposals/{proposal.pk}/decline/")
    assert declined.status_code == 409

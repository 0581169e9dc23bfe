"""Suggestions, candidates and proposals: explanations, learning paths, consent and audit."""

from __future__ import annotations

import pytest

from kohtaanto.core.enums import AuditAction
from kohtaanto.core.errors import Conflict, NotFound, ValidationFailed
from kohtaanto.core.models import AuditEvent
from kohtaanto.matches import services
from kohtaanto.matches.enums import ProposalStatus
from kohtaanto.matches.models import Proposal
from kohtaanto.people.consent import withdraw_consent
from kohtaanto.people.enums import ConsentPurpose

from .conftest import (
    CLEANING,
    EXCEL,
    FORKLIFT,
    INVENTORY,
    MATCHING,
    SAFETY,
    make_opportunity,
    ready,
)

pytestmark = pytest.mark.django_db


def test_suggestion_explains_and_gives_the_cheapest_learning_path(matched, warehouse, courses):
    result = services.suggestions_for(matched)
    assert result.consented and result.considered == 1
    (item,) = result.items
    assert item.opportunity == warehouse
    e = item.explanation
    assert {m.skill for m in e.matched} == {FORKLIFT, INVENTORY}
    assert e.missing_essential == (SAFETY,) and e.missing_optional == (EXCEL,)
    # required: 2 of 3 (weight 2), nice: 0 of 1 (weight 1) → 4/7 of the skill share (¾)
    assert e.score == pytest.approx(0.75 * 4 / 7)
    # the free course wins over the 90 € one; only essential gaps get a path
    assert [c.id for c in item.path.courses] == [str(courses[1].pk)]
    assert item.path.uncovered == ()


def test_what_no_course_teaches_stays_uncovered(matched, personas):
    make_opportunity(personas.organisation, None, [FORKLIFT, CLEANING], title="Siivous")
    found = {s.opportunity.title: s for s in services.suggestions_for(matched).items}
    assert found["Siivous"].path.uncovered == (CLEANING,)
    assert found["Siivous"].path.courses == ()


def test_filters_rule_out_and_are_reported(matched, personas):
    make_opportunity(
        personas.organisation, None, [FORKLIFT], municipality_code="837", region_code="06"
    )
    make_opportunity(personas.organisation, None, [FORKLIFT], languages={"sv": "B1"})
    make_opportunity(personas.organisation, None, [FORKLIFT], status="closed")
    make_opportunity(personas.other_organisation, None, [FORKLIFT])
    result = services.suggestions_for(matched)
    assert result.considered == 3  # open ones of the participant's own organisation
    assert result.ruled_out == {"filter.region": 1, "filter.language": 1}
    assert len(result.items) == 1


def test_kind_filter(matched, personas):
    make_opportunity(personas.organisation, None, [FORKLIFT], kind="work_trial", title="Kokeilu")
    result = services.suggestions_for(matched, kinds=["work_trial"])
    assert [s.opportunity.title for s in result.items] == ["Kokeilu"]
    assert result.kinds == ("work_trial",)


def test_candidates_are_consented_and_visible_only(matched, warehouse, personas, coach):
    other = personas.caseload_participant
    ready(other, [FORKLIFT], purposes=MATCHING)  # matching yes, sharing no
    unconsented = personas.unassigned_participant
    ready(unconsented, [FORKLIFT, INVENTORY, SAFETY], purposes=())
    found = services.candidates_for(coach, warehouse)
    assert [c.participant for c in found] == [matched, other]
    assert [c.may_propose for c in found] == [True, False]
    viewed = set(
        AuditEvent.objects.filter(actor=coach, action=AuditAction.VIEW).values_list(
            "participant_id", flat=True
        )
    )
    assert viewed == {matched.pk, other.pk}


def test_coordinator_sees_the_whole_organisation(matched, warehouse, personas, coordinator):
    ready(personas.unassigned_participant, [FORKLIFT], purposes=MATCHING)
    found = services.candidates_for(coordinator, warehouse)
    assert {c.participant for c in found} == {matched, personas.unassigned_participant}


def test_propose_withdraw_and_propose_again(matched, warehouse, coach):
    proposal = services.propose(coach, matched.pk, warehouse.pk)
    assert proposal.status == ProposalStatus.PROPOSED and proposal.proposed_by == coach
    assert proposal.score > 0 and proposal.rules_version == "scoring-v2"
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_type="matches.proposal", participant_id=matched.pk
    ).exists()
    with pytest.raises(Conflict):
        services.propose(coach, matched.pk, warehouse.pk)
    services.withdraw(coach, proposal.pk)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.WITHDRAWN
    again = services.propose(coach, matched.pk, warehouse.pk)
    assert again.pk == proposal.pk and again.status == ProposalStatus.PROPOSED


def test_the_participant_may_withdraw_their_own_proposal(
    matched, warehouse, coach, participant_user
):
    proposal = services.propose(coach, matched.pk, warehouse.pk)
    assert services.withdraw(participant_user, proposal.pk).status == ProposalStatus.WITHDRAWN


def test_no_proposal_without_consent_to_be_shown(personas, warehouse, coach):
    participant = personas.caseload_participant
    ready(participant, [FORKLIFT], purposes=MATCHING)
    with pytest.raises(ValidationFailed) as error:
        services.propose(coach, participant.pk, warehouse.pk)
    assert error.value.code == "consent_missing"
    assert not Proposal.objects.exists()


def test_no_proposal_without_matching_consent(personas, warehouse, coach):
    participant = personas.caseload_participant
    ready(participant, [FORKLIFT], purposes=[ConsentPurpose.SHARE_PROFILE_WITH_EMPLOYERS])
    with pytest.raises(ValidationFailed):
        services.propose(coach, participant.pk, warehouse.pk)


@pytest.mark.parametrize("who", ["outsider", "mentor", "employer_contact", "participant_user"])
def test_only_staff_who_see_the_participant_may_propose(matched, warehouse, personas, who):
    with pytest.raises(NotFound):
        services.propose(getattr(personas, who), matched.pk, warehouse.pk)


def test_no_proposal_to_another_organisations_opportunity(matched, personas, coach):
    foreign = make_opportunity(
        personas.other_organisation, personas.employer_organisation, [FORKLIFT]
    )
    with pytest.raises(NotFound):
        services.propose(coach, matched.pk, foreign.pk)


def test_no_proposal_to_a_closed_or_employerless_opportunity(matched, personas, coach):
    closed = make_opportunity(
        personas.organisation, personas.employer_organisation, status="closed"
    )
    nobody = make_opportunity(personas.organisation, None)
    for opportunity in (closed, nobody):
        with pytest.raises(ValidationFailed):
            services.propose(coach, matched.pk, opportunity.pk)


def test_employer_sees_only_proposed_and_consented(
    matched, warehouse, personas, coach, employer_contact
):
    other = personas.caseload_participant
    ready(other, [FORKLIFT, INVENTORY, SAFETY])
    assert services.employer_candidates(employer_contact, warehouse) == []
    services.propose(coach, matched.pk, warehouse.pk)
    (shared,) = services.employer_candidates(employer_contact, warehouse)
    assert shared.first_name == matched.first_name
    assert set(shared.skills) == {FORKLIFT, INVENTORY}
    assert shared.languages == (("fi", "native"),)
    assert not hasattr(shared, "email") and matched.email not in repr(shared)
    assert shared.proposal.status == ProposalStatus.EMPLOYER_VIEWED
    assert AuditEvent.objects.filter(
        actor=employer_contact, action=AuditAction.VIEW, participant_id=matched.pk
    ).exists()
    # withdrawing the consent hides the candidate at once
    withdraw_consent(matched, ConsentPurpose.SHARE_PROFILE_WITH_EMPLOYERS, by=None)
    assert services.employer_candidates(employer_contact, warehouse) == []


def test_withdrawn_proposals_are_hidden_from_the_employer(
    matched, warehouse, coach, employer_contact
):
    proposal = services.propose(coach, matched.pk, warehouse.pk)
    services.withdraw(coach, proposal.pk)
    assert services.employer_candidates(employer_contact, warehouse) == []


def test_employer_accepts_or_declines(matched, warehouse, coach, employer_contact, outsider):
    proposal = services.propose(coach, matched.pk, warehouse.pk)
    with pytest.raises(NotFound):
        services.respond(outsider, proposal.pk, accept=True)
    assert services.respond(employer_contact, proposal.pk, accept=True).status == "accepted"
    with pytest.raises(Conflict):
        services.respond(employer_contact, proposal.pk, accept=False)

"""The employer contact's home: open opportunities, skills waiting for review, candidates waiting
for an answer (consent-filtered like the candidates page) and upcoming work trials, each with a
link to act; honest empty states; nothing for users who are not an employer's contact."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from tests.factories import Personas

from kohtaanto.matches.enums import ProposalStatus
from kohtaanto.matches.models import Proposal
from kohtaanto.opportunities import services
from kohtaanto.opportunities.enums import OpportunityKind, OpportunityStatus
from kohtaanto.opportunities.models import Opportunity
from kohtaanto.people.consent import give_consent, withdraw_consent
from kohtaanto.people.enums import ConsentPurpose
from kohtaanto.people.models import Participant

pytestmark = pytest.mark.django_db

SKILL = "http://data.europa.eu/esco/skill/28cb374e-6261-4133-8371-f9a5470145da"
SHARING = (
    ConsentPurpose.SERVICE_PROCESSING,
    ConsentPurpose.MATCHING,
    ConsentPurpose.SHARE_PROFILE_WITH_EMPLOYERS,
)


def _opportunity(personas: Personas, **fields: object) -> Opportunity:
    fields.setdefault("title", "Varastotyöntekijä")
    fields.setdefault("status", OpportunityStatus.OPEN)
    return services.create_opportunity(
        organisation=personas.organisation,
        employer=personas.employer_organisation,
        **fields,
    )


def _propose(participant: Participant, opportunity: Opportunity, status: str) -> Proposal:
    for purpose in SHARING:
        give_consent(participant, purpose, by=None)
    return Proposal.objects.create(participant=participant, opportunity=opportunity, status=status)


def _home(client_for, user) -> tuple[dict, str]:
    response = client_for(user).get(reverse("home"))
    assert response.status_code == 200
    return response.context["employer"], response.content.decode()


def test_empty_home_says_so_honestly(client_for, personas) -> None:
    section, body = _home(client_for, personas.employer_contact)
    assert section["organisation"] == personas.employer_organisation
    assert section["open"] == [] and section["review"] == [] and section["answers"] == []
    assert section["trials"] == []
    assert 'id="employer-answers"' in body and 'id="employer-trials"' in body
    assert reverse("opportunities:create") in body
    # the old "nothing to do here yet" text is gone for the employer
    assert "still being built" not in body and "vielä rakenteilla" not in body


def test_home_lists_the_work_with_links(client_for, personas) -> None:
    today = timezone.localdate()
    job = _opportunity(personas, title="Varastotyöntekijä")
    services.store_skill_suggestions(
        job, [services.SkillSuggestionRow(SKILL, "trukin ajo", "skill", "undecided")]
    )
    trial = _opportunity(
        personas,
        title="Varaston työkokeilu",
        kind=OpportunityKind.WORK_TRIAL,
        start_date=today + dt.timedelta(days=60),
    )
    soon = _opportunity(
        personas,
        title="Kahvilan työkokeilu",
        kind=OpportunityKind.WORK_TRIAL,
        start_date=today + dt.timedelta(days=7),
    )
    past = _opportunity(
        personas,
        title="Mennyt työkokeilu",
        kind=OpportunityKind.WORK_TRIAL,
        start_date=today - dt.timedelta(days=7),
    )
    _propose(personas.participant, job, ProposalStatus.PROPOSED)
    _propose(personas.caseload_participant, job, ProposalStatus.EMPLOYER_VIEWED)
    _propose(personas.participant, trial, ProposalStatus.ACCEPTED)
    _propose(personas.caseload_participant, past, ProposalStatus.ACCEPTED)

    section, body = _home(client_for, personas.employer_contact)
    assert {o.pk for o in section["open"]} == {job.pk, trial.pk, soon.pk, past.pk}
    assert [o.pk for o in section["review"]] == [job.pk]
    assert [(r["opportunity"].pk, r["count"]) for r in section["answers"]] == [(job.pk, 2)]
    assert section["answer_count"] == 2
    trials = [(r["opportunity"].pk, r["accepted"]) for r in section["trials"]]
    assert trials == [(soon.pk, 0), (trial.pk, 1)]  # by start date; the past one is not there
    assert reverse("matches:candidates", args=[job.pk]) in body
    assert reverse("opportunities:skills", args=[job.pk]) in body
    assert reverse("matches:candidates", args=[trial.pk]) in body
    assert reverse("opportunities:detail", args=[soon.pk]) in body
    assert (today + dt.timedelta(days=60)).strftime("%-d.%-m.%Y") in body
    # no participant's name on the home page (the candidates page shows and audits it)
    assert personas.participant.last_name not in body
    assert personas.caseload_participant.last_name not in body


def test_a_withdrawn_consent_hides_the_waiting_candidate(client_for, personas) -> None:
    job = _opportunity(personas)
    _propose(personas.participant, job, ProposalStatus.PROPOSED)
    _propose(personas.caseload_participant, job, ProposalStatus.PROPOSED)
    withdraw_consent(
        personas.caseload_participant, ConsentPurpose.SHARE_PROFILE_WITH_EMPLOYERS, by=None
    )
    section, _ = _home(client_for, personas.employer_contact)
    assert [(r["opportunity"].pk, r["count"]) for r in section["answers"]] == [(job.pk, 1)]


def test_answered_or_withdrawn_proposals_do_not_wait(client_for, personas) -> None:
    job = _opportunity(personas)
    _propose(personas.participant, job, ProposalStatus.DECLINED)
    _propose(personas.caseload_participant, job, ProposalStatus.WITHDRAWN)
    section, _ = _home(client_for, personas.employer_contact)
    assert section["answers"] == []


def test_other_employers_work_is_not_shown(client_for, personas) -> None:
    other = services.create_employer(
        name="Siivouspalvelu Kirkas Oy",
        business_id="2345678-0",
        service_organisation=personas.organisation,
    )
    services.create_opportunity(
        organisation=personas.organisation,
        employer=other,
        title="Siivooja",
        status=OpportunityStatus.OPEN,
    )
    section, body = _home(client_for, personas.employer_contact)
    assert section["open"] == []
    assert "Siivooja" not in body


@pytest.mark.parametrize(
    "persona", ["coordinator", "coach", "participant", "mentor", "analyst", "outsider"]
)
def test_no_employer_section_for_other_roles(client_for, personas, persona) -> None:
    response = client_for(personas.users()[persona]).get(reverse("home"))
    assert response.status_code == 200
    assert not response.context.get("employer")
    assert 'id="employer-answers"' not in response.content.decode()


def test_workplace_mentor_has_no_employer_section(client_for, personas) -> None:
    response = client_for(personas.workplace_mentor).get(reverse("home"))
    assert not response.context.get("employer")


def test_the_counts_equal_the_candidates_pages_rule_in_a_fixed_number_of_queries(
    client_for, personas, django_assert_max_num_queries
) -> None:
    """`employer_proposal_counts` counts what `employer_proposals` (the candidates page) shows,
    for every state, and the home page asks the same number of queries for one opportunity or
    six."""
    from kohtaanto.matches.services import employer_proposal_counts, employer_proposals

    people = [personas.participant, personas.caseload_participant, personas.other_participant]
    jobs = [_opportunity(personas, title=f"Työ {i}") for i in range(6)]
    states = list(ProposalStatus)
    for i, job in enumerate(jobs):
        for j, person in enumerate(people):
            _propose(person, job, states[(i + j) % len(states)])
    withdraw_consent(personas.other_participant, ConsentPurpose.MATCHING, by=None)
    counts = employer_proposal_counts(job.pk for job in jobs)
    for job in jobs:
        for state in states:
            expected = employer_proposals(job).filter(status=state).count()
            assert counts.get(job.pk, {}).get(str(state), 0) == expected, (job.title, state)

    client = client_for(personas.employer_contact)
    client.get(reverse("home"))
    with django_assert_max_num_queries(40) as many:
        client.get(reverse("home"))
    Opportunity.objects.exclude(pk=jobs[0].pk).delete()
    with django_assert_max_num_queries(40) as one:
        client.get(reverse("home"))
    assert len(many.captured_queries) == len(one.captured_queries)

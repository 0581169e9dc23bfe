"""Pages: who sees what (404 for everyone else), explanations on the page, HTMX partials,
proposing through the web, the employer's view and the coordinator's fairness page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kohtaanto.core.enums import AuditAction
from kohtaanto.core.models import AuditEvent
from kohtaanto.matches import services
from kohtaanto.matches.enums import ProposalStatus
from kohtaanto.matches.models import Proposal

from .conftest import FORKLIFT, MATCHING, ready

pytestmark = pytest.mark.django_db


def suggestions_url(participant):
    return reverse("matches:participant_suggestions", args=[participant.pk])


def test_coach_sees_explained_suggestions_and_the_view_is_audited(
    matched, warehouse, coach, coach_client
):
    response = coach_client.get(suggestions_url(matched))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Varastotyöntekijä" in html
    assert "trukin ajo" in html  # matched skill, with its source
    assert "Recognised from the story" in html or "Tunnistettu" in html
    assert "työturvallisuus" in html  # missing essential skill …
    assert "Turvallisuus verkossa" in html  # … and the free course that teaches it
    assert "Työturvallisuuskortti" not in html  # the 90 € course is not needed
    assert reverse("matches:propose", args=[matched.pk, warehouse.pk]) in html
    assert AuditEvent.objects.filter(
        actor=coach, action=AuditAction.VIEW, participant_id=matched.pk
    ).exists()


def test_htmx_filter_returns_only_the_results(matched, coach_client):
    response = coach_client.get(
        suggestions_url(matched), {"kind": "work_trial"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and "Varastotyöntekijä" not in html
    full = coach_client.get(suggestions_url(matched), {"kind": "job"})
    assert "<html" in full.content.decode() and "Varastotyöntekijä" in full.content.decode()


@pytest.mark.parametrize(
    "who", ["outsider_client", "mentor_client", "employer_contact_client", "analyst_client"]
)
def test_others_get_404_on_a_participants_suggestions(matched, who, request):
    client = request.getfixturevalue(who)
    assert client.get(suggestions_url(matched)).status_code == 404


def test_participant_sees_own_suggestions_without_audit(matched, participant_client):
    response = participant_client.get(reverse("matches:my_suggestions"))
    assert response.status_code == 200
    assert "Varastotyöntekijä" in response.content.decode()
    assert "Propose" not in response.content.decode()
    assert not AuditEvent.objects.filter(action=AuditAction.VIEW).exists()
    # … but not someone else's page
    assert participant_client.get(suggestions_url(matched)).status_code == 404


def test_own_page_without_consent_explains_why(personas, warehouse, participant_client):
    response = participant_client.get(reverse("matches:my_suggestions"))
    assert response.status_code == 200
    assert reverse("my_consents") in response.content.decode()


def test_propose_through_the_web(matched, warehouse, coach_client):
    url = reverse("matches:propose", args=[matched.pk, warehouse.pk])
    response = coach_client.post(url, {"next": suggestions_url(matched)})
    assert response.status_code == 302 and response["Location"] == suggestions_url(matched)
    assert Proposal.objects.get().status == ProposalStatus.PROPOSED
    page = coach_client.get(suggestions_url(matched)).content.decode()
    assert reverse("matches:withdraw", args=[Proposal.objects.get().pk]) in page


def test_propose_refuses_an_offsite_next(matched, warehouse, coach_client):
    url = reverse("matches:propose", args=[matched.pk, warehouse.pk])
    response = coach_client.post(url, {"next": "//evil.example/"})
    assert response["Location"] == suggestions_url(matched)


def test_outsider_cannot_propose_or_withdraw(matched, warehouse, coach, outsider_client):
    url = reverse("matches:propose", args=[matched.pk, warehouse.pk])
    assert outsider_client.post(url).status_code == 404
    proposal = services.propose(coach, matched.pk, warehouse.pk)
    withdraw = reverse("matches:withdraw", args=[proposal.pk])
    assert outsider_client.post(withdraw).status_code == 404


def test_candidates_page_for_the_coach(matched, warehouse, personas, coach_client):
    ready(personas.caseload_participant, [FORKLIFT], purposes=MATCHING)
    html = coach_client.get(reverse("matches:candidates", args=[warehouse.pk])).content.decode()
    assert matched.full_name in html and personas.caseload_participant.full_name in html
    assert "Cannot be proposed" in html or "ei voi" in html.lower()


def test_employer_sees_only_proposed_candidates_without_contact_data(
    matched, warehouse, personas, coach, employer_contact_client
):
    ready(personas.caseload_participant, [FORKLIFT])
    url = reverse("matches:candidates", args=[warehouse.pk])
    assert matched.first_name not in employer_contact_client.get(url).content.decode()
    services.propose(coach, matched.pk, warehouse.pk)
    html = employer_contact_client.get(url).content.decode()
    assert matched.first_name in html and "trukin ajo" in html
    assert matched.last_name not in html and matched.email not in html and matched.phone not in html
    assert personas.caseload_participant.first_name not in html
    proposal = Proposal.objects.get()
    response = employer_contact_client.post(
        reverse("matches:respond", args=[proposal.pk]), {"decision": "accept"}
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED


@pytest.mark.parametrize("who", ["outsider_client", "mentor_client", "participant_client"])
def test_candidates_page_is_404_for_others(warehouse, who, request):
    client = request.getfixturevalue(who)
    assert client.get(reverse("matches:candidates", args=[warehouse.pk])).status_code == 404


def test_fairness_page_for_coordinators_only(matched, coordinator_client, coach_client):
    response = coordinator_client.get(reverse("matches:fairness"))
    assert response.status_code == 200
    assert "four-fifths" in response.content.decode() or "neljä" in response.content.decode()
    assert coach_client.get(reverse("matches:fairness")).status_code == 404


def test_participant_sees_and_can_withdraw_their_proposal(
    matched, warehouse, coach, participant_client
):
    proposal = services.propose(coach, matched.pk, warehouse.pk)
    page = participant_client.get(reverse("matches:my_suggestions")).content.decode()
    withdraw = reverse("matches:withdraw", args=[proposal.pk])
    assert withdraw in page
    response = participant_client.post(withdraw, {"next": reverse("matches:my_suggestions")})
    assert response["Location"] == reverse("matches:my_suggestions")
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.WITHDRAWN


def test_participant_withdrawing_without_next_lands_on_a_page_they_can_open(
    matched, warehouse, coach, coach_client, participant_client
):
    proposal = services.propose(coach, matched.pk, warehouse.pk)
    response = participant_client.post(reverse("matches:withdraw", args=[proposal.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("matches:my_suggestions")
    assert participant_client.get(response["Location"]).status_code == 200
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.WITHDRAWN
    # Staff still land on the participant's suggestions, which they can open.
    again = services.propose(coach, matched.pk, warehouse.pk)
    response = coach_client.post(reverse("matches:withdraw", args=[again.pk]))
    assert response["Location"] == suggestions_url(matched)
    assert coach_client.get(response["Location"]).status_code == 200

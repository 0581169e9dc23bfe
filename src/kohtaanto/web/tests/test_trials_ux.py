"""Small page fixes from the walkthrough of the trial pages (issue 15): links between related
pages, next steps that can really be taken, the most important section first."""

from __future__ import annotations

import pytest
from django.test import Client
from tests.factories import Personas
from tests.factories_trials import trial_place

from kohtaanto.opportunities.enums import OpportunityKind, OpportunityStatus

pytestmark = pytest.mark.django_db


def test_work_trial_place_offers_the_coach_to_start_a_trial(
    client: Client, personas: Personas
) -> None:
    place = trial_place(personas)
    client.force_login(personas.coach)
    html = client.get(f"/opportunities/{place.pk}/").content.decode()
    assert f'href="/trials/new/?place={place.pk}"' in html
    assert "Aloita työkokeilu tästä" in html
    # The link leads to a page that works for the coach.
    assert client.get(f"/trials/new/?place={place.pk}").status_code == 200


def test_education_trial_place_and_development_need_say_what_starts(
    client: Client, personas: Personas
) -> None:
    education = trial_place(personas, kind=OpportunityKind.EDUCATION_TRIAL)
    need = trial_place(personas, kind=OpportunityKind.SME_NEED)
    client.force_login(personas.coach)
    assert (
        "Aloita koulutuskokeilu tästä"
        in client.get(f"/opportunities/{education.pk}/").content.decode()
    )
    assert (
        "Aloita kehittämisprojekti tästä tarpeesta"
        in client.get(f"/opportunities/{need.pk}/").content.decode()
    )


def test_no_trial_link_on_a_closed_place_a_job_or_for_the_employer(
    client: Client, personas: Personas
) -> None:
    closed = trial_place(personas, status=OpportunityStatus.CLOSED)
    job = trial_place(personas, kind=OpportunityKind.JOB)
    place = trial_place(personas)
    client.force_login(personas.coach)
    for opportunity in (closed, job):
        assert (
            "/trials/new/" not in client.get(f"/opportunities/{opportunity.pk}/").content.decode()
        )
    client.force_login(personas.employer_contact)
    response = client.get(f"/opportunities/{place.pk}/")
    assert response.status_code == 200  # the employer's own place: they may edit it
    assert "/trials/new/" not in response.content.decode()

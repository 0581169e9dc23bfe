"""Small page fixes from the walkthrough of the trial pages (issue 15): links between related
pages, next steps that can really be taken, the most important section first."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from tests.factories import Personas
from tests.factories_trials import make_trial, trial_place

from kohtaanto.opportunities.enums import OpportunityKind, OpportunityStatus
from kohtaanto.trials.enums import OrganiserKind, TrialKind, TrialState
from kohtaanto.trials.models import Trial
from kohtaanto.trials.services import completion, lifecycle
from kohtaanto.trials.tests.test_completion import evaluated

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


# --- the trial page: next steps that can be taken, the most important first ------------------


def _page(client: Client, user: object, trial: Trial) -> str:
    client.force_login(user)
    response = client.get(f"/trials/{trial.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_broken_rule_offers_the_fix_not_the_confirmation(
    client: Client, personas: Personas
) -> None:
    trial = make_trial(personas, state=TrialState.AGREE)
    found = lifecycle.save_agreement(
        trial, by=personas.coach, values={"hours_per_day": Decimal("9")}
    )
    assert found, "9 hours a day breaks the rule of 4-8 hours"
    coach = _page(client, personas.coach, trial)
    assert "Korjaa sopimus" in coach
    assert "Lue ja vahvista sopimus" not in coach
    # Nobody has confirmed: the start waits, with the reason instead of a button.
    assert 'value="start"' not in coach
    assert "Kaikkien kolmen osapuolen pitää vahvistaa sopimus" in coach
    employer = _page(client, personas.employer_contact, trial)
    assert "Lue ja vahvista sopimus" not in employer
    assert "Valmentaja korjaa sen" in employer


def test_a_sound_draft_can_be_confirmed(client: Client, personas: Personas) -> None:
    trial = make_trial(personas, state=TrialState.AGREE)
    assert not trial.rule_findings
    employer = _page(client, personas.employer_contact, trial)
    assert "Lue ja vahvista sopimus" in employer
    assert "Korjaa sopimus" not in _page(client, personas.coach, trial)


def test_running_trial_shows_the_workplace_before_the_agreement(
    client: Client, personas: Personas
) -> None:
    trial = make_trial(personas, state=TrialState.RUN)
    for user in (personas.workplace_mentor, personas.coach, personas.participant_user):
        html = _page(client, user, trial)
        assert html.index('id="workplace"') < html.index('id="agreement-h"')
    coach = _page(client, personas.coach, trial)
    assert 'value="finish"' in coach  # a move with nothing to wait for is a button


def test_agreement_comes_first_while_it_is_being_made(client: Client, personas: Personas) -> None:
    trial = make_trial(personas, state=TrialState.AGREE)
    html = _page(client, personas.coach, trial)
    assert html.index('id="agreement-h"') < html.index('id="workplace"')


def test_finished_trial_shows_its_end_first(client: Client, personas: Personas) -> None:
    trial = make_trial(personas, state=TrialState.CONTINUE)
    html = _page(client, personas.coach, trial)
    assert html.index('id="completion-heading"') < html.index('id="workplace"')
    assert html.index('id="completion-heading"') < html.index('id="agreement-h"')


def test_heading_does_not_repeat_the_kind(client: Client, personas: Personas) -> None:
    trial = lifecycle.create_trial(
        by=personas.coach,
        participant=personas.participant,
        title="Koulutuskokeilu: kasvatus- ja ohjausala",
        kind=TrialKind.EDUCATION_TRIAL,
        opportunity=trial_place(personas),
        organiser_kind=OrganiserKind.COMPANY,
    )
    html = _page(client, personas.coach, trial)
    assert "<h1>Koulutuskokeilu: kasvatus- ja ohjausala</h1>" in html
    other = make_trial(personas, state=TrialState.EXPLORE)
    assert "<h1>Työkokeilu: Varastotyö</h1>" in _page(client, personas.coach, other)


def test_pages_of_the_end_lead_back_to_the_trial(client: Client, personas: Personas) -> None:
    trial, _requirements = evaluated(personas)
    client.force_login(personas.coach)
    back = f'href="/trials/{trial.pk}/"'
    for page in ("certificate", "outcome"):
        html = client.get(f"/trials/{trial.pk}/{page}/").content.decode()
        assert back in html, page


def test_no_add_button_when_every_skill_shown_is_in_the_profile(
    client: Client, personas: Personas
) -> None:
    trial, _requirements = evaluated(personas)
    client.force_login(personas.coach)
    certificate = client.get(f"/trials/{trial.pk}/certificate/").content.decode()
    assert "Lisää profiiliin" in certificate
    uris = [p.uri for p in completion.skill_proposals(trial, "fi")]
    assert uris
    client.post(f"/trials/{trial.pk}/skills/", {"uri": uris})
    for url in (f"/trials/{trial.pk}/certificate/", f"/trials/{trial.pk}/"):
        html = client.get(url).content.decode()
        assert "Lisää profiiliin</button>" not in html, url
        assert "Kaikki nämä taidot ovat jo osallistujan profiilissa." in html, url


# --- the participant's home ------------------------------------------------------------------


def test_participant_home_shows_the_running_trial_first(client: Client, personas: Personas) -> None:
    client.force_login(personas.participant_user)
    assert "Oma työkokeiluni" not in client.get("/").content.decode()
    trial = make_trial(personas, state=TrialState.RUN)
    html = client.get("/").content.decode()
    assert "Oma työkokeiluni" in html
    assert f'href="/trials/{trial.pk}/"' in html
    assert html.index("Oma työkokeiluni") < html.index("Seuraavat askeleeni")
    # A finished trial is no longer this week's work: it stays under "My trials".
    finished = make_trial(personas, state=TrialState.CONTINUE)
    html = client.get("/").content.decode()
    assert f'href="/trials/{finished.pk}/"' not in html


def test_next_meeting_time_is_written_the_finnish_way(client: Client, personas: Personas) -> None:
    """14.30, not 14:30, on "My path" as on the home page."""
    import datetime as dt

    from django.utils import timezone

    from kohtaanto.journeys.enums import SessionStatus
    from kohtaanto.journeys.models import Session

    local = timezone.localtime() + dt.timedelta(days=3)
    starts = local.replace(hour=14, minute=30, second=0, microsecond=0)
    Session.objects.create(
        participant=personas.participant,
        kind="individual",
        status=SessionStatus.PLANNED,
        starts_at=starts,
    )
    client.force_login(personas.participant_user)
    html = client.get("/my/path/").content.decode()
    assert "14.30" in html
    assert "14:30" not in html

"""The workplace mentor's signed link after the trial: once the coach has recorded what came
next (the trial "continues"), a mentor without an account can still read and sign the
competence certificate through the link until it is issued — but nothing else (no check-in,
evidence or assessment), and nothing at all once the certificate is issued."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from tests.factories import Personas
from tests.factories_trials import make_trial

from kohtaanto.trials.enums import AuthorRole, CheckInMood, TrialOutcome, TrialState
from kohtaanto.trials.models import Certificate, CheckIn, Evidence
from kohtaanto.trials.services import completion, lifecycle
from kohtaanto.trials.services import workplace as wp
from kohtaanto.trials.tests.test_completion import evaluated

pytestmark = pytest.mark.django_db


@pytest.fixture
def client() -> Client:
    made = Client()
    made.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return made


def continued(personas: Personas) -> tuple[Any, Any, str]:
    """A trial whose certificate is prepared and signed by the coach, with the mentor's link
    made while it was evaluated, and then moved to "continue" by recording what came next."""
    trial, requirements = evaluated(personas)
    _link, token = wp.create_link(trial, by=personas.coach, mentor_name="Liisa Linkki")
    completion.prepare_certificate(trial, by=personas.coach)
    completion.sign_certificate(trial, role=AuthorRole.COACH, by=personas.coach)
    trial = completion.record_outcome(trial, TrialOutcome.JOB_OFFER, by=personas.coach)
    assert trial.state == TrialState.CONTINUE
    return trial, requirements, token


def test_the_link_signs_the_certificate_after_the_trial_has_continued(
    personas: Personas, client: Client
) -> None:
    trial, _requirements, token = continued(personas)
    page = client.get(f"/t/{token}/certificate/")
    assert page.status_code == 200
    assert "Sign as the workplace mentor" in page.content.decode()
    signed = client.post(f"/t/{token}/certificate/")
    assert signed.status_code == 200 and "You have signed" in signed.content.decode()
    certificate = Certificate.objects.get(trial=trial)
    assert certificate.mentor_name == "Liisa Linkki" and certificate.mentor_signed_at
    issued = completion.issue_certificate(trial, by=personas.coach)
    assert issued.issued_at is not None


def test_the_service_takes_the_token_after_the_trial_has_continued(personas: Personas) -> None:
    trial, _requirements, token = continued(personas)
    certificate = completion.sign_certificate(trial, role=AuthorRole.WORKPLACE_MENTOR, link=token)
    assert certificate.mentor_name == "Liisa Linkki"


def test_only_the_certificate_opens_after_the_trial_has_continued(
    personas: Personas, client: Client
) -> None:
    trial, requirements, token = continued(personas)
    link = wp.resolve_link(token, certificate=True)
    checkins, evidence = CheckIn.objects.count(), Evidence.objects.count()
    # The check-in address leads the mentor to the certificate waiting for their signature…
    page = client.get(f"/t/{token}/")
    assert page.status_code == 302 and page["Location"] == f"/t/{token}/certificate/"
    posted = client.post(f"/t/{token}/", {"mood": CheckInMood.GOOD, "learnt": "x"})
    assert posted.status_code == 410
    assert client.get(f"/t/{token}/evidence/").status_code == 410
    assert client.get(f"/t/{token}/assessment/final/").status_code == 410
    with pytest.raises(wp.TrialNotRunning):
        wp.resolve_link(token)
    with pytest.raises(wp.TrialNotRunning):
        wp.submit_checkin(trial, week_start=None, mood=CheckInMood.GOOD, link=link)
    with pytest.raises(wp.TrialNotRunning):
        wp.mark_evidence(requirements[1], shown_on=None, text="x", link=link)
    assert (CheckIn.objects.count(), Evidence.objects.count()) == (checkins, evidence)
    # … and once they have signed, it says the trial is over.
    completion.sign_certificate(trial, role=AuthorRole.WORKPLACE_MENTOR, link=token)
    page = client.get(f"/t/{token}/")
    assert page.status_code == 410 and "not going on now" in page.content.decode()


def test_an_issued_certificate_closes_the_link(personas: Personas, client: Client) -> None:
    trial, _requirements, token = continued(personas)
    completion.sign_certificate(trial, role=AuthorRole.WORKPLACE_MENTOR, link=token)
    completion.issue_certificate(trial, by=personas.coach)
    page = client.get(f"/t/{token}/certificate/")
    assert page.status_code == 404 and "not going on now" in page.content.decode()
    assert client.post(f"/t/{token}/certificate/").status_code == 404
    with pytest.raises(wp.TrialNotRunning):
        wp.resolve_link(token, certificate=True)


def test_a_cancelled_trial_does_not_open_the_certificate(personas: Personas) -> None:
    trial = make_trial(personas, state=TrialState.RUN)
    _link, token = wp.create_link(trial, by=personas.coach, mentor_name="Liisa Linkki")
    lifecycle.transition(trial, "cancel", by=personas.coach)
    with pytest.raises(wp.TrialNotRunning):
        wp.resolve_link(token, certificate=True)

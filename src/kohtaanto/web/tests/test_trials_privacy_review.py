"""Security and privacy review of the trial pages (issue 15): reads through the workplace
mentor's signed link are audited like any other person's read, the link pages show the
trialist's first name only, and the confirmation page neither tells the workplace about the
person's other trials nor offers a confirmation of a draft that cannot be confirmed."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from tests.factories import Personas
from tests.factories_trials import make_trial

from kohtaanto.core.enums import AuditAction
from kohtaanto.core.models import AuditEvent
from kohtaanto.trials.enums import TrialState
from kohtaanto.trials.services import completion, lifecycle
from kohtaanto.trials.services import workplace as wp

pytestmark = pytest.mark.django_db


def _views(trial: Any) -> int:
    return AuditEvent.objects.filter(
        object_type="trials.trial", object_id=str(trial.pk), action=AuditAction.VIEW
    ).count()


# --- the signed link -------------------------------------------------------------------------


@pytest.mark.parametrize("tail", ["", "evidence/", "assessment/final/"])
def test_reading_a_trial_through_the_link_is_audited(
    personas: Personas, client: Client, tail: str
) -> None:
    trial = make_trial(personas, state=TrialState.RUN)
    _link, token = wp.create_link(trial, by=personas.coach, mentor_name="Liisa Linkki")
    before = _views(trial)
    response = client.get(f"/t/{token}/{tail}")
    assert response.status_code == 200
    assert _views(trial) == before + 1
    event = AuditEvent.objects.filter(object_id=str(trial.pk), action=AuditAction.VIEW).last()
    assert event is not None and event.actor is None
    assert event.participant_id == personas.participant.pk


def test_a_link_that_does_not_work_reads_nothing(personas: Personas, client: Client) -> None:
    trial = make_trial(personas, state=TrialState.RUN)
    before = _views(trial)
    assert client.get("/t/not-a-token/").status_code == 404
    assert _views(trial) == before


def _evaluated_with_certificate(personas: Personas) -> Any:
    trial = make_trial(personas, state=TrialState.RUN)
    _link, token = wp.create_link(trial, by=personas.coach, mentor_name="Liisa Linkki")
    wp.submit_assessment(
        trial,
        "final",
        items=[(wp.item_key(wp.GOAL_KEY, g.pk), "shown", "") for g in trial.goals.all()],
        by=personas.coach,
        author_role="coach",
    )
    trial = lifecycle.transition(trial, "finish", by=personas.coach)
    completion.prepare_certificate(trial, by=personas.coach)
    return trial, token


def test_reading_the_certificate_through_the_link_is_audited(
    personas: Personas, client: Client
) -> None:
    trial, token = _evaluated_with_certificate(personas)
    before = _views(trial)
    assert client.get(f"/t/{token}/certificate/").status_code == 200
    assert _views(trial) == before + 1


def test_the_certificate_link_page_names_the_trialist_by_first_name_only(
    personas: Personas, client: Client
) -> None:
    _trial, token = _evaluated_with_certificate(personas)
    page = client.get(f"/t/{token}/certificate/").content.decode()
    assert personas.participant.first_name in page
    assert personas.participant.last_name not in page


def test_the_check_in_link_page_names_the_trialist_by_first_name_only(
    personas: Personas, client: Client
) -> None:
    trial = make_trial(personas, state=TrialState.RUN)
    _link, token = wp.create_link(trial, by=personas.coach, mentor_name="Liisa Linkki")
    for tail in ("", "evidence/", "assessment/final/", "assessment/midpoint/"):
        page = client.get(f"/t/{token}/{tail}").content.decode()
        assert personas.participant.first_name in page
        assert personas.participant.last_name not in page, tail
        assert f"/participants/{personas.participant.pk}" not in page


# --- the confirmation page -------------------------------------------------------------------


def _over_the_organiser_limit(personas: Personas) -> Any:
    today = timezone.localdate()
    make_trial(personas, state=TrialState.RUN, start=today - dt.timedelta(days=400), weeks=25)
    trial = make_trial(personas, state=TrialState.AGREE, weeks=8)
    assert any(f["rule"] == "duration.same_organiser" for f in trial.rule_findings)
    return trial


def test_the_employer_does_not_see_the_persons_trial_history(
    personas: Personas, employer_contact_client: Client, coach_client: Client
) -> None:
    trial = _over_the_organiser_limit(personas)
    fixes = [f.fix("fi") for f in lifecycle.findings(trial)]
    url = f"/trials/{trial.pk}/confirm/"
    employer_page = employer_contact_client.get(url).content.decode()
    assert not any(fix in employer_page for fix in fixes)
    # a confirmation posted anyway says only that the coach fixes it first
    posted = employer_contact_client.post(
        url, {"action": "confirm", "party": "organiser", "revision": trial.agreement.revision}
    ).content.decode()
    assert not any(fix in posted for fix in fixes)
    assert not any(lifecycle.confirmations_of(trial).values())
    # the coach sees the rule and what to change
    assert all(fix in coach_client.get(url).content.decode() for fix in fixes)


def test_a_draft_that_cannot_be_confirmed_offers_no_confirmation(
    personas: Personas, participant_client: Client
) -> None:
    """A confirmation form shown while terms are missing would confirm whatever the coach
    writes next under the same version."""
    trial = make_trial(personas, state=TrialState.AGREE)
    lifecycle.set_goals(trial, [], by=personas.coach)
    trial.refresh_from_db()
    assert lifecycle.missing_terms(trial)
    url = f"/trials/{trial.pk}/confirm/"
    assert 'name="revision"' not in participant_client.get(url).content.decode()
    lifecycle.set_goals(trial, ["Oppii keräilyn."], by=personas.coach)
    assert 'name="revision"' in participant_client.get(url).content.decode()


def test_the_workplace_sees_an_absence_but_not_the_note_written_about_it(
    personas: Personas,
) -> None:
    """An absence note may hold health details: the coach and the participant read it, the
    employer contact does not (the workplace mentor reads only a note they wrote themself)."""
    from kohtaanto.trials.enums import AbsenceReason, DayStatus

    trial = make_trial(personas, state=TrialState.RUN)
    day = trial.days.filter(date__lt=timezone.localdate()).order_by("date").first()
    assert day is not None and day.date < timezone.localdate() + dt.timedelta(days=1)
    lifecycle.mark_day(
        trial,
        day.date,
        DayStatus.ABSENT,
        by=personas.coach,
        reason=AbsenceReason.SICK,
        note="Migreeni, lääkärissä",
    )
    url = f"/trials/{trial.pk}/days/"
    for user, sees in (
        (personas.coach, True),
        (personas.participant_user, True),
        (personas.employer_contact, False),
        (personas.workplace_mentor, False),
    ):
        client = Client()
        client.force_login(user)
        page = client.get(url)
        assert page.status_code == 200
        assert ("Migreeni" in page.content.decode()) is sees, user.username

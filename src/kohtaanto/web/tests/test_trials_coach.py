"""The coach's and the participant's trial pages: the lists, starting a trial, the trial's
page per role, its moves, the agreement form with the rule book's findings, the confirmations,
the PDF and the days."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone, translation
from tests.factories import Personas
from tests.factories_trials import make_trial, trial_place

from kohtaanto.core.models import AuditEvent
from kohtaanto.trials.enums import AgreementStatus, DayStatus, OrganiserKind, Party, TrialState
from kohtaanto.trials.models import Trial
from kohtaanto.trials.services import lifecycle

pytestmark = pytest.mark.django_db


def _english(client: Client) -> Client:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _agreement_post(trial: Trial, **changes: object) -> dict[str, object]:
    """The agreement form as the page would send it now, with `changes`."""
    agreement = trial.agreement
    data: dict[str, object] = {
        "title": trial.title,
        "organiser_name": trial.organiser_name,
        "organiser_kind": trial.organiser_kind,
        "organiser_business_id": trial.organiser_business_id,
        "tasks": agreement.tasks,
        "tasks_key": agreement.tasks_key,
        "place": agreement.place,
        "start_date": agreement.start_date.isoformat() if agreement.start_date else "",
        "end_date": agreement.end_date.isoformat() if agreement.end_date else "",
        "days_per_week": agreement.days_per_week,
        "weekdays": [str(d) for d in agreement.weekdays],
        "hours_per_day": str(agreement.hours_per_day),
        "employment_authority": agreement.employment_authority,
        "insurance_note": agreement.insurance_note,
        "allowance_eur_per_day": str(agreement.allowance_eur_per_day),
        "language": agreement.language,
        "workplace_mentor": str(trial.workplace_mentor_id or ""),
        "workplace_mentor_name": trial.workplace_mentor_name,
        "workplace_mentor_email": trial.workplace_mentor_email,
        "workplace_mentor_phone": trial.workplace_mentor_phone,
        "goals": "\n".join(g.text for g in trial.goals.all()),
    }
    data.update(changes)
    return data


# --- lists and starting ----------------------------------------------------------------------


def test_the_staff_list_counts_by_state_and_filters(
    personas: Personas, coach_client: Client, coordinator_client: Client
) -> None:
    make_trial(personas, state=TrialState.RUN)
    make_trial(personas, state=TrialState.AGREE, participant=personas.caseload_participant)
    other = make_trial(personas, state=TrialState.AGREE, participant=personas.caseload_participant)
    Trial.objects.filter(pk=other.pk).update(coach=None)
    page = _english(coach_client).get("/trials/").content.decode()
    assert "Running (1)" in page and "Agreeing (2)" in page
    page = coach_client.get("/trials/?state=run").content.decode()
    assert page.count('class="trial-card"') == 1
    assert _english(coordinator_client).get("/trials/").status_code == 200


def test_a_participant_sees_their_own_trials(
    personas: Personas, participant_client: Client
) -> None:
    assert participant_client.get("/my/trials/").status_code == 200
    trial = make_trial(personas, state=TrialState.AGREE)
    page = participant_client.get("/my/trials/").content.decode()
    assert f"/trials/{trial.pk}/" in page
    home = participant_client.get("/").content.decode()
    assert "/my/trials/" in home  # the navigation item shows once there is a trial


def test_the_case_file_lists_the_trials(personas: Personas, coach_client: Client) -> None:
    trial = make_trial(personas, state=TrialState.AGREE)
    page = coach_client.get(f"/participants/{personas.participant.pk}/").content.decode()
    assert f"/trials/{trial.pk}/" in page
    assert f"/participants/{personas.participant.pk}/trials/new/" in page


def test_a_coach_starts_a_trial_at_a_place(personas: Personas, coach_client: Client) -> None:
    place = trial_place(personas)
    url = f"/participants/{personas.participant.pk}/trials/new/"
    form = coach_client.get(f"{url}?place={place.pk}").content.decode()
    assert f'value="{place.pk}" selected' in form
    response = coach_client.post(
        url, {"place": place.pk, "kind": "work_trial", "title": "Varastotyö"}
    )
    trial = Trial.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/trials/{trial.pk}/agreement/"
    assert trial.opportunity == place and trial.employer == personas.employer_organisation


def test_a_coach_starts_a_trial_with_a_written_organiser(
    personas: Personas, coach_client: Client
) -> None:
    url = f"/participants/{personas.participant.pk}/trials/new/"
    response = _english(coach_client).post(url, {"kind": "work_trial", "title": "Kahvila"})
    assert response.status_code == 200
    assert "Choose a place or write the organiser." in response.content.decode()
    response = coach_client.post(
        url,
        {
            "kind": "education_trial",
            "title": "Kokki",
            "organiser_name": "Kokkikoulu",
            "organiser_kind": OrganiserKind.ASSOCIATION,
        },
    )
    assert response.status_code == 302
    assert Trial.objects.get().kind == "education_trial"


def test_from_a_place_the_coach_chooses_the_participant(
    personas: Personas, coach_client: Client
) -> None:
    place = trial_place(personas)
    assert coach_client.get(f"/trials/new/?place={place.pk}").status_code == 200
    response = coach_client.get(
        f"/trials/new/?place={place.pk}&participant={personas.participant.pk}"
    )
    assert response["Location"] == (
        f"/participants/{personas.participant.pk}/trials/new/?place={place.pk}"
    )
    # Someone outside the caseload is not a choice.
    response = coach_client.get(
        f"/trials/new/?place={place.pk}&participant={personas.unassigned_participant.pk}"
    )
    assert response.status_code == 200


# --- the trial's page per role ---------------------------------------------------------------


def test_staff_see_everything_and_the_case_file_link(
    personas: Personas, coach_client: Client
) -> None:
    trial = make_trial(personas, state=TrialState.RUN)
    page = _english(coach_client).get(f"/trials/{trial.pk}/").content.decode()
    assert f"/participants/{personas.participant.pk}/" in page
    assert "Move to the final assessment" in page and "Cancel the trial" in page
    assert trial.rules_version in page
    assert f"/trials/{trial.pk}/days/" in page


def test_the_coordinator_sees_which_rules(personas: Personas, coordinator_client: Client) -> None:
    trial = make_trial(personas, state=TrialState.RUN)
    page = _english(coordinator_client).get(f"/trials/{trial.pk}/").content.decode()
    assert "The rules of this version" in page


@pytest.mark.parametrize("client_name", ["employer_contact_client", "workplace_mentor_client"])
def test_the_workplace_never_gets_a_case_file_link(
    personas: Personas, request: pytest.FixtureRequest, client_name: str
) -> None:
    trial = make_trial(personas, state=TrialState.RUN)
    client = _english(request.getfixturevalue(client_name))
    page = client.get(f"/trials/{trial.pk}/").content.decode()
    assert "/participants/" not in page
    assert personas.participant.full_name in page
    assert 'action="/trials/' not in page or "/move/" not in page
    assert "Keräily, hyllytys ja inventaario." in page  # the agreed tasks


def test_the_participant_confirms_from_their_trial(
    personas: Personas, participant_client: Client
) -> None:
    trial = make_trial(personas, state=TrialState.AGREE)
    page = _english(participant_client).get(f"/trials/{trial.pk}/").content.decode()
    assert "Read and confirm the agreement" in page
    assert "/participants/" not in page
    assert not AuditEvent.objects.filter(actor=personas.participant_user, action="view").exists()


def test_a_read_by_staff_is_audited(personas: Personas, coach_client: Client) -> None:
    trial = make_trial(personas, state=TrialState.RUN)
    before = AuditEvent.objects.filter(actor=personas.coach).count()
    coach_client.get(f"/trials/{trial.pk}/")
    assert AuditEvent.objects.filter(actor=personas.coach).count() > before


def test_outsiders_get_404(personas: Personas, outsider_client: Client) -> None:
    trial = make_trial(personas, state=TrialState.RUN)
    for url in ("", "agreement/", "confirm/", "days/", "agreement.pdf"):
        assert outsider_client.get(f"/trials/{trial.pk}/{url}").status_code == 404


# --- moves -----------------------------------------------------------------------------------


def test_cancelling_asks_for_a_confirmation(personas: Personas, coach_client: Client) -> None:
    trial = make_trial(personas, state=TrialState.RUN)
    coach_client.post(f"/trials/{trial.pk}/move/", {"action": "cancel"})
    trial.refresh_from_db()
    assert trial.state == TrialState.RUN
    coach_client.post(
        f"/trials/{trial.pk}/move/", {"action": "cancel", "sure": "on", "note": "Muutti"}
    )
    trial.refresh_from_db()
    assert trial.state == TrialState.CANCELLED


def test_a_refused_move_says_why(personas: Personas, coach_client: Client) -> None:
    trial = make_trial(personas, state=TrialState.AGREE)
    response = _english(coach_client).post(
        f"/trials/{trial.pk}/move/", {"action": "start"}, follow=True
    )
    assert "All three parties must confirm" in response.content.decode()


def test_the_participant_cannot_move(personas: Personas, participant_client: Client) -> None:
    trial = make_trial(personas, state=TrialState.RUN)
    response = participant_client.post(f"/trials/{trial.pk}/move/", {"action": "finish"})
    assert response.status_code == 404


# --- the agreement ---------------------------------------------------------------------------


def test_the_form_is_prefilled(personas: Personas, coach_client: Client) -> None:
    trial = lifecycle.create_trial(
        by=personas.coach,
        participant=personas.participant,
        title="Varasto",
        opportunity=trial_place(personas),
    )
    page = coach_client.get(f"/trials/{trial.pk}/agreement/").content.decode()
    assert "Valtiokonttori" in page  # the insurance note in Finnish
    assert 'value="9.00"' in page or 'value="9,00"' in page
    assert str(personas.workplace_mentor.pk) in page  # a mentor to choose at the workplace


def test_a_broken_rule_is_shown_and_the_draft_kept(
    personas: Personas, coach_client: Client
) -> None:
    trial = make_trial(personas, state=TrialState.AGREE)
    response = _english(coach_client).post(
        f"/trials/{trial.pk}/agreement/", _agreement_post(trial, hours_per_day="10"), follow=True
    )
    page = response.content.decode()
    trial.refresh_from_db()
    finding = lifecycle.findings(trial)[0]
    assert finding.title("en") in page and finding.fix("en") in page
    assert finding.source_url in page
    assert "It cannot be confirmed" in page
    assert trial.agreement.status == AgreementStatus.DRAFT
    assert str(trial.agreement.hours_per_day) == "10.00"


def test_changing_terms_after_a_confirmation_asks_to_confirm_again(
    personas: Personas, coach_client: Client
) -> None:
    trial = make_trial(personas, state=TrialState.AGREE)
    lifecycle.confirm(trial, Party.PARTICIPANT, by=personas.participant_user)
    page = _english(coach_client).get(f"/trials/{trial.pk}/agreement/").content.decode()
    assert "If you change the terms, the parties must confirm again." in page
    response = coach_client.post(
        f"/trials/{trial.pk}/agreement/", _agreement_post(trial, tasks="Uudet"), follow=True
    )
    assert "the parties must confirm it again" in response.content.decode()
    trial.refresh_from_db()
    assert trial.agreement.revision == 2


def test_units_and_requirements_are_chosen(personas: Personas, coach_client: Client) -> None:
    from kohtaanto.qualifications.models import QualificationUnit, SkillRequirement

    unit = QualificationUnit.objects.create(eperusteet_id=1, name_fi="Varastotyö", code="u1")
    requirement = SkillRequirement.objects.create(unit=unit, ordinal=1, text_fi="kerää tuotteet")
    trial = make_trial(personas, state=TrialState.AGREE)
    page = coach_client.get(f"/trials/{trial.pk}/agreement/?q=varasto").content.decode()
    assert "kerää tuotteet" in page
    coach_client.post(
        f"/trials/{trial.pk}/agreement/units/",
        {"units": [unit.pk], "requirements": [requirement.pk]},
    )
    assert list(trial.requirements.values_list("requirement_id", flat=True)) == [requirement.pk]


@pytest.mark.parametrize("wrong", ["1" + "0" * 29, "²", "abc"])
def test_units_that_are_no_units_are_left_out_not_a_server_error(
    personas: Personas, coach_client: Client, wrong: str
) -> None:
    """A number no database id can be (SQLite refuses it in `pk__in`), "²" (a digit to
    `str.isdigit`, not to `int`) or a word: no such unit, as for any unknown number."""
    from kohtaanto.qualifications.models import QualificationUnit, SkillRequirement

    unit = QualificationUnit.objects.create(eperusteet_id=1, name_fi="Varastotyö", code="u1")
    requirement = SkillRequirement.objects.create(unit=unit, ordinal=1, text_fi="kerää tuotteet")
    trial = make_trial(personas, state=TrialState.AGREE)
    response = coach_client.post(
        f"/trials/{trial.pk}/agreement/units/",
        {"units": [wrong, unit.pk], "requirements": [wrong, requirement.pk]},
    )
    assert response.status_code == 302
    assert list(trial.requirements.values_list("requirement_id", flat=True)) == [requirement.pk]


def test_a_running_agreement_is_not_a_form(personas: Personas, coach_client: Client) -> None:
    trial = make_trial(personas, state=TrialState.RUN)
    response = coach_client.post(f"/trials/{trial.pk}/agreement/", _agreement_post(trial))
    assert response.status_code == 200
    assert '<form method="post" class="journey-form' not in response.content.decode()


# --- confirmations and the PDF ---------------------------------------------------------------


def test_three_parties_confirm_on_the_page(
    personas: Personas,
    participant_client: Client,
    employer_contact_client: Client,
    coach_client: Client,
) -> None:
    trial = make_trial(personas, state=TrialState.AGREE)
    url = f"/trials/{trial.pk}/confirm/"
    for client, party in (
        (participant_client, "participant"),
        (employer_contact_client, "organiser"),
    ):
        page = client.get(url).content.decode()
        assert 'name="revision" value="1"' in page
        client.post(url, {"action": "confirm", "party": party, "revision": 1})
    # The coach records the authority on paper.
    coach_client.post(
        url,
        {
            "action": "paper",
            "revision": 1,
            "paper-party": "authority",
            "paper-signer_name": "Kaisa Kuntalainen",
            "paper-signed_on": timezone.localdate().isoformat(),
        },
    )
    trial.refresh_from_db()
    assert trial.agreement.status == AgreementStatus.AGREED
    assert trial.days.exists()


def test_the_participant_cannot_confirm_for_another_party(
    personas: Personas, participant_client: Client
) -> None:
    trial = make_trial(personas, state=TrialState.AGREE)
    response = participant_client.post(
        f"/trials/{trial.pk}/confirm/", {"action": "confirm", "party": "organiser", "revision": 1}
    )
    assert response.status_code == 404
    response = participant_client.post(
        f"/trials/{trial.pk}/confirm/",
        {"action": "paper", "revision": 1, "paper-party": "organiser"},
    )
    assert response.status_code == 404


def test_an_old_version_is_not_confirmed_blind(
    personas: Personas, participant_client: Client
) -> None:
    trial = make_trial(personas, state=TrialState.AGREE)
    lifecycle.confirm(trial, Party.ORGANISER, by=personas.employer_contact)
    lifecycle.save_agreement(trial, by=personas.coach, values={"tasks": "Uudet tehtävät."})
    response = _english(participant_client).post(
        f"/trials/{trial.pk}/confirm/", {"action": "confirm", "party": "participant", "revision": 1}
    )
    assert "has changed since you opened it" in response.content.decode()
    assert not trial.confirmations.filter(party="participant").exists()


@pytest.mark.parametrize("wrong", ["²", "1" + "0" * 29, "abc", ""])
def test_a_revision_that_is_no_revision_asks_to_read_again(
    personas: Personas, participant_client: Client, wrong: str
) -> None:
    """A "²" is a digit to `str.isdigit` but not to `int`: the answer an old version gets."""
    trial = make_trial(personas, state=TrialState.AGREE)
    response = _english(participant_client).post(
        f"/trials/{trial.pk}/confirm/",
        {"action": "confirm", "party": "participant", "revision": wrong},
    )
    assert response.status_code == 200
    assert "has changed since you opened it" in response.content.decode()
    assert not trial.confirmations.exists()


def test_a_broken_rule_refuses_confirming_with_the_rule_named(
    personas: Personas, participant_client: Client
) -> None:
    trial = make_trial(personas, state=TrialState.AGREE)
    lifecycle.save_agreement(trial, by=personas.coach, values={"days_per_week": 6, "weekdays": []})
    finding = lifecycle.findings(trial)[0]
    response = _english(participant_client).post(
        f"/trials/{trial.pk}/confirm/", {"action": "confirm", "party": "participant", "revision": 1}
    )
    page = response.content.decode()
    assert finding.title("en") in page
    assert not trial.confirmations.exists()


@pytest.mark.parametrize(
    "client_name",
    ["coach_client", "participant_client", "employer_contact_client", "workplace_mentor_client"],
)
def test_the_agreement_pdf(
    personas: Personas, request: pytest.FixtureRequest, client_name: str
) -> None:
    trial = make_trial(personas, state=TrialState.RUN)
    response = request.getfixturevalue(client_name).get(f"/trials/{trial.pk}/agreement.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert personas.participant.last_name not in response["Content-Disposition"]


# --- days ------------------------------------------------------------------------------------


def _past_day(trial: Trial) -> dt.date:
    return trial.days.filter(date__lte=timezone.localdate()).order_by("date").first().date  # type: ignore[union-attr]


def test_the_workplace_mentor_marks_a_day_in_one_tap(
    personas: Personas, workplace_mentor_client: Client
) -> None:
    trial = make_trial(personas, state=TrialState.RUN)
    day = _past_day(trial)
    response = workplace_mentor_client.post(
        f"/trials/{trial.pk}/days/", {"date": day.isoformat(), "status": "attended"}
    )
    assert response.status_code == 302
    assert trial.days.get(date=day).status == DayStatus.ATTENDED


def test_an_absence_needs_a_reason_and_a_future_day_is_refused(
    personas: Personas, coach_client: Client
) -> None:
    trial = make_trial(personas, state=TrialState.RUN)
    day = _past_day(trial)
    url = f"/trials/{trial.pk}/days/"
    client = _english(coach_client)
    response = client.post(url, {"date": day.isoformat(), "status": "absent"}, follow=True)
    assert "Choose the reason for the absence." in response.content.decode()
    client.post(url, {"date": day.isoformat(), "status": "absent", "reason": "sick"})
    assert trial.days.get(date=day).absence_reason == "sick"
    future = trial.days.filter(date__gt=timezone.localdate()).first().date  # type: ignore[union-attr]
    response = client.post(url, {"date": future.isoformat(), "status": "attended"}, follow=True)
    assert "only on the day or after it" in response.content.decode()
    with translation.override("fi"):
        response = _finnish(coach_client).post(
            url, {"date": future.isoformat(), "status": "attended"}, follow=True
        )
    assert "only on the day or after it" not in response.content.decode()
    assert trial.days.get(date=future).status == DayStatus.PLANNED


def _finnish(client: Client) -> Client:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fi"
    return client


def test_the_totals_count_attended_days_only(personas: Personas, coach_client: Client) -> None:
    trial = make_trial(personas, state=TrialState.RUN)
    day = _past_day(trial)
    lifecycle.mark_day(trial, day, DayStatus.ATTENDED, by=personas.coach)
    page = _english(coach_client).get(f"/trials/{trial.pk}/days/").content.decode()
    assert "9.00 €" in page or "9,00 €" in page


@pytest.mark.parametrize("client_name", ["employer_contact_client", "participant_client"])
def test_readers_of_the_days_cannot_mark(
    personas: Personas, request: pytest.FixtureRequest, client_name: str
) -> None:
    trial = make_trial(personas, state=TrialState.RUN)
    client = request.getfixturevalue(client_name)
    assert client.get(f"/trials/{trial.pk}/days/").status_code == 200
    response = client.post(
        f"/trials/{trial.pk}/days/", {"date": _past_day(trial).isoformat(), "status": "attended"}
    )
    assert response.status_code == 404


# --- admin -----------------------------------------------------------------------------------


def test_the_admin_shows_a_trial_read_only_and_audited(
    personas: Personas, coordinator_client: Client
) -> None:
    trial = make_trial(personas, state=TrialState.RUN)
    before = AuditEvent.objects.filter(actor=personas.coordinator, action="view").count()
    response = coordinator_client.get(f"/admin/trials/trial/{trial.pk}/change/")
    assert response.status_code == 200
    page = response.content.decode()
    assert f"/trials/{trial.pk}/" in page
    assert "token_hash" not in page
    assert AuditEvent.objects.filter(actor=personas.coordinator, action="view").count() > before
    assert coordinator_client.get("/admin/trials/trial/add/").status_code == 403

"""Pages of the workplace side of a trial, per role: the check-in, assessments and evidence
(logged in and through the signed link), the link's bad input (tampered, expired, replaced,
trial ended: a translated page, nothing saved), staff's link and "seen" actions, the
participant's community choice, the workplace list and the home sections."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.utils import timezone
from tests.factories import EmployerFactory, Personas, member
from tests.factories_trials import make_trial

from kohtaanto.core.enums import Role
from kohtaanto.qualifications.models import QualificationUnit, SkillRequirement
from kohtaanto.trials.enums import TrialState
from kohtaanto.trials.models import Assessment, CheckIn, CheckInLink, Evidence, TrialRequirement
from kohtaanto.trials.services import lifecycle
from kohtaanto.trials.services import workplace as service
from kohtaanto.web.trials import workplace as pages

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="fi")
    client.force_login(user)
    return client


def this_week() -> dt.date:
    return service.monday_of(timezone.localdate())


def checkin_data(**extra: Any) -> dict[str, Any]:
    data = {"week_start": this_week().isoformat(), "mood": "good", "learnt": "Hyllytys"}
    data.update(extra)
    return data


def add_requirement(trial: Any) -> TrialRequirement:
    unit = QualificationUnit.objects.create(eperusteet_id=900002, name_fi="Varastotoiminnot")
    requirement = SkillRequirement.objects.create(
        unit=unit, ordinal=1, text_fi="hyllyttää tavarat oikeille paikoille"
    )
    return TrialRequirement.objects.create(
        trial=trial, requirement=requirement, workplace_tasks="Saapuvien lavojen hyllytys"
    )


# --- the check-in, logged in -----------------------------------------------------------------


def test_workplace_mentor_fills_in_the_week_once(personas: Personas) -> None:
    trial = make_trial(personas)
    client = client_for(personas.workplace_mentor)
    url = f"/trials/{trial.pk}/checkin/"
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert f'value="{this_week().isoformat()}" selected' in html
    assert html.count('type="radio"') == 3
    assert 'name="wants_coach_contact"' in html
    assert personas.participant.last_name in html  # the workplace knows the full name
    assert f"/participants/{personas.participant.pk}/" not in html  # never the case file
    response = client.post(url, checkin_data(wants_coach_contact="on"))
    assert response.status_code == 302
    saved = CheckIn.objects.get()
    assert saved.wants_coach_contact and saved.by == personas.workplace_mentor
    again = client.post(url, checkin_data(mood="hard"))
    assert again.status_code == 400
    assert CheckIn.objects.count() == 1


def test_checkin_without_a_mood_is_shown_again(personas: Personas) -> None:
    trial = make_trial(personas)
    response = client_for(personas.workplace_mentor).post(
        f"/trials/{trial.pk}/checkin/", checkin_data(mood="", learnt="Jotain")
    )
    assert response.status_code == 400
    assert "Jotain" in response.content.decode()
    assert not CheckIn.objects.exists()


@pytest.mark.parametrize("who", ["coach", "employer_contact", "participant", "outsider"])
def test_only_the_workplace_mentor_opens_the_checkin(personas: Personas, who: str) -> None:
    trial = make_trial(personas)
    user = personas.users()[who]
    assert client_for(user).get(f"/trials/{trial.pk}/checkin/").status_code == 404
    assert client_for(user).post(f"/trials/{trial.pk}/checkin/", checkin_data()).status_code == 404
    assert not CheckIn.objects.exists()


def test_a_workplace_mentor_of_another_employer_gets_404(personas: Personas) -> None:
    trial = make_trial(personas)
    stranger = member(EmployerFactory(name="Toinen Oy"), Role.WORKPLACE_MENTOR, username="wm2")
    client = client_for(stranger)
    for url in (
        f"/trials/{trial.pk}/checkin/",
        f"/trials/{trial.pk}/evidence/",
        f"/trials/{trial.pk}/assessment/final/",
    ):
        assert client.get(url).status_code == 404
    assert client.post(f"/trials/{trial.pk}/checkin/", checkin_data()).status_code == 404
    assert not CheckIn.objects.exists()


# --- through the link ------------------------------------------------------------------------


def test_link_holder_sees_the_first_name_only_and_checks_in(personas: Personas) -> None:
    trial = make_trial(personas)
    _link, token = service.create_link(trial, by=personas.coach, mentor_name="Olli Ohjaaja")
    client = Client(HTTP_ACCEPT_LANGUAGE="fi")
    page = client.get(f"/t/{token}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert personas.participant.first_name in html
    assert personas.participant.last_name not in html
    assert trial.title in html
    response = client.post(f"/t/{token}/", checkin_data())
    assert response.status_code == 302 and response["Location"] == f"/t/{token}/"
    saved = CheckIn.objects.get()
    assert saved.link is not None and saved.author_name == "Olli Ohjaaja" and saved.by is None
    # Already used for that week: the week is not offered, a re-sent form is refused.
    after = client.get(f"/t/{token}/")
    assert f'value="{this_week().isoformat()}"' not in after.content.decode()
    assert client.post(f"/t/{token}/", checkin_data()).status_code == 400
    assert CheckIn.objects.count() == 1


def test_bad_links_answer_with_a_translated_page_and_save_nothing(personas: Personas) -> None:
    trial = make_trial(personas)
    link, token = service.create_link(trial, by=personas.coach)
    client = Client(HTTP_ACCEPT_LANGUAGE="sv")
    raw, signature = token.split(".")
    tampered = f"{raw[:-1]}{'A' if raw[-1] != 'A' else 'B'}.{signature}"
    for bad in (tampered, "not-a-token"):
        response = client.post(f"/t/{bad}/", checkin_data())
        assert response.status_code == 404
        assert 'lang="sv"' in response.content.decode()
    CheckInLink.objects.filter(pk=link.pk).update(expires=timezone.now() - dt.timedelta(minutes=1))
    assert client.post(f"/t/{token}/", checkin_data()).status_code == 410
    assert client.get(f"/t/{token}/evidence/").status_code == 410
    assert client.get(f"/t/{token}/assessment/final/").status_code == 410
    _new, new_token = service.create_link(trial, by=personas.coach)
    CheckInLink.objects.filter(pk=link.pk).update(expires=timezone.now() + dt.timedelta(days=9))
    assert client.post(f"/t/{token}/", checkin_data()).status_code == 410  # replaced
    lifecycle.transition(trial, "cancel", by=personas.coach)
    assert client.post(f"/t/{new_token}/", checkin_data()).status_code == 410
    assert not CheckIn.objects.exists()


def test_link_assessment_and_evidence(personas: Personas) -> None:
    trial = make_trial(personas)
    requirement = add_requirement(trial)
    _link, token = service.create_link(trial, by=personas.coach)
    client = Client(HTTP_ACCEPT_LANGUAGE="fi")
    page = client.get(f"/t/{token}/assessment/midpoint/")
    assert page.status_code == 200
    assert "hyllyttää tavarat" in page.content.decode()
    assert "Saapuvien lavojen hyllytys" in page.content.decode()
    keys = [f"goal-{goal.pk}" for goal in trial.goals.all()] + [f"requirement-{requirement.pk}"]
    partial = {keys[0]: "shown"}
    assert client.post(f"/t/{token}/assessment/midpoint/", partial).status_code == 400
    assert not Assessment.objects.exists()
    data = dict.fromkeys(keys, "partly") | {"summary": "Hyvä alku", f"{keys[0]}-comment": "ok"}
    assert client.post(f"/t/{token}/assessment/midpoint/", data).status_code == 302
    saved = Assessment.objects.get()
    assert saved.author_role == "workplace_mentor" and saved.items.count() == 3
    assert "Hyvä alku" in client.get(f"/t/{token}/assessment/midpoint/").content.decode()
    assert client.get(f"/t/{token}/assessment/halfway/").status_code == 404
    prefix = f"r{requirement.pk}"
    evidence = {
        "requirement": requirement.pk,
        f"{prefix}-shown_on": timezone.localdate().isoformat(),
        f"{prefix}-text": "Hyllytti kaksi lavaa.",
    }
    assert client.post(f"/t/{token}/evidence/", evidence).status_code == 302
    assert Evidence.objects.get().author_role == "workplace_mentor"
    future = evidence | {
        f"{prefix}-shown_on": (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    }
    assert client.post(f"/t/{token}/evidence/", future).status_code == 400
    assert client.post(f"/t/{token}/evidence/", {"requirement": 999999}).status_code == 404
    assert Evidence.objects.count() == 1


def test_a_link_does_not_open_another_trials_requirement(personas: Personas) -> None:
    trial = make_trial(personas)
    other = make_trial(personas, participant=personas.caseload_participant)
    foreign = add_requirement(other)
    _link, token = service.create_link(trial, by=personas.coach)
    data = {
        "requirement": foreign.pk,
        f"r{foreign.pk}-shown_on": timezone.localdate().isoformat(),
        f"r{foreign.pk}-text": "x",
    }
    assert Client().post(f"/t/{token}/evidence/", data).status_code == 404
    assert not Evidence.objects.exists()


# --- staff and participant actions -----------------------------------------------------------


def test_coach_makes_a_link_sees_it_once_and_can_email_it(personas: Personas) -> None:
    trial = make_trial(personas)
    trial.workplace_mentor_email = "olli@example.org"
    trial.save()
    client = client_for(personas.coach)
    response = client.post(
        f"/trials/{trial.pk}/link/", {"mentor_name": "Olli Ohjaaja", "send_email": "on"}
    )
    assert response.status_code == 302
    link = CheckInLink.objects.get()
    token = client.session[pages.SESSION_TOKEN.format(pk=trial.pk)]
    assert service.resolve_link(token).pk == link.pk
    assert f"/t/{token}/" in mail.outbox[-1].body
    request = RequestFactory().get("/")
    request.session = client.session
    request.user = personas.coach
    first = pages.panel_context(request, trial, {"staff"})
    assert token in first["new_link"]
    assert pages.panel_context(request, trial, {"staff"})["new_link"] == ""
    # Revoking stops it.
    assert client.post(f"/trials/{trial.pk}/link/revoke/", {"link": link.pk}).status_code == 302
    assert Client().get(f"/t/{token}/").status_code == 410
    for who in ("workplace_mentor", "employer_contact", "participant"):
        user = personas.users()[who]
        assert (
            client_for(user).post(f"/trials/{trial.pk}/link/", {"mentor_name": "X"}).status_code
            == 404
        )
    assert CheckInLink.objects.count() == 1


@pytest.mark.parametrize("wrong", ["abc", "²", "1" + "0" * 29, ""])
def test_revoking_a_link_that_is_no_link_is_not_found(personas: Personas, wrong: str) -> None:
    """A word or "²" made Django's `int()` of the id fail (a 500); now 404 like a link of
    another trial, and the trial's own link keeps working."""
    trial = make_trial(personas)
    link, token = service.create_link(trial, by=personas.coach, mentor_name="Olli Ohjaaja")
    client = client_for(personas.coach)
    assert client.post(f"/trials/{trial.pk}/link/revoke/", {"link": wrong}).status_code == 404
    assert service.resolve_link(token).pk == link.pk


def test_panel_flags_requests_and_coach_marks_them_seen(personas: Personas) -> None:
    trial = make_trial(personas)
    service.submit_checkin(
        trial,
        week_start=this_week(),
        mood="hard",
        concern="Väsynyt",
        wants_coach_contact=True,
        by=personas.workplace_mentor,
    )
    request = RequestFactory().get("/")
    request.user = personas.coach
    request.session = client_for(personas.coach).session
    context = pages.panel_context(request, trial, {"staff"})
    html = render_to_string(
        "trials/_workplace_panel.html", {"workplace_panel": context}, request=request
    )
    assert "wp-card--attention" in html and "Väsynyt" in html
    assert f'action="/trials/{trial.pk}/checkins/seen/"' in html
    assert (
        client_for(personas.workplace_mentor).post(f"/trials/{trial.pk}/checkins/seen/").status_code
        == 404
    )
    assert client_for(personas.coach).post(f"/trials/{trial.pk}/checkins/seen/").status_code == 302
    assert CheckIn.objects.get().seen_by_coach is not None


def test_participant_chooses_what_the_community_is_told(personas: Personas) -> None:
    trial = make_trial(personas)
    assert (
        client_for(personas.coach)
        .post(f"/trials/{trial.pk}/community/", {"share": "yes"})
        .status_code
        == 404
    )
    response = client_for(personas.participant_user).post(
        f"/trials/{trial.pk}/community/", {"share": "yes"}
    )
    assert response.status_code == 302
    trial.refresh_from_db()
    assert trial.share_with_community
    request = RequestFactory().get("/")
    request.user = personas.employer_contact
    context = pages.panel_context(request, trial, {"employer"})
    html = render_to_string(
        "trials/_workplace_panel.html", {"workplace_panel": context}, request=request
    )
    assert personas.participant.first_name in html
    assert "Link for the workplace mentor" not in html and "/link/" not in html


# --- the workplace's list and the home sections ----------------------------------------------


def test_workplace_list_and_home_of_the_workplace_mentor(personas: Personas) -> None:
    client = client_for(personas.workplace_mentor)
    empty = client.get("/?lang=en").content.decode()
    assert "still being built" not in empty
    assert "You do not guide a work trial now." in empty
    assert client.get("/trials/at-work/").status_code == 200
    trial = make_trial(personas)
    home = client.get("/").content.decode()
    assert f"/trials/{trial.pk}/checkin/" in home
    listing = client.get("/trials/at-work/").content.decode()
    assert f"/trials/{trial.pk}/checkin/" in listing
    service.submit_checkin(trial, week_start=this_week(), mood="good", by=personas.workplace_mentor)
    home = client.get("/").content.decode()
    assert f"/trials/{trial.pk}/checkin/" not in home
    assert client_for(personas.coach).get("/trials/at-work/").status_code == 404


def test_employer_home_lists_the_trials_at_their_workplace(personas: Personas) -> None:
    trial = make_trial(personas)
    service.submit_checkin(
        trial,
        week_start=this_week(),
        mood="ok",
        wants_coach_contact=True,
        by=personas.workplace_mentor,
    )
    html = client_for(personas.employer_contact).get("/").content.decode()
    assert 'id="employer-workplace-trials"' in html
    assert trial.title in html and "wp-card--attention" in html
    assert f"/trials/{trial.pk}/checkin/" not in html  # the contact is not the mentor


def test_coach_home_shows_requests_to_talk(personas: Personas) -> None:
    trial = make_trial(personas)
    service.submit_checkin(
        trial,
        week_start=this_week(),
        mood="ok",
        wants_coach_contact=True,
        by=personas.workplace_mentor,
    )
    html = client_for(personas.coach).get("/").content.decode()
    assert 'id="workplace-requests"' in html and trial.title in html
    service.mark_checkins_seen(trial, by=personas.coach)
    assert 'id="workplace-requests"' not in client_for(personas.coach).get("/").content.decode()


def test_evaluated_trial_offers_only_the_last_week_and_final_assessment(personas: Personas) -> None:
    trial = make_trial(personas, state=TrialState.EVALUATE)
    client = client_for(personas.workplace_mentor)
    page = client.get(f"/trials/{trial.pk}/checkin/").content.decode()
    assert page.count("<option") == 1
    assert "wp-form" not in client.get(f"/trials/{trial.pk}/assessment/midpoint/").content.decode()
    assert 'name="summary"' in client.get(f"/trials/{trial.pk}/assessment/final/").content.decode()

"""Finished courses on the case file (/participants/<id>/courses/) and issuing a course badge
from one on the badges page: the coach marks, the badge is issued and signed, the participant
sees it on /my/badges/; a mark made by mistake is removed, one a badge was issued from stays;
404 for everyone who may not edit the case file."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from kohtaanto.achievements import completions
from kohtaanto.achievements.models import CourseCompletion, IssuedCredential
from kohtaanto.achievements.tests.helpers import IMMEDIATE, a_course, consenting, course_badge
from kohtaanto.core.models import AuditEvent
from kohtaanto.matches.enums import InterestKind
from kohtaanto.matches.models import Interest
from kohtaanto.people.consent import withdraw_consent
from kohtaanto.people.enums import ConsentPurpose

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _immediate_tasks(settings, tmp_path):
    settings.TASKS = IMMEDIATE
    settings.BADGE_KEK = ""
    settings.BADGE_KEK_GENERATED_FILE = tmp_path / "badge_kek"


def _client(user, language="fi"):
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(user)
    return client


def test_coach_marks_a_course_finished_and_issues_a_course_badge(
    personas, django_capture_on_commit_callbacks
):
    badge = course_badge(personas)
    participant = consenting(personas)
    course = a_course(personas)
    coach = _client(personas.coach)
    url = f"/participants/{participant.pk}/courses/"
    page = coach.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Suoritetut kurssit" in text and "Merkitse suoritetuksi" in text
    assert "Asiakaspalvelun perusteet" in text
    assert AuditEvent.objects.filter(
        action="view", object_type="people.participant", object_id=str(participant.pk)
    ).exists()
    day = timezone.localdate() - timedelta(days=2)
    response = coach.post(
        url, {"course": course.pk, "completed_on": day.isoformat(), "note": "Todistus nähty"}
    )
    assert response.status_code == 302 and response["Location"] == url
    completion = CourseCompletion.objects.get(participant=participant)
    assert completion.completed_on == day and completion.recorded_by == personas.coach
    page = coach.get(url).content.decode()
    assert "Todistus nähty" in page
    issue_link = f"/participants/{participant.pk}/badges/?evidence=course:{completion.pk}"
    assert issue_link in page

    badges_page = coach.get(issue_link).content.decode()
    assert f'value="course:{completion.pk}" selected' in badges_page
    assert "Suoritettu kurssi: Asiakaspalvelun perusteet" in badges_page
    with django_capture_on_commit_callbacks(execute=True):
        response = coach.post(
            f"/participants/{participant.pk}/badges/",
            {
                "version": badge.current_version.pk,
                "evidence": f"course:{completion.pk}",
                "recipient": "email_hash",
            },
        )
    assert response.status_code == 302
    issued = IssuedCredential.objects.get(participant=participant)
    assert issued.state == "issued" and issued.source == "course"

    wallet = _client(personas.participant_user).get("/my/badges/").content.decode()
    assert "Kurssi suoritettu: Asiakaspalvelun perusteet" in wallet


def test_the_participants_answers_offer_mark_as_finished_for_a_course(personas):
    course = a_course(personas)
    Interest.objects.create(
        participant=personas.participant, course=course, kind=InterestKind.INTERESTED
    )
    coach = _client(personas.coach)
    page = coach.get(f"/matches/participants/{personas.participant.pk}/")
    assert page.status_code == 200
    text = page.content.decode()
    courses_url = f"/participants/{personas.participant.pk}/courses/"
    assert f'action="{courses_url}"' in text and "Merkitse suoritetuksi" in text
    response = coach.post(courses_url, {"course": course.pk})
    assert response.status_code == 302
    assert CourseCompletion.objects.get(participant=personas.participant).completed_on == (
        timezone.localdate()
    )


def test_bad_input_shows_translated_reasons_and_no_server_error(personas, settings):
    course = a_course(personas)
    coach = _client(personas.coach)
    url = f"/participants/{personas.participant.pk}/courses/"
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    for data, reason in (
        ({"course": course.pk, "completed_on": tomorrow}, "ei voi olla tulevaisuudessa"),
        ({"course": course.pk, "completed_on": "31.5."}, "vvvv-kk-pp"),
        ({"course": "nope"}, "Valitse kurssi."),
        ({"course": course.pk, "note": "x" * 501}, "enintään 500 merkkiä"),
    ):
        page = coach.post(url, data)
        assert page.status_code == 200 and reason in page.content.decode(), data
    assert not CourseCompletion.objects.exists()
    assert coach.post(url, {"course": course.pk}).status_code == 302
    again = coach.post(url, {"course": course.pk})
    assert again.status_code == 200
    assert "Kurssi on jo merkitty tälle henkilölle suoritetuksi." in again.content.decode()
    personas.coach.preferred_language = "sv"
    personas.coach.save(update_fields=["preferred_language"])
    swedish = _client(personas.coach, "sv")
    swedish.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    assert "Välj en kurs." in swedish.post(url, {"course": "nope"}).content.decode()


@pytest.mark.parametrize("wrong", ["1" + "0" * 29, "²", "-1", "abc"])
def test_a_course_number_that_is_no_course_is_choose_a_course_not_a_server_error(personas, wrong):
    """A number no database id can be, or "²" (a digit to `str.isdigit`, not to `int`)."""
    a_course(personas)
    page = _client(personas.coach).post(
        f"/participants/{personas.participant.pk}/courses/", {"course": wrong}
    )
    assert page.status_code == 200 and "Valitse kurssi." in page.content.decode()
    assert not CourseCompletion.objects.exists()


def test_withdrawn_consent_refuses_the_course_badge_on_the_page(personas):
    badge = course_badge(personas)
    participant = consenting(personas)
    coach = _client(personas.coach)
    coach.post(f"/participants/{participant.pk}/courses/", {"course": a_course(personas).pk})
    completion = CourseCompletion.objects.get(participant=participant)
    withdraw_consent(participant, ConsentPurpose.SERVICE_PROCESSING, by=personas.coach)
    page = coach.post(
        f"/participants/{participant.pk}/badges/",
        {"version": badge.current_version.pk, "evidence": f"course:{completion.pk}"},
    )
    assert page.status_code == 200
    assert "suostumus" in page.content.decode()
    assert not IssuedCredential.objects.exists()


@pytest.mark.parametrize(
    "persona",
    ["outsider", "mentor", "analyst", "employer_contact", "workplace_mentor", "participant_user"],
)
def test_others_get_404(personas, persona):
    course = a_course(personas)
    client = _client(getattr(personas, persona))
    url = f"/participants/{personas.participant.pk}/courses/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"course": course.pk}).status_code == 404
    assert not CourseCompletion.objects.exists()


def test_a_coach_who_is_not_the_persons_own_gets_404(personas):
    url = f"/participants/{personas.unassigned_participant.pk}/courses/"
    assert _client(personas.coach).get(url).status_code == 404
    assert _client(personas.coordinator).get(url).status_code == 200


def test_the_coach_removes_a_mark_made_by_mistake(personas):
    course = a_course(personas)
    completion = completions.record_completion(personas.coach, personas.participant, course.pk)
    coach = _client(personas.coach)
    url = f"/participants/{personas.participant.pk}/courses/"
    remove = f"{url}{completion.pk}/remove/"
    page = coach.get(url).content.decode()
    assert f'action="{remove}"' in page and "Poista merkintä" in page
    assert "Poisto kirjataan tapahtumalokiin." in page
    assert coach.get(remove).status_code == 405
    response = coach.post(remove)
    assert response.status_code == 302 and response["Location"] == url
    assert not CourseCompletion.objects.exists()
    page = coach.get(url).content.decode()
    assert "Merkintä poistettiin: kurssia ei ole enää merkitty suoritetuksi." in page
    assert "Suoritettuja kursseja ei ole vielä merkitty." in page
    assert f'action="{remove}"' not in page
    # The same button again (a second tab): the reason, and nothing else happens.
    response = coach.post(remove, follow=True)
    assert "Kurssia ei ollut enää merkitty suoritetuksi." in response.content.decode()
    assert AuditEvent.objects.filter(action="delete").count() == 1


def test_a_mark_a_badge_was_issued_from_cannot_be_removed_on_the_page(
    personas, django_capture_on_commit_callbacks
):
    badge = course_badge(personas)
    participant = consenting(personas)
    completion = completions.record_completion(personas.coach, participant, a_course(personas).pk)
    coach = _client(personas.coach)
    with django_capture_on_commit_callbacks(execute=True):
        coach.post(
            f"/participants/{participant.pk}/badges/",
            {
                "version": badge.current_version.pk,
                "evidence": f"course:{completion.pk}",
                "recipient": "email_hash",
            },
        )
    assert IssuedCredential.objects.get(participant=participant).state == "issued"
    url = f"/participants/{participant.pk}/courses/"
    remove = f"{url}{completion.pk}/remove/"
    page = coach.get(url).content.decode()
    assert f'action="{remove}"' not in page
    assert "Tästä kurssista on myönnetty osaamismerkki" in page
    response = coach.post(remove, follow=True)
    assert "joten merkintä säilyy merkin perusteena" in response.content.decode()
    assert CourseCompletion.objects.filter(pk=completion.pk).exists()


@pytest.mark.parametrize(
    "persona",
    ["outsider", "mentor", "analyst", "employer_contact", "workplace_mentor", "participant_user"],
)
def test_others_cannot_remove_a_mark(personas, persona):
    completion = completions.record_completion(
        personas.coach, personas.participant, a_course(personas).pk
    )
    url = f"/participants/{personas.participant.pk}/courses/{completion.pk}/remove/"
    assert _client(getattr(personas, persona)).post(url).status_code == 404
    assert CourseCompletion.objects.filter(pk=completion.pk).exists()
    unassigned = completions.record_completion(
        personas.coordinator, personas.unassigned_participant, a_course(personas).pk
    )
    other = f"/participants/{personas.unassigned_participant.pk}/courses/{unassigned.pk}/remove/"
    assert _client(personas.coach).post(other).status_code == 404
    assert CourseCompletion.objects.filter(pk=unassigned.pk).exists()

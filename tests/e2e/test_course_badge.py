"""A course badge from a finished course, in a browser, in Finnish (issue 17):

- the participant has said they are interested in a course; on the case file's suggestions
  page the coach presses "Merkitse suoritetuksi" on it and lands on the finished courses page,
  where the course is listed as finished today;
- from the finished course the coach follows "Myönnä osaamismerkki" to the badges page, where
  the finished course and the organisation's course badge are preselected, and issues the
  badge with the person's hashed e-mail address (the signing task runs at once here);
- the participant logs in and sees the course badge on /my/badges/;
- on a phone, the coach removes a course marked finished by mistake ("Poista merkintä").

axe-core (WCAG 2.1 A/AA) finds no violations on the finished courses page, the badges page
and the wallet at 1280 px and 360 × 740; none scrolls sideways at 360 px. Screenshots:
`artifacts/course-badge/`.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from kohtaanto.achievements import completions
from kohtaanto.achievements.models import CourseCompletion, IssuedCredential
from kohtaanto.achievements.tests.helpers import IMMEDIATE, a_course, consenting, course_badge
from kohtaanto.matches.enums import InterestKind
from kohtaanto.matches.models import Interest
from tests.e2e.conftest import (
    DESKTOP,
    PHONE,
    REPO,
    assert_no_horizontal_scroll,
    expect,
    new_context,
)
from tests.e2e.test_pages import log_in
from tests.factories import Personas

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = REPO / "artifacts" / "course-badge"
BADGE = "Kurssi suoritettu: Asiakaspalvelun perusteet"


def tr(msgid: str) -> str:
    with translation.override("fi"):
        return translation.gettext(msgid)


@pytest.fixture
def look(check_axe: Any) -> Any:
    def check(page: Any, name: str) -> None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        assert page.evaluate("() => document.documentElement.lang") == "fi", name
        page.set_viewport_size(DESKTOP)
        check_axe(page, f"course-badge-{name}-desktop")
        page.screenshot(path=str(SHOTS / f"{name}-desktop.png"), full_page=True)
        page.set_viewport_size(PHONE)
        check_axe(page, f"course-badge-{name}-phone")
        assert_no_horizontal_scroll(page, f"{name} at 360 px")
        page.screenshot(path=str(SHOTS / f"{name}-phone.png"), full_page=True)
        page.set_viewport_size(DESKTOP)

    return check


def test_coach_marks_a_course_finished_issues_a_course_badge_and_the_participant_sees_it(
    browser: Any, live_server: Any, personas: Personas, look: Any, settings: Any, tmp_path: Any
) -> None:
    settings.TASKS = IMMEDIATE
    settings.BADGE_KEK = ""
    settings.BADGE_KEK_GENERATED_FILE = tmp_path / "badge_kek"
    course_badge(personas)
    participant = consenting(personas)
    course = a_course(personas)
    Interest.objects.create(participant=participant, course=course, kind=InterestKind.INTERESTED)

    coach_context = new_context(browser, viewport=DESKTOP, base_url=live_server.url, locale="fi-FI")
    coach = coach_context.new_page()
    coach.goto("/login/")
    log_in(coach, "coach")
    coach.goto(f"/matches/participants/{participant.pk}/")
    answers = coach.locator("#answers")
    expect(answers.locator("strong", has_text=course.title)).to_be_visible()
    with coach.expect_navigation():
        answers.get_by_role("button", name=tr("Mark as finished")).click()
    coach.wait_for_url(f"**/participants/{participant.pk}/courses/")
    expect(coach.locator("h1")).to_have_text(tr("Finished courses"))
    finished = coach.locator(".badge-list")
    expect(finished.get_by_role("heading", name=course.title)).to_be_visible()
    expect(coach.get_by_text(tr("The course is marked as finished."))).to_be_visible()
    completion = CourseCompletion.objects.get(participant=participant, course=course)
    assert completion.recorded_by_id == personas.coach.pk
    look(coach, "courses")

    with coach.expect_navigation():
        finished.get_by_role("link", name=tr("Issue a badge")).click()
    expect(coach.locator("h1")).to_have_text(tr("Badges"))
    expect(coach.locator("#version option:checked")).to_have_text(BADGE)
    expect(coach.locator("#evidence option:checked")).to_contain_text(course.title)
    look(coach, "issue")
    with coach.expect_navigation():
        coach.locator("form.journey-form").get_by_role("button", name=tr("Issue a badge")).click()
    issued_list = coach.locator(".badge-list")
    expect(issued_list.get_by_role("heading", name=BADGE)).to_be_visible()
    expect(issued_list.get_by_text(tr("Issued"), exact=True)).to_be_visible()
    issued = IssuedCredential.objects.get(participant=participant)
    assert issued.source == "course" and issued.source_id == completion.pk
    assert issued.credential is not None
    assert issued.credential["credentialSubject"]["achievement"]["achievementType"] == "Course"
    look(coach, "issued")

    own_context = new_context(browser, viewport=DESKTOP, base_url=live_server.url, locale="fi-FI")
    own = own_context.new_page()
    own.goto("/login/")
    log_in(own, "participant")
    own.goto("/my/badges/")
    expect(own.get_by_role("heading", name=BADGE)).to_be_visible()
    look(own, "wallet")
    coach_context.close()
    own_context.close()


def test_on_a_phone_the_coach_removes_a_course_marked_finished_by_mistake(
    browser: Any, live_server: Any, personas: Personas, check_axe: Any
) -> None:
    participant = personas.participant
    course = a_course(personas)
    completions.record_completion(personas.coach, participant, course.pk)
    context = new_context(browser, viewport=PHONE, base_url=live_server.url, locale="fi-FI")
    coach = context.new_page()
    coach.goto("/login/")
    log_in(coach, "coach")
    coach.goto(f"/participants/{participant.pk}/courses/")
    card = coach.locator(".badge-list li", has_text=course.title)
    card.locator("summary", has_text=tr("Remove the mark")).click()
    button = card.get_by_role("button", name=tr("Remove the mark"))
    expect(button).to_be_visible()
    check_axe(coach, "course-badge-remove-mark-phone")
    assert_no_horizontal_scroll(coach, "the open removal at 360 px")
    SHOTS.mkdir(parents=True, exist_ok=True)
    coach.screenshot(path=str(SHOTS / "remove-mark-phone.png"), full_page=True)
    with coach.expect_navigation():
        button.click()
    expect(
        coach.get_by_text(tr("The mark was removed: the course is no longer marked as finished."))
    ).to_be_visible()
    expect(coach.get_by_text(tr("No finished courses are marked yet."))).to_be_visible()
    assert not CourseCompletion.objects.filter(participant=participant).exists()
    context.close()

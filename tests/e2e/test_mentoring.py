"""Mentoring in a browser at 360 × 740: the mentor (in Finnish) opens their mentee from the
home page and writes a meeting with a shared note and a private note; the participant sees
the shared note on "my mentor" and on the relationship page, never the private note; the
coordinator's volunteer pool, a volunteer's page and the relationships are checked in Finnish
and the pool once in Swedish.

axe-core (WCAG 2.1 A/AA) on every page at desktop and phone size, no sideways scroll on the
phone, 44 px targets on the participant's pages; screenshots in `artifacts/mentoring/`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from kohtaanto.core.enums import Role
from kohtaanto.core.models import Membership
from kohtaanto.mentoring import services
from kohtaanto.mentoring.models import MentoringMeeting, TrainingCourse
from kohtaanto.people.consent import MATCHING_PURPOSES, give_consent
from tests.e2e.conftest import PHONE, expect, new_context, page_checker
from tests.e2e.test_pages import log_in
from tests.factories import Personas

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHARED = "Harjoittelimme työhaastattelua. Seuraavaksi haet kahta varastopaikkaa."
PRIVATE = "Jännittää haastatteluja, kysy ensi kerralla jaksamisesta."


@pytest.fixture
def visit(check_axe: Any) -> Any:
    return page_checker(check_axe, "mentoring")


def _active_mentoring(personas: Personas) -> Any:
    Membership.objects.get_or_create(
        user=personas.mentor, organisation=personas.organisation, role=Role.MENTOR
    )
    profile = services.add_volunteer(
        personas.coordinator, personas.mentor, personas.organisation, ["individual_mentor"]
    )
    services.update_profile(
        personas.coordinator, profile, regions=["286"], remote_ok=True, capacity_mentees=2
    )
    services.set_languages(personas.coordinator, profile, [("fi", "native"), ("ar", "B2")])
    course = TrainingCourse.objects.create(
        organisation=personas.organisation,
        name="Vertaismentorin viikonloppukurssi",
        hours=16,
        valid_months=36,
    )
    services.add_training_record(
        personas.coordinator, profile, course, timezone.localdate() - dt.timedelta(days=400)
    )
    for purpose in MATCHING_PURPOSES:
        give_consent(personas.participant, purpose, by=personas.participant_user)
    mentoring = services.propose_mentoring(
        personas.participant,
        personas.mentor,
        personas.coach,
        goals="Löytää työpaikka varastosta ja harjoitella työhaastattelua.",
    )
    services.confirm_mentoring(mentoring, personas.coordinator)
    services.accept_mentoring(mentoring, personas.mentor)
    services.accept_mentoring(mentoring, personas.participant_user)
    services.set_shared(mentoring, personas.participant_user, ["goals", "languages"])
    return mentoring


def test_mentor_writes_a_shared_note_and_the_participant_sees_it(
    browser: Any, live_server: Any, personas: Personas, visit: Any
) -> None:
    mentoring = _active_mentoring(personas)
    first_name = personas.participant.first_name

    # 1. The mentor, on a phone, in Finnish: home → the mentee → a meeting with notes.
    phone = new_context(browser, viewport=PHONE, base_url=live_server.url, locale="fi-FI")
    mentor = phone.new_page()
    mentor.goto("/login/")
    log_in(mentor, "mentor")
    expect(mentor.locator("#my-mentees")).to_have_text("Mentoroitavani")
    visit(mentor, "mentor-home")
    with mentor.expect_navigation():
        mentor.locator("section[aria-labelledby=my-mentees]").get_by_role(
            "link", name=first_name, exact=True
        ).click()
    expect(mentor.locator("h1")).to_have_text(f"Mentoroitavani {first_name}")
    expect(mentor.locator("#shared")).to_have_text("Mitä mentoroitavasi on jakanut sinulle")
    assert personas.participant.last_name not in mentor.locator("main").inner_text()
    visit(mentor, "mentoring-mentor")
    mentor.set_viewport_size(PHONE)
    mentor.get_by_label("Päivä").fill(timezone.localdate().isoformat())
    mentor.get_by_label("Yhteinen muistiinpano").fill(SHARED)
    mentor.get_by_label("Oma muistiinpanoni").fill(PRIVATE)
    with mentor.expect_navigation():
        mentor.get_by_role("button", name="Tallenna tapaaminen").click()
    expect(mentor.get_by_text("Tapaaminen on tallennettu.")).to_be_visible()
    meetings = mentor.locator(".meeting-list")
    expect(meetings).to_contain_text(SHARED)
    expect(meetings.locator(".private-note")).to_contain_text(PRIVATE)
    meeting = MentoringMeeting.objects.get(mentoring=mentoring)
    assert meeting.shared_note == SHARED and meeting.private_note == PRIVATE
    visit(mentor, "mentoring-mentor-noted")
    mentor.set_viewport_size(PHONE)
    with mentor.expect_navigation():
        mentor.locator(".meeting-list a").first.click()
    expect(mentor.get_by_label("Oma muistiinpanoni")).to_have_value(PRIVATE)
    visit(mentor, "meeting-notes")
    mentor.goto("/my/volunteer/")
    expect(mentor.locator("h1")).to_have_text("Vapaaehtoisprofiilini")
    expect(mentor.locator("main")).to_contain_text("Vertaismentorin viikonloppukurssi")
    visit(mentor, "my-volunteer-profile")
    phone.close()

    # 2. The participant, on a phone, in Finnish: the shared note, never the private one.
    phone = new_context(browser, viewport=PHONE, base_url=live_server.url, locale="fi-FI")
    me = phone.new_page()
    me.goto("/login/")
    log_in(me, "participant")
    expect(me.locator("#my-mentor-home")).to_have_text("Oma mentori")
    with me.expect_navigation():
        me.locator("section[aria-labelledby=my-mentor-home]").get_by_role(
            "link", name="Oma mentori"
        ).click()
    expect(me.locator("h1")).to_have_text("Oma mentori")
    expect(me.locator("main")).to_contain_text(SHARED)
    expect(me.locator("main")).not_to_contain_text(PRIVATE)
    visit(me, "my-mentor", participant_page=True)
    me.set_viewport_size(PHONE)
    with me.expect_navigation():
        me.get_by_role("link", name="Avaa mentorointi").click()
    expect(me.locator("h1")).to_contain_text("Mentorini")
    expect(me.locator(".meeting-list")).to_contain_text(SHARED)
    expect(me.locator("main")).not_to_contain_text(PRIVATE)
    visit(me, "mentoring-participant", participant_page=True)
    me.goto("/my/mentor/?lang=sv")
    expect(me.locator("h1")).to_have_text("Min mentor")
    expect(me.locator("main")).to_contain_text(SHARED)
    visit(me, "my-mentor-sv", participant_page=True)
    phone.close()

    # 3. The coordinator: the pool, the volunteer and the relationships; no private note.
    phone = new_context(browser, viewport=PHONE, base_url=live_server.url, locale="fi-FI")
    coordinator = phone.new_page()
    coordinator.goto("/login/")
    log_in(coordinator, "coordinator")
    coordinator.goto("/volunteers/?language=ar")
    expect(coordinator.locator("h1")).to_have_text("Vapaaehtoiset")
    expect(coordinator.locator("#pool-results")).to_have_text("1 vapaaehtoinen")
    visit(coordinator, "pool")
    coordinator.set_viewport_size(PHONE)
    with coordinator.expect_navigation():
        coordinator.locator(".volunteer-cards h3 a").first.click()
    expect(coordinator.locator("#training")).to_have_text("Koulutus")
    visit(coordinator, "volunteer")
    coordinator.goto(f"/mentorings/{mentoring.pk}/")
    expect(coordinator.locator(".meeting-list")).to_contain_text(SHARED)
    expect(coordinator.locator("main")).not_to_contain_text(PRIVATE)
    visit(coordinator, "mentoring-coordinator")
    coordinator.goto("/mentorings/")
    visit(coordinator, "mentorings")

    # 4. The pool once in Swedish.
    coordinator.goto("/volunteers/?lang=sv")
    expect(coordinator.locator("h1")).to_have_text("Frivilliga")
    expect(coordinator.locator("#pool-results")).to_have_text("1 frivillig")
    visit(coordinator, "pool-sv")
    phone.close()


def test_participant_accepts_and_the_coordinator_confirms(
    browser: Any, live_server: Any, personas: Personas, visit: Any
) -> None:
    Membership.objects.get_or_create(
        user=personas.mentor, organisation=personas.organisation, role=Role.MENTOR
    )
    services.add_volunteer(
        personas.coordinator, personas.mentor, personas.organisation, ["individual_mentor"]
    )
    for purpose in MATCHING_PURPOSES:
        give_consent(personas.participant, purpose, by=personas.participant_user)
    mentoring = services.propose_mentoring(
        personas.participant, personas.mentor, personas.coach, goals="Oppia Pythonia."
    )

    # The participant says yes on a phone, in Swedish.
    phone = new_context(browser, viewport=PHONE, base_url=live_server.url, locale="sv-FI")
    me = phone.new_page()
    me.goto("/login/")
    log_in(me, "participant")
    me.goto("/my/mentor/?lang=sv")
    expect(me.locator("main")).to_contain_text("Du har erbjudits den här mentorn.")
    visit(me, "my-mentor-offered-sv", participant_page=True)
    me.set_viewport_size(PHONE)
    with me.expect_navigation():
        me.get_by_role("button", name="Ja, jag vill börja").click()
    expect(me.get_by_text("Du har godkänt mentorskapet.")).to_be_visible()
    visit(me, "mentoring-accepted-sv", participant_page=True)
    phone.close()

    # The coordinator confirms on the relationship page, in Finnish; the mentor accepts.
    phone = new_context(browser, viewport=PHONE, base_url=live_server.url, locale="fi-FI")
    coordinator = phone.new_page()
    coordinator.goto("/login/")
    log_in(coordinator, "coordinator")
    coordinator.goto(f"/mentorings/{mentoring.pk}/?lang=fi")
    visit(coordinator, "mentoring-proposed")
    coordinator.set_viewport_size(PHONE)
    with coordinator.expect_navigation():
        coordinator.get_by_role("button", name="Vahvista pari").click()
    expect(coordinator.get_by_text("Mentorointi on vahvistettu.")).to_be_visible()
    phone.close()
    mentoring.refresh_from_db()
    assert mentoring.status == "confirmed" and mentoring.participant_accepted_at
    services.accept_mentoring(mentoring, personas.mentor)
    assert mentoring.status == "active"


def test_ending_a_mentoring_is_a_step_of_its_own_and_the_participant_knows_the_next_meeting(
    browser: Any, live_server: Any, personas: Personas, visit: Any
) -> None:
    mentoring = _active_mentoring(personas)
    later = timezone.localdate() + dt.timedelta(days=7)
    planned = services.add_meeting(mentoring, personas.mentor, later, time=dt.time(17, 0))
    when = f"{later.day}.{later.month}.{later.year} klo 17.00"
    first = personas.mentor.first_name

    # 1. The participant's home: the mentor's name, the next meeting, the goals, the contact.
    phone = new_context(browser, viewport=PHONE, base_url=live_server.url, locale="fi-FI")
    me = phone.new_page()
    me.goto("/login/")
    log_in(me, "participant")
    card = me.locator("section[aria-labelledby=my-mentor-home]")
    expect(card).to_contain_text(f"Mentorisi on {first}.")
    expect(card.locator("#my-mentor-next")).to_contain_text(when)
    expect(card).to_contain_text("Löytää työpaikka varastosta")
    expect(card.locator("#my-mentor-contact")).to_contain_text("Sovi mentorisi kanssa")
    visit(me, "participant-home-mentor", participant_page=True)
    phone.close()

    # 2. The mentor: ending sits behind its own step with an explicit yes.
    phone = new_context(browser, viewport=PHONE, base_url=live_server.url, locale="fi-FI")
    mentor = phone.new_page()
    mentor.goto("/login/")
    log_in(mentor, "mentor")
    mentor.goto(f"/mentorings/{mentoring.pk}/")
    end_button = mentor.get_by_role("button", name="Päätä mentorointi")
    expect(end_button).to_be_hidden()  # folded away, not under the meeting form
    mentor.locator("#closing ~ details summary").click()
    mentor.get_by_label("Palaute").fill("Hyvä ja tavoitteellinen jakso.")
    visit(mentor, "closing-open")
    mentor.set_viewport_size(PHONE)
    with mentor.expect_navigation():
        end_button.click()  # without the tick: nothing ends
    expect(mentor.locator("#closing")).to_be_visible()
    expect(mentor.locator("main")).to_contain_text(
        "Valitse ruutu, jos haluat päättää mentoroinnin."
    )
    expect(mentor.get_by_label("Palaute")).to_have_value("Hyvä ja tavoitteellinen jakso.")
    mentoring.refresh_from_db()
    assert mentoring.status == "active"
    visit(mentor, "closing-not-ticked")
    mentor.set_viewport_size(PHONE)
    mentor.get_by_label("Kyllä, haluan päättää tämän mentoroinnin").check()
    with mentor.expect_navigation():
        end_button.click()
    expect(mentor.locator(".meeting-list")).to_contain_text("Peruttu")
    expect(mentor.locator("main")).not_to_contain_text("Suunniteltu")
    expect(mentor.get_by_role("button", name="Lähetä palaute")).to_have_count(0)
    visit(mentor, "closed-mentor")
    phone.close()
    mentoring.refresh_from_db()
    planned.refresh_from_db()
    assert mentoring.status == "closed" and planned.cancelled
    assert mentoring.feedback_mentor == "Hyvä ja tavoitteellinen jakso."

    # 3. The participant gives their feedback afterwards, once.
    phone = new_context(browser, viewport=PHONE, base_url=live_server.url, locale="fi-FI")
    me = phone.new_page()
    me.goto("/login/")
    log_in(me, "participant")
    me.goto(f"/mentorings/{mentoring.pk}/")
    me.get_by_role("textbox", name="Palaute").fill("Sain apua CV:hen.")
    with me.expect_navigation():
        me.get_by_role("button", name="Lähetä palaute").click()
    expect(me.get_by_text("Kiitos palautteestasi.")).to_be_visible()
    expect(me.get_by_role("button", name="Lähetä palaute")).to_have_count(0)
    visit(me, "closed-participant", participant_page=True)
    phone.close()

"""Peer groups in a browser on a 360 × 740 phone:

- a volunteer mentor takes attendance in Finnish from their home page's link (offered only for
  the session that has started; tomorrow's session links to its page, which says when the roll
  call opens): marks a few members — the summary line follows each tap — marks the rest
  present, loses the network (`context.set_offline(True)`), keeps marking — the page says the
  marks are kept on the device — and when the network returns the page sends them by itself;
  the database has every mark, marked by the mentor;
- a participant joins an open group straight away (Finnish and Swedish; told once), the leader
  sees them as a member, and the participant sees the group with its next session (d.m.yyyy
  and time) on their home page;
- a coordinator and a coach see the group list as cards at 360 px: every figure on screen.

axe-core (WCAG 2.1 A/AA) finds no violations on any page visited; no sideways scroll.
Screenshots in `artifacts/groups/`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone, translation

from kohtaanto.groups import services
from kohtaanto.groups.models import Attendance, Group, GroupMember, GroupSession
from tests.e2e.conftest import (
    PHONE,
    REPO,
    assert_big_targets,
    assert_no_horizontal_scroll,
    expect,
    new_context,
)
from tests.e2e.test_pages import choose_language, log_in
from tests.factories import ParticipantFactory, Personas

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = REPO / "artifacts" / "groups"
ALL_MARKED = "7 jäsentä · Paikalla 4 · Poissa 2 · Ilmoitti poissaolosta 1"
FIRST_NAMES = ("Sirkka", "Tapio", "Raili", "Jorma", "Anneli", "Veikko", "Kerttu")


def tr(language: str, msgid: str) -> str:
    with translation.override(language):
        return translation.gettext(msgid)


@pytest.fixture
def phone_check(check_axe: Any) -> Any:
    def check(page: Any, name: str, *, own: bool = False) -> None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.set_viewport_size(PHONE)
        check_axe(page, f"groups-{name}")
        assert_no_horizontal_scroll(page, f"{name} at 360 px")
        if own:  # the participant's own pages and the roll call: 44 px touch targets
            assert_big_targets(page, name)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)

    return check


def _phone(browser: Any, live_server: Any, locale: str = "fi-FI") -> tuple[Any, Any]:
    context = new_context(browser, viewport=PHONE, base_url=live_server.url, locale=locale)
    return context, context.new_page()


def _group(
    personas: Personas, *, members: int, starts_in: dt.timedelta = dt.timedelta(hours=2)
) -> tuple[Group, GroupSession]:
    group = services.create_group(
        organisation=personas.organisation,
        by=personas.coordinator,
        leaders=[personas.mentor],
        name="Tutuksi oma kaupunki",
        kind="hobby",
        place="Matkakeskus, Kouvola",
    )
    for n in range(members):
        participant = ParticipantFactory(
            organisation=personas.organisation,
            first_name=FIRST_NAMES[n % len(FIRST_NAMES)],
            last_name=f"Kokeilu{n}",
        )
        services.invite(group, participant, by=personas.coordinator)
        services.answer_invitation(group, participant, accept=True, by=None)
    starts = timezone.now() + starts_in
    session = services.schedule_sessions(
        group, starts=starts, ends=starts + dt.timedelta(hours=2), by=personas.mentor
    )[0]
    return group, session


def _marks(session: GroupSession) -> dict[int, str]:
    return dict(Attendance.objects.filter(session=session).values_list("participant_id", "mark"))


def test_a_mentor_takes_attendance_and_the_marks_survive_a_dropped_network(
    browser: Any, live_server: Any, personas: Personas, phone_check: Any
) -> None:
    group, session = _group(personas, members=7, starts_in=-dt.timedelta(minutes=5))
    tomorrow = timezone.now() + dt.timedelta(days=1)
    later = services.schedule_sessions(
        group, starts=tomorrow, ends=tomorrow + dt.timedelta(hours=2), by=personas.mentor
    )[0]
    ids = list(
        GroupMember.objects.filter(group=group)
        .order_by("pk")
        .values_list("participant_id", flat=True)
    )
    context, page = _phone(browser, live_server)
    page.goto("/login/")
    log_in(page, "mentor")
    phone_check(page, "01-mentor-home")
    # Only the session that has started offers the roll call; tomorrow's links to its page.
    take = page.get_by_role("link", name=tr("fi", "Take attendance"))
    expect(take).to_have_count(1)
    later_link = page.locator(f".leader-sessions a[href='/groups/sessions/{later.pk}/']")
    expect(later_link).to_contain_text(tr("fi", "Open the session"))
    with page.expect_navigation():
        later_link.click()
    expect(page.locator("main")).to_contain_text("Läsnäolot voi merkitä, kun kerta alkaa.")
    assert page.locator("#roll-call").count() == 0
    phone_check(page, "01b-roll-call-not-yet")
    page.goto("/")
    with page.expect_navigation():
        take.click()
    expect(page.locator("h1")).to_have_text(tr("fi", "Roll call"))
    assert page.url.endswith(f"/groups/sessions/{session.pk}/")
    phone_check(page, "02-roll-call", own=True)

    saved = tr("fi", "Saved")
    status = page.locator("#roll-call-status")
    # A few taps: two absences, one notice, then "the rest are present".
    summary = page.locator("#roll-call-summary")
    expect(summary).to_have_text("7 jäsentä", use_inner_text=True)
    # The cancel link is gone: the session has started.
    expect(page.get_by_role("link", name=tr("fi", "Cancel the session"))).to_have_count(0)
    page.locator(f"label[for='mark-{ids[0]}-absent']").click()
    expect(status).to_have_text(saved)
    expect(summary).to_have_text("7 jäsentä · Poissa 1", use_inner_text=True)
    page.locator(f"label[for='mark-{ids[1]}-excused']").click()
    page.locator(f"label[for='mark-{ids[2]}-absent']").click()
    expect(summary).to_have_text(
        "7 jäsentä · Poissa 2 · Ilmoitti poissaolosta 1", use_inner_text=True
    )
    page.get_by_role("button", name=tr("fi", "Mark everyone else present")).click()
    expect(summary).to_have_text(
        "7 jäsentä · Paikalla 4 · Poissa 2 · Ilmoitti poissaolosta 1", use_inner_text=True
    )
    expect(status).to_have_text(saved)
    page.wait_for_function(f"() => !localStorage.getItem('kohtaanto-roll-call-{session.pk}')")
    marks = _marks(session)
    assert marks[ids[0]] == "absent" and marks[ids[1]] == "excused" and marks[ids[2]] == "absent"
    assert all(marks[pid] == "present" for pid in ids[3:])

    # The network drops: the marks stay on the phone and the page says so.
    context.set_offline(True)
    page.locator(f"label[for='mark-{ids[3]}-absent']").click()
    page.locator(f"label[for='mark-{ids[0]}-present']").click()
    # Counted on the phone while offline.
    expect(summary).to_have_text(
        "7 jäsentä · Paikalla 4 · Poissa 2 · Ilmoitti poissaolosta 1", use_inner_text=True
    )
    offline = "Ei yhteyttä – merkinnät tallessa tällä laitteella, lähetetään kun yhteys palaa"
    no_connection = (
        "No connection – the marks are kept on this device and sent when the connection returns"
    )
    assert tr("fi", no_connection) == offline
    expect(status).to_have_text(offline)
    kept = page.evaluate(
        f"() => JSON.parse(localStorage.getItem('kohtaanto-roll-call-{session.pk}'))"
    )
    assert kept[f"mark-{ids[3]}"] == "absent" and kept[f"mark-{ids[0]}"] == "present"
    assert set(kept.values()) <= {"present", "absent", "excused"}  # ids and marks only
    assert _marks(session)[ids[3]] == "present"  # not on the server yet
    phone_check(page, "03-roll-call-offline")

    # The network returns: the page sends the kept marks by itself.
    context.set_offline(False)
    expect(status).to_have_text(saved)
    page.wait_for_function(f"() => !localStorage.getItem('kohtaanto-roll-call-{session.pk}')")
    marks = _marks(session)
    assert marks[ids[3]] == "absent" and marks[ids[0]] == "present"
    assert set(Attendance.objects.filter(session=session).values_list("marked_by", flat=True)) == {
        personas.mentor.pk
    }
    # Opened again, the page shows the saved marks and who saved them last.
    page.reload()
    expect(page.locator(f"#mark-{ids[3]}-absent")).to_be_checked()
    expect(status).to_contain_text(personas.mentor.first_name or "mentor")
    expect(status).to_contain_text(" klo ")
    expect(summary).to_have_text(
        "7 jäsentä · Paikalla 4 · Poissa 2 · Ilmoitti poissaolosta 1", use_inner_text=True
    )
    context.close()


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_a_participant_joins_an_open_group_and_sees_it_at_home(
    browser: Any, live_server: Any, personas: Personas, phone_check: Any, language: str
) -> None:
    group, session = _group(personas, members=2)
    context, page = _phone(browser, live_server, locale=f"{language}-FI")
    page.goto("/login/")
    if language != "fi":
        choose_language(page, language)
    log_in(page, "participant")
    with page.expect_navigation():
        page.get_by_role("link", name=tr(language, "Find a group")).click()
    phone_check(page, f"10-{language}-group-list", own=True)
    with page.expect_navigation():
        page.get_by_role("link", name=group.name).click()
    phone_check(page, f"11-{language}-group-detail", own=True)
    # An open group: joining needs nobody's approval.
    expect(page.locator(".join-box")).to_contain_text(
        tr(language, "This is an open group. You can join right away.")
    )
    with page.expect_navigation():
        page.get_by_role("button", name=tr(language, "Join the group")).click()
    joined = tr(language, "You are now a member of the group.")
    expect(page.locator(".messages")).to_contain_text(joined)
    expect(page.get_by_text(joined)).to_have_count(1)  # said once, not twice
    participant = personas.participant
    assert GroupMember.objects.get(group=group, participant=participant).status == "member"
    phone_check(page, f"12-{language}-joined", own=True)

    # The leader (a volunteer) sees the new member by first name and initial.
    leader_context, leader = _phone(browser, live_server)
    leader.goto("/login/")
    log_in(leader, "mentor")
    leader.goto(f"/groups/{group.pk}/")
    expect(leader.locator(".member-list").first).to_contain_text(
        f"{participant.first_name} {participant.last_name[0]}."
    )
    phone_check(leader, f"13-{language}-leader-group")
    leader_context.close()

    page.goto("/")
    local = timezone.localtime(session.starts)
    panel = page.locator(".my-groups")
    expect(panel).to_contain_text(group.name)
    expect(panel).to_contain_text(f"{local.day}.{local.month}.{local.year}")
    expect(panel).to_contain_text(f"{local:%H}.{local:%M}")
    expect(panel).to_contain_text(tr(language, "Next time:"))
    phone_check(page, f"14-{language}-home", own=True)
    context.close()


def test_a_coordinator_starts_a_group_schedules_a_series_and_cancels_a_session(
    browser: Any, live_server: Any, personas: Personas, phone_check: Any
) -> None:
    context, page = _phone(browser, live_server)
    page.goto("/login/")
    log_in(page, "coordinator")
    _group(personas, members=3)
    page.goto("/groups/")
    phone_check(page, "20-coordinator-groups")
    _assert_cards_fit(page)
    with page.expect_navigation():
        page.get_by_role("link", name=tr("fi", "Start a new group")).click()
    phone_check(page, "21-new-group")
    page.locator("#id_name").fill("Koodikerho")
    page.locator("#id_kind").select_option("learning")
    page.locator("#id_place").fill("Kirjasto, Kouvola")
    page.locator("#id_capacity").fill("8")
    page.locator(f"input[name=leaders][value='{personas.mentor.pk}']").check()
    with page.expect_navigation():
        page.get_by_role("button", name=tr("fi", "Save")).click()
    expect(page.locator("h1")).to_have_text(tr("fi", "Add sessions"))
    group = Group.objects.get(name="Koodikerho")
    assert list(group.leaders.all()) == [personas.mentor]

    day = (timezone.localdate() + dt.timedelta(days=7)).isoformat()
    page.locator("#id_date").fill(day)
    page.locator("#id_start").fill("17:00")
    page.locator("#id_end").fill("19:00")
    page.locator("#id_repeat_1").check()  # every week
    page.locator("#id_count").fill("4")
    phone_check(page, "22-schedule")
    with page.expect_navigation():
        page.get_by_role("button", name=tr("fi", "Save the sessions")).click()
    assert page.url.endswith(f"/groups/{group.pk}/")
    sessions = list(GroupSession.objects.filter(group=group).order_by("starts"))
    assert len(sessions) == 4 and len({s.series for s in sessions}) == 1
    # The add toggles are buttons; the two forms keep their own ids.
    add = page.locator("summary", has_text=tr("fi", "Add material"))
    assert "hds-button" in (add.get_attribute("class") or "")
    add.click()
    expect(page.locator("#id_material-title")).to_be_visible()
    expect(page.locator("#id_task-title")).to_have_count(1)
    phone_check(page, "23-group-detail-coordinator")

    # The same time again overlaps the leader's session: a clear warning, nothing saved.
    page.goto(f"/groups/{group.pk}/sessions/new/")
    page.locator("#id_date").fill(day)
    page.locator("#id_start").fill("18:00")
    page.locator("#id_end").fill("20:00")
    page.locator("#id_repeat_0").check()  # once
    with page.expect_navigation():
        page.get_by_role("button", name=tr("fi", "Save the sessions")).click()
    expect(page.locator("#error-summary")).to_contain_text(
        tr("fi", "The session overlaps a leader's other session.")
    )
    expect(page.locator("#id_allow_overlap")).to_be_visible()
    assert GroupSession.objects.filter(group=group).count() == 4
    phone_check(page, "24-overlap-warning")

    # Cancel the first session with a reason; its roll call then refuses marks.
    first = sessions[0]
    page.goto(f"/groups/sessions/{first.pk}/cancel/")
    phone_check(page, "25-cancel")
    page.locator("#id_reason").fill("Kirjasto on suljettu")
    with page.expect_navigation():
        page.get_by_role("button", name=tr("fi", "Cancel the session")).click()
    expect(page.locator(".session-item--cancelled")).to_contain_text("Kirjasto on suljettu")
    page.goto(f"/groups/sessions/{first.pk}/")
    expect(page.locator("main")).to_contain_text(
        tr("fi", "Attendance cannot be recorded for a cancelled session.")
    )
    assert page.locator("#roll-call").count() == 0
    phone_check(page, "26-cancelled-roll-call")

    page.goto(f"/groups/{group.pk}/edit/")
    phone_check(page, "27-edit-group")
    page.locator("#id_capacity").fill("10")
    with page.expect_navigation():
        page.get_by_role("button", name=tr("fi", "Save")).click()
    group.refresh_from_db()
    assert group.capacity == 10
    context.close()


def _assert_cards_fit(page: Any) -> None:
    """Every group card and every figure on it lies within the 360 px screen."""
    assert page.locator("table").count() == 0
    boxes = page.eval_on_selector_all(
        ".group-card, .group-card dt, .group-card dd",
        "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.left, r.right]; })",
    )
    assert boxes and all(left >= 0 and right <= PHONE["width"] for left, right in boxes), boxes


def test_a_coach_sees_every_figure_of_the_group_list_on_a_phone(
    browser: Any, live_server: Any, personas: Personas, phone_check: Any
) -> None:
    group, _session = _group(personas, members=2)
    services.update_group(group, by=personas.coordinator, capacity=2)
    services.join(group, ParticipantFactory(organisation=personas.organisation), by=None)
    context, page = _phone(browser, live_server)
    page.goto("/login/")
    log_in(page, "coach")
    page.goto("/groups/")
    card = page.locator(".group-card", has_text=group.name)
    expect(card).to_contain_text(tr("fi", "Waiting"))
    expect(card).to_contain_text(tr("fi", "Of my caseload"))
    expect(card).to_contain_text("2 / 2")
    _assert_cards_fit(page)
    phone_check(page, "30-coach-groups")
    context.close()

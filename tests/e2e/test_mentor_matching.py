"""Mentor matching in a browser, on a phone (360×740) in Finnish: the coordinator opens a
participant's request, sees the mentors ranked with their reasons (the participant's own
language first), confirms one and lands on the mentoring's page; then matches the other open
requests at once from the bulk proposal: an overbooked mentor is refused in Finnish with
nothing saved and the choices kept, and after changing a row the proposal is confirmed in one
go. Then the wish of another participant is written down from the list's picker. One page in
Swedish.

axe-core (WCAG 2.1 A/AA) runs on every page at desktop and at 360×740, no page scrolls sideways
on the phone; screenshots go to `artifacts/mentor-matching/`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlparse

import pytest

from kohtaanto.core.enums import Role
from kohtaanto.journeys.models import SpokenLanguage
from kohtaanto.mentoring.enums import MentoringStatus, VolunteerRole
from kohtaanto.mentoring.models import Mentoring, MentorRequest
from kohtaanto.mentoring.tests.conftest import consent_to_matching
from kohtaanto.mentoring.tests.test_matching import (
    KOTKA,
    KOUVOLA,
    PYTHON,
    new_participant,
    volunteer,
    wants_mentor,
)
from tests.e2e.conftest import PHONE, expect, new_context, page_checker
from tests.e2e.test_pages import log_in
from tests.factories import Personas, member

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def visit(check_axe: Any) -> Any:
    return page_checker(check_axe, "mentor-matching")


@pytest.fixture
def phone(browser: Any, live_server: Any) -> Iterator[Any]:
    context = new_context(browser, viewport=PHONE, base_url=live_server.url, locale="fi-FI")
    page = context.new_page()
    page.goto("/login/")
    yield page
    context.close()


def test_a_coordinator_confirms_a_mentor_match_and_a_bulk_proposal(
    phone: Any, personas: Personas, visit: Any
) -> None:
    org = personas.organisation
    leila = volunteer(
        personas,
        member(org, Role.MENTOR, first_name="Leila", last_name="Haddad"),
        languages=[("ar", "native"), ("fi", "C1")],
        towns=[KOUVOLA],
        skills=(PYTHON,),
        capacity=2,
    )
    pekka = volunteer(
        personas,
        personas.mentor,
        languages=[("fi", "native")],
        towns=[KOTKA],
        remote=True,
        capacity=1,
        roles=(VolunteerRole.LEARNING_MENTOR,),
    )
    amina = personas.participant
    request = wants_mentor(
        personas, amina, languages={"ar": "native", "fi": "A2"}, town=KOUVOLA, learn=(PYTHON,)
    )
    others = [
        wants_mentor(personas, new_participant(personas), languages={"fi": "native"}, remote=True)
        for _n in range(2)
    ]

    page = phone
    log_in(page, "coordinator")
    page.goto("/mentoring/match/")
    expect(page.locator("h1")).to_have_text("Etsi mentori")
    visit(page, "requests")

    # One request: the ranked list with its reasons.
    page.get_by_role("link", name=f"Mentoriehdotukset: {amina.full_name}").click()
    page.wait_for_url(f"**/mentoring/match/requests/{request.pk}/")
    first = page.locator(".mentor-card").first
    expect(first.locator("h3")).to_have_text("Leila Haddad")
    expect(first).to_contain_text(
        "Puhuu sujuvasti osallistujan äidinkieltä: arabia (mentorin taso: äidinkieli)"
    )
    expect(first).to_contain_text("Tapaa ihmisiä samalla paikkakunnalla: Kouvola")
    expect(first).to_contain_text("Voi auttaa oppimaan: Python")
    expect(page.locator("h1")).to_have_text(f"Mentoriehdotukset: {amina.full_name}")
    expect(page.locator("#tie-break")).to_contain_text("Tasapisteissä ensin mentori")
    expect(page.locator("#language-points")).to_contain_text("Vain paras kieli lasketaan.")
    visit(page, "ranked-list")
    with page.expect_navigation():
        first.get_by_role("button").click()
    mentoring = Mentoring.objects.get(participant=amina)
    assert mentoring.status == MentoringStatus.CONFIRMED and mentoring.mentor == leila
    assert urlparse(page.url).path == f"/mentorings/{mentoring.pk}/"
    expect(page.locator(".messages")).to_contain_text("Mentori vahvistettiin")

    # Bulk: Leila has one place left, Pekka one; the optimal proposal uses both.
    page.goto("/mentoring/match/")
    page.get_by_role("link", name="Etsi mentorit kaikkiin avoimiin pyyntöihin kerralla").click()
    page.wait_for_url("**/mentoring/match/bulk/")
    selects = [page.locator(f"#mentor-{r.pk}") for r in others]
    chosen = sorted(s.input_value() for s in selects)
    assert chosen == sorted([str(leila.pk), str(pekka.pk)])
    expect(page.locator("main table")).to_contain_text("Molemmille sopii tavata etänä")
    # The options fit a phone: "Leila H. · 6,5 p", and the select stays inside the screen.
    page.set_viewport_size(PHONE)
    labels = selects[0].locator("option").all_inner_texts()
    assert "Leila H." in " ".join(labels) and all(len(label) <= 24 for label in labels)
    for select in selects:
        box = select.bounding_box()
        assert box is not None and box["x"] + box["width"] <= PHONE["width"]
    visit(page, "bulk")

    # Both to Leila: refused in Finnish, nothing saved, the choices kept.
    for select in selects:
        select.select_option(str(leila.pk))
    with page.expect_navigation():
        page.get_by_role("button", name="Vahvista nämä").click()
    expect(page.locator("#error-summary")).to_contain_text("Mitään ei tallennettu")
    expect(page.locator("#error-summary")).to_contain_text("vapaita paikkoja 1")
    assert Mentoring.objects.count() == 1
    assert [s.input_value() for s in selects] == [str(leila.pk)] * 2
    expect(selects[0]).to_have_attribute("aria-invalid", "true")
    visit(page, "bulk-overbooked")

    # Change one row to Pekka and confirm both in one go.
    selects[1].select_option(str(pekka.pk))
    with page.expect_navigation():
        page.get_by_role("button", name="Vahvista nämä").click()
    assert urlparse(page.url).path == "/mentoring/match/"
    expect(page.locator(".messages")).to_contain_text("2 mentorointia vahvistettiin")
    made = dict(Mentoring.objects.filter(request__in=others).values_list("request_id", "mentor_id"))
    assert made == {others[0].pk: leila.pk, others[1].pk: pekka.pk}
    assert all(m.status == MentoringStatus.CONFIRMED for m in Mentoring.objects.all())
    expect(page.locator("main")).to_contain_text("Ei avoimia mentoripyyntöjä.")
    visit(page, "requests-done")

    # A participant who wants a mentor: the wish written down from the list page's picker.
    helmi = new_participant(personas)
    consent_to_matching(helmi, personas.coordinator)
    SpokenLanguage.objects.create(participant=helmi, language="sv", level="native")
    page.goto("/mentoring/match/")
    picker = page.locator("#participant-choice")
    expect(picker).to_have_value("")  # nobody chosen beforehand
    expect(picker.locator("option")).to_have_count(2)  # "Valitse" and Helmi: the others have one
    picker.evaluate("element => element.removeAttribute('required')")  # the server checks too
    with page.expect_navigation():
        page.get_by_role("button", name="Kirjaa toive").click()
    expect(page.locator("#participant-choice-error")).to_have_text("Valitse osallistuja.")
    expect(page.locator("#participant-choice")).to_have_attribute("aria-invalid", "true")
    visit(page, "requests-choose-error")
    page.locator("#participant-choice").select_option(str(helmi.pk))
    with page.expect_navigation():
        page.get_by_role("button", name="Kirjaa toive").click()
    expect(page.locator("h1")).to_have_text(f"Mentori henkilölle {helmi.full_name}")
    page.locator("#id_town").fill("Kouvola")
    page.locator("#id_language_1").select_option("sv")
    page.get_by_label("Etätapaamiset sopivat").check()
    visit(page, "new-request")
    with page.expect_navigation():
        page.get_by_role("button", name="Tallenna ja näytä mentorit").click()
    swedish = MentorRequest.objects.get(participant=helmi)
    assert (swedish.region, swedish.languages, swedish.wants_remote) == (KOUVOLA, ["sv"], True)
    assert urlparse(page.url).path == f"/mentoring/match/requests/{swedish.pk}/"

    # One page in Swedish: that request's ranked list (every mentor is full by now).
    page.goto(f"/mentoring/match/requests/{swedish.pk}/?lang=sv")
    expect(page.locator("h1")).to_have_text(f"Mentorsförslag: {helmi.full_name}")
    expect(page.locator("main")).to_contain_text("Ingen mentor med ledig plats")
    expect(page.locator("main")).to_contain_text("svenska (Modersmål)")
    visit(page, "ranked-list-sv")
    page.goto("/?lang=fi")

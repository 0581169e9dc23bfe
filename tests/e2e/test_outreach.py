"""Company visits in a browser, on a phone (360×740) in Finnish: the leader of a company-visit
group records a visit and the company's future-skill interview, the needs are recognised into
ESCO skills and occupations, and the leader confirms them with ticks in one POST; the visit
shows the confirmed needs, the coordinator sees them on the company's record and the regional
intervention with its reach, the employer contact sees their company's needs on the home page
and nobody who visited, a member sees the visitors by first name only. The visit and the
group's visits also in Swedish (needs with their Swedish labels, dates as d.m.yyyy).

axe-core (WCAG 2.1 A/AA) runs on every page at desktop and at 360×740, no page scrolls sideways
on the phone; screenshots go to `artifacts/outreach/`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlparse

import pytest
from django.utils import timezone

from kohtaanto.groups.enums import AttendanceMark, GroupKind, MemberStatus
from kohtaanto.groups.models import Attendance, Group, GroupMember, GroupSession
from kohtaanto.opportunities.services import save_employer_profile
from kohtaanto.outreach.enums import SignalStatus
from kohtaanto.outreach.models import CompanyVisit, DemandSignal, Intervention
from tests.e2e.conftest import PHONE, expect, new_context, page_checker
from tests.e2e.test_pages import log_in
from tests.factories import ParticipantFactory, Personas

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

INTERVIEW = (
    "Tuotantopäällikkö kertoi, että lähivuosina tarvitaan lisää hitsaajia. Hitsaus ja "
    "laadunvalvonta ovat tärkeimmät taidot, kun tuotanto automatisoituu."
)
ESCO = "http://data.europa.eu/esco/"


@pytest.fixture
def visit(check_axe: Any) -> Any:
    return page_checker(check_axe, "outreach")


@pytest.fixture
def phone(browser: Any, live_server: Any) -> Iterator[Any]:
    """`phone()` → a fresh phone-sized page in Finnish (one context per user)."""
    contexts: list[Any] = []

    def make() -> Any:
        context = new_context(browser, viewport=PHONE, base_url=live_server.url, locale="fi-FI")
        contexts.append(context)
        page = context.new_page()
        page.goto("/login/")
        return page

    yield make
    for context in contexts:
        context.close()


def _setup(personas: Personas) -> tuple[Group, Any]:
    save_employer_profile(
        personas.employer_organisation, service_organisation=personas.organisation
    )
    group = Group.objects.create(
        organisation=personas.organisation,
        name="Digiolkkari: yritysvierailut",
        kind=GroupKind.COMPANY_VISITS,
    )
    group.leaders.add(personas.mentor)
    other = ParticipantFactory(organisation=personas.organisation)
    for participant in (personas.participant, other):
        GroupMember.objects.create(group=group, participant=participant, status=MemberStatus.MEMBER)
    # A session held last week, and one next week where attendance was (wrongly) taken ahead:
    # only the held one counts in the intervention's reach.
    now = timezone.now()
    for starts in (now - dt.timedelta(days=7), now + dt.timedelta(days=7)):
        session = GroupSession.objects.create(
            group=group, starts=starts, ends=starts + dt.timedelta(hours=2)
        )
        for participant in (personas.participant, other):
            Attendance.objects.create(
                session=session, participant=participant, mark=AttendanceMark.PRESENT
            )
    return group, other


def test_a_group_records_a_company_interview_whose_needs_are_recognised_and_confirmed(
    phone: Any, personas: Personas, visit: Any
) -> None:
    group, other = _setup(personas)

    # The leader (the mentor persona) opens the group's visits from the outreach page.
    page = phone()
    log_in(page, "mentor")
    page.goto("/outreach/")
    expect(page.locator("h1")).to_have_text("Yritysvierailut")
    visit(page, "index")
    page.get_by_role("link", name="Digiolkkari: yritysvierailut").click()
    page.wait_for_url(f"**/outreach/groups/{group.pk}/visits/")
    expect(page.locator("h1")).to_have_text("Vierailut – Digiolkkari: yritysvierailut")
    visit(page, "group-visits-empty")

    # A new visit: the company, the date and who went (members only).
    page.locator("main a.hds-button").click()
    page.wait_for_url("**/visits/new/")
    page.locator("#id_employer").select_option(str(personas.employer_organisation.pk))
    page.locator("#id_visited_on").fill((dt.date.today() + dt.timedelta(days=400)).isoformat())
    page.get_by_label(
        f"{personas.participant.first_name} {personas.participant.last_name[0]}."
    ).check()
    page.locator("#id_host_name").fill("Jari Lehtinen")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    # A date more than a year ahead: a Finnish message, the input kept, nothing saved.
    expect(page.locator("#error-summary")).to_contain_text("yli vuoden päässä")
    expect(page.locator("#id_host_name")).to_have_value("Jari Lehtinen")
    assert not CompanyVisit.objects.exists()
    visit(page, "visit-form-error")
    visited_on = dt.date.today() - dt.timedelta(days=2)
    page.locator("#id_visited_on").fill(visited_on.isoformat())
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    company_visit = CompanyVisit.objects.get()
    assert urlparse(page.url).path == f"/outreach/visits/{company_visit.pk}/interview/"
    assert list(company_visit.visitors.all()) == [personas.participant]

    # The interview: a live counter under the text, an empty text refused in Finnish.
    expect(page.locator("#id_text_counter")).to_contain_text("5")
    visit(page, "interview-form")
    with page.expect_navigation():
        page.locator("#interview-form button[type=submit]").click()
    expect(page.locator("#error-summary")).to_contain_text("Teksti ei voi olla tyhjä")
    visit(page, "interview-form-error")
    page.locator("#id_text").fill(INTERVIEW)
    expect(page.locator("#id_text_counter")).to_contain_text(str(len(INTERVIEW)))
    page.locator("#id_time_horizon_1").check()  # 1–2 years
    page.locator("#id_certainty_0").check()  # sure
    with page.expect_navigation():
        page.locator("#interview-form button[type=submit]").click()
    assert urlparse(page.url).path.endswith("/review/")

    # The review: the needs recognised into ESCO, none ticked in advance.
    signals = {s.label: s for s in DemandSignal.objects.all()}
    assert {"hitsaus", "hitsaaja", "laadunvalvonta"} <= set(signals)
    assert all(s.uri.startswith(ESCO) for s in signals.values())
    assert signals["hitsaaja"].kind == "occupation" and signals["hitsaus"].kind == "skill"
    expect(page.locator("#review-form")).to_contain_text("hitsaus")
    expect(page.locator("#review-form")).to_contain_text("ammatti")
    expect(page.locator("#review-form input[type=checkbox]:checked")).to_have_count(0)
    visit(page, "review")
    # A need the recognition missed, from the skill search (works without JavaScript).
    page.locator("#id_q").fill("trukin")
    with page.expect_navigation():
        page.locator("form[role=search] button[type=submit]").click()
    expect(page.locator("#need-hits")).to_contain_text("trukin")
    visit(page, "review-search")
    with page.expect_navigation():
        page.locator("#need-hits button").first.click()
    expect(page.locator(".messages, [role=status]").first).to_contain_text("Lisätty ja vahvistettu")
    expect(page.locator("#review-form input[type=checkbox]:checked")).to_have_count(1)
    page.locator(f"#need-{signals['hitsaus'].pk}").check()
    page.locator(f"#need-{signals['hitsaaja'].pk}").check()
    page.locator(f"#need-{signals['laadunvalvonta'].pk}").check()
    with page.expect_navigation():
        page.locator("#review-form button[type=submit]").click()
    assert urlparse(page.url).path == f"/outreach/visits/{company_visit.pk}/"
    statuses = dict(DemandSignal.objects.values_list("label", "status"))
    assert statuses["hitsaus"] == statuses["hitsaaja"] == SignalStatus.CONFIRMED
    assert any("trukin" in label and status == "confirmed" for label, status in statuses.items())
    assert SignalStatus.SUGGESTED not in statuses.values()
    expect(page.locator("main")).to_contain_text("Vahvistetut tarpeet")
    expect(page.locator("main .need-list")).to_contain_text("hitsaus")
    # Dates the Finnish way (d.m.yyyy), the visit's and the interview's.
    day = f"{visited_on.day}.{visited_on.month}.{visited_on.year}"
    today = dt.date.today()
    expect(page.locator("main dl.facts")).to_contain_text(day)
    expect(page.locator("main article h3")).to_have_text(
        f"Haastattelu kirjoitettu {today.day}.{today.month}.{today.year}"
    )
    visit(page, "visit-detail")

    # One page in Swedish: the visit, its needs with their Swedish labels, the same dates.
    page.goto(f"/outreach/visits/{company_visit.pk}/?lang=sv")
    expect(page.locator("h1")).to_contain_text("Besök hos")
    expect(page.locator("main")).to_contain_text("Bekräftade behov")
    needs = page.locator("main .need-list")
    expect(needs).to_contain_text("svetsa")
    expect(needs).not_to_contain_text("hitsaus")
    expect(page.locator("main dl.facts")).to_contain_text(day)
    visit(page, "visit-detail-sv")
    page.goto(f"/outreach/groups/{group.pk}/visits/")
    expect(page.locator("h1")).to_have_text("Besök – Digiolkkari: yritysvierailut")
    expect(page.locator("main .visit-list")).to_contain_text(day)
    visit(page, "group-visits-sv")
    page.goto("/?lang=fi")

    # The coordinator: the company's record by horizon, and a regional intervention.
    page = phone()
    log_in(page, "coordinator")
    page.goto(f"/outreach/employers/{personas.employer_organisation.pk}/")
    expect(page.locator("main")).to_contain_text("1–2 vuoden kuluttua")
    expect(page.locator("main .need-list")).to_contain_text("hitsaaja")
    visit(page, "employer-record")
    page.goto("/outreach/interventions/")
    visit(page, "interventions-empty")
    page.locator("main a.hds-button").click()
    page.wait_for_url("**/interventions/new/")
    page.locator("#id_name").fill("Kuusankosken paperitehtaan sulkeminen")
    page.locator("#id_municipality_code").select_option("286")
    page.locator("#id_event_kind").select_option("closure")
    page.locator("#id_company_name").fill("Kymijoen Paperi Oy")
    page.locator("#id_event_date").fill("2026-09-30")
    page.locator("#id_people_affected").fill("420")
    page.locator("#id_partners").fill("Kouvolan kaupunki\nKymenlaakson Uusi Alku ry")
    page.get_by_label("Digiolkkari: yritysvierailut").check()
    visit(page, "intervention-form")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    intervention = Intervention.objects.get()
    assert urlparse(page.url).path == f"/outreach/interventions/{intervention.pk}/"
    expect(page.locator("main")).to_contain_text("Kouvola")
    expect(page.locator("main")).to_contain_text("Kymenlaakson Uusi Alku ry")
    expect(page.locator("main table")).to_contain_text("9/2026")
    expect(page.locator(".reach-figures li", has_text="pidetty")).to_have_text(
        "1 tapaaminen pidetty"
    )
    expect(page.locator(".reach-figures li", has_text="tavoitettu")).to_have_text(
        "2 ihmistä tavoitettu"
    )
    expect(page.locator(".reach-figures li", has_text="läsnäolo")).to_have_text("100 % läsnäolo")
    visit(page, "intervention-detail")
    page.goto("/outreach/interventions/")
    expect(page.locator("main")).to_contain_text("Kuusankosken paperitehtaan sulkeminen")
    visit(page, "interventions")

    # The company's contact: their needs on the home page, nobody who visited.
    page = phone()
    log_in(page, "employer")
    needs = page.locator("#employer-future-needs")
    expect(needs).to_contain_text("Mitä kerroitte tulevista osaamistarpeista")
    expect(needs).to_contain_text("hitsaus")
    for name in (personas.participant.first_name, personas.participant.last_name, other.first_name):
        expect(page.locator("main")).not_to_contain_text(name)
    expect(page.locator("main")).not_to_contain_text(personas.mentor.last_name)
    visit(page, "employer-home")

    # A member: the group's visits, the other visitors by first name only.
    page = phone()
    log_in(page, "participant")
    page.goto(f"/outreach/groups/{group.pk}/visits/")
    visit(page, "group-visits-member")
    page.goto(f"/outreach/visits/{company_visit.pk}/")
    expect(page.locator("main")).to_contain_text(personas.participant.first_name)
    expect(page.locator("main")).not_to_contain_text(personas.participant.last_name)
    expect(page.locator("main")).not_to_contain_text("Kirjoita haastattelu")
    visit(page, "visit-detail-member")

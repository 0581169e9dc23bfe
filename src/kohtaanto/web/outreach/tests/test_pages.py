"""Outreach pages: the review (one POST, ticked = confirmed, unticked = rejected), a too long
interview kept with a Finnish error, what a member and an employer contact see (and do not
see), the employer record by horizon, and an intervention created and shown with its reach."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client
from tests.factories import Personas

from kohtaanto.core.models import AuditEvent
from kohtaanto.groups.models import Group
from kohtaanto.opportunities.services import save_employer_profile
from kohtaanto.outreach import services
from kohtaanto.outreach.enums import Certainty, SignalStatus, TimeHorizon
from kohtaanto.outreach.models import CompanyVisit, DemandSignal, Intervention, VisitInterview
from kohtaanto.people.models import Participant

pytestmark = pytest.mark.django_db

CLOSURE = {
    "name": "Paperitehtaan sulkeminen",
    "municipality_code": "286",
    "event_kind": "closure",
    "company_name": "Kymijoen Paperi Oy",
    "event_date": "2026-09-30",
    "people_affected": "420",
}
"""An intervention's form: a paper mill in Kouvola closes."""
TEXT = "Tarvitsemme lisää hitsaajia. Hitsaus ja laadunvalvonta ovat tärkeimmät taidot."


def _interview(visit: CompanyVisit, by: object) -> VisitInterview:
    return services.record_interview(
        visit, text=TEXT, time_horizon=TimeHorizon.NOW, certainty=Certainty.SURE, by=by
    )


def test_the_leader_writes_an_interview_and_confirms_its_needs_in_one_post(
    personas: Personas, visit: CompanyVisit, client_for: Callable[[object], Client]
) -> None:
    client = client_for(personas.mentor)
    response = client.post(
        f"/outreach/visits/{visit.pk}/interview/",
        {"text": TEXT, "language": "fi", "time_horizon": "now", "certainty": "sure"},
    )
    interview = VisitInterview.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/outreach/interviews/{interview.pk}/review/"
    page = client.get(response["Location"]).content.decode()
    assert "hitsaus" in page and "laadunvalvonta" in page
    assert " checked" not in page  # nothing is preselected
    welding = interview.signals.get(label="hitsaus")
    welder = interview.signals.get(label="hitsaaja")
    shown = list(interview.signals.values_list("pk", flat=True))
    response = client.post(
        f"/outreach/interviews/{interview.pk}/review/",
        {"shown": shown, "confirm": [welding.pk, welder.pk]},
    )
    assert response.status_code == 302
    statuses = dict(interview.signals.values_list("label", "status"))
    assert statuses["hitsaus"] == statuses["hitsaaja"] == SignalStatus.CONFIRMED
    assert statuses["laadunvalvonta"] == SignalStatus.REJECTED
    assert set(statuses.values()) <= {SignalStatus.CONFIRMED, SignalStatus.REJECTED}
    # The review page shows the decisions, and a confirmed need stays ticked.
    page = client.get(f"/outreach/interviews/{interview.pk}/review/").content.decode()
    assert f'value="{welding.pk}" id="need-{welding.pk}" checked' in page


@pytest.mark.parametrize("wrong", ["1" + "0" * 29, "²", "abc"])
def test_a_need_number_that_is_no_need_is_left_out_not_a_server_error(
    personas: Personas, visit: CompanyVisit, client_for: Callable[[object], Client], wrong: str
) -> None:
    """A number no database id can be (SQLite refuses it in `pk__in`), "²" (a digit to
    `str.isdigit`, not to `int`) or a word among the review's needs: not a need of the page."""
    interview = _interview(visit, personas.mentor)
    welding = interview.signals.get(label="hitsaus")
    shown = [str(pk) for pk in interview.signals.values_list("pk", flat=True)]
    response = client_for(personas.mentor).post(
        f"/outreach/interviews/{interview.pk}/review/",
        {"shown": [*shown, wrong], "confirm": [welding.pk, wrong]},
    )
    assert response.status_code == 302
    statuses = dict(interview.signals.values_list("label", "status"))
    assert statuses.pop("hitsaus") == SignalStatus.CONFIRMED
    assert set(statuses.values()) == {SignalStatus.REJECTED}


@pytest.mark.parametrize("wrong", ["1" + "0" * 29, "²", "abc"])
def test_a_chosen_number_that_is_no_choice_is_a_form_error_not_a_server_error(
    personas: Personas,
    visit_group: Group,
    client_for: Callable[[object], Client],
    wrong: str,
) -> None:
    """The visit's visitors and the intervention's groups and mentors: Django's own check of
    such a choice asks the database with `pk__in`, which SQLite refuses for a number no id can
    be (an OverflowError); the page answers with Django's translated error, as for a word."""
    save_employer_profile(
        personas.employer_organisation, service_organisation=personas.organisation
    )
    url = f"/outreach/groups/{visit_group.pk}/visits/new/?lang=fi"
    response = client_for(personas.coach).post(
        url,
        {
            "employer": personas.employer_organisation.pk,
            "visited_on": "2026-11-20",
            "visitors": [personas.participant.pk, wrong],
        },
    )
    assert response.status_code == 200
    assert "ei ole kelvollinen arvo" in response.content.decode()
    assert not CompanyVisit.objects.exists()
    coordinator = client_for(personas.coordinator)
    for field in ("groups", "mentors"):
        response = coordinator.post(
            "/outreach/interventions/new/?lang=fi", {**CLOSURE, field: [wrong]}
        )
        assert response.status_code == 200, field
        assert "ei ole kelvollinen arvo" in response.content.decode(), field
    assert not Intervention.objects.exists()


def test_a_too_long_interview_keeps_the_text_with_a_finnish_error(
    personas: Personas, visit: CompanyVisit, client_for: Callable[[object], Client]
) -> None:
    text = "Hitsaus on tärkeää. " * 260  # 5,200 characters
    response = client_for(personas.mentor).post(
        f"/outreach/visits/{visit.pk}/interview/?lang=fi",
        {"text": text, "language": "fi", "time_horizon": "now", "certainty": "sure"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "liian pitkä" in page
    assert text.strip() in page
    assert not VisitInterview.objects.exists() and not DemandSignal.objects.exists()


def test_a_visitor_outside_the_group_is_refused_and_nothing_saved(
    personas: Personas, visit_group: Group, client_for: Callable[[object], Client]
) -> None:
    save_employer_profile(
        personas.employer_organisation, service_organisation=personas.organisation
    )
    url = f"/outreach/groups/{visit_group.pk}/visits/new/?lang=fi"
    client = client_for(personas.coach)
    form = client.get(url).content.decode()
    assert personas.employer_organisation.name in form
    assert personas.unassigned_participant.first_name not in form  # not a member: no box
    response = client.post(
        url,
        {
            "employer": personas.employer_organisation.pk,
            "visited_on": (dt.date.today() + dt.timedelta(days=500)).isoformat(),
            "visitors": [personas.participant.pk],
            "host_name": "Jari Lehtinen",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "yli vuoden päässä" in page  # the service's message, in Finnish
    assert 'value="Jari Lehtinen"' in page  # the input is kept
    response = client.post(
        url,
        {
            "employer": personas.employer_organisation.pk,
            "visited_on": "2026-11-20",
            "visitors": [personas.unassigned_participant.pk],
        },
    )
    assert response.status_code == 200
    assert not CompanyVisit.objects.exists()


def test_the_visit_form_audits_the_members_it_shows_to_the_leader(
    personas: Personas,
    visit_group: Group,
    second_member: Participant,
    client_for: Callable[[object], Client],
) -> None:
    views = AuditEvent.objects.filter(action="view", actor=personas.mentor)
    before = views.count()
    page = client_for(personas.mentor).get(f"/outreach/groups/{visit_group.pk}/visits/new/")
    assert page.status_code == 200
    assert f"{second_member.first_name} {second_member.last_name[0]}." in page.content.decode()
    assert views.count() == before + 2
    assert set(views.values_list("participant_id", flat=True)) == {
        personas.participant.pk,
        second_member.pk,
    }


def test_a_member_sees_first_names_only_and_staff_reads_are_audited(
    personas: Personas,
    visit: CompanyVisit,
    second_member: Participant,
    client_for: Callable[[object], Client],
) -> None:
    page = client_for(personas.participant_user).get(f"/outreach/visits/{visit.pk}/")
    content = page.content.decode()
    assert second_member.first_name in content
    assert second_member.last_name not in content
    assert personas.participant.last_name not in content
    assert "Kirjoita haastattelu" not in content and "Write down the interview" not in content
    before = AuditEvent.objects.filter(action="view").count()
    content = client_for(personas.coach).get(f"/outreach/visits/{visit.pk}/").content.decode()
    assert f"{second_member.first_name} {second_member.last_name[0]}." in content
    assert second_member.last_name not in content
    viewed = set(
        AuditEvent.objects.filter(action="view")[:10].values_list("participant_id", flat=True)
    )
    assert AuditEvent.objects.filter(action="view").count() == before + 2
    assert {personas.participant.pk, second_member.pk} <= viewed


def test_the_employer_contact_sees_confirmed_needs_and_nobody_who_visited(
    personas: Personas,
    visit: CompanyVisit,
    second_member: Participant,
    client_for: Callable[[object], Client],
) -> None:
    interview = _interview(visit, personas.mentor)
    welding = interview.signals.get(label="hitsaus")
    quality = interview.signals.get(label="laadunvalvonta")
    services.decide_signals(
        interview, {welding.pk: "confirmed", quality.pk: "rejected"}, by=personas.mentor
    )
    home = client_for(personas.employer_contact).get("/?lang=fi").content.decode()
    assert "Mitä kerroitte tulevista osaamistarpeista" in home
    section = home.split('id="employer-future-needs"')[1].split("</div>")[0]
    assert "hitsaus" in section and "Nyt" in section
    assert "laadunvalvonta" not in section
    assert "hitsaaja" not in section  # still only suggested
    for person in (personas.participant, second_member):
        assert person.first_name not in home and person.last_name not in home
    assert personas.mentor.first_name not in home
    # The visit pages stay closed to the company.
    client = client_for(personas.employer_contact)
    assert client.get(f"/outreach/visits/{visit.pk}/").status_code == 404
    assert client.get(f"/outreach/employers/{visit.employer_id}/").status_code == 404


def test_the_employer_record_groups_confirmed_needs_by_horizon(
    personas: Personas, visit: CompanyVisit, client_for: Callable[[object], Client]
) -> None:
    interview = _interview(visit, personas.mentor)
    services.decide_signals(
        interview, {s.pk: "confirmed" for s in interview.signals.all()}, by=personas.coach
    )
    content = (
        client_for(personas.coach)
        .get(f"/outreach/employers/{visit.employer_id}/?lang=fi")
        .content.decode()
    )
    assert "<h3>Nyt</h3>" in content
    assert content.index("<h3>Nyt</h3>") < content.index("hitsaus")
    assert f"/outreach/visits/{visit.pk}/" in content


def test_a_coordinator_creates_an_intervention_and_sees_its_reach(
    personas: Personas, visit_group: Group, client_for: Callable[[object], Client]
) -> None:
    client = client_for(personas.coordinator)
    response = client.post(
        "/outreach/interventions/new/",
        {
            **CLOSURE,
            "partners": "Kouvolan kaupunki\r\nKymenlaakson Uusi Alku ry\r\n",
            "groups": [visit_group.pk],
            "mentors": [personas.mentor.pk],
        },
    )
    intervention = Intervention.objects.get()
    assert response.status_code == 302
    assert intervention.partners == ["Kouvolan kaupunki", "Kymenlaakson Uusi Alku ry"]
    assert intervention.people_affected == 420
    content = client.get(f"/outreach/interventions/{intervention.pk}/?lang=fi").content.decode()
    assert "Kouvola" in content and "Kymijoen Paperi Oy" in content
    assert "Yritysvierailut" in content and "Tavoitetut kuukausittain" in content
    assert "9/2026" in content
    # A coach sees it but cannot edit it.
    coach = client_for(personas.coach)
    assert coach.get(f"/outreach/interventions/{intervention.pk}/").status_code == 200
    assert coach.get(f"/outreach/interventions/{intervention.pk}/edit/").status_code == 404


def test_the_admin_lists_signals_of_coordinated_organisations_only(
    personas: Personas, visit: CompanyVisit, client_for: Callable[[object], Client]
) -> None:
    _interview(visit, personas.mentor)
    client = client_for(personas.coordinator)
    page = client.get("/admin/outreach/demandsignal/")
    assert page.status_code == 200 and "hitsaus" in page.content.decode()
    visit_page = client.get(f"/admin/outreach/companyvisit/{visit.pk}/change/").content.decode()
    assert personas.participant.last_name not in visit_page
    assert client_for(personas.coach).get("/admin/outreach/demandsignal/").status_code in (
        302,
        403,
    )


def test_the_review_page_adds_a_missed_need_from_the_search(
    personas: Personas, visit: CompanyVisit, client_for: Callable[[object], Client]
) -> None:
    interview = _interview(visit, personas.mentor)
    client = client_for(personas.mentor)
    url = f"/outreach/interviews/{interview.pk}/review/"
    page = client.get(url + "?q=trukin&lang=fi").content.decode()
    assert 'id="need-hits"' in page and "Lisää tarpeeksi" in page
    uri = page.split('name="add_uri" value="')[1].split('"')[0]
    response = client.post(url, {"add_uri": uri})
    assert response.status_code == 302 and response["Location"] == url
    assert interview.signals.get(uri=uri).status == SignalStatus.CONFIRMED


def test_needs_are_shown_in_the_readers_language(
    personas: Personas, visit: CompanyVisit, client_for: Callable[[object], Client]
) -> None:
    interview = _interview(visit, personas.mentor)
    welding = interview.signals.get(label="hitsaus")
    services.decide_signals(interview, {welding.pk: "confirmed"}, by=personas.mentor)
    home = client_for(personas.employer_contact).get("/?lang=sv").content.decode()
    section = home.split('id="employer-future-needs"')[1].split("</div>")[0]
    assert "svetsa" in section and "hitsaus" not in section
    record = client_for(personas.coach).get(f"/outreach/employers/{visit.employer_id}/?lang=en")
    assert "weld" in record.content.decode()


def test_the_visit_and_review_pages_show_needs_in_the_readers_language(
    personas: Personas, visit: CompanyVisit, client_for: Callable[[object], Client]
) -> None:
    interview = _interview(visit, personas.mentor)
    welding = interview.signals.get(label="hitsaus")
    services.decide_signals(interview, {welding.pk: "confirmed"}, by=personas.mentor)
    client = client_for(personas.mentor)
    page = client.get(f"/outreach/visits/{visit.pk}/?lang=sv").content.decode()
    confirmed = page.split('class="need-list"')[1].split("</ul>")[0]
    assert "svetsa" in confirmed and "hitsaus" not in confirmed
    page = client.get(f"/outreach/visits/{visit.pk}/?lang=en").content.decode()
    assert "weld" in page.split('class="need-list"')[1].split("</ul>")[0]
    review = client.get(f"/outreach/interviews/{interview.pk}/review/?lang=sv").content.decode()
    label = review.split(f'<label for="need-{welding.pk}">')[1].split("<")[0]
    assert "svetsa" in label and "hitsaus" not in label
    # The interview's own words stay as written.
    assert "Hitsaus ja laadunvalvonta" in review
    finnish = client.get(f"/outreach/visits/{visit.pk}/?lang=fi").content.decode()
    assert "hitsaus" in finnish.split('class="need-list"')[1].split("</ul>")[0]


def test_the_group_visits_title_names_the_group_once(
    personas: Personas, visit: CompanyVisit, client_for: Callable[[object], Client]
) -> None:
    client = client_for(personas.mentor)
    for language, title in (
        ("fi", "Vierailut – Yritysvierailut"),
        ("sv", "Besök – Yritysvierailut"),
        ("en", "Visits – Yritysvierailut"),
    ):
        page = client.get(f"/outreach/groups/{visit.group_id}/visits/?lang={language}")
        heading = page.content.decode().split("<h1>")[1].split("</h1>")[0]
        assert heading == title


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_outreach_dates_are_written_day_month_year(
    language: str,
    personas: Personas,
    visit: CompanyVisit,
    client_for: Callable[[object], Client],
) -> None:
    interview = services.record_interview(
        visit,
        text=TEXT,
        time_horizon=TimeHorizon.NOW,
        certainty=Certainty.SURE,
        by=personas.mentor,
        recorded_at=dt.datetime(2026, 11, 20, 22, 30, tzinfo=dt.UTC),  # 21.11. in Helsinki
    )
    services.decide_signals(
        interview, {s.pk: "confirmed" for s in interview.signals.all()}, by=personas.mentor
    )
    intervention = services.create_intervention(
        organisation=personas.organisation,
        name="Sulkeminen",
        municipality_code="286",
        event_kind="closure",
        company_name="Kymijoen Paperi Oy",
        event_date=dt.date(2026, 9, 30),
    )
    coordinator = client_for(personas.coordinator)
    pages = {
        "group": coordinator.get(f"/outreach/groups/{visit.group_id}/visits/?lang={language}"),
        "visit": coordinator.get(f"/outreach/visits/{visit.pk}/?lang={language}"),
        "record": coordinator.get(f"/outreach/employers/{visit.employer_id}/?lang={language}"),
        "list": coordinator.get(f"/outreach/interventions/?lang={language}"),
        "detail": coordinator.get(f"/outreach/interventions/{intervention.pk}/?lang={language}"),
    }
    text = {name: page.content.decode() for name, page in pages.items()}
    for name in ("group", "visit", "record"):
        assert "20.11.2026" in text[name], name
    assert "21.11.2026" in text["visit"]  # the interview, in Helsinki time
    for name in ("list", "detail"):
        assert "30.9.2026" in text[name], name
    for name, content in text.items():
        main = content.split("<main")[1].split("</main>")[0]
        assert "2026-" not in main and "Nov." not in main and "nov." not in main, name


def test_an_interview_cannot_be_written_before_its_visit_or_ahead(
    personas: Personas, visit: CompanyVisit, frozen_clock: object
) -> None:
    from django.utils import timezone

    from kohtaanto.core.errors import ValidationFailed

    for when in (
        dt.datetime(2026, 11, 19, 21, 0, tzinfo=dt.UTC),  # 19.11. 23.00 in Helsinki
        timezone.now() + dt.timedelta(hours=1),
    ):
        with pytest.raises(ValidationFailed) as error:
            services.record_interview(
                visit,
                text=TEXT,
                time_horizon=TimeHorizon.NOW,
                certainty=Certainty.SURE,
                recorded_at=when,
            )
        assert "recorded_at" in error.value.errors
    assert not VisitInterview.objects.exists()


def test_the_intervention_form_offers_no_support_line_only_volunteer(
    personas: Personas, client_for: Callable[[object], Client]
) -> None:
    from tests.factories import member

    from kohtaanto.core.enums import Role
    from kohtaanto.mentoring.models import VolunteerEngagement, VolunteerProfile

    org = personas.organisation
    phone = member(org, Role.MENTOR, first_name="Pertti", last_name="Puhelin")
    leader = member(org, Role.MENTOR, first_name="Leena", last_name="Ryhmä")
    for user, roles in ((phone, ["support_line"]), (leader, ["group_leader", "support_line"])):
        profile = VolunteerProfile.objects.create(user=user, regions=["286"])
        VolunteerEngagement.objects.create(volunteer=profile, organisation=org, roles=roles)
    page = client_for(personas.coordinator).get("/outreach/interventions/new/").content.decode()
    mentors = page.split('name="mentors"', 1)[1]
    assert "Leena Ryhmä" in mentors and "Pertti Puhelin" not in page
    assert personas.mentor.get_full_name() in mentors  # a mentor with no engagement stays

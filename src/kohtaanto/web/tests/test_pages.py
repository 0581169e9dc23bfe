"""Home page per role, the participant page, the consent page and the audit log."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from kohtaanto.core.enums import AuditAction
from kohtaanto.core.models import AuditEvent
from kohtaanto.people.access import access_participant
from kohtaanto.people.selectors import has_consent
from kohtaanto.people.services import give_consent

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return response.content.decode()


def detail_link(participant) -> str:
    return f'href="/participants/{participant.pk}/"'


# --- home -------------------------------------------------------------------------------


def test_coach_home_lists_only_the_caseload(personas, coach_client):
    content = text(coach_client.get("/"))
    assert 'id="caseload"' in content
    assert detail_link(personas.participant) in content
    assert detail_link(personas.caseload_participant) in content
    assert detail_link(personas.unassigned_participant) not in content
    assert detail_link(personas.other_participant) not in content


def test_coach_with_empty_caseload_gets_a_friendly_sentence(personas, client_for):
    content = text(client_for(personas.outsider).get("/"))
    assert detail_link(personas.other_participant) in content
    personas.other_participant.coaches.clear()
    content = text(client_for(personas.outsider).get("/"))
    assert "Sinulla ei ole vielä osallistujia." in content


def test_participant_home_is_my_path(personas, participant_client):
    content = text(participant_client.get("/"))
    assert "Oma polkuni" in content
    assert 'href="/my/consents/"' in content
    assert "Olet antanut 0 suostumusta." in content
    assert "<table" not in content


def test_coordinator_home_is_the_organisation_admin(personas, coordinator_client):
    content = text(coordinator_client.get("/"))
    assert f"Organisaatio: {personas.organisation.name}" in content
    assert 'href="/audit/"' in content
    assert 'href="/admin/"' in content
    assert "Valmentaja (1)" in content
    assert personas.coach.get_full_name() in content
    # Participants are counted, not listed: the caseload lists them, with search and pages.
    assert "Organisaatiossa on 3 osallistujaa." in content and 'href="/caseload/"' in content
    assert "Osallistuja (1)" in content
    assert personas.participant_user.get_full_name() not in content
    assert detail_link(personas.unassigned_participant) not in content
    assert detail_link(personas.other_participant) not in content


def test_a_volunteer_with_nothing_yet_is_told_what_to_do(personas, client_for):
    content = text(client_for(personas.mentor).get("/"))
    assert "Tätä palvelun osaa rakennetaan vielä." not in content
    assert 'id="volunteer-waiting"' in content and 'href="/my/volunteer/"' in content
    assert "/participants/" not in content


def test_an_analyst_gets_an_honest_empty_state_and_no_participant_data(personas, client_for):
    content = text(client_for(personas.analyst).get("/"))
    assert "Tätä palvelun osaa rakennetaan vielä." in content
    assert "/participants/" not in content
    assert personas.participant.email not in content


def test_a_workplace_mentor_without_trials_is_told_what_comes_here(personas, client_for):
    content = text(client_for(personas.workplace_mentor).get("/"))
    assert "Tätä palvelun osaa rakennetaan vielä." not in content
    assert "Ohjaamani työkokeilut" in content
    assert "/participants/" not in content
    assert personas.participant.email not in content


def test_several_roles_show_several_sections(personas, client_for):
    from tests.factories import MembershipFactory

    MembershipFactory(user=personas.coach, organisation=personas.organisation, role="mentor")
    content = text(client_for(personas.coach).get("/"))
    assert 'id="caseload"' in content
    assert "Vertaismentori" in content


def test_navigation_depends_on_roles(coordinator_client, participant_client, coach_client):
    assert 'href="/audit/"' in text(coordinator_client.get("/"))
    assert 'href="/audit/"' not in text(coach_client.get("/"))
    assert 'href="/my/consents/"' in text(participant_client.get("/"))
    assert 'href="/my/consents/"' not in text(coach_client.get("/"))


def test_peer_work_in_the_navigation_only_for_those_who_use_it(personas, client_for):
    from kohtaanto.mentoring import services as mentoring_services
    from kohtaanto.people.enums import ConsentPurpose
    from kohtaanto.people.services import give_consent
    from kohtaanto.supportline import services as line_services

    mentor = client_for(personas.mentor)
    participant = client_for(personas.participant_user)
    coordinator = client_for(personas.coordinator)
    content = text(mentor.get("/"))
    assert 'href="/groups/"' in content and 'href="/my/volunteer/"' in content
    assert 'href="/supportline/"' not in content  # not a support-line volunteer
    assert 'href="/outreach/"' not in content  # leads no company-visit group
    assert 'href="/my/mentor/"' not in text(participant.get("/"))  # no mentor yet
    assert 'href="/volunteers/"' in text(coordinator.get("/"))
    assert 'href="/supportline/"' not in text(coordinator.get("/"))  # the organisation has none

    # Only the support line: the calendar and the log, not groups, mentoring or a profile.
    line = line_services.create_line(personas.organisation, name="Tukiluuri", regions=["08"])
    line_services.add_volunteer(line, personas.mentor)
    content = text(mentor.get("/"))
    assert 'href="/supportline/"' in content
    assert 'href="/groups/"' not in content and 'href="/mentorings/"' not in content
    assert 'href="/my/volunteer/"' not in content
    assert 'href="/supportline/"' in text(coordinator.get("/"))

    # Also an individual mentor in the pool: the mentoring pages come back.
    mentoring_services.add_volunteer(personas.coordinator, personas.mentor, personas.organisation)
    content = text(mentor.get("/"))
    assert 'href="/mentorings/"' in content and 'href="/supportline/"' in content
    for purpose in (ConsentPurpose.SERVICE_PROCESSING, ConsentPurpose.MATCHING):
        give_consent(personas.participant, purpose, by=personas.coach)
    mentoring_services.propose_mentoring(
        personas.participant, personas.mentor, by=personas.coordinator
    )
    assert 'href="/my/mentor/"' in text(participant.get("/"))
    assert 'href="/volunteers/"' not in content


def test_many_menu_items_sit_behind_one_menu_button_on_a_phone(personas, client_for):
    """A coordinator's dozen links would fill a phone's first screen: the page also has them
    in a <details> menu (shown on phones by the style sheet); a participant's few stay open."""
    content = text(client_for(personas.coordinator).get("/"))
    assert 'class="site-nav site-nav--many"' in content
    assert '<details class="site-nav__menu">' in content
    assert "<summary>Valikko: Etusivu</summary>" in content
    content = text(client_for(personas.participant_user).get("/"))
    assert "site-nav--many" not in content and "site-nav__menu" not in content


# --- participant page -------------------------------------------------------------------


def test_participant_page_is_audited(personas, coach_client):
    participant = personas.caseload_participant
    response = coach_client.get(f"/participants/{participant.pk}/")
    assert response.status_code == 200
    assert participant.full_name in text(response)
    event = AuditEvent.objects.get(action=AuditAction.VIEW, participant_id=participant.pk)
    assert event.actor == personas.coach


def test_participant_page_of_someone_else_is_not_found_and_not_audited(personas, coach_client):
    response = coach_client.get(f"/participants/{personas.other_participant.pk}/")
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action=AuditAction.VIEW).exists()


# --- consents ---------------------------------------------------------------------------


def test_consent_page_shows_the_current_state(personas, participant_client):
    give_consent(personas.participant, "matching", by=personas.participant_user)
    content = text(participant_client.get("/my/consents/"))
    assert content.count("Suostumus annettu") == 1
    assert content.count("Ei suostumusta") == 6
    assert 'href="/my/consents/matching/"' in content


def test_give_and_withdraw_consent_through_the_page(personas, participant_client):
    participant = personas.participant
    confirm = participant_client.get("/my/consents/matching/")
    assert "Annatko suostumuksen?" in text(confirm)
    assert not has_consent(participant, "matching")  # looking does not change anything

    response = participant_client.post("/my/consents/matching/", {"change": "give"}, follow=True)
    assert has_consent(participant, "matching")
    assert "Kiitos. Suostumuksesi on nyt annettu." in text(response)

    assert "Perutko suostumuksen?" in text(participant_client.get("/my/consents/matching/"))
    response = participant_client.post(
        "/my/consents/matching/", {"change": "withdraw"}, follow=True
    )
    assert not has_consent(participant, "matching")
    assert "Suostumuksesi on nyt peruttu." in text(response)
    actions = list(
        AuditEvent.objects.filter(participant_id=participant.pk)
        .order_by("timestamp", "id")
        .values_list("action", flat=True)
    )
    assert actions[-2:] == [AuditAction.CONSENT_GIVEN, AuditAction.CONSENT_WITHDRAWN]


def test_stale_consent_form_changes_nothing(personas, participant_client):
    response = participant_client.post("/my/consents/matching/", {"change": "withdraw"})
    assert response.status_code == 302
    assert not has_consent(personas.participant, "matching")
    assert not AuditEvent.objects.filter(action=AuditAction.CONSENT_WITHDRAWN).exists()


def test_unknown_consent_purpose_is_not_found(participant_client):
    assert participant_client.get("/my/consents/everything/").status_code == 404


def test_consent_buttons_are_big(participant_client):
    content = text(participant_client.get("/my/consents/"))
    assert 'class="hds-button hds-button--primary"' in content  # 56 px high in HDS


# --- audit log --------------------------------------------------------------------------


@pytest.fixture
def audit_trail(personas):
    """The coach views two participants, the coordinator one; the outsider in another org."""
    access_participant(personas.coach, personas.caseload_participant.pk)
    access_participant(personas.coordinator, personas.unassigned_participant.pk)
    access_participant(personas.outsider, personas.other_participant.pk)
    access_participant(personas.coach, personas.participant.pk)
    return personas


def test_audit_log_lists_only_the_organisation(audit_trail, coordinator_client):
    response = coordinator_client.get("/audit/")
    content = text(response)
    assert response.status_code == 200
    assert "<td>coach</td>" in content
    assert "<td>outsider</td>" not in content
    assert "<html" in content


def test_audit_filter_by_action(audit_trail, coordinator_client):
    content = text(coordinator_client.get("/audit/?action=view"))
    assert "3 tapahtumaa löytyi." in content
    content = text(coordinator_client.get("/audit/?action=consent_given"))
    assert "Rajauksilla ei löytynyt tapahtumia." in content


def test_audit_filter_by_actor_and_participant(audit_trail, coordinator_client):
    coach = audit_trail.coach
    content = text(coordinator_client.get(f"/audit/?action=view&actor={coach.pk}"))
    assert "2 tapahtumaa löytyi." in content
    participant_id = audit_trail.caseload_participant.pk
    content = text(coordinator_client.get(f"/audit/?action=view&participant={participant_id}"))
    assert "1 tapahtuma löytyi." in content
    content = text(coordinator_client.get(f"/audit/?action=view&object_id={participant_id}"))
    assert "1 tapahtuma löytyi." in content


@pytest.mark.usefixtures("frozen_clock")  # "today" in the test and in the view is one day
def test_audit_filter_by_date_range(audit_trail, coordinator_client):
    today = timezone.localdate()
    tomorrow = today + timedelta(days=1)
    assert "3 tapahtumaa löytyi." in text(
        coordinator_client.get(f"/audit/?action=view&since={today}&until={today}")
    )
    assert "Rajauksilla ei löytynyt" in text(
        coordinator_client.get(f"/audit/?action=view&since={tomorrow}")
    )


@pytest.mark.usefixtures("frozen_clock")  # "today" in the test and in the view is one day
def test_audit_filter_rejects_bad_values(audit_trail, coordinator_client):
    today = timezone.localdate()
    content = text(
        coordinator_client.get(f"/audit/?since={today}&until={today - timedelta(days=2)}")
    )
    assert "Loppupäivä ei voi olla ennen alkupäivää." in content
    assert "Tarkista rajaukset" in content
    assert "<tbody" not in content
    assert coordinator_client.get("/audit/?participant=abc").status_code == 200


def test_audit_filter_choices_do_not_leak_other_organisations(audit_trail, coordinator_client):
    content = text(coordinator_client.get("/audit/"))
    assert f'<option value="{audit_trail.outsider.pk}">' not in content
    assert f'<option value="{audit_trail.coach.pk}">coach</option>' in content


def test_htmx_request_gets_only_the_results_fragment(audit_trail, coordinator_client):
    response = coordinator_client.get("/audit/?action=view", HTTP_HX_REQUEST="true")
    content = text(response)
    assert response.status_code == 200
    assert "<html" not in content
    assert "<form" not in content
    assert "<table" in content
    assert 'id="audit-summary"' in content and 'hx-swap-oob="true"' in content
    assert "HX-Request" in response["Vary"]


def test_boosted_htmx_request_gets_the_full_page(audit_trail, coordinator_client):
    response = coordinator_client.get("/audit/", HTTP_HX_REQUEST="true", HTTP_HX_BOOSTED="true")
    assert "<html" in text(response)


def test_audit_log_is_paginated(personas, coordinator_client):
    for _ in range(30):
        access_participant(personas.coordinator, personas.unassigned_participant.pk)
    first = text(coordinator_client.get("/audit/?action=view"))
    assert "30 tapahtumaa löytyi." in first
    assert "Sivu 1 / 2" in first
    assert 'href="?action=view&amp;page=2"' in first
    second = text(coordinator_client.get("/audit/?action=view&page=2"))
    assert "Sivu 2 / 2" in second
    assert second.count("<tr>") == 5  # five rows (the header row has a class)


def test_audit_log_works_without_javascript(audit_trail, coordinator_client):
    content = text(coordinator_client.get("/audit/"))
    assert '<form method="get" action="/audit/"' in content
    assert '<button type="submit" class="hds-button hds-button--primary">' in content


# --- error pages ------------------------------------------------------------------------


def test_not_found_page_is_ours_and_translated(coach_client):
    coach_client.cookies["kohtaanto_language"] = "sv"
    response = coach_client.get("/participants/999999/")
    assert response.status_code == 404
    content = text(response)
    assert "Sidan hittades inte" in content
    assert '<main id="main"' in content


def test_server_error_page_renders_without_a_request():
    from django.template.loader import render_to_string

    content = render_to_string("500.html")
    assert "Jokin meni vikaan" in content and 'lang="sv"' in content


def test_participant_home_lists_the_given_consents(personas, participant_client):
    give_consent(personas.participant, "matching", by=personas.participant_user)
    content = text(participant_client.get("/"))
    assert "Olet antanut 1 suostumuksen." in content
    label = "Minulle sopivien töiden, kokeilujen, kurssien ja mentorien etsiminen"
    assert f"<li>{label}</li>" in content


@pytest.mark.parametrize("url", ["/", "/my/consents/", "/my/consents/matching/"])
def test_pages_with_personal_data_are_not_cached(participant_client, url):
    assert "no-store" in participant_client.get(url)["Cache-Control"]


def test_participant_and_audit_pages_are_not_cached(personas, coordinator_client):
    for url in (f"/participants/{personas.participant.pk}/", "/audit/"):
        assert "no-store" in coordinator_client.get(url)["Cache-Control"]


# --- organisation switcher --------------------------------------------------------------


def test_users_in_several_organisations_can_switch(personas, client_for):
    from tests.factories import MembershipFactory

    coach = personas.coach
    MembershipFactory(user=coach, organisation=personas.other_organisation, role="mentor")
    client = client_for(coach)
    content = text(client.get("/"))
    assert 'name="organisation"' in content
    assert 'id="caseload"' in content
    response = client.post("/organisation/", {"organisation": personas.other_organisation.pk})
    assert response["Location"] == "/"
    content = text(client.get("/"))
    assert f"Työskentelet nyt organisaatiossa {personas.other_organisation.name}." in content
    assert 'id="caseload"' not in content  # only a mentor there
    assert "Vertaismentori" in content


def test_switching_to_a_foreign_organisation_is_not_found(personas, coach_client):
    response = coach_client.post("/organisation/", {"organisation": personas.other_organisation.pk})
    assert response.status_code == 404
    assert coach_client.post("/organisation/", {"organisation": "x"}).status_code == 404


def test_users_in_one_organisation_see_no_switcher(coach_client):
    assert 'name="organisation"' not in text(coach_client.get("/"))


def test_the_menu_and_the_home_page_ask_each_fact_once(personas, client_for):
    """A volunteer who leads a group, answers a support line and is in the mentor pool: the
    menu and the home page's sections share one read of the volunteer profile, the led
    groups, the support lines and the organisations (`web.facts`)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kohtaanto.groups import services as group_services
    from kohtaanto.mentoring import services as mentoring_services
    from kohtaanto.supportline import services as line_services

    group_services.create_group(
        organisation=personas.organisation,
        by=personas.coordinator,
        leaders=[personas.mentor],
        name="Yritysvierailut",
        kind="company_visits",
        place="Lahti",
    )
    line = line_services.create_line(personas.organisation, name="Tukiluuri", regions=["08"])
    line_services.add_volunteer(line, personas.mentor)
    mentoring_services.add_volunteer(personas.coordinator, personas.mentor, personas.organisation)
    mentor = client_for(personas.mentor)
    with CaptureQueriesContext(connection) as queries:
        content = text(mentor.get("/"))
    for href in ("/groups/", "/outreach/", "/supportline/", "/my/volunteer/", "/my/badges/"):
        assert f'href="{href}"' in content, href
    assert "Yritysvierailut" in content and "Tukiluuri" in content

    def asked(table: str) -> int:
        """Queries reading `table` at their top level (its first FROM; not in a subquery)."""
        return sum(
            re.search(r'FROM "(\w+)"', q["sql"]).group(1) == table  # type: ignore[union-attr]
            for q in queries.captured_queries
            if "FROM" in q["sql"]
        )

    assert asked("mentoring_volunteerprofile") == 1
    assert asked("core_organisation") == 0  # the middleware's memberships carry them
    assert asked("core_membership") == 1
    assert asked("groups_group") == 1


def test_the_organisation_list_is_the_users_by_name(personas, client_for):
    from tests.factories import MembershipFactory

    MembershipFactory(user=personas.coach, organisation=personas.other_organisation, role="coach")
    content = text(client_for(personas.coach).get("/"))
    names = sorted([personas.organisation.name, personas.other_organisation.name])
    assert content.index(names[0]) < content.index(names[1])


def _top_level_reads(queries, table: str) -> int:
    return sum(
        re.search(r'FROM "(\w+)"', q["sql"]).group(1) == table  # type: ignore[union-attr]
        for q in queries.captured_queries
        if "FROM" in q["sql"]
    )


def test_a_participants_home_reads_their_record_trials_and_mentorings_once(personas, client_for):
    """The participant's section, the mentoring note and the menu ("My trials", "My mentor",
    "My badges") share one read of each (`web.facts`)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kohtaanto.mentoring import services as mentoring_services
    from kohtaanto.people.enums import ConsentPurpose
    from kohtaanto.people.services import give_consent

    for purpose in (ConsentPurpose.SERVICE_PROCESSING, ConsentPurpose.MATCHING):
        give_consent(personas.participant, purpose, by=personas.coach)
    mentoring_services.add_volunteer(personas.coordinator, personas.mentor, personas.organisation)
    mentoring_services.propose_mentoring(
        personas.participant, personas.mentor, by=personas.coordinator
    )
    participant = client_for(personas.participant_user)
    with CaptureQueriesContext(connection) as queries:
        content = text(participant.get("/"))
    assert 'href="/my/mentor/"' in content and 'href="/my/badges/"' in content
    assert 'href="/my/trials/"' not in content  # no trial yet
    assert _top_level_reads(queries, "people_participant") == 1
    assert _top_level_reads(queries, "trials_trial") == 1
    assert _top_level_reads(queries, "mentoring_mentoring") == 1
    assert _top_level_reads(queries, "groups_group") == 0  # leads nothing: not a leader role


def test_a_coordinator_is_not_asked_for_participant_things(personas, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client_for(personas.coordinator).get("/")
    for table in ("trials_trial", "mentoring_mentoring"):
        assert _top_level_reads(queries, table) == 0, table
    # The participant counts by status read the table; no one's own record is looked for.
    rows = 'SELECT "people_participant"."id"'
    assert not [q["sql"] for q in queries.captured_queries if q["sql"].startswith(rows)]

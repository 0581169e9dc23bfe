"""The caseload's name search stays out of URLs and the browser history, and every read of the
list is audited (issue 18, point 4 and probe point 2).

- A name is searched with a POST (CSRF-protected); a GET ignores `q`.
- The pages of a name search are buttons of the POST form; links and the address htmx shows
  (`HX-Push-Url`) hold only the filters that name nobody.
- One audit event per list read: the filters (a name search only as "*"), the page and the
  number of rows shown; never the name.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client
from tests.factories import ParticipantFactory, Personas

from kohtaanto.core.enums import AuditAction
from kohtaanto.core.models import AuditEvent
from kohtaanto.people.enums import ParticipantStatus
from kohtaanto.people.models import Participant

pytestmark = pytest.mark.django_db

HREF = re.compile(r'(?:href|hx-get|hx-post|action)="([^"]*)"')


def text(response) -> str:  # type: ignore[no-untyped-def]
    return response.content.decode()


def record_link(participant: Participant) -> str:
    return f'href="/participants/{participant.pk}/"'


def addresses(html: str) -> list[str]:
    return HREF.findall(html)


def list_reads() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=AuditAction.LIST).order_by("id"))


def test_a_name_in_the_query_string_is_ignored(personas: Personas, coach_client: Client) -> None:
    name = personas.caseload_participant.last_name
    html = text(coach_client.get("/caseload/", {"q": name}))
    # Not filtered: both of the coach's participants are listed, and the name is not echoed.
    assert record_link(personas.caseload_participant) in html
    assert record_link(personas.participant) in html
    assert f'value="{name}"' not in html


def test_the_search_form_posts_with_a_csrf_token(personas: Personas, coach_client: Client) -> None:
    html = text(coach_client.get("/caseload/"))
    form = re.search(r'<form method="post" action="/caseload/"[^>]*id="caseload-filters"', html)
    assert form, "the caseload filters are not a POST form"
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'hx-post="/caseload/"' in html and 'hx-get="/caseload/"' not in html
    assert re.search(r'<input[^>]*name="q"[^>]*autocomplete="off"', html)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(personas.coach)
    assert strict.post("/caseload/", {"q": "x"}).status_code == 403


def test_a_name_search_by_post_filters_and_keeps_the_name_out_of_addresses(
    personas: Personas, coach_client: Client
) -> None:
    name = personas.caseload_participant.last_name
    response = coach_client.post(
        "/caseload/", {"q": name, "status": "active"}, HTTP_HX_REQUEST="true"
    )
    html = text(response)
    assert record_link(personas.caseload_participant) in html
    assert record_link(personas.participant) not in html
    assert response["HX-Push-Url"] == "/caseload/?status=active"
    assert all(name not in address for address in addresses(html))
    # Without htmx (no JavaScript): the whole page, answered to the POST, no address to push.
    page = coach_client.post("/caseload/", {"q": name})
    assert page.status_code == 200 and "HX-Push-Url" not in page
    assert record_link(personas.caseload_participant) in text(page)
    assert all(name not in address for address in addresses(text(page)))


def test_pages_of_a_name_search_are_form_buttons(personas: Personas, coach_client: Client) -> None:
    for number in range(55):
        ParticipantFactory(
            organisation=personas.organisation,
            last_name=f"Hakunen{number:02d}",
            coaches=[personas.coach],
        )
    first = text(coach_client.post("/caseload/", {"q": "Hakunen"}))
    assert first.count("<tr>") == 50
    assert re.search(
        r'<button type="submit" form="caseload-filters" name="page" value="2"', first
    ), "the next page of a name search is not a button of the POST form"
    assert all("Hakunen" not in address for address in addresses(first))
    second = text(coach_client.post("/caseload/", {"q": "Hakunen", "page": "2"}))
    assert second.count("<tr>") == 5
    assert 'name="page" value="1"' in second  # the previous page, a button again


def test_pages_without_a_name_search_are_plain_links(
    personas: Personas, coach_client: Client
) -> None:
    for _ in range(55):
        ParticipantFactory(organisation=personas.organisation, coaches=[personas.coach])
    html = text(coach_client.post("/caseload/", {"status": "active", "sort": "-name"}))
    assert 'href="/caseload/?status=active&amp;sort=-name&amp;page=2"' in html
    second = text(coach_client.get("/caseload/", {"status": "active", "page": "2"}))
    assert 'href="/caseload/?status=active&amp;page=1"' in second


def test_each_list_read_is_one_audit_event_without_the_name(
    personas: Personas, coach_client: Client
) -> None:
    Participant.objects.filter(pk=personas.caseload_participant.pk).update(
        status=ParticipantStatus.ENDED
    )
    coach_client.get("/caseload/")
    name = personas.participant.last_name
    coach_client.post("/caseload/", {"q": name, "status": "active"}, HTTP_HX_REQUEST="true")
    coach_client.get("/caseload/", {"status": "ended"})
    reads = list_reads()
    assert len(reads) == 3
    everything, searched, ended = (event.details for event in reads)
    assert everything == {"filters": {"page": "1"}, "count": 2}
    assert searched == {"filters": {"page": "1", "q": "*", "status": "active"}, "count": 1}
    assert ended == {"filters": {"page": "1", "status": "ended"}, "count": 1}
    for event in reads:
        assert event.object_type == "people.participant"
        assert event.actor_id == personas.coach.pk
        assert event.organisation_id == personas.organisation.pk
        assert event.participant_id is None
        assert name not in str(event.details)


def test_an_invalid_filter_is_audited_with_no_rows(
    personas: Personas, coach_client: Client
) -> None:
    coach_client.get("/caseload/", {"status": "nonsense"})
    (event,) = list_reads()
    assert event.details == {"filters": {"page": "1", "status": "nonsense"}, "count": 0}


def test_nobody_else_reads_the_list(personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    for user in (personas.participant_user, personas.mentor, personas.employer_contact):
        assert client_for(user).post("/caseload/", {"q": "a"}).status_code == 404
    assert list_reads() == []

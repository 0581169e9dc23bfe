"""The mentor matching pages with Django's test client: the ranked list and its choice, the
bulk proposal (edited rows, leaving a row out, overbooking shown as a translated error with
nothing saved), without JavaScript."""

from __future__ import annotations

import importlib.util
import re
import sys
from types import ModuleType
from typing import Any

import pytest
from django import forms
from django.test import Client
from django.utils.functional import Promise
from django.utils.translation import gettext, override
from tests.factories import Personas

from kohtaanto.core.enums import Role
from kohtaanto.core.models import User
from kohtaanto.journeys.models import SpokenLanguage
from kohtaanto.mentoring import matching, services
from kohtaanto.mentoring.enums import MentoringStatus
from kohtaanto.mentoring.models import Mentoring, MentorRequest
from kohtaanto.mentoring.tests.conftest import consent_to_matching
from kohtaanto.mentoring.tests.test_matching import (  # noqa: F401
    KOUVOLA,
    member,
    new_participant,
    pool,
    volunteer,
    wants_mentor,
)
from kohtaanto.people.enums import ParticipantStatus

pytestmark = pytest.mark.django_db


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_coordinator_sees_the_reasons_and_confirms_a_mentor(
    personas: Personas,
    pool: dict[str, User],  # noqa: F811
) -> None:
    request = wants_mentor(personas, personas.participant, languages={"ar": "native"})
    client = client_for(personas.coordinator)
    listing = client.get("/mentoring/match/?lang=fi").content.decode()
    assert f"/mentoring/match/requests/{request.pk}/" in listing
    assert "/mentoring/match/bulk/" in listing
    page = client.get(f"/mentoring/match/requests/{request.pk}/?lang=fi")
    html = page.content.decode()
    assert page.status_code == 200
    # The group leader is never offered (his full name: a participant's random name may be
    # "Lauri" too).
    assert "Leila Haddad" in html and "Lauri Ryhmä" not in html
    assert "Puhuu sujuvasti osallistujan äidinkieltä: arabia (mentorin taso: äidinkieli)" in html
    # Staff see the whole name (two people may share a first name).
    assert f"Mentoriehdotukset: {personas.participant.full_name}" in html
    assert "Tasapisteissä ensin mentori, jolla on enemmän vapaita paikkoja" in html
    response = client.post(f"/mentoring/match/requests/{request.pk}/", {"mentor": pool["leila"].pk})
    assert response.status_code == 302
    mentoring = Mentoring.objects.get()
    assert mentoring.status == MentoringStatus.CONFIRMED and mentoring.mentor == pool["leila"]
    # the request is matched: its page is gone, the list is empty
    assert client.get(f"/mentoring/match/requests/{request.pk}/").status_code == 404


def test_a_wrong_choice_is_a_message_and_saves_nothing(
    personas: Personas,
    pool: dict[str, User],  # noqa: F811
) -> None:
    request = wants_mentor(personas, personas.participant, languages={"ar": "native"})
    client = client_for(personas.coach)
    url = f"/mentoring/match/requests/{request.pk}/"
    response = client.post(url + "?lang=sv", {"mentor": pool["pekka"].pk}, follow=True)
    assert response.status_code == 200
    assert "Välj i listan" in response.content.decode()
    assert not Mentoring.objects.exists()
    client.post(url, {"mentor": pool["leila"].pk})
    assert Mentoring.objects.get().status == MentoringStatus.PROPOSED  # a coach proposes
    assert client.get("/mentoring/match/bulk/").status_code == 404  # bulk: coordinators only


def _bulk_rows(html: str) -> dict[str, str]:
    """request id → the selected option's value."""
    rows = {}
    for select in re.finditer(r'<select[^>]*name="mentor-(\d+)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.search(r'<option value="(\d*)" selected>', select.group(2))
        rows[select.group(1)] = chosen.group(1) if chosen else ""
    return rows


def test_bulk_page_proposes_lets_the_coordinator_edit_and_confirms(
    personas: Personas,
    pool: dict[str, User],  # noqa: F811
) -> None:
    requests = []
    for _n in range(3):
        participant = new_participant(personas)
        requests.append(
            wants_mentor(personas, participant, languages={"fi": "native"}, remote=True)
        )
    client = client_for(personas.coordinator)
    html = client.get("/mentoring/match/bulk/?lang=fi").content.decode()
    proposed = _bulk_rows(html)
    assert set(proposed) == {str(r.pk) for r in requests}
    leila, pekka = str(pool["leila"].pk), str(pool["pekka"].pk)
    assert sorted(proposed.values()) == sorted([leila, leila, pekka])
    assert "Vahvista nämä" in html
    # overbooking: all three to Leila (2 places) → translated error, the choices kept, nothing saved
    data: dict[str, Any] = {"request": [str(r.pk) for r in requests]}
    data.update({f"mentor-{r.pk}": leila for r in requests})
    response = client.post("/mentoring/match/bulk/?lang=fi", data)
    page = response.content.decode()
    assert response.status_code == 200 and "Mitään ei tallennettu" in page
    assert "vapaita paikkoja" in page and 'aria-invalid="true"' in page
    assert set(_bulk_rows(page).values()) == {leila}
    assert not Mentoring.objects.exists()
    # leave one out, change another: saved in one go
    data.update({f"mentor-{requests[0].pk}": "", f"mentor-{requests[1].pk}": pekka})
    response = client.post("/mentoring/match/bulk/", data)
    assert response.status_code == 302
    made = {m.request_id: m for m in Mentoring.objects.all()}
    assert set(made) == {requests[1].pk, requests[2].pk}
    assert made[requests[1].pk].mentor_id == pool["pekka"].pk
    assert all(m.status == MentoringStatus.CONFIRMED for m in made.values())
    assert MentorRequest.objects.get(pk=requests[0].pk).status == "open"


@pytest.mark.parametrize("wrong", ["1" + "0" * 29, "-5", "abc"])
def test_a_bulk_row_that_is_no_request_is_left_out_not_a_server_error(
    personas: Personas,
    pool: dict[str, User],  # noqa: F811
    wrong: str,
) -> None:
    """A request number no database id can be (SQLite refuses it in `pk__in`) or a word: not a
    row of the page, so nothing is chosen; the real row is still saved when it is chosen."""
    request = wants_mentor(personas, new_participant(personas), languages={"fi": "native"})
    client = client_for(personas.coordinator)
    leila = str(pool["leila"].pk)
    response = client.post(
        "/mentoring/match/bulk/?lang=fi", {"request": [wrong], f"mentor-{wrong}": leila}
    )
    assert response.status_code == 200
    assert "Valitse mentori ainakin yhdelle osallistujalle." in response.content.decode()
    assert not Mentoring.objects.exists()
    data = {"request": [wrong, str(request.pk)], f"mentor-{wrong}": leila}
    response = client.post("/mentoring/match/bulk/", {**data, f"mentor-{request.pk}": leila})
    assert response.status_code == 302
    assert Mentoring.objects.get().request_id == request.pk


def test_the_pages_are_there_in_swedish_and_english(
    personas: Personas,
    pool: dict[str, User],  # noqa: F811
) -> None:
    request = wants_mentor(personas, personas.participant, languages={"fi": "native"}, remote=True)
    client = client_for(personas.coordinator)
    for path in (
        "/mentoring/match/",
        f"/mentoring/match/requests/{request.pk}/",
        "/mentoring/match/bulk/",
    ):
        sv = client.get(path + "?lang=sv").content.decode()
        en = client.get(path + "?lang=en").content.decode()
        assert '<html lang="sv"' in sv and '<html lang="en"' in en
        assert sv != en
    assert "Hitta en mentor" in client.get("/mentoring/match/?lang=sv").content.decode()
    assert KOUVOLA


def test_a_coach_writes_down_a_participants_wish_and_sees_the_mentors(
    personas: Personas,
    pool: dict[str, User],  # noqa: F811
) -> None:
    from kohtaanto.mentoring.tests.conftest import consent_to_matching
    from kohtaanto.mentoring.tests.test_matching import PYTHON

    amina = personas.participant
    consent_to_matching(amina, personas.coach)
    SpokenLanguage.objects.create(participant=amina, language="ar", level="native")
    client = client_for(personas.coach)
    listing = client.get("/mentoring/match/?lang=fi").content.decode()
    assert f'<option value="{amina.pk}">{amina.full_name}</option>' in listing
    assert personas.unassigned_participant.full_name not in listing  # not in the caseload
    assert personas.caseload_participant.full_name not in listing  # no consent
    url = f"/mentoring/match/new/?participant={amina.pk}"
    assert client.get(url + "&lang=fi").status_code == 200
    bad = client.post(url + "&lang=fi", {"town": "Atlantis", "language_1": "ar"})
    assert bad.status_code == 200 and "Kirjoita yhden paikkakunnan nimi" in bad.content.decode()
    assert not MentorRequest.objects.exists()
    response = client.post(
        url,
        {"town": "Kouvola", "language_1": "ar", "skills_to_learn": [PYTHON], "goals": "Koodaus"},
    )
    made = MentorRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/mentoring/match/requests/{made.pk}/"
    assert (made.region, made.languages, made.skills_to_learn) == (KOUVOLA, ["ar"], [PYTHON])
    assert made.created_by == personas.coach and not made.wants_remote
    page = client.get(response["Location"] + "?lang=fi").content.decode()
    assert "Leila Haddad" in page and "Puhuu sujuvasti osallistujan äidinkieltä: arabia" in page
    assert "Tavoitteet osallistujan omin sanoin" in page and "Koodaus" in page
    listing = client.get("/mentoring/match/").content.decode()
    picker = listing.split('id="participant-choice"')[1] if "participant-choice" in listing else ""
    assert f'value="{amina.pk}"' not in picker  # has an open request now: not offered again
    # without consent: a message, no form, nothing saved; not the coach's: 404
    silent = personas.caseload_participant
    page = client.get(f"/mentoring/match/new/?participant={silent.pk}&lang=fi").content.decode()
    assert 'id="no-consent"' in page and "<textarea" not in page
    client.post(f"/mentoring/match/new/?participant={silent.pk}", {"town": "Kouvola"})
    assert MentorRequest.objects.count() == 1
    other = personas.unassigned_participant.pk
    assert client.get(f"/mentoring/match/new/?participant={other}").status_code == 404
    assert client.get("/mentoring/match/new/").status_code == 404


def _fresh_under_finnish(module: ModuleType) -> ModuleType:
    """A new copy of `module`, imported while Finnish is active (as at a server's start)."""
    name = f"{module.__name__}_fresh"
    spec = importlib.util.spec_from_file_location(name, module.__file__)
    assert spec is not None and spec.loader is not None
    copy = importlib.util.module_from_spec(spec)
    sys.modules[name] = copy
    try:
        with override("fi"):
            spec.loader.exec_module(copy)
    finally:
        del sys.modules[name]
    return copy


def test_the_forms_follow_the_language_of_the_page_not_of_the_import() -> None:
    from kohtaanto.web.mentoring import forms as form_module
    from kohtaanto.web.mentoring import matching as matching_pages

    pages = _fresh_under_finnish(matching_pages)
    with override("sv"):
        html = str(pages.RequestForm(language="sv"))
        swedish = [gettext("What the participant hopes from a mentor"), gettext("Skills to learn")]
    with override("fi"):
        finnish = [gettext("What the participant hopes from a mentor"), gettext("Skills to learn")]
    assert swedish != finnish
    assert all(text in html for text in swedish)
    assert not any(text in html for text in finnish)
    # Every form of the area: texts written in the class body stay lazy.
    checked = 0
    for module in (pages, _fresh_under_finnish(form_module)):
        for form in vars(module).values():
            if not (isinstance(form, type) and issubclass(form, forms.Form)):
                continue
            if form.__module__ != module.__name__:
                continue
            for name, field in form.base_fields.items():
                texts = [field.label, field.help_text]
                if isinstance(field, forms.ChoiceField) and not isinstance(
                    field, forms.ModelChoiceField
                ):
                    texts += [label for _value, label in field.choices if _value]
                for text in texts:
                    checked += 1
                    assert not text or isinstance(text, Promise), (form.__name__, name, text)
    assert checked > 40


def test_ended_and_already_mentored_participants_are_left_out_everywhere(
    personas: Personas,
    pool: dict[str, User],  # noqa: F811
) -> None:
    waiting = new_participant(personas)
    ended = new_participant(personas)
    mentored = new_participant(personas)
    wanted = {
        name: wants_mentor(personas, person, languages={"fi": "native"}, remote=True)
        for name, person in (("waiting", waiting), ("ended", ended), ("mentored", mentored))
    }
    ended.status = ParticipantStatus.ENDED
    ended.save(update_fields=["status"])
    services.propose_mentoring(mentored, pool["leila"], personas.coordinator)
    # Without a request: offered in the picker only while active and without a mentor.
    free, gone, busy = (new_participant(personas) for _n in range(3))
    for person in (free, gone, busy):
        consent_to_matching(person, personas.coordinator)
    gone.status = ParticipantStatus.ENDED
    gone.save(update_fields=["status"])
    services.propose_mentoring(busy, pool["leila"], personas.coordinator)

    client = client_for(personas.coordinator)
    listing = client.get("/mentoring/match/?lang=fi").content.decode()
    assert f"/mentoring/match/requests/{wanted['waiting'].pk}/" in listing
    assert f"Mentoriehdotukset: {waiting.full_name}" in listing
    for name in ("ended", "mentored"):
        assert f"/mentoring/match/requests/{wanted[name].pk}/" not in listing
        page = client.get(f"/mentoring/match/requests/{wanted[name].pk}/")
        assert page.status_code == 404
    picker = listing.split('id="participant-choice"')[1].split("</select>")[0]
    options = re.findall(r'<option value="([^"]*)"', picker)
    assert options == ["", str(free.pk)]  # an empty first option, then only `free`
    bulk = client.get("/mentoring/match/bulk/?lang=fi").content.decode()
    assert set(_bulk_rows(bulk)) == {str(wanted["waiting"].pk)}
    assert waiting.full_name in bulk
    # Even a hand-made POST cannot give a mentor to an ended participant.
    response = client.post(
        "/mentoring/match/bulk/?lang=fi",
        {"request": [str(wanted["ended"].pk)], f"mentor-{wanted['ended'].pk}": pool["pekka"].pk},
    )
    assert response.status_code == 200 and not Mentoring.objects.filter(participant=ended)


def test_the_empty_participant_choice_is_a_required_field_error(personas: Personas) -> None:
    consent_to_matching(new_participant(personas), personas.coordinator)
    response = client_for(personas.coordinator).get("/mentoring/match/new/?participant=&lang=fi")
    html = response.content.decode()
    assert response.status_code == 400
    assert "Valitse osallistuja." in html and 'aria-invalid="true"' in html


def test_bulk_options_are_short_enough_for_a_phone(
    personas: Personas,
    pool: dict[str, User],  # noqa: F811
) -> None:
    wants_mentor(personas, new_participant(personas), languages={"fi": "native"}, remote=True)
    html = client_for(personas.coordinator).get("/mentoring/match/bulk/?lang=fi").content.decode()
    labels = re.findall(r'<option value="\d+"[^>]*>([^<]+)</option>', html)
    assert labels and all(len(label) <= 24 for label in labels)
    assert any(re.fullmatch(r"Leila H\. · [\d,]+ p", label) for label in labels)


def test_equal_points_put_the_mentor_with_more_free_places_first(
    personas: Personas,
) -> None:
    org = personas.organisation
    early = volunteer(  # added first, fewer free places
        personas,
        member(org, Role.MENTOR, first_name="Eero", last_name="Eka"),
        languages=[("fi", "native")],
        towns=[KOUVOLA],
        capacity=5,
    )
    late = volunteer(
        personas,
        member(org, Role.MENTOR, first_name="Aino", last_name="Myöhempi"),
        languages=[("fi", "native")],
        towns=[KOUVOLA],
        capacity=9,
    )
    request = wants_mentor(personas, new_participant(personas), languages={"fi": "native"})
    options = matching.ranked_mentors(request, personas.organisation, "fi")
    # capacity.left counts at most 4 places: both score the same; more free places first.
    assert options[0].score == options[1].score
    assert [o.mentor.user for o in options] == [late, early]

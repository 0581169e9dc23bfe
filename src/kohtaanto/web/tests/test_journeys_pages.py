"""The journey pages: happy paths, bad input that keeps what was typed, and who sees what.

The pages are checked in Finnish (the default language); the access table of every URL ×
persona is in `test_journeys_access.py`.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import ngettext
from tests.factories import ParticipantFactory

from kohtaanto.journeys import rules
from kohtaanto.journeys import services as journey_services
from kohtaanto.journeys.enums import SessionStatus
from kohtaanto.journeys.models import CvDraft, DigCompAttempt, Intake, Outcome, Session
from kohtaanto.people.enums import ConsentPurpose, ParticipantStatus
from kohtaanto.people.models import Participant
from kohtaanto.people.services import give_consent
from kohtaanto.profiles.enums import ItemStatus
from kohtaanto.profiles.models import ProfileItem
from kohtaanto.recognition.analyzer.voikko import available as voikko_available
from kohtaanto.web.tests.journeys_support import STORY, make_journey

pytestmark = pytest.mark.django_db


@pytest.fixture
def journey(personas):
    return make_journey(personas)


def text(response) -> str:
    return response.content.decode()


def fi(msgid: str) -> str:
    """The Finnish text of a UI string as the page shows it (escaped); must be translated."""
    with translation.override("fi"):
        translated = translation.gettext(msgid)
    assert translated != msgid, f"not translated to Finnish: {msgid!r}"
    return escape(translated)


# --- caseload -------------------------------------------------------------------------------


def record_link(participant) -> str:
    return f'href="/participants/{participant.pk}/"'


def test_coach_caseload_lists_only_own_participants(personas, coach_client):
    content = text(coach_client.get("/caseload/"))
    assert f"<h1>{fi('Caseload')}</h1>" in content
    # Compare record links, not names: Faker may give two people the same name.
    assert record_link(personas.participant) in content
    assert record_link(personas.caseload_participant) in content
    assert record_link(personas.unassigned_participant) not in content
    assert record_link(personas.other_participant) not in content


def test_coordinator_caseload_is_the_whole_organisation(personas, coordinator_client):
    content = text(coordinator_client.get("/caseload/"))
    assert record_link(personas.unassigned_participant) in content
    assert record_link(personas.other_participant) not in content


def test_caseload_search_and_htmx_fragment(personas, coach_client):
    # The name search is a POST (never in the URL): see test_caseload_privacy.py.
    response = coach_client.post(
        "/caseload/", {"q": personas.caseload_participant.last_name}, HTTP_HX_REQUEST="true"
    )
    content = text(response)
    assert "<html" not in content
    assert personas.caseload_participant.full_name in content
    assert 'hx-swap-oob="true"' in content
    assert "Vary" in response and "HX-Request" in response["Vary"]


def test_caseload_filters_by_status_and_meeting(personas, coach_client, journey):
    Participant.objects.filter(pk=personas.caseload_participant.pk).update(
        status=ParticipantStatus.ENDED
    )
    content = text(coach_client.get("/caseload/", {"status": "ended"}))
    assert record_link(personas.caseload_participant) in content
    assert record_link(personas.participant) not in content
    content = text(coach_client.get("/caseload/", {"next_meeting": "none", "sort": "-name"}))
    assert personas.participant.full_name in content


def test_caseload_bad_filter_says_so(coach_client):
    content = text(coach_client.get("/caseload/", {"status": "nonsense"}))
    assert fi("Check the filters: some value is not valid.") in content


def test_caseload_pages_by_fifty_with_constant_queries(
    personas, coach_client, django_assert_max_num_queries
):
    for _ in range(60):
        ParticipantFactory(organisation=personas.organisation, coaches=[personas.coach])
    with django_assert_max_num_queries(20):
        first = text(coach_client.get("/caseload/"))
    assert first.count("<tr>") == 50
    assert "Sivu 1 / 2" in first
    second = text(coach_client.get("/caseload/", {"page": 2}))
    assert second.count("<tr>") == 12


# --- intake ---------------------------------------------------------------------------------


BASIC = {
    "first_name": "Maija",
    "last_name": "Mehiläinen",
    "birth_date": "1968-03-04",
    "email": "maija@example.fi",
    "preferred_language": "fi",
    "municipality_code": "091",
    "language_1": "fi",
    "level_1": "native",
    "language_2": "en",
    "level_2": "B1",
}


def test_intake_in_six_steps(personas, coach_client):
    response = coach_client.get("/participants/new/")
    assert 'aria-current="step"' in text(response)
    assert fi("Step %(number)s of %(total)s") % {"number": 1, "total": 6} in text(response)
    response = coach_client.post("/participants/new/", BASIC)
    assert response.status_code == 302
    participant = Participant.objects.get(email=BASIC["email"])  # personas may be Maija too
    assert "/participants/" in response["Location"] and "Maija" not in response["Location"]
    assert list(participant.spoken_languages.values_list("language", "level")) == [
        ("fi", "native"),
        ("en", "B1"),
    ]
    assert personas.coach in participant.coaches.all()
    base = f"/participants/{participant.pk}/intake/"
    assert response["Location"] == base + "consent/"
    # Nothing recorded yet (the person decides at first login): the wizard goes on.
    response = coach_client.post(base + "consent/", {"form_version": "2026-1"})
    assert response["Location"] == base + "story/"
    response = coach_client.post(base + "story/", {"story": STORY, "language": "fi"})
    assert response["Location"] == base + "goals/"
    assert Intake.objects.get(participant=participant).story == STORY
    # No consent: the restricted fields are not even shown.
    content = text(coach_client.get(base + "goals/"))
    assert 'name="constraints"' not in content
    response = coach_client.post(base + "goals/", {"goal": "Työ varastossa"})
    assert response["Location"] == base + "service/"
    assert participant.goals.get().title == "Työ varastossa"
    response = coach_client.post(
        base + "service/", {"service_start": "2026-01-05", "coaches": [str(personas.coach.pk)]}
    )
    assert response["Location"] == base + "esf/"
    content = text(coach_client.get(base + "esf/"))
    assert 'class="info-box' in content
    assert 'name="disability"' not in content  # special categories need consent
    response = coach_client.post(
        base + "esf/", {"entry_date": "2026-01-05", "labour_market_status": "", "homeless": "no"}
    )
    assert response["Location"] == f"/participants/{participant.pk}/story/"
    assert participant.esf.homeless is False


def test_duplicate_participant_keeps_what_was_typed(personas, coach_client):
    coach_client.post("/participants/new/", BASIC)
    response = coach_client.post("/participants/new/", {**BASIC, "phone": "040 123 4567"})
    content = text(response)
    assert response.status_code == 200
    assert fi("This person is already a participant in your organisation.") in content
    assert 'value="Mehiläinen"' in content
    assert 'value="040 123 4567"' in content
    assert Participant.objects.filter(email=BASIC["email"]).count() == 1


def test_language_without_level_is_an_error(coach_client):
    response = coach_client.post("/participants/new/", {**BASIC, "level_2": ""})
    assert response.status_code == 200
    assert fi("Choose how well the person speaks the language.") in text(response)
    assert 'aria-invalid="true"' in text(response)


def test_empty_story_is_an_error(personas, coach_client):
    url = f"/participants/{personas.caseload_participant.pk}/intake/story/"
    response = coach_client.post(url, {"story": "   ", "language": "fi"})
    assert response.status_code == 200
    assert fi("Write the story first. It cannot be empty.") in text(response)


def test_too_long_story_keeps_the_text(personas, coach_client, journey):
    story = "Olen ajanut trukkia. " * 1000  # 21,000 characters
    url = f"/participants/{personas.participant.pk}/story/"
    response = coach_client.post(url, {"story": story, "language": "fi"})
    content = text(response)
    assert response.status_code == 200
    message = fi(
        "The story is too long: at most %(limit)s characters, now %(count)s. "
        "Nothing was saved or cut: shorten the text and save again."
    ) % {"limit": "20\xa0000", "count": "20\xa0999"}
    assert message in content
    assert story.strip() in content
    assert Intake.objects.get(participant=personas.participant).story == STORY


def test_restricted_constraints_only_with_consent_and_own_coach(
    personas, coach_client, coordinator_client
):
    give_consent(
        personas.participant, ConsentPurpose.RESTRICTED_HEALTH_CONSTRAINTS, by=personas.coach
    )
    url = f"/participants/{personas.participant.pk}/intake/goals/"
    assert 'name="constraints"' in text(coach_client.get(url))
    assert 'name="constraints"' not in text(coordinator_client.get(url))
    coach_client.post(url, {"constraints": "Ei raskaita nostoja", "alternative_tasks": ""})
    assert personas.participant.restricted_constraints.constraints == "Ei raskaita nostoja"


# --- story and recognition review -----------------------------------------------------------


def test_saved_story_message_counts_what_the_page_shows(personas, coach_client, journey):
    """The message after saving says how many suggestions are shown first and how many wait
    behind "show all", the same numbers the page then shows (not a bare total)."""
    url = f"/participants/{personas.participant.pk}/story/"
    response = coach_client.post(url, {"story": STORY, "language": "fi"}, follow=True)
    said = [str(m) for m in response.context["messages"]]
    shown = len(response.context["suggestions"])
    hidden = response.context["hidden_suggestions"]
    assert shown > 0 and hidden > 0  # the demo story has weaker suggestions too
    with translation.override("fi"):
        expected = ngettext(
            "The story is saved. %(shown)d likely skill is shown first; %(more)d more under "
            '"Show all".',
            "The story is saved. %(shown)d likely skills are shown first; %(more)d more under "
            '"Show all".',
            shown,
        ) % {"shown": shown, "more": hidden}
    assert said == [expected]


PAINT = "http://data.europa.eu/esco/skill/b826a56a-811d-477c-b165-271729f644a4"
WELD = "http://data.europa.eu/esco/skill/2ee57de4-bffd-4194-b009-0060edec77cc"


def test_a_weak_wish_waits_behind_show_all(personas, coach_client):
    """A wish is shown by the same thresholds as the other suggestions: "Jag vill lära mig
    svetsa" is a wish to weld, while "Mitt mål är …" (read as *måla*, paint, but only weakly:
    "mål" is the noun) waits behind "show all", which counts it."""
    url = f"/participants/{personas.caseload_participant.pk}/story/"
    story = (
        "Jag har kört truck i tio år. Mitt mål är att få ett fast jobb. Jag vill lära mig svetsa."
    )
    coach_client.post(url, {"story": story, "language": "sv"})
    stored = dict(
        ProfileItem.objects.filter(
            participant=personas.caseload_participant, goal=True
        ).values_list("uri", "score")
    )
    assert stored[WELD] >= 0.3 and 0 < stored[PAINT] < 0.3  # the page's rule, not the engine's
    response = coach_client.get(url)
    wishes = [row["entry"].uri for row in response.context["wishes"]]
    assert WELD in wishes and PAINT not in wishes
    assert response.context["hidden_suggestions"] >= 1
    every = [row["entry"].uri for row in coach_client.get(url + "?all=1").context["wishes"]]
    assert PAINT in every and WELD in every


def test_a_hobby_is_tagged_on_the_story_page(personas, coach_client):
    """What the story tells of free time or volunteering is tagged as such, so that the coach
    sees it will land among the hobby skills; work is not tagged."""
    if not voikko_available("fi"):
        pytest.skip("Voikko is not installed")
    url = f"/participants/{personas.caseload_participant.pk}/story/"
    story = "Ajoin trukkia kymmenen vuotta. Vapaa-ajalla laulan kuorossa."
    coach_client.post(url, {"story": story, "language": "fi"})
    response = coach_client.get(url)
    rows = {row["entry"].label: row["entry"] for row in response.context["suggestions"]}
    assert rows["laulaminen"].group == "hobby" and rows["trukin ajaminen"].group != "hobby"
    content = text(response)
    tag = f'<span class="tag">{fi("Hobby or volunteering")}</span>'
    assert content.count(tag) == sum(
        1 for e in rows.values() if e.group == "hobby" and e.kind != "occupation"
    )
    assert content.index("<strong>laulaminen</strong>") < content.index(tag)


def test_story_page_marks_the_evidence(personas, coach_client, journey):
    content = text(coach_client.get(f"/participants/{personas.participant.pk}/story/"))
    assert "<mark>trukkia</mark>" in content
    assert "trukin ajaminen" in content
    assert 'hx-post="/participants/' in content


def test_story_text_is_escaped(personas, coach_client):
    Intake.objects.update_or_create(
        participant=personas.caseload_participant,
        defaults={"story": "<script>alert(1)</script> trukki", "story_language": "fi"},
    )
    content = text(coach_client.get(f"/participants/{personas.caseload_participant.pk}/story/"))
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;" in content


def test_saving_the_story_runs_recognition(personas, coach_client):
    url = f"/participants/{personas.caseload_participant.pk}/story/"
    response = coach_client.post(url, {"story": STORY, "language": "fi"})
    assert response.status_code == 302
    assert response["Location"].endswith("#suggestions")
    assert ProfileItem.objects.filter(participant=personas.caseload_participant).exists()


def test_confirm_with_htmx_swaps_the_row(personas, coach_client, journey):
    url = f"/participants/{personas.participant.pk}/skills/{journey.item.pk}/decide/"
    response = coach_client.post(url, {"action": "confirm"}, HTTP_HX_REQUEST="true")
    content = text(response)
    assert "<html" not in content
    assert f'id="item-{journey.item.pk}"' in content
    assert fi("In the profile") in content
    journey.item.refresh_from_db()
    assert journey.item.status == ItemStatus.CONFIRMED


def test_reject_without_js_redirects_back(personas, coach_client, journey):
    url = f"/participants/{personas.participant.pk}/skills/{journey.item.pk}/decide/"
    response = coach_client.post(url, {"action": "reject", "next": "https://evil.example/"})
    assert response.status_code == 302
    assert response["Location"].startswith(f"/participants/{personas.participant.pk}/story/")
    journey.item.refresh_from_db()
    assert journey.item.status == ItemStatus.REJECTED


def test_picker_needs_two_letters_and_answers_htmx(personas, coach_client):
    url = f"/participants/{personas.participant.pk}/skills/search/"
    assert fi("Write at least %(n)s letters.") % {"n": 2} in text(
        coach_client.get(url, {"q": "t"}, HTTP_HX_REQUEST="true")
    )
    content = text(coach_client.get(url, {"q": "zzzzqq"}, HTTP_HX_REQUEST="true"))
    assert "<html" not in content and fi("Nothing was found. Try another word.") in content
    assert "<h1>" in text(coach_client.get(url, {"q": "zzzzqq"}))


def test_adding_an_unknown_uri_is_a_friendly_error(personas, coach_client):
    url = f"/participants/{personas.participant.pk}/skills/add/"
    response = coach_client.post(url, {"uri": "http://nope.invalid/x"}, follow=True)
    assert fi("That skill could not be added. Search again and choose from the list.") in text(
        response
    )


def test_profile_page_groups(personas, coach_client, journey):
    coach_client.post(
        f"/participants/{personas.participant.pk}/skills/{journey.item.pk}/decide/",
        {"action": "confirm"},
    )
    content = text(coach_client.get(f"/participants/{personas.participant.pk}/profile/"))
    assert f"<h1>{fi('Skills profile')}</h1>" in content
    assert "trukin ajaminen" in content


# --- plan -----------------------------------------------------------------------------------


def _session(when: dt.datetime, **extra):
    return {
        "form": "session",
        "status": "held",
        "kind": "individual",
        "date": when.date().isoformat(),
        "time": when.strftime("%H:%M"),
        "duration_minutes": "45",
        "done_together": "Kävimme läpi työhistorian.",
        "next_steps": "Haetaan kahta paikkaa.",
        **extra,
    }


@pytest.mark.usefixtures("frozen_clock")  # "today" in the test and in the view is one day
def test_log_a_held_session(personas, coach_client):
    url = f"/participants/{personas.participant.pk}/plan/"
    when = timezone.localtime() - dt.timedelta(days=1)
    response = coach_client.post(url, _session(when))
    assert response.status_code == 302
    session = Session.objects.get(participant=personas.participant)
    assert session.status == SessionStatus.HELD and session.duration_minutes == 45
    assert "Kävimme läpi työhistorian." in text(coach_client.get(url))


@pytest.mark.usefixtures("frozen_clock")  # "today" in the test and in the view is one day
def test_held_session_in_the_future_is_an_error_and_keeps_text(personas, coach_client):
    url = f"/participants/{personas.participant.pk}/plan/"
    when = timezone.localtime() + dt.timedelta(days=3)
    content = text(coach_client.post(url, _session(when)))
    assert 'aria-invalid="true"' in content
    assert "Kävimme läpi työhistorian." in content
    assert not Session.objects.filter(participant=personas.participant).exists()


@pytest.mark.usefixtures("frozen_clock")  # "today" in the test and in the view is one day
def test_book_a_meeting_and_add_goal_and_task(personas, coach_client, journey):
    url = f"/participants/{personas.participant.pk}/plan/"
    when = timezone.localtime() + dt.timedelta(days=3)
    assert coach_client.post(url, _session(when, status="planned")).status_code == 302
    assert Session.objects.get(participant=personas.participant).status == SessionStatus.PLANNED
    response = coach_client.post(
        url, {"form": "goal", "goal-title": "Ammattikoulu", "goal-steps": "Hae\nSoita"}
    )
    assert response.status_code == 302
    response = coach_client.post(
        url, {"form": "task", "task-title": "Soita TE-palveluihin", "task-assignee": "together"}
    )
    assert response.status_code == 302
    content = text(coach_client.get(url))
    assert "Ammattikoulu" in content and "Soita TE-palveluihin" in content
    done = f"/participants/{personas.participant.pk}/plan/tasks/{journey.task.pk}/done/"
    assert coach_client.post(done, {"done": "1"}).status_code == 302
    journey.task.refresh_from_db()
    assert journey.task.done_at is not None


def test_goal_without_title_keeps_the_steps(personas, coach_client):
    url = f"/participants/{personas.participant.pk}/plan/"
    content = text(coach_client.post(url, {"form": "goal", "goal-steps": "Hae kouluun"}))
    assert "Hae kouluun" in content and 'aria-invalid="true"' in content


# --- DigComp --------------------------------------------------------------------------------


def test_digcomp_paged_form_and_result(personas, coach_client):
    pid = personas.participant.pk
    response = coach_client.post(f"/participants/{pid}/digcomp/start/", {"with_coach": "on"})
    url = response["Location"]
    attempt = DigCompAttempt.objects.get(participant=personas.participant)
    assert attempt.with_coach
    areas = list(rules.digcomp().areas.values())
    # A missing answer: error, and the other choice stays chosen.
    first = areas[0].competences
    content = text(coach_client.post(url, {f"q-{first[0]}": "3"}))
    assert fi("Answer every question on this page. Your other answers are kept.") in content
    assert f'id="q-{first[0]}-3" value="3" checked' in content
    assert f'id="q-{first[1]}-error"' in content
    for area in areas:
        response = coach_client.post(url, {f"q-{c}": "3" for c in area.competences})
        assert response.status_code == 302
        url = response["Location"]
    assert url == f"/participants/{pid}/digcomp/"
    content = text(coach_client.get(url))
    assert "<svg" in content and 'role="img"' in content
    assert "<table" in content
    assert fi("done together with the coach") in content


# --- documents ------------------------------------------------------------------------------


def test_documents_cv_edit_and_downloads(personas, coach_client, journey):
    from kohtaanto.profiles.services import add_item
    from kohtaanto.taxonomy.model import ConceptKind
    from kohtaanto.vocabularies import provider

    pid = personas.participant.pk
    content = text(coach_client.get(f"/participants/{pid}/documents/"))
    if 'id="job-search-text"' not in content:  # nothing confirmed yet: the text comes later
        assert (
            fi("The text appears here when skills have been confirmed in the skills profile.")
            in content
        )
        skill = next(iter(provider.get_taxonomy().of_kind(ConceptKind.SKILL)))
        add_item(personas.participant, by=personas.coach, uri=skill.uri)
        content = text(coach_client.get(f"/participants/{pid}/documents/"))
        assert (
            skill.label("fi") in content
            and "http" not in content.split('id="job-search-text"')[1].split("</textarea>")[0]
        )
    assert "readonly" in content and 'id="job-search-text"' in content
    assert "hidden" in content  # the copy button appears only with JavaScript
    url = f"/participants/{pid}/documents/cv/{journey.draft.pk}/"
    response = coach_client.post(url, {"full_name": "", "summary": "Luotettava työntekijä."})
    assert "Luotettava työntekijä." in text(response)
    assert 'aria-invalid="true"' in text(response)
    response = coach_client.post(url, {"full_name": "Maija M", "summary": "Luotettava."})
    assert response.status_code == 302
    assert CvDraft.objects.get(pk=journey.draft.pk).summary == "Luotettava."
    pdf = coach_client.get(url + "pdf/")
    assert pdf.content[:4] == b"%PDF" and "attachment" in pdf["Content-Disposition"]
    docx = coach_client.get(url + "docx/")
    assert docx.content[:2] == b"PK"
    assert coach_client.get(url + "exe/").status_code == 404


def test_prepare_cv_in_swedish(personas, coach_client):
    pid = personas.caseload_participant.pk
    response = coach_client.post(f"/participants/{pid}/documents/cv/", {"language": "sv"})
    assert response.status_code == 302
    assert CvDraft.objects.get(participant=personas.caseload_participant).language == "sv"


# --- end of service -------------------------------------------------------------------------


@pytest.mark.usefixtures("frozen_clock")  # "today" in the test and in the view is one day
def test_end_of_service_and_follow_up(personas, coach_client):
    pid = personas.participant.pk
    url = f"/participants/{pid}/end/"
    outcome_id = rules.outcomes().choices("fi")[0][0]
    future = (timezone.localdate() + dt.timedelta(days=5)).isoformat()
    content = text(
        coach_client.post(
            url, {"form": "outcome", "outcome_type": outcome_id, "date": future, "note": "Hyvä"}
        )
    )
    assert 'aria-invalid="true"' in content and "Hyvä" in content
    start = timezone.localdate() - dt.timedelta(days=300)
    journey_services.update_intake(personas.participant, by=personas.coach, service_start=start)
    ended = (timezone.localdate() - dt.timedelta(days=200)).isoformat()
    response = coach_client.post(
        url, {"form": "outcome", "outcome_type": outcome_id, "date": ended}
    )
    assert response.status_code == 302
    outcome = Outcome.objects.get(participant=personas.participant)
    content = text(coach_client.get(url))
    assert fi("Follow-up after six months") in content
    # Without the consent to be contacted after the service: no form, and a post is refused.
    assert 'id="no-follow-up-consent"' in content and 'value="follow_up"' not in content
    follow = {"form": "follow_up", "follow-result": "employed", "follow-note": "Töissä"}
    assert coach_client.post(url, follow).status_code == 200
    outcome.follow_up.refresh_from_db()
    assert outcome.follow_up.result == ""
    give_consent(personas.participant, ConsentPurpose.FOLLOW_UP_CONTACT, by=personas.coach)
    assert 'value="follow_up"' in text(coach_client.get(url))
    response = coach_client.post(url, follow)
    assert response.status_code == 302
    outcome.follow_up.refresh_from_db()
    assert outcome.follow_up.result == "employed"


# --- the participant's own pages ------------------------------------------------------------


def test_my_path_shows_my_things(personas, participant_client, journey):
    content = text(participant_client.get("/my/path/"))
    assert f"<h1>{fi('My path')}</h1>" in content
    assert "Päivitä CV" in content
    assert "trukin ajaminen" in content
    assert 'href="/my/consents/"' in content
    assert f"/my/cv/{journey.draft.pk}/pdf/" in content
    assert personas.caseload_participant.full_name not in content


def test_participant_confirms_own_skill(personas, participant_client, journey):
    url = f"/my/skills/{personas.participant.pk}/{journey.item.pk}/decide/"
    assert participant_client.post(url, {"action": "confirm"}).status_code == 302
    journey.item.refresh_from_db()
    assert journey.item.status == ItemStatus.CONFIRMED


def test_participant_cannot_decide_on_someone_elses_item(personas, client_for, journey):
    # The outsider's participant has no login; use the item of the participant persona
    # through another participant's account: 404.
    from tests.factories import UserFactory, member

    other = member(personas.organisation, "participant")
    ParticipantFactory(organisation=personas.organisation, user=other)
    client = client_for(other)
    url = f"/my/skills/{personas.participant.pk}/{journey.item.pk}/decide/"
    assert client.post(url, {"action": "confirm"}).status_code == 404
    assert UserFactory  # imported for symmetry with other tests


def test_my_data_downloads(personas, participant_client):
    response = participant_client.get("/my/data/json/")
    data = json.loads(response.content)
    assert data["format"] == "kohtaanto-participant-export-1"
    assert "no-store" in response["Cache-Control"]
    html = participant_client.get("/my/data/html/")
    assert html["Content-Type"].startswith("text/html")
    assert "attachment" in html["Content-Disposition"]


@pytest.fixture
def vocabulary(db):
    from kohtaanto.vocabularies.provider import get_taxonomy
    from kohtaanto.vocabularies.services import import_taxonomy

    import_taxonomy(get_taxonomy(), name="starter")


def test_picker_finds_and_adds_a_skill_by_hand(personas, coach_client, vocabulary):
    pid = personas.participant.pk
    content = text(
        coach_client.get(
            f"/participants/{pid}/skills/search/", {"q": "laul"}, HTTP_HX_REQUEST="true"
        )
    )
    assert "laulaminen" in content and 'name="uri"' in content
    uri = content.split('name="uri" value="')[1].split('"')[0]
    response = coach_client.post(f"/participants/{pid}/skills/add/", {"uri": uri})
    assert response.status_code == 302
    item = ProfileItem.objects.get(participant=personas.participant, uri=uri)
    assert item.status == ItemStatus.CONFIRMED


def test_replace_a_suggestion_with_another_skill(personas, coach_client, journey, vocabulary):
    pid = personas.participant.pk
    url = f"/participants/{pid}/skills/search/"
    content = text(coach_client.get(url, {"q": "varast", "replace": journey.item.pk}))
    assert "<h1>" in content and f'name="replace" value="{journey.item.pk}"' in content
    uri = content.split('name="uri" value="')[1].split('"')[0]
    response = coach_client.post(
        f"/participants/{pid}/skills/add/", {"uri": uri, "replace": journey.item.pk}
    )
    assert response.status_code == 302
    journey.item.refresh_from_db()
    assert journey.item.status == ItemStatus.REJECTED
    new = ProfileItem.objects.get(participant=personas.participant, uri=uri)
    assert new.status == ItemStatus.CONFIRMED and new.replaces_uri == journey.item.uri


def test_cannot_replace_an_item_of_another_participant(personas, client_for, journey, vocabulary):
    other_item = ProfileItem.objects.create(
        participant=personas.other_participant,
        uri="http://example.invalid/x",
        kind="skill",
        group="work",
        label="x",
    )
    response = client_for(personas.coach).post(
        f"/participants/{personas.participant.pk}/skills/add/",
        {"uri": journey.item.uri, "replace": other_item.pk},
    )
    assert response.status_code == 404


@pytest.mark.parametrize("wrong", ["1" + "0" * 29, "²", "abc"])
def test_a_replaced_item_that_is_no_item_is_not_found(
    personas, coach_client, journey, vocabulary, wrong
):
    """A number no database id can be, "²" (a digit to `str.isdigit`, not to `int`), a word."""
    pid = personas.participant.pk
    page = coach_client.get(
        f"/participants/{pid}/skills/search/", {"q": "varast", "replace": wrong}
    )
    assert page.status_code == 200
    assert "<h1>" in text(page) and 'name="replace"' not in text(page)  # nothing to replace
    response = coach_client.post(
        f"/participants/{pid}/skills/add/", {"uri": journey.item.uri, "replace": wrong}
    )
    assert response.status_code == 404
    assert ProfileItem.objects.filter(participant=personas.participant).count() == 1


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_every_page_renders_in_each_language(
    personas, coach_client, participant_client, journey, language
):
    pid = personas.participant.pk
    pages = [
        "/caseload/",
        "/participants/new/",
        f"/participants/{pid}/intake/story/",
        f"/participants/{pid}/intake/goals/",
        f"/participants/{pid}/intake/service/",
        f"/participants/{pid}/intake/esf/",
        f"/participants/{pid}/story/",
        f"/participants/{pid}/profile/",
        f"/participants/{pid}/plan/",
        f"/participants/{pid}/digcomp/",
        f"/participants/{pid}/digcomp/{journey.attempt.pk}/2/",
        f"/participants/{pid}/documents/",
        f"/participants/{pid}/documents/cv/{journey.draft.pk}/",
        f"/participants/{pid}/end/",
    ]
    for url in pages:
        response = coach_client.get(url, {"lang": language})
        assert response.status_code == 200, url
        assert f'<html lang="{language}">' in text(response), url
        assert text(response).count("<h1") == 1, url
    for url in ("/my/path/", "/my/data/"):
        response = participant_client.get(url, {"lang": language})
        assert response.status_code == 200, url
        assert text(response).count("<h1") == 1, url

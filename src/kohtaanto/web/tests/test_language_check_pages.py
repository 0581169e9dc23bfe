"""Bad input on the pages that recognise a person's text (issue 13, "Bad input").

- A story in another language than the one chosen is not saved and recognised at once: the
  page asks "Teksti näyttää ruotsinkieliseltä. Tunnistetaanko taidot ruotsiksi?" and keeps the
  text; one button recognises it in the guessed language, the other keeps the chosen one.
- The opportunity skills page asks the same with two links and suggests nothing until asked.
- Empty and whitespace-only stories get a translated answer and recognition does not run.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from kohtaanto.journeys.models import Intake
from kohtaanto.opportunities import services as opportunity_services
from kohtaanto.opportunities.enums import OpportunityStatus
from kohtaanto.profiles import adapters
from kohtaanto.profiles.models import RecognitionRun
from kohtaanto.web.tests.journeys_support import STORY, make_journey

pytestmark = pytest.mark.django_db

SWEDISH = "Jag har arbetat på ett lager i tio år och kört truck på nattskift."
ENGLISH = "I have worked in a warehouse for ten years and driven a forklift on night shifts."
FINNISH = "Olen työskennellyt varastossa kymmenen vuotta ja ajanut trukkia yövuorossa."


def text(response) -> str:
    return response.content.decode()


def shown(msgid: str, language: str) -> str:
    """A UI string as the page in `language` shows it (escaped); fi and sv must be translated."""
    with translation.override(language):
        translated = translation.gettext(msgid)
    assert language == "en" or translated != msgid, f"not translated to {language}: {msgid!r}"
    return escape(translated)


@pytest.fixture
def journey(personas):
    return make_journey(personas)


def story_url(participant) -> str:
    return f"/participants/{participant.pk}/story/"


def runs(participant) -> int:
    return RecognitionRun.objects.filter(participant=participant).count()


@pytest.mark.parametrize("ui", ["fi", "sv", "en"])
def test_swedish_story_chosen_as_finnish_asks_first_and_keeps_the_text(
    personas, coach_client, journey, ui
):
    coach_client.cookies[settings.LANGUAGE_COOKIE_NAME] = ui
    participant = personas.participant
    before = runs(participant)
    response = coach_client.post(story_url(participant), {"story": SWEDISH, "language": "fi"})
    content = text(response)
    assert response.status_code == 200
    assert 'id="language-check"' in content
    assert shown("The text looks like Swedish. Recognise the skills in Swedish?", ui) in content
    assert shown("Recognise as Swedish", ui) in content
    assert shown("Keep Finnish", ui) in content
    assert 'name="language_choice" value="sv" form="story-form"' in content
    assert 'name="language_choice" value="fi" form="story-form"' in content
    assert escape(SWEDISH) in content  # nothing typed is lost
    assert runs(participant) == before  # nothing recognised yet
    assert Intake.objects.get(participant=participant).story == STORY  # nor saved


def test_the_finnish_question_is_the_plain_one(personas, coach_client, journey):
    content = text(
        coach_client.post(story_url(personas.participant), {"story": SWEDISH, "language": "fi"})
    )
    assert "Teksti näyttää ruotsinkieliseltä. Tunnistetaanko taidot ruotsiksi?" in content
    assert "Tunnista ruotsiksi" in content
    assert "Pidä suomi" in content


@pytest.mark.parametrize(("choice", "expected"), [("sv", "sv"), ("fi", "fi")])
def test_each_choice_saves_and_recognises_in_that_language(
    personas, coach_client, journey, choice, expected
):
    participant = personas.participant
    response = coach_client.post(
        story_url(participant), {"story": SWEDISH, "language": "fi", "language_choice": choice}
    )
    assert response.status_code == 302
    intake = Intake.objects.get(participant=participant)
    assert (intake.story, intake.story_language) == (SWEDISH, expected)
    assert RecognitionRun.objects.filter(participant=participant).latest("pk").language == expected


@pytest.mark.parametrize(
    ("story", "chosen", "guessed", "question"),
    [
        (ENGLISH, "sv", "en", "The text looks like English. Recognise the skills in English?"),
        (FINNISH, "en", "fi", "The text looks like Finnish. Recognise the skills in Finnish?"),
        (SWEDISH, "en", "sv", "The text looks like Swedish. Recognise the skills in Swedish?"),
    ],
)
def test_every_pair_of_languages_is_asked(
    personas, coach_client, journey, story, chosen, guessed, question
):
    content = text(
        coach_client.post(story_url(personas.participant), {"story": story, "language": chosen})
    )
    assert shown(question, "fi") in content
    assert f'name="language_choice" value="{guessed}"' in content
    assert f'name="language_choice" value="{chosen}"' in content


@pytest.mark.parametrize(("story", "language"), [(FINNISH, "fi"), (SWEDISH, "sv"), (ENGLISH, "en")])
def test_a_story_in_the_chosen_language_is_saved_at_once(
    personas, coach_client, journey, story, language
):
    response = coach_client.post(
        story_url(personas.participant), {"story": story, "language": language}
    )
    assert response.status_code == 302
    assert Intake.objects.get(participant=personas.participant).story_language == language


def test_a_list_of_names_is_not_questioned(personas, coach_client, journey):
    story = "Excel, PowerPoint, SAP, Teams, Power BI"
    response = coach_client.post(
        story_url(personas.participant), {"story": story, "language": "fi"}
    )
    assert response.status_code == 302


def test_intake_story_step_asks_and_both_choices_work(personas, coach_client):
    participant = personas.caseload_participant
    url = f"/participants/{participant.pk}/intake/story/"
    response = coach_client.post(url, {"story": ENGLISH, "language": "fi"})
    content = text(response)
    assert response.status_code == 200
    assert shown("The text looks like English. Recognise the skills in English?", "fi") in content
    assert 'name="language_choice" value="en"' in content
    assert escape(ENGLISH) in content
    assert runs(participant) == 0

    response = coach_client.post(url, {"story": ENGLISH, "language": "fi", "language_choice": "en"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"/participants/{participant.pk}/intake/goals/")
    assert Intake.objects.get(participant=participant).story_language == "en"

    response = coach_client.post(url, {"story": ENGLISH, "language": "fi", "language_choice": "fi"})
    assert response.status_code == 302
    assert Intake.objects.get(participant=participant).story_language == "fi"


def test_an_unknown_choice_is_no_answer(personas, coach_client, journey):
    response = coach_client.post(
        story_url(personas.participant),
        {"story": SWEDISH, "language": "fi", "language_choice": "de"},
    )
    assert response.status_code == 200
    assert 'id="language-check"' in text(response)


@pytest.mark.parametrize("ui", ["fi", "sv", "en"])
@pytest.mark.parametrize("story", ["", "   ", "\r\n\t  \r\n"])
def test_empty_story_is_answered_in_the_ui_language_without_recognition(
    personas, coach_client, journey, ui, story
):
    coach_client.cookies[settings.LANGUAGE_COOKIE_NAME] = ui
    participant = personas.participant
    before = runs(participant)
    response = coach_client.post(story_url(participant), {"story": story, "language": "fi"})
    assert response.status_code == 200
    assert shown("Write the story first. It cannot be empty.", ui) in text(response)
    assert 'id="language-check"' not in text(response)
    assert runs(participant) == before
    assert Intake.objects.get(participant=participant).story == STORY


def test_recognise_story_does_not_run_the_engine_for_blank_text(monkeypatch):
    def boom() -> None:
        raise AssertionError("the engine must not run")

    monkeypatch.setattr(adapters.provider, "get_engine", boom)
    assert adapters.recognise_story("", "fi") == []
    assert adapters.recognise_story(" \n\t ", "sv") == []


def test_the_longest_story_is_saved_and_recognised(personas, coach_client, journey):
    sentence = "Olen ajanut trukkia varastossa ja laulan kuorossa. "
    story = (sentence * 400)[:20_000].strip()
    assert len(story) > 19_900
    response = coach_client.post(
        story_url(personas.participant), {"story": story, "language": "fi"}
    )
    assert response.status_code == 302
    assert Intake.objects.get(participant=personas.participant).story == story
    assert RecognitionRun.objects.filter(participant=personas.participant).exists()


# --- the opportunity skills page -------------------------------------------------------------


@pytest.fixture
def swedish_ad(personas):
    opportunity_services.save_employer_profile(
        personas.employer_organisation, service_organisation=personas.organisation
    )
    return opportunity_services.create_opportunity(
        organisation=personas.organisation,
        employer=personas.employer_organisation,
        title="Lagerarbetare",
        description="Vi söker en lagerarbetare som kan köra truck. Truckkort är en fördel.",
        description_language="fi",
        status=OpportunityStatus.OPEN,
    )


@pytest.fixture
def recognised_in(monkeypatch) -> list[str]:
    """The languages the skills page recognised in (the real engine still answers)."""
    languages: list[str] = []
    real = adapters.recognise_story

    def spy(text: str, lang: str, limit: int = 25):
        languages.append(lang)
        return real(text, lang, limit)

    monkeypatch.setattr(adapters, "recognise_story", spy)
    return languages


@pytest.mark.parametrize("ui", ["fi", "sv", "en"])
def test_skills_page_asks_before_suggesting(coach_client, swedish_ad, recognised_in, ui):
    coach_client.cookies[settings.LANGUAGE_COOKIE_NAME] = ui
    url = reverse("opportunities:skills", args=[swedish_ad.pk])
    content = text(coach_client.get(url))
    assert shown("The text looks like Swedish. Recognise the skills in Swedish?", ui) in content
    assert f'href="{url}?recognise_as=sv"' in content
    assert f'href="{url}?recognise_as=fi"' in content
    assert shown("Choose the language above. Then the skills are looked for in the text.", ui) in (
        content
    )
    assert recognised_in == []  # nothing recognised in the wrong language


@pytest.mark.parametrize("choice", ["sv", "fi"])
def test_skills_page_choice_recognises_in_that_language(
    coach_client, swedish_ad, recognised_in, choice
):
    url = reverse("opportunities:skills", args=[swedish_ad.pk])
    content = text(coach_client.get(url, {"recognise_as": choice}))
    assert 'id="language-check"' not in content
    assert recognised_in == [choice]
    assert f'name="recognise_as" value="{choice}"' in content  # kept for saving and searching


def test_skills_page_without_a_question(coach_client, personas, swedish_ad, recognised_in):
    swedish_ad.description_language = "sv"
    swedish_ad.save(update_fields=["description_language"])
    content = text(coach_client.get(reverse("opportunities:skills", args=[swedish_ad.pk])))
    assert 'id="language-check"' not in content
    assert recognised_in == ["sv"]


def test_saving_after_recognise_as_swedish_makes_swedish_the_ads_language(
    coach_client, swedish_ad, recognised_in
):
    """The answer is kept: the next visit asks nothing and recognises in Swedish."""
    url = reverse("opportunities:skills", args=[swedish_ad.pk])
    assert swedish_ad.description_language == "fi"
    response = coach_client.post(url, {"count": "0", "recognise_as": "sv"})
    assert response.status_code == 302
    swedish_ad.refresh_from_db()
    assert swedish_ad.description_language == "sv"
    assert swedish_ad.skills_reviewed_at is not None
    recognised_in.clear()
    content = text(coach_client.get(url))
    assert 'id="language-check"' not in content
    assert recognised_in == ["sv"]


def test_adding_one_skill_does_not_change_the_ads_language(coach_client, swedish_ad):
    url = reverse("opportunities:skills", args=[swedish_ad.pk])
    coach_client.post(
        url,
        {
            "count": "0",
            "recognise_as": "sv",
            "add_uri": "http://data.europa.eu/esco/skill/28cb374e-6261-4133-8371-f9a5470145da",
            "add_importance": "required",
        },
    )
    swedish_ad.refresh_from_db()
    assert swedish_ad.description_language == "fi"  # adding is not the review's answer


def test_set_skills_refuses_an_unknown_language(swedish_ad):
    from kohtaanto.core.errors import ValidationFailed
    from kohtaanto.opportunities import services

    with pytest.raises(ValidationFailed):
        services.set_skills(swedish_ad, [], review=True, language="xx")
    swedish_ad.refresh_from_db()
    assert swedish_ad.description_language == "fi"

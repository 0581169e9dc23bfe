"""Issue 12, readable pages: dates within the service period (errors keep what was typed), the
story limit, the participant's readable data view and the DigComp levels. In Finnish."""

from __future__ import annotations

import datetime as dt
import html

import pytest
from django.utils import timezone

from kohtaanto.journeys import services as journey_services
from kohtaanto.journeys.models import Goal, Outcome
from kohtaanto.web.tests.test_journeys_pages import fi, text

pytestmark = pytest.mark.django_db


def test_end_before_the_start_shows_the_error_and_keeps_the_input(personas, coach_client):
    participant = personas.participant
    start = timezone.localdate() - dt.timedelta(days=20)
    journey_services.update_intake(participant, by=personas.coach, service_start=start)
    before = start - dt.timedelta(days=3)
    url = f"/participants/{participant.pk}/end/"
    response = coach_client.post(
        url,
        {
            "form": "outcome",
            "outcome_type": "employment",
            "date": before.isoformat(),
            "note": "Muistiinpano 42",
        },
    )
    content = text(response)
    assert response.status_code == 200
    assert "ennen kuin palvelu alkoi" in content
    assert f'value="{before.isoformat()}"' in content and "Muistiinpano 42" in content
    assert 'aria-invalid="true"' in content
    assert f"{start.day}.{start.month}.{start.year}" in content  # said before typing, too
    assert not Outcome.objects.filter(participant=participant).exists()


def test_goal_due_decades_ago_shows_the_error_and_keeps_the_input(personas, coach_client):
    participant = personas.participant
    url = f"/participants/{participant.pk}/plan/"
    response = coach_client.post(
        url,
        {"form": "goal", "goal-title": "Trukkikortti", "goal-due": "1995-05-01", "goal-steps": ""},
    )
    content = text(response)
    assert response.status_code == 200, response
    assert "Trukkikortti" in content and 'value="1995-05-01"' in content
    assert fi("The date cannot be before the service started (%(start)s).").split("(")[0] in content
    assert not Goal.objects.filter(participant=participant, title="Trukkikortti").exists()
    start = timezone.localdate(participant.created)  # no intake: the day the person was added
    assert f"Ei ennen kuin palvelu alkoi ({start.day}.{start.month}.{start.year})" in content


LONG_STORY = ("Olen ajanut trukkia ja kerännyt tilauksia varastossa.\r\n" * 600)[:30_000]


@pytest.mark.parametrize("page", ["intake/story/", "story/"])
def test_story_limit_is_said_before_typing_and_counted(personas, coach_client, page):
    content = text(coach_client.get(f"/participants/{personas.participant.pk}/{page}"))
    assert "20\xa0000" in content or "20 000" in content  # the limit, Finnish grouping
    assert 'data-max-chars="20000"' in content and "maxlength" not in content
    said = content.index("Tarina voi olla enintään 20\xa0000 merkkiä")
    assert said < content.index("<textarea")  # before the person types
    assert "journeys/journeys.js" in content


@pytest.mark.parametrize("page", ["intake/story/", "story/"])
def test_a_too_long_story_is_refused_and_kept_whole(personas, coach_client, page):
    from kohtaanto.journeys.models import Intake

    participant = personas.participant
    before = Intake.objects.filter(participant=participant).values_list("story", flat=True).first()
    response = coach_client.post(
        f"/participants/{participant.pk}/{page}", {"story": LONG_STORY, "language": "fi"}
    )
    content = text(response)
    assert response.status_code == 200
    assert "liian pitkä" in content and 'aria-invalid="true"' in content
    # the whole text is back in the field, not cut (the line breaks as the browser sends them)
    kept = content.split("<textarea", 1)[1].split(">", 1)[1].split("</textarea>", 1)[0]
    assert (
        html.unescape(kept).replace("\r\n", "\n").strip()
        == LONG_STORY.replace("\r\n", "\n").strip()
    )
    after = Intake.objects.filter(participant=participant).values_list("story", flat=True).first()
    assert after == before


def test_a_story_at_the_limit_with_line_breaks_is_saved(personas, coach_client):
    from kohtaanto.journeys.models import Intake

    participant = personas.participant
    story = ("Ajoin trukkia.\r\n" * 2000)[: 20_000 + 1000]
    story = story.replace("\r\n", "\n")[:20_000].replace("\n", "\r\n")  # 20,000 with LF
    response = coach_client.post(
        f"/participants/{participant.pk}/intake/story/", {"story": story, "language": "fi"}
    )
    assert response.status_code == 302
    saved = Intake.objects.get(participant=participant).story
    assert len(saved) <= 20_000 and saved.startswith("Ajoin trukkia.\nAjoin")


# --- the participant's data, readable ---------------------------------------------------------


def test_my_data_page_is_readable(personas, participant_client):
    import re

    from kohtaanto.web.tests.journeys_support import make_journey

    journey = make_journey(personas)
    journey_services.log_session(
        personas.participant,
        by=personas.coach,
        kind="individual",
        starts_at=timezone.now() - dt.timedelta(hours=2),
        done_together="Teimme CV:n",
    )
    content = text(participant_client.get("/my/data/"))
    for heading in ("Minun tietoni", "Taidot", "Suunnitelma", "Tapaamiset", "Suostumukset"):
        assert f">{heading}</h2>" in content, heading
    assert "Teimme CV:n" in content and "Yksilötapaaminen" in content
    assert journey.item.label in content  # "trukin ajaminen", by its label
    assert "http://data.europa.eu" not in content
    assert not re.search(r"\d{4}-\d{2}-\d{2}T\d{2}", content)  # no ISO timestamps
    moment = timezone.localtime()
    assert f"{moment.day}.{moment.month}.{moment.year}" in content  # Finnish date
    assert 'href="/my/data/json/"' in content and 'href="/my/data/html/"' in content
    assert "data-print" in content


def test_my_data_downloads_stay(personas, participant_client):
    import json

    response = participant_client.get("/my/data/json/")
    data = json.loads(response.content)
    assert data["format"] == "kohtaanto-participant-export-1"
    html_page = participant_client.get("/my/data/html/").content.decode()
    assert "Minun tietoni" in html_page and "export-record" in html_page


def test_coach_has_no_my_data_page(coach_client):
    assert coach_client.get("/my/data/").status_code == 404


# --- DigComp results readable -----------------------------------------------------------------


def _digcomp_uri(code: str) -> str:
    from kohtaanto.vocabularies import provider

    return next(
        c.uri for c in provider.get_taxonomy() if "digcomp" in c.collections and c.code == code
    )


@pytest.fixture
def digcomp_done(personas):
    """Area 1 answered 3, 3, 5 (mean 3,7: intermediate), area 2 all 5 (advanced), the rest 1
    (foundation); a course that teaches competence 1.2 and one for area 3."""
    from kohtaanto.journeys import rules
    from kohtaanto.opportunities import services as opportunity_services

    answers = dict.fromkeys(rules.digcomp().questions, 1)
    answers.update({"1.1": 3, "1.2": 3, "1.3": 5})
    answers.update(dict.fromkeys(rules.digcomp().areas["2"].competences, 5))
    journey_services.submit_digcomp(
        personas.participant, by=personas.coach, answers=answers, with_coach=True
    )
    info = opportunity_services.create_course(
        organisation=None,
        title="Tiedonhaun kurssi",
        provider="Kansalaisopisto",
        hours=6,
        skills=[_digcomp_uri("1.2")],
    )
    content = opportunity_services.create_course(
        organisation=personas.participant.organisation,
        title="Sisällöt tutuiksi",
        skills=[_digcomp_uri("3.1")],
    )
    return info, content


def test_coach_sees_levels_in_words_with_decimal_comma_table_and_courses(
    personas, coach_client, digcomp_done
):
    info, _content_course = digcomp_done
    page = text(coach_client.get(f"/participants/{personas.participant.pk}/digcomp/"))
    assert "Keskitaso" in page and "Edistynyt taso" in page and "Perustaso" in page
    assert "keskiarvo 3,7 / 5" in page and "3.7" not in page
    assert "<table" in page and fi("Level now") in page
    assert "Tiedonhaun kurssi" in page and "Sisällöt tutuiksi" in page
    assert f"/courses/{info.pk}/" in page  # the coach's course page
    assert "6 tuntia" in page or "6,0 tuntia" in page
    assert fi("Already at an advanced level.") in page  # area 2: no course needed
    assert 'font-size="16"' in page and 'width="640"' not in page


def test_participant_sees_own_levels_and_what_next(personas, participant_client, digcomp_done):
    info, _content = digcomp_done
    page = text(participant_client.get("/my/path/"))
    assert fi("Your level in each area") in page
    assert "Keskitaso" in page and "keskiarvo 3,7 / 5" in page
    assert "Tiedonhaun kurssi" in page
    assert f"/my/courses/{info.pk}/" in page  # the participant's own course page
    assert fi("What next: courses that help you learn more") in page
    assert fi("You know this well. You can help others, too.") in page


def test_swedish_decimal_comma_and_english_dot(personas, coach_client, digcomp_done):
    from django.conf import settings

    url = f"/participants/{personas.participant.pk}/digcomp/"
    coach_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    swedish = text(coach_client.get(url))
    coach_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = text(coach_client.get(url))
    assert "medelvärde 3,7 av 5" in swedish and "Mellannivå" in swedish
    assert "average 3.7 of 5" in english and "Intermediate" in english


def test_the_data_export_shows_digcomp_levels(personas, digcomp_done):
    from kohtaanto.journeys import export

    html_page = export.render_export_html(
        export.export_participant_data(personas.participant), "fi"
    )
    assert "3,7 – Keskitaso" in html_page

"""Acting on suggestions through the pages (Finnish, the default language): the participant
opens an opportunity or course and answers; the coach sees the answers, the badges and the
filter, proposes in one step and hears of the employer's answer; both home pages show real next
steps."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from tests.factories_journeys import SessionFactory, TaskFactory

from kohtaanto.journeys.enums import SessionStatus
from kohtaanto.matches import interests, services
from kohtaanto.matches.enums import InterestKind, ProposalStatus
from kohtaanto.matches.models import Interest, Proposal
from kohtaanto.matches.tests.conftest import (  # noqa: F401 (fixtures)
    FORKLIFT,
    INVENTORY,
    MATCHING,
    courses,
    matched,
    ready,
    warehouse,
)
from kohtaanto.opportunities.models import Opportunity
from kohtaanto.web.journeys.casefile import participant_nav

pytestmark = pytest.mark.django_db

MY = "/matches/my/"


def answer_url(target, pk):
    return reverse("matches:my_answer", args=[target, pk])


def _detail_warehouse(warehouse):  # noqa: F811
    warehouse.description = "Keräilyä ja trukkiajoa.\nAamuvuoro."
    warehouse.municipality_code = "091"
    warehouse.hours_per_week = Decimal("37.5")
    warehouse.start_date = dt.date(2027, 3, 1)
    warehouse.end_date = dt.date(2027, 9, 30)
    warehouse.save()


def test_card_links_to_a_readable_detail_page(matched, warehouse, participant_client):  # noqa: F811
    _detail_warehouse(warehouse)
    html = participant_client.get(MY).content.decode()
    detail = reverse("matches:my_opportunity", args=[warehouse.pk])
    assert f'href="{detail}"' in html
    assert "Kiinnostaa minua" in html and "Ei minua varten" in html
    # each card's form has its own names and ids (many cards on one page)
    assert f'name="opportunity-{warehouse.pk}-reason"' in html
    assert f'id="id_opportunity-{warehouse.pk}-reason_code_0"' in html
    assert 'id="id_reason"' not in html
    assert "Taitoja ei ole vielä tarkistettu" not in html
    page = participant_client.get(detail)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Varastotyöntekijä" in text and "Konepaja Virtanen Oy" in text
    assert "Helsinki" in text
    assert "37,5 tuntia viikossa" in text  # decimal comma
    assert "1.3.2027" in text and "30.9.2027" in text
    assert "Keräilyä ja trukkiajoa." in text
    assert "trukin ajo" in text  # what matches …
    assert "työturvallisuus" in text  # … and what to learn
    assert "Turvallisuus verkossa" in text  # the course that teaches it, linked
    assert "Kiinnostaa minua" in text


def test_unreviewed_skills_are_noted_on_the_card(
    matched,  # noqa: F811
    warehouse,  # noqa: F811
    participant_client,
    monkeypatch,
):
    if hasattr(Opportunity, "skills_suggested_at"):  # recognised in the background, not reviewed
        warehouse.skills_suggested_at = timezone.now()
        warehouse.skills_reviewed_at = None
        warehouse.save()
    else:
        monkeypatch.setattr(
            Opportunity, "skills_awaiting_review", property(lambda self: True), raising=False
        )
    html = participant_client.get(MY).content.decode()
    assert "Taitoja ei ole vielä tarkistettu" in html
    detail = participant_client.get(reverse("matches:my_opportunity", args=[warehouse.pk]))
    assert "Tämän työn taitoja ei ole vielä tarkistettu." in detail.content.decode()


def test_course_detail_page(matched, courses, participant_client):  # noqa: F811
    course = courses[1]
    page = participant_client.get(reverse("matches:my_course", args=[course.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Turvallisuus verkossa" in text and "Maksuton" in text
    assert "työturvallisuus" in text  # what you learn
    response = participant_client.post(
        answer_url("course", course.pk), {f"course-{course.pk}-kind": "interested"}
    )
    assert response.status_code == 302
    assert Interest.objects.get().course == course


def test_answer_without_javascript_then_change_and_remove(matched, warehouse, participant_client):  # noqa: F811
    prefix = f"opportunity-{warehouse.pk}"
    url = answer_url("opportunity", warehouse.pk)
    response = participant_client.post(url, {f"{prefix}-kind": "interested", "next": MY})
    assert response.status_code == 302 and response["Location"] == MY
    page = participant_client.get(MY).content.decode()
    assert "Tallennettu. Valmentajasi näkee, että olet kiinnostunut." in page
    assert "Kiinnostaa sinua" in page and "Poista vastaukseni" in page
    participant_client.post(
        url,
        {
            f"{prefix}-kind": "not_for_me",
            f"{prefix}-reason_code": "too_far",
            f"{prefix}-reason": "Matka kestää kaksi tuntia.",
        },
    )
    interest = Interest.objects.get()
    assert (interest.kind, interest.reason_code) == ("not_for_me", "too_far")
    detail = participant_client.get(reverse("matches:my_opportunity", args=[warehouse.pk]))
    assert "Matka kestää kaksi tuntia." in detail.content.decode()  # shown again, changeable
    participant_client.post(url, {"clear": "1"})
    assert not Interest.objects.exists()


def test_answer_with_htmx_returns_the_answer_block(matched, warehouse, participant_client):  # noqa: F811
    prefix = f"opportunity-{warehouse.pk}"
    response = participant_client.post(
        answer_url("opportunity", warehouse.pk),
        {f"{prefix}-kind": "interested"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert f'id="answer-opportunity-{warehouse.pk}"' in html
    assert "Tallennettu." in html and 'role="status"' in html


def test_too_long_reason_is_refused_and_kept(matched, warehouse, participant_client):  # noqa: F811
    prefix = f"opportunity-{warehouse.pk}"
    typed = "Liian pitkä perustelu. " * 30  # > 500 characters
    response = participant_client.post(
        answer_url("opportunity", warehouse.pk),
        {f"{prefix}-kind": "not_for_me", f"{prefix}-reason": typed},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Kirjoita enintään 500 merkkiä." in html
    assert typed.strip() in html  # what was typed stays
    assert "Voit kirjoittaa enintään 500 merkkiä." in html  # the limit said before typing
    assert not Interest.objects.exists()


def test_coach_sees_answers_badge_and_proposes_in_one_step(
    matched,  # noqa: F811
    warehouse,  # noqa: F811
    coach_client,
    coach,
):
    interests.mark_interest(
        matched.user, matched, warehouse, InterestKind.INTERESTED, reason="Haluan varastoon."
    )
    tabs = participant_nav(matched, "plan")
    suggestions_tab = next(t for t in tabs if "Ehdotetut" in str(t["label"]) or t["new_answers"])
    assert suggestions_tab["new_answers"] == 1 and "1 uusi vastaus" in str(suggestions_tab["label"])
    url = reverse("matches:participant_suggestions", args=[matched.pk])
    html = coach_client.get(url).content.decode()
    assert "Osallistujan vastaukset" in html
    assert "Haluan varastoon." in html and "Uusi" in html
    assert "Ehdota työnantajalle" in html
    assert interests.unseen_count(matched) == 0  # viewing marks them seen
    answer = Interest.objects.get()
    response = coach_client.post(
        reverse("matches:propose_interest", args=[answer.pk]), {"next": url}
    )
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert proposal.interest == answer and proposal.proposed_by == coach
    html = coach_client.get(response["Location"]).content.decode()
    assert "Osallistuja ehdotettiin työnantajalle." in html
    assert "Ehdota työnantajalle" not in html  # already proposed: the status instead


def test_missing_consent_is_shown_translated(personas, warehouse, coach_client):  # noqa: F811
    participant = personas.participant
    ready(participant, [FORKLIFT, INVENTORY], purposes=MATCHING)
    answer = interests.mark_interest(
        participant.user, participant, warehouse, InterestKind.INTERESTED
    )
    url = reverse("matches:participant_suggestions", args=[participant.pk])
    response = coach_client.post(
        reverse("matches:propose_interest", args=[answer.pk]), {"next": url}, follow=True
    )
    html = response.content.decode()
    assert "The participant has not agreed" not in html
    assert not Proposal.objects.exists()
    assert "Osallistuja ei ole suostunut profiilinsa näyttämiseen työnantajille." in html


def test_caseload_badge_filter_and_case_file_link(
    matched,  # noqa: F811
    warehouse,  # noqa: F811
    personas,
    coach_client,
):
    interests.mark_interest(matched.user, matched, warehouse, InterestKind.NOT_FOR_ME)
    html = coach_client.get(reverse("journeys:caseload")).content.decode()
    assert "1 uusi vastaus" in html
    first_tab = participant_nav(matched, "")[0]["url"]
    assert f'href="{first_tab}"' in html  # the name opens the case file's first tab …
    assert 'class="case-tabs"' in coach_client.get(first_tab).content.decode()  # … with tabs
    filtered = coach_client.get(reverse("journeys:caseload"), {"new_answers": "on"})
    text = filtered.content.decode()
    assert matched.full_name in text
    assert personas.caseload_participant.full_name not in text
    everyone = coach_client.get(reverse("journeys:caseload")).content.decode()
    assert personas.caseload_participant.full_name in everyone


def test_coach_home_lists_employer_answers_until_read(
    matched,  # noqa: F811
    warehouse,  # noqa: F811
    coach,
    personas,
    coach_client,
):
    coach.email = "valmentaja@example.org"
    coach.save()
    proposal = services.propose(coach, matched.pk, warehouse.pk)
    assert "Työnantajien vastaukset" not in coach_client.get("/").content.decode()
    mail.outbox.clear()
    services.respond(personas.employer_contact, proposal.pk, accept=True)
    assert mail.outbox[0].subject == "Työnantaja hyväksyi ehdotuksesi"
    assert matched.last_name not in mail.outbox[0].body
    html = coach_client.get("/").content.decode()
    assert "Työnantajien vastaukset" in html and "Varastotyöntekijä" in html
    response = coach_client.post(reverse("matches:answer_seen", args=[proposal.pk]), {"next": "/"})
    assert response.status_code == 302
    assert "Työnantajien vastaukset" not in coach_client.get("/").content.decode()


def test_participant_home_shows_real_next_steps(
    matched,  # noqa: F811
    warehouse,  # noqa: F811
    coach,
    personas,
    participant_client,
):
    TaskFactory(participant=matched, title="Päivitä CV", due=timezone.localdate())
    SessionFactory(
        participant=matched,
        status=SessionStatus.PLANNED,
        starts_at=timezone.now() + dt.timedelta(days=3),
    )
    proposal = services.propose(coach, matched.pk, warehouse.pk)
    services.respond(personas.employer_contact, proposal.pk, accept=True)
    html = participant_client.get("/").content.decode()
    assert "Päivitä CV" in html
    assert "Seuraava tapaamiseni" in html
    assert "Työnantaja on vastannut." in html
    assert "1 työ odottaa vastaustasi." in html
    assert reverse("matches:my_suggestions") in html
    assert "seuraavan tapaamisen jälkeen" not in html


def test_participant_home_says_after_the_next_meeting_only_when_nothing(
    personas, participant_client
):
    html = participant_client.get("/").content.decode()
    assert "Näet ne tässä seuraavan tapaamisen jälkeen." in html


def test_employer_answer_on_the_participants_page_once(
    matched,  # noqa: F811
    warehouse,  # noqa: F811
    coach,
    personas,
    participant_client,
):
    proposal = services.propose(coach, matched.pk, warehouse.pk)
    services.respond(personas.employer_contact, proposal.pk, accept=False)
    assert Proposal.objects.get().status == ProposalStatus.DECLINED
    first = participant_client.get(MY).content.decode()
    assert "Vastauksia työnantajilta" in first
    assert "Vastauksia työnantajilta" not in participant_client.get(MY).content.decode()


@pytest.mark.parametrize(
    ("language", "interested", "panel", "propose"),
    [
        ("sv", "Jag är intresserad", "Deltagarens svar", "Föreslå för arbetsgivaren"),
        ("en", "I'm interested", "Participant's answers", "Propose to the employer"),
        ("fi", "Kiinnostaa minua", "Osallistujan vastaukset", "Ehdota työnantajalle"),
    ],
)
def test_pages_in_each_language(
    matched,  # noqa: F811
    warehouse,  # noqa: F811
    personas,
    client_for,
    language,
    interested,
    panel,
    propose,
):
    for user in (personas.participant_user, personas.coach):
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
    me = client_for(personas.participant_user)
    page = me.get(reverse("matches:my_opportunity", args=[warehouse.pk])).content.decode()
    assert f'<html lang="{language}"' in page and interested in page
    interests.mark_interest(matched.user, matched, warehouse, InterestKind.INTERESTED)
    coach = client_for(personas.coach)
    html = coach.get(reverse("matches:participant_suggestions", args=[matched.pk])).content
    assert panel in html.decode() and propose in html.decode()


def test_a_proposed_card_shows_the_proposal_instead_of_the_answer_buttons(
    matched,  # noqa: F811
    warehouse,  # noqa: F811
    coach,
    participant_client,
):
    services.propose(coach, matched.pk, warehouse.pk)
    html = participant_client.get(MY).content.decode()
    assert "Valmentajasi ehdotti sinua työnantajalle" in html
    assert f'id="answer-opportunity-{warehouse.pk}"' not in html
    detail = participant_client.get(reverse("matches:my_opportunity", args=[warehouse.pk]))
    assert f'id="answer-opportunity-{warehouse.pk}"' in detail.content.decode()

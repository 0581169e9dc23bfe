"""What the pages say, in Finnish, for a native speaker, an A2 learner and a person with
no_heavy_lifting: known languages count, near-misses with the closing course instead of "no
suitable opportunities", limits marked for the coach and never for the employer."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kohtaanto.journeys.models import RestrictedConstraints
from kohtaanto.journeys.services.intake import set_restriction_codes
from kohtaanto.matches import services
from kohtaanto.matches.enums import InterestKind
from kohtaanto.matches.models import Interest
from kohtaanto.matches.suggestions import suggestions_for
from kohtaanto.people.enums import ConsentPurpose

from . import test_people_matching as base
from .conftest import FORKLIFT, INVENTORY, consent, make_opportunity
from .test_people_matching import LIFT_HEAVY, learner

care_job = base.care_job
finnish_courses = base.finnish_courses

pytestmark = pytest.mark.django_db

MY = reverse("matches:my_suggestions") + "?lang=fi"


def test_a_native_speaker_sees_finnish_as_a_skill_they_have(
    personas, care_job, finnish_courses, participant_client
):
    learner(personas, "native")
    html = participant_client.get(MY).content.decode()
    assert "Varastoavustaja" in html
    assert "kielet, joita osaan" in html  # where "Finnish" came from
    assert "Suomea aloittelijoille" not in html
    assert "Sopisit näihin, jos" not in html


def test_an_a2_learner_sees_the_near_miss_and_the_b1_course(
    personas, care_job, finnish_courses, participant_client
):
    learner(personas, "A2")
    html = participant_client.get(MY).content.decode()
    assert "Juuri nyt mikään paikka ei sovi kokonaan" in html
    assert "Ei sopivia" not in html and "No suitable" not in html
    assert "Sopisit näihin, jos" in html
    assert "Työssä tarvitaan kieltä suomi tasolla B1." in html
    assert "Sinun tasosi nyt: A2." in html
    assert "Tämä kurssi auttaa: Suomea työelämään B1." in html
    assert reverse("matches:my_course", args=[finnish_courses["B1"].pk]) in html
    assert "Suomea aloittelijoille" not in html


def test_limits_are_marked_for_the_coach_and_never_for_the_employer(
    personas, coach, coach_client, employer_contact_client
):
    participant = learner(personas, "native")
    consent(participant, [ConsentPurpose.SHARE_PROFILE_WITH_EMPLOYERS])
    job = make_opportunity(
        personas.organisation,
        personas.employer_organisation,
        required=[FORKLIFT, INVENTORY, LIFT_HEAVY],
        title="Terminaalityö",
        municipality_code="091",
        region_code="01",
    )
    make_opportunity(
        personas.organisation,
        personas.employer_organisation,
        required=[FORKLIFT, INVENTORY],
        title="Kantotyö",
        municipality_code="091",
        region_code="01",
        physical_demands=["heavy_lifting"],
    )
    consent(participant, [ConsentPurpose.RESTRICTED_HEALTH_CONSTRAINTS])
    set_restriction_codes(participant, by=coach, codes=["no_heavy_lifting"])
    url = reverse("matches:participant_suggestions", args=[participant.pk]) + "?lang=fi"
    html = coach_client.get(url).content.decode()
    assert "Ristiriidassa kirjattujen rajoitusten kanssa: Ei raskaita nostoja." in html
    assert "Jätetty pois työn rajoitusten takia" in html and "Kantotyö" in html
    assert reverse("journeys:limits", args=[participant.pk]) in html
    coach_view = {s.opportunity: s.explanation for s in services.suggestions_for(participant).items}
    proposal = services.propose(coach, participant.pk, job.pk)
    assert proposal.score > coach_view[job].score  # the employer's score knows no limits
    employer = employer_contact_client.get(
        reverse("matches:candidates", args=[job.pk]) + "?lang=fi"
    ).content.decode()
    assert "Terminaalityö" in employer
    for secret in ("Rajoitu", "rajoitu", "Ei raskaita nostoja", "Kantotyö"):
        assert secret not in employer


def test_the_participant_sees_what_was_hidden_as_not_for_me(
    personas, warehouse, participant_client
):
    participant = learner(personas, "native")
    Interest.objects.create(
        participant=participant, opportunity=warehouse, kind=InterestKind.NOT_FOR_ME
    )
    html = participant_client.get(MY).content.decode()
    assert "1 ilmoitus ei näy, koska siinä on merkintä ”Ei minulle”." in html
    assert "Näytä ne" in html
    assert reverse("matches:my_opportunity", args=[warehouse.pk]) in html


def test_the_limits_page_saves_the_codes(personas, coach_client):
    participant = learner(personas, "native")
    consent(participant, [ConsentPurpose.RESTRICTED_HEALTH_CONSTRAINTS])
    url = reverse("journeys:limits", args=[participant.pk])
    page = coach_client.get(url + "?lang=fi").content.decode()
    assert "Ei raskaita nostoja" in page and "Ei yövuoroja" in page
    response = coach_client.post(url, {"codes": ["no_driving"]})
    assert response.status_code == 302
    page = coach_client.get(url).content.decode()
    assert page.count(" checked") == 1 and 'value="no_driving"' in page
    assert RestrictedConstraints.objects.get(participant=participant).codes == ["no_driving"]


def test_a_coordinator_does_not_see_what_the_limits_changed(personas, coach, coordinator_client):
    participant = learner(personas, "native")
    make_opportunity(
        personas.organisation,
        personas.employer_organisation,
        required=[FORKLIFT, INVENTORY, LIFT_HEAVY],
        title="Terminaalityö",
        municipality_code="091",
        region_code="01",
    )
    make_opportunity(
        personas.organisation,
        personas.employer_organisation,
        required=[FORKLIFT, INVENTORY],
        title="Kantotyö",
        municipality_code="091",
        region_code="01",
        physical_demands=["heavy_lifting"],
    )
    consent(participant, [ConsentPurpose.RESTRICTED_HEALTH_CONSTRAINTS])
    set_restriction_codes(participant, by=coach, codes=["no_heavy_lifting"])
    url = reverse("matches:participant_suggestions", args=[participant.pk]) + "?lang=fi"
    html = coordinator_client.get(url).content.decode()
    assert "Terminaalityö" in html
    for secret in ("Ristiriidassa", "Jätetty pois työn rajoitusten takia", "Työn rajoitukset:"):
        assert secret not in html
    # Computed without the limits for a coordinator: nothing is left out or lowered because of
    # them, so not even the list gives them away (the person's own coach sees the difference).
    coordinator_view = suggestions_for(participant, limits=False)
    assert "Kantotyö" in html and "Kantotyö" in titles(coordinator_view.items)
    coach_view = suggestions_for(participant, limits=True)
    assert "Kantotyö" not in titles(coach_view.items)
    assert [
        s.explanation.score
        for s in coordinator_view.items
        if s.opportunity.title == ("Terminaalityö")
    ] > [s.explanation.score for s in coach_view.items if s.opportunity.title == "Terminaalityö"]


def titles(items: object) -> list[str]:
    return [s.opportunity.title for s in items]  # type: ignore[attr-defined]

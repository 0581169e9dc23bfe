from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from kohtaanto.core.errors import PermissionDenied, ValidationFailed
from kohtaanto.journeys import selectors, services
from kohtaanto.journeys.models import STORY_MAX_LENGTH, EsfEntryData, Intake, RestrictedConstraints
from kohtaanto.people import services as people_services
from kohtaanto.people.access import ParticipantNotFound
from kohtaanto.people.enums import ConsentPurpose
from kohtaanto.profiles.models import ProfileItem

pytestmark = pytest.mark.django_db

STORY = (
    "Olin paperitehtaalla kolmekymmentä vuotta koneenhoitajana. Trukkikortti on voimassa. "
    "Vapaa-ajalla valmennan junioreiden jalkapallojoukkuetta."
)


def _new(organisation, coach, **extra):
    fields = {
        "organisation": organisation,
        "by": coach,
        "first_name": "Raimo",
        "last_name": "Lehtonen",
        "birth_date": dt.date(1963, 4, 2),
        "email": "raimo@example.fi",
        "municipality_code": "240",
        "languages": [("fi", "native"), ("sv", "A2")],
    }
    return services.create_participant_with_intake(**{**fields, **extra})


def test_create_participant_with_intake(organisation, coach):
    participant = _new(organisation, coach)
    assert participant.intake.municipality_code == "240"
    assert list(participant.coaches.all()) == [coach]
    assert sorted(participant.spoken_languages.values_list("language", "level")) == [
        ("fi", "native"),
        ("sv", "A2"),
    ]


@pytest.mark.parametrize(
    "extra",
    [
        {"email": "other@example.fi"},  # same name + birth date
        {"birth_date": None, "email": "RAIMO@example.fi"},  # same name + e-mail
        {"first_name": "raimo", "last_name": "LEHTONEN", "email": ""},
    ],
)
def test_duplicate_participant_is_an_error(organisation, coach, extra):
    _new(organisation, coach)
    with pytest.raises(ValidationFailed) as error:
        _new(organisation, coach, **extra)
    assert error.value.code == "duplicate"
    assert Intake.objects.count() == 1


def test_same_name_other_person_is_not_a_duplicate(
    organisation, coach, other_organisation, outsider
):
    _new(organisation, coach)
    _new(organisation, coach, birth_date=dt.date(1990, 1, 1), email="toinen@example.fi")
    _new(other_organisation, outsider)  # another organisation
    assert Intake.objects.count() == 3


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"municipality_code": "999"}, "municipality_code"),
        ({"languages": [("fi", "Z9")]}, "languages"),
        ({"languages": [("fi", "A1"), ("fi", "B1")]}, "languages"),
        ({"birth_date": dt.date(2999, 1, 1)}, "birth_date"),
    ],
)
def test_bad_intake_input(organisation, coach, extra, field):
    with pytest.raises(ValidationFailed) as error:
        _new(organisation, coach, **extra)
    assert field in error.value.errors
    assert Intake.objects.count() == 0


def test_only_staff_of_the_organisation_create(organisation, outsider, mentor):
    for user in (outsider, mentor):
        with pytest.raises(ParticipantNotFound):
            _new(organisation, user)


def test_save_story_recognises_and_keeps_evidence(participant, coach):
    saved = services.save_story(participant, by=coach, story=STORY, language="fi")
    assert saved.recognition is not None and saved.recognition.suggestions > 0
    items = list(ProfileItem.objects.filter(participant=participant))
    assert items and all(i.status == "suggested" for i in items)
    with_evidence = [i for i in items if i.evidence]
    assert with_evidence
    span = with_evidence[0].evidence[0]
    assert STORY[span["start"] : span["end"]] == span["text"]


@pytest.mark.parametrize("story", ["", "   \n ", "x" * (STORY_MAX_LENGTH + 1)])
def test_bad_story_leaves_saved_story_intact(participant, coach, story):
    services.save_story(participant, by=coach, story=STORY, language="fi")
    before = ProfileItem.objects.filter(participant=participant).count()
    with pytest.raises(ValidationFailed) as error:
        services.save_story(participant, by=coach, story=story, language="fi")
    assert "story" in error.value.errors
    assert Intake.objects.get(participant=participant).story == STORY
    assert ProfileItem.objects.filter(participant=participant).count() == before


def test_story_of_maximum_length_is_fine(participant, coach):
    story = ("Ajan trukkia. " * 2000)[:STORY_MAX_LENGTH]
    services.save_story(participant, by=coach, story=story, language="fi", recognise=False)
    assert len(Intake.objects.get(participant=participant).story) <= STORY_MAX_LENGTH


def test_story_language_must_be_known(participant, coach):
    with pytest.raises(ValidationFailed) as error:
        services.save_story(participant, by=coach, story=STORY, language="de")
    assert "language" in error.value.errors


def test_update_intake_and_languages(participant, coach):
    services.update_intake(participant, by=coach, municipality_code="837")
    services.set_languages(participant, by=coach, languages=[("ar", "native"), ("fi", "B1")])
    assert participant.intake.municipality_code == "837"
    assert participant.spoken_languages.count() == 2
    with pytest.raises(ValidationFailed):
        services.update_intake(participant, by=coach, municipality_code="000")
    with pytest.raises(ValidationFailed):
        services.update_intake(participant, by=coach, first_name="X")


class TestRestrictedConstraints:
    def test_needs_consent(self, participant, coach):
        with pytest.raises(ValidationFailed) as error:
            services.set_restricted_constraints(participant, by=coach, constraints="Selkä")
        assert error.value.code == "consent_missing"
        assert not RestrictedConstraints.objects.exists()

    def test_coach_and_participant_only(self, consented, coach, coordinator, participant_user):
        services.set_restricted_constraints(
            consented, by=coach, constraints="Ei nostoja", alternative_tasks="Kassatyö"
        )
        assert selectors.restricted_constraints(coach, consented.pk).constraints == "Ei nostoja"
        assert selectors.restricted_constraints(participant_user, consented.pk) is not None
        assert selectors.restricted_constraints(coordinator, consented.pk) is None
        assert selectors.case_file(coordinator, consented.pk).restricted is None
        with pytest.raises(PermissionDenied):
            services.set_restricted_constraints(consented, by=coordinator, constraints="x")

    def test_hidden_after_withdrawal(self, consented, coach):
        services.set_restricted_constraints(consented, by=coach, constraints="Ei nostoja")
        people_services.withdraw_consent(
            consented, ConsentPurpose.RESTRICTED_HEALTH_CONSTRAINTS, by=coach
        )
        assert selectors.restricted_constraints(coach, consented.pk) is None


class TestEsf:
    def test_saved_with_age_band(self, participant, coach):
        services.update_intake(participant, by=coach, birth_date=dt.date(1963, 4, 2))
        record = services.save_esf_entry_data(
            participant,
            by=coach,
            labour_market_status="long_term_unemployed",
            isced_level=3,
            gender_self_described="mies",
            gender_category="men",
            rural_area=False,
            entry_date=dt.date(2025, 3, 1),
        )
        assert record.age_band == "55_plus"
        assert record.rural_area is False and record.disability is None

    def test_special_categories_need_their_own_consent(self, participant, coach):
        with pytest.raises(ValidationFailed) as error:
            services.save_esf_entry_data(participant, by=coach, disability=True)
        assert "disability" in error.value.errors
        assert not EsfEntryData.objects.exists()
        people_services.give_consent(participant, ConsentPurpose.SPECIAL_CATEGORIES, by=coach)
        assert services.save_esf_entry_data(participant, by=coach, disability=True).disability

    @pytest.mark.parametrize(
        "bad",
        [
            {"labour_market_status": "pirate"},
            {"isced_level": 11},
            {"gender_category": "x"},
            {"favourite_colour": True},
        ],
    )
    def test_bad_values(self, participant, coach, bad):
        with pytest.raises(ValidationFailed):
            services.save_esf_entry_data(participant, by=coach, **bad)


def test_age_band_follows_a_corrected_birth_date(participant, coach):
    services.save_esf_entry_data(participant, by=coach, entry_date=dt.date(2025, 3, 1))
    assert EsfEntryData.objects.get().age_band == ""
    services.update_intake(participant, by=coach, birth_date=dt.date(2000, 1, 1))
    assert EsfEntryData.objects.get().age_band == "18_29"
    services.update_intake(participant, by=coach, birth_date=dt.date(2010, 1, 1))
    assert EsfEntryData.objects.get().age_band == "below_18"


@pytest.mark.usefixtures("frozen_clock")
def test_naive_session_time_is_local(participant, coach):
    naive = dt.datetime.combine(timezone.localdate() - dt.timedelta(days=2), dt.time(10, 0))
    session = services.log_session(participant, by=coach, kind="individual", starts_at=naive)
    assert session.starts_at.tzinfo is not None
    assert timezone.localtime(session.starts_at).replace(tzinfo=None) == naive

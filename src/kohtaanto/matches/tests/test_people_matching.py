"""Matching that knows people: known languages count, a language gap is a near-miss with the
course that closes it, limits on work (with consent) take skills away and lower matches for the
coach's eyes only, "not for me" leaves the answered opportunity out and lowers similar ones."""

from __future__ import annotations

import pytest
from tests.factories_journeys import IntakeFactory, SpokenLanguageFactory

from kohtaanto.journeys import services as journey_services
from kohtaanto.journeys.services.intake import set_restriction_codes
from kohtaanto.journeys.services.limits import restrictions_for_matching
from kohtaanto.matches import adapters, services
from kohtaanto.matches.enums import InterestKind
from kohtaanto.matches.models import Interest
from kohtaanto.matching.rules import FILTER_CONSTRAINT, FILTER_LANGUAGE, FILTER_REGION
from kohtaanto.matching.score import lower_similar
from kohtaanto.people.consent import withdraw_consent
from kohtaanto.people.enums import ConsentPurpose

from .conftest import (
    EXCEL,
    FORKLIFT,
    INVENTORY,
    SAFETY,
    add_skills,
    consent,
    make_course,
    make_opportunity,
)

pytestmark = pytest.mark.django_db

E = "http://data.europa.eu/esco/skill/"
FINNISH = E + "0e3493f4-0cad-4fbc-8e02-025f169b8114"
SPEAK_FINNISH = E + "3048bf6d-27c7-4dc6-ae4b-e55094cec090"
LIFT_HEAVY = E + "ab2bb44a-3956-4028-8715-8b70b1960b99"
RESTRICTED = ConsentPurpose.RESTRICTED_HEALTH_CONSTRAINTS


def learner(personas, level: str, municipality: str = "091"):  # type: ignore[no-untyped-def]
    participant = personas.participant
    IntakeFactory(participant=participant, municipality_code=municipality)
    SpokenLanguageFactory(participant=participant, language="fi", level=level)
    add_skills(participant, [FORKLIFT, INVENTORY, SAFETY])
    consent(participant, [ConsentPurpose.SERVICE_PROCESSING, ConsentPurpose.MATCHING])
    return participant


@pytest.fixture
def finnish_courses(db):  # type: ignore[no-untyped-def]
    return {
        "A1": make_course("Suomea aloittelijoille (A1)", [FINNISH, SPEAK_FINNISH], hours=80),
        "B1": make_course("Suomea työelämään B1", [FINNISH, SPEAK_FINNISH], hours=120),
    }


@pytest.fixture
def care_job(personas):  # type: ignore[no-untyped-def]
    return make_opportunity(
        personas.organisation,
        personas.employer_organisation,
        required=[FORKLIFT, FINNISH],
        title="Varastoavustaja",
        languages={"fi": "B1"},
        municipality_code="091",
        region_code="01",
    )


def test_a_native_speaker_is_not_told_finnish_is_missing(personas, care_job, finnish_courses):
    participant = learner(personas, "native")
    result = services.suggestions_for(participant)
    [item] = [s for s in result.items if s.opportunity == care_job]
    assert FINNISH not in item.explanation.missing_essential
    assert FINNISH in {m.skill for m in item.explanation.matched}
    assert not item.path.courses  # no Finnish A1 course for a native speaker
    assert result.near_misses == ()


def test_an_a2_learner_gets_a_near_miss_with_the_b1_course(personas, care_job, finnish_courses):
    participant = learner(personas, "A2")
    result = services.suggestions_for(participant)
    assert care_job not in [s.opportunity for s in result.items]
    [miss] = result.near_misses
    assert miss.opportunity == care_job and miss.reasons == (FILTER_LANGUAGE,)
    [gap] = miss.explanation.language_gaps
    assert (gap.language, gap.required, gap.known) == ("fi", "B1", "A2")
    assert [c.id for c in miss.path.courses] == [str(finnish_courses["B1"].pk)]
    assert miss.path.language == {str(finnish_courses["B1"].pk): "fi"}
    assert result.ruled_out[FILTER_LANGUAGE] == 1


def test_another_region_is_a_near_miss_too(personas, finnish_courses):
    participant = learner(personas, "native")
    far = make_opportunity(
        personas.organisation,
        personas.employer_organisation,
        required=[FORKLIFT, INVENTORY],
        title="Varasto Tampereella",
        municipality_code="837",
        region_code="06",
    )
    result = services.suggestions_for(participant)
    assert [m.opportunity for m in result.near_misses] == [far]
    assert result.near_misses[0].reasons == (FILTER_REGION,)


@pytest.fixture
def lifting_job(personas):  # type: ignore[no-untyped-def]
    return make_opportunity(
        personas.organisation,
        personas.employer_organisation,
        required=[FORKLIFT, INVENTORY, LIFT_HEAVY],
        title="Terminaalityö",
        municipality_code="091",
        region_code="01",
    )


@pytest.fixture
def heavy_demand_job(personas):  # type: ignore[no-untyped-def]
    return make_opportunity(
        personas.organisation,
        personas.employer_organisation,
        required=[FORKLIFT, INVENTORY],
        title="Kantotyö",
        municipality_code="091",
        region_code="01",
        physical_demands=["heavy_lifting"],
    )


def test_limits_reach_matching_only_with_consent(personas, coach, lifting_job):
    participant = learner(personas, "native")
    assert restrictions_for_matching([participant.pk]) == {}
    consent(participant, [RESTRICTED])
    set_restriction_codes(participant, by=coach, codes=["no_heavy_lifting"])
    assert adapters.profile_of(participant).constraints == {"no_heavy_lifting"}
    # never in a profile made for employers (a proposal's score, what an employer sees)
    sharing = (ConsentPurpose.SHARE_PROFILE_WITH_EMPLOYERS,)
    consent(participant, sharing)
    assert adapters.profile_of(participant, also_for=sharing).constraints == frozenset()
    # never in bulk profiles (candidate lists, the fairness audit, the batch export file)
    assert adapters.consented_profiles([participant.pk])[participant.pk].constraints == set()
    withdraw_consent(participant, RESTRICTED, by=None)
    assert adapters.profile_of(participant).constraints == frozenset()


def test_a_limit_lowers_and_marks_conflicting_jobs(
    personas, coach, lifting_job, heavy_demand_job, warehouse
):
    participant = learner(personas, "native")
    add_skills(participant, [LIFT_HEAVY])
    before = {s.opportunity: s.explanation for s in services.suggestions_for(participant).items}
    consent(participant, [RESTRICTED])
    set_restriction_codes(participant, by=coach, codes=["no_heavy_lifting"])
    result = services.suggestions_for(participant)
    after = {s.opportunity: s.explanation for s in result.items}
    assert after[lifting_job].score < before[lifting_job].score
    assert LIFT_HEAVY in after[lifting_job].missing_essential  # not matched on
    assert [c.restriction for c in after[lifting_job].conflicts] == ["no_heavy_lifting"]
    assert after[warehouse].score == before[warehouse].score
    [lifting] = [s for s in result.items if s.opportunity == lifting_job]
    taught = {uri for c in lifting.path.courses for uri in lifting.path.covers[c.id]}
    assert LIFT_HEAVY not in taught and LIFT_HEAVY not in lifting.path.uncovered  # not to learn
    assert heavy_demand_job not in after
    assert [m.opportunity for m in result.restricted_misses] == [heavy_demand_job]
    assert result.restricted_misses[0].reasons == (FILTER_CONSTRAINT,)
    assert heavy_demand_job not in [m.opportunity for m in result.near_misses]


def test_restriction_codes_are_checked(personas, coach):
    participant = learner(personas, "native")
    from kohtaanto.core.errors import ValidationFailed

    with pytest.raises(ValidationFailed):  # no consent
        set_restriction_codes(participant, by=coach, codes=["no_heavy_lifting"])
    consent(participant, [RESTRICTED])
    with pytest.raises(ValidationFailed):
        set_restriction_codes(participant, by=coach, codes=["no_thinking"])
    record = set_restriction_codes(
        participant, by=coach, codes=["no_driving", "no_heavy_lifting", "no_driving"]
    )
    assert record.codes == ["no_heavy_lifting", "no_driving"]
    journey_services.set_restricted_constraints(participant, by=coach, constraints="selkä")
    record.refresh_from_db()
    assert record.codes == ["no_heavy_lifting", "no_driving"]  # the text does not clear codes


def test_not_for_me_leaves_it_out_and_lowers_similar(personas, warehouse):
    participant = learner(personas, "native")
    twin = make_opportunity(
        personas.organisation,
        personas.employer_organisation,
        required=[FORKLIFT, INVENTORY, SAFETY],
        title="Toinen varasto",
    )
    before = {
        s.opportunity: s.explanation.score for s in services.suggestions_for(participant).items
    }
    Interest.objects.create(
        participant=participant, opportunity=warehouse, kind=InterestKind.NOT_FOR_ME
    )
    result = services.suggestions_for(participant)
    after = {s.opportunity: s.explanation.score for s in result.items}
    assert warehouse not in after and result.not_for_me == (warehouse,)
    assert after[twin] == before[twin] - 0.125
    assert result.lowered == 1


def test_suggested_ids_are_the_listed_suggestions_in_order(personas, warehouse):
    """The home page counts `suggested_ids`; it must be what "Jobs and courses for me" lists,
    in order, with the same filters, "not for me" answers and the top-k cut."""
    from kohtaanto.matches.suggestions import suggested_ids, suggestions_for

    participant = learner(personas, "native")
    for i in range(12):
        make_opportunity(
            personas.organisation,
            personas.employer_organisation,
            required=[FORKLIFT, INVENTORY, SAFETY][: 1 + i % 3],
            title=f"Varasto {i}",
        )
    make_opportunity(  # ruled out by the language filter: a near-miss, not listed
        personas.organisation, None, [FORKLIFT], languages={"sv": "C1"}, title="Lager"
    )

    def listed() -> list[int]:
        return [s.opportunity.pk for s in suggestions_for(participant).items]

    assert suggested_ids(participant) == listed() and len(listed()) == 10
    Interest.objects.create(
        participant=participant, opportunity=warehouse, kind=InterestKind.NOT_FOR_ME
    )
    assert warehouse.pk not in listed()
    assert suggested_ids(participant) == listed()
    assert suggested_ids(participant, k=3) == listed()[:3]
    withdraw_consent(participant, ConsentPurpose.MATCHING, by=participant.user)
    assert suggested_ids(participant) is None and not suggestions_for(participant).consented


def test_demo_language_courses_state_their_level(db):
    """The demo catalogue's Finnish-as-a-second-language courses say their level the way
    matching reads it, so a gap at B1 gets "Suomea työelämään B1"."""
    from kohtaanto.matching.model import stated_level
    from kohtaanto.opportunities.demo_data import COURSES

    levels = {c.key: stated_level(c.title, c.description) for c in COURSES}
    assert levels["suomi-a1"] == "A1" and levels["suomi-a2"] == "A2"
    assert levels["suomi-tyo-b1"] == "B1" and levels["suomi-b2"] == "B2"
    assert levels["suomi-verkko"] is None  # no level stated: used only when nothing fits
    course = make_course("Suomea työelämään B1", [FINNISH, SPEAK_FINNISH])
    assert adapters.course_of(course).levels == {"fi": "B1"}


def test_opportunities_in_bulk_equal_the_one_row_adapter(personas, care_job, warehouse):
    from kohtaanto.opportunities.models import Opportunity

    make_opportunity(
        personas.organisation,
        None,
        required=[FORKLIFT],
        nice=[SAFETY, INVENTORY],
        title="Etätyö",
        remote="remote",
        hours_per_week=20,
        physical_demands=["standing"],
    )
    rows = Opportunity.objects.all()
    bulk = adapters.opportunities_by_id(rows)
    one = {str(r.pk): adapters.opportunity_of(r) for r in rows.prefetch_related("skills")}
    assert bulk == one and len(bulk) == 3


def test_the_catalogue_in_bulk_equals_the_one_row_adapter(db):
    """`adapters.courses` (values, no rows) gives what `course_of` gives for each row, in the
    queryset's order: skills, cost, hours, format, language and a stated level."""
    from kohtaanto.opportunities.models import Course

    make_course("Suomea työelämään B1", [FINNISH, SPEAK_FINNISH], cost=120, hours=40)
    make_course("Trukkikortti", [FORKLIFT], cost=250.5, hours=7.5)
    make_course("Aloittelijan kurssi", [])
    rows = Course.objects.all()
    bulk = adapters.courses(rows)
    one = [adapters.course_of(row) for row in rows.prefetch_related("skills")]
    assert bulk == one and len(bulk) == 3
    assert [c.id for c in bulk] == [str(pk) for pk in rows.values_list("pk", flat=True)]
    assert any(c.levels == {"fi": "B1"} for c in bulk) and any(not c.skills for c in bulk)


def test_suggestions_carry_the_rows_of_the_courses_their_paths_name(personas, warehouse):
    """Only the courses a learning path names are read as rows (with their skills)."""
    participant = learner(personas, "A2")
    make_opportunity(
        personas.organisation, None, required=[FORKLIFT, EXCEL], title="Varastokirjuri"
    )
    excel = make_course("Excel-perusteet", [EXCEL])
    make_course("Trukkikortti", [FORKLIFT])  # the learner has it: no path names it
    result = services.suggestions_for(participant)
    named = {
        course.id
        for entry in (*result.items, *result.near_misses, *result.restricted_misses)
        for course in entry.path.courses
    }
    assert named == {str(excel.pk)} and set(result.courses) == named
    assert all(len(row.skills.all()) > 0 for row in result.courses.values())


def test_the_fast_path_lists_what_explaining_everything_would(personas, warehouse, care_job):
    """`suggestions_for` scores without explanation objects and explains only what it shows:
    the same items, near-misses and scores as explaining every pair."""
    from kohtaanto.matches.suggestions import matcher

    participant = learner(personas, "A2")
    for n, (municipality, region) in enumerate((("091", "01"), ("837", "06")) * 4):
        make_opportunity(
            personas.organisation,
            personas.employer_organisation,
            required=[FORKLIFT, INVENTORY][: 1 + n % 2] + ([FINNISH] if n % 3 else []),
            nice=[SAFETY] if n % 2 else [],
            title=f"Työ {n}",
            languages={"fi": "B1"} if n % 4 == 0 else {},
            municipality_code=municipality,
            region_code=region,
        )
    Interest.objects.create(
        participant=participant, opportunity=warehouse, kind=InterestKind.NOT_FOR_ME
    )
    result = services.suggestions_for(participant, k=5)
    scorer = matcher()
    profile = adapters.profile_of(participant)
    rows = adapters.opportunities_by_id(services.open_opportunities(personas.organisation.pk))
    refused = [rows[str(warehouse.pk)]]
    every = [
        lower_similar(scorer.explain(profile, o), o, refused, scorer.rules)
        for key, o in rows.items()
        if key != str(warehouse.pk)
    ]
    order = sorted(every, key=lambda e: (-e.score, int(e.opportunity_id)))
    assert [s.explanation for s in result.items] == [e for e in order if e.eligible][:5]
    near = [
        e
        for e in order
        if not e.eligible and e.score > 0 and set(e.failed()) <= {FILTER_LANGUAGE, FILTER_REGION}
    ]
    assert [m.explanation for m in result.near_misses] == near[:5]

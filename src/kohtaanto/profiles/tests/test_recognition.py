"""Recognition in the loop: suggestions, decisions, re-runs (Hypothesis: never a duplicate,
never a lost decision)."""

from __future__ import annotations

from collections.abc import Collection

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.factories import ParticipantFactory

from kohtaanto.core.errors import ValidationFailed
from kohtaanto.journeys import services as journey_services
from kohtaanto.people.access import ParticipantNotFound
from kohtaanto.profiles import services
from kohtaanto.profiles.enums import ItemSource, ItemStatus
from kohtaanto.profiles.models import ProfileItem
from kohtaanto.profiles.selectors import skills_profile
from kohtaanto.recognition import Evidence, Suggestion
from kohtaanto.taxonomy.model import ConceptKind
from kohtaanto.vocabularies import provider

pytestmark = pytest.mark.django_db


class WordEngine:
    """A stub engine: each keyword in the text suggests one concept of the starter vocabulary."""

    def __init__(self, concepts):
        self.taxonomy = provider.get_taxonomy()
        self.words = {f"sana{i}": c for i, c in enumerate(concepts)}

    def recognize(
        self, text, lang="fi", limit=20, kinds: Collection | None = None, include_inferred=True
    ):
        result = []
        for word, concept in self.words.items():
            start = text.find(word)
            if start >= 0:
                result.append(
                    Suggestion(
                        concept.uri,
                        concept.label(lang),
                        concept.kind,
                        0.5,
                        (Evidence(start, start + len(word), word, word),),
                        ("stub",),
                    )
                )
        return result[:limit]


@pytest.fixture
def stub_concepts():  # function scope: the provider reads the database
    taxonomy = provider.get_taxonomy()
    skills = sorted((c for c in taxonomy if c.kind is ConceptKind.SKILL), key=lambda c: c.uri)
    occupations = sorted(taxonomy.of_kind(ConceptKind.OCCUPATION), key=lambda c: c.uri)
    return skills[:6] + occupations[:2]


def test_re_run_keeps_decisions(participant, coach, stub_concepts):
    with provider.use_engine(WordEngine(stub_concepts)):  # type: ignore[arg-type]
        journey_services.save_story(participant, by=coach, story="sana0 sana1 sana2", language="fi")
        items = {i.uri: i for i in ProfileItem.objects.filter(participant=participant)}
        assert len(items) == 3
        confirmed = services.confirm_item(coach, items[stub_concepts[0].uri].pk)
        rejected = services.reject_item(coach, items[stub_concepts[1].uri].pk)
        # the story changes: sana0 and sana1 are gone, sana3 is new
        journey_services.save_story(participant, by=coach, story="sana1 sana3", language="fi")
    by_uri = {i.uri: i for i in ProfileItem.objects.filter(participant=participant)}
    assert by_uri[confirmed.uri].status == ItemStatus.CONFIRMED  # not dropped
    assert by_uri[rejected.uri].status == ItemStatus.REJECTED  # stays rejected
    assert stub_concepts[2].uri not in by_uri  # stale suggestion removed
    assert by_uri[stub_concepts[3].uri].status == ItemStatus.SUGGESTED


def test_re_run_updates_moved_evidence_and_the_latest_flags(participant, coach, stub_concepts):
    """Only rows whose values change are written: a suggestion's evidence follows the story,
    a confirmed item keeps the evidence it was confirmed on, and `in_latest_recognition`
    says which items the last run found (also for one that comes back)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def rows():
        return {
            i.uri: (
                i.status,
                i.evidence[0]["start"] if i.evidence else None,
                i.in_latest_recognition,
            )
            for i in ProfileItem.objects.filter(participant=participant)
        }

    first, second, third = (c.uri for c in stub_concepts[:3])
    with provider.use_engine(WordEngine(stub_concepts)):  # type: ignore[arg-type]
        journey_services.save_story(participant, by=coach, story="sana0 sana1 sana2", language="fi")
        services.confirm_item(coach, ProfileItem.objects.get(uri=first).pk)
        journey_services.save_story(participant, by=coach, story="xx sana0 sana1", language="fi")
        assert rows() == {
            first: (ItemStatus.CONFIRMED, 0, True),  # confirmed on the first story's evidence
            second: (ItemStatus.SUGGESTED, 9, True),  # moved with the story
        }  # sana2 was a suggestion only: removed
        services.confirm_item(coach, ProfileItem.objects.get(uri=second).pk)
        journey_services.save_story(participant, by=coach, story="sana2", language="fi")
        assert rows() == {
            first: (ItemStatus.CONFIRMED, 0, False),
            second: (ItemStatus.CONFIRMED, 9, False),
            third: (ItemStatus.SUGGESTED, 0, True),
        }
        journey_services.save_story(participant, by=coach, story="sana1 sana2", language="fi")
        assert rows()[second] == (ItemStatus.CONFIRMED, 9, True)  # back in the latest run
        with CaptureQueriesContext(connection) as queries:
            journey_services.save_story(participant, by=coach, story="sana1 sana2", language="fi")
    writes = [
        q["sql"] for q in queries if q["sql"].startswith("UPDATE") and "profileitem" in q["sql"]
    ]
    # The same story again: only the flag updates, which match no changed row; no bulk update.
    assert all("CASE" not in sql for sql in writes)
    assert rows()[third] == (ItemStatus.SUGGESTED, 6, True)


def test_re_add_rejected_by_hand(participant, coach, stub_concepts):
    with provider.use_engine(WordEngine(stub_concepts)):  # type: ignore[arg-type]
        journey_services.save_story(participant, by=coach, story="sana0", language="fi")
        item = ProfileItem.objects.get(participant=participant)
        services.reject_item(coach, item.pk)
        again = services.add_item(participant, by=coach, uri=item.uri)
    assert again.pk == item.pk
    assert again.status == ItemStatus.CONFIRMED and again.source == ItemSource.MANUAL


def test_replace_keeps_evidence_and_records_the_edit(participant, coach, stub_concepts):
    with provider.use_engine(WordEngine(stub_concepts)):  # type: ignore[arg-type]
        journey_services.save_story(participant, by=coach, story="sana0", language="fi")
    item = ProfileItem.objects.get(participant=participant)
    new = services.replace_item(coach, item.pk, stub_concepts[4].uri)
    item.refresh_from_db()
    assert item.status == ItemStatus.REJECTED
    assert new.status == ItemStatus.CONFIRMED and new.source == ItemSource.EDITED
    assert new.replaces_uri == item.uri and new.evidence == item.evidence


def test_add_unknown_concept_is_an_error(participant, coach):
    with pytest.raises(ValidationFailed):
        services.add_item(participant, by=coach, uri="http://example.org/nothing")
    assert not ProfileItem.objects.exists()


def test_add_from_vocabulary_label(participant, coach, stub_concepts):
    item = services.add_item(participant, by=coach, uri=stub_concepts[5].uri, lang="sv")
    assert item.label == stub_concepts[5].label("sv")
    assert item.decided_at is not None and item.source == ItemSource.MANUAL


def test_decide_items_in_bulk(participant, coach, stub_concepts):
    with provider.use_engine(WordEngine(stub_concepts)):  # type: ignore[arg-type]
        journey_services.save_story(participant, by=coach, story="sana0 sana1", language="fi")
    a, b = ProfileItem.objects.filter(participant=participant).order_by("pk")
    assert services.decide_items(participant, by=coach, confirm=[a.pk], reject=[b.pk]) == 2
    with pytest.raises(ValidationFailed):
        services.decide_items(participant, by=coach, confirm=[a.pk], reject=[a.pk])


def test_participant_confirms_own_and_outsider_cannot(
    participant, participant_user, outsider, mentor, stub_concepts
):
    item = services.add_item(participant, by=participant_user, uri=stub_concepts[0].uri)
    assert services.reject_item(participant_user, item.pk).status == ItemStatus.REJECTED
    for user in (outsider, mentor):
        with pytest.raises(ParticipantNotFound):
            services.confirm_item(user, item.pk)
        with pytest.raises(ParticipantNotFound):
            services.add_item(participant, by=user, uri=stub_concepts[1].uri)
        with pytest.raises(ParticipantNotFound):
            skills_profile(user, participant.pk)


def test_profile_groups(participant, coach):
    taxonomy = provider.get_taxonomy()
    hobby = next(
        c
        for c in taxonomy
        if "hobby" in c.collections
        and "language" not in c.collections
        and "digital" not in c.collections
        and c.kind.is_skill_like
    )
    digital = next(
        c for c in taxonomy if "digcomp" in c.collections and c.kind is ConceptKind.COMPETENCE
    )
    occupation = next(iter(taxonomy.of_kind(ConceptKind.OCCUPATION)))
    knowledge = next(
        c
        for c in taxonomy
        if c.kind is ConceptKind.KNOWLEDGE and not c.collections & {"language", "digital", "hobby"}
    )
    for concept in (hobby, digital, occupation, knowledge):
        services.add_item(participant, by=coach, uri=concept.uri)
    journey_services.set_languages(participant, by=coach, languages=[("fi", "native")])
    profile = skills_profile(coach, participant.pk, "fi")
    assert [e.uri for e in profile.groups["hobby"]] == [hobby.uri]
    assert [e.uri for e in profile.groups["digital"]] == [digital.uri]
    assert [e.uri for e in profile.groups["knowledge"]] == [knowledge.uri]
    assert [e.uri for e in profile.occupations] == [occupation.uri]
    assert (
        profile.languages[0].level_label == "Äidinkieli" or profile.languages[0].level == "native"
    )


def test_real_engine_finds_skills_in_a_demo_story(participant, coach):
    story = (
        "Olin paperitehtaalla kolmekymmentäkaksi vuotta. Trukkikortti ja tulityökortti on "
        "voimassa. Vapaa-ajalla olen metsästysseurassa, siellä pidän kirjanpitoa."
    )
    journey_services.save_story(participant, by=coach, story=story, language="fi")
    profile = skills_profile(coach, participant.pk, "fi")
    assert profile.unconfirmed
    assert any(e.evidence for e in profile.unconfirmed)


ACTIONS = st.lists(
    st.one_of(
        st.tuples(st.just("story"), st.sets(st.integers(0, 7), max_size=8)),
        st.tuples(st.just("confirm"), st.integers(0, 7)),
        st.tuples(st.just("reject"), st.integers(0, 7)),
        st.tuples(st.just("add"), st.integers(0, 7)),
        st.tuples(st.just("replace"), st.integers(0, 7)),
    ),
    max_size=12,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(actions=ACTIONS)
def test_any_sequence_never_duplicates_or_drops_a_decision(
    organisation, coach, stub_concepts, actions
):
    participant = ParticipantFactory(organisation=organisation, coaches=[coach])
    uris = [c.uri for c in stub_concepts]
    expected: dict[str, str] = {}  # uri -> confirmed/rejected, as decided by people
    with provider.use_engine(WordEngine(stub_concepts)):  # type: ignore[arg-type]
        for action, arg in actions:
            if action == "story":
                text = " ".join(f"sana{i}" for i in sorted(arg)) or "tyhjä"
                journey_services.save_story(participant, by=coach, story=text, language="fi")
                continue
            uri = uris[arg]
            if action == "add":
                services.add_item(participant, by=coach, uri=uri)
                expected[uri] = ItemStatus.CONFIRMED
                continue
            item = ProfileItem.objects.filter(participant=participant, uri=uri).first()
            if item is None:
                continue
            if action == "replace":
                new_uri = uris[(arg + 1) % len(uris)]
                services.replace_item(coach, item.pk, new_uri)
                expected[uri] = ItemStatus.REJECTED
                expected[new_uri] = ItemStatus.CONFIRMED
            elif action == "confirm":
                services.confirm_item(coach, item.pk)
                expected[uri] = ItemStatus.CONFIRMED
            else:
                services.reject_item(coach, item.pk)
                expected[uri] = ItemStatus.REJECTED
            rows = list(
                ProfileItem.objects.filter(participant=participant).values_list("uri", "status")
            )
            assert len(rows) == len({u for u, _ in rows})
            assert {u: s for u, s in rows if u in expected} == expected
    rows = list(ProfileItem.objects.filter(participant=participant).values_list("uri", "status"))
    assert len(rows) == len({u for u, _ in rows})  # never a duplicate
    actual = dict(rows)
    for uri, status in expected.items():  # never a dropped or silently changed decision
        assert actual.get(uri) == status


def test_possible_occupations_from_confirmed_essential_skills(participant, coach):
    taxonomy = provider.get_taxonomy()
    occupation = next(
        uri
        for uri in sorted(taxonomy.occupation_skills)
        if len(taxonomy.essential_skills(uri)) >= 2
    )
    for skill in taxonomy.essential_skills(occupation):
        services.add_item(participant, by=coach, uri=skill)
    profile = skills_profile(coach, participant.pk, "fi")
    found = {o.uri: o for o in profile.possible_occupations}
    assert occupation in found or len(profile.possible_occupations) == 5
    assert all(o.covered >= 2 for o in profile.possible_occupations)


def test_confirmed_occupation_implies_its_essential_skills(participant, coach):
    taxonomy = provider.get_taxonomy()
    occupation = next(
        uri for uri in sorted(taxonomy.occupation_skills) if taxonomy.essential_skills(uri)
    )
    essential = set(taxonomy.essential_skills(occupation))
    services.add_item(participant, by=coach, uri=occupation)
    implied = ProfileItem.objects.filter(participant=participant, implied_by=occupation)
    assert {i.uri for i in implied} == essential
    assert all(i.source == ItemSource.INFERRED and i.status == "suggested" for i in implied)
    # a re-run with a story that mentions none of them keeps them (still undecided)
    with provider.use_engine(WordEngine([])):  # type: ignore[arg-type]
        journey_services.save_story(participant, by=coach, story="Jotain muuta.", language="fi")
    assert implied.count() == len(essential)


def test_search_for_adding_by_hand(participant, coach):
    from kohtaanto.profiles.selectors import search_profile_concepts
    from kohtaanto.vocabularies.services import import_taxonomy

    import_taxonomy(provider.get_taxonomy(), name="starter")
    hits = search_profile_concepts("trukki", "fi")
    assert hits and all(h.kind in {"skill", "knowledge", "competence", "occupation"} for h in hits)
    item = services.add_item(participant, by=coach, uri=hits[0].uri)
    assert item.status == ItemStatus.CONFIRMED


class HobbyEngine(WordEngine):
    """Like `WordEngine`, but every suggestion comes from a hobby or volunteering clause."""

    def recognize(self, *args, **kwargs):
        import dataclasses

        return [dataclasses.replace(s, context="hobby") for s in super().recognize(*args, **kwargs)]


def test_skills_shown_in_a_hobby_stay_in_the_hobby_group(participant, coach, stub_concepts):
    """A work skill the text shows only in a hobby ("urheiluseuran rahastonhoitaja") goes to the
    hobby group (issue 13: hobbies and volunteering stay in their own group)."""
    skill = stub_concepts[0]
    with provider.use_engine(HobbyEngine([skill])):  # type: ignore[arg-type]
        journey_services.save_story(participant, by=coach, story="sana0", language="fi")
    item = ProfileItem.objects.get(participant=participant, uri=skill.uri)
    assert item.group == "hobby"
    with provider.use_engine(WordEngine([stub_concepts[1]])):  # type: ignore[arg-type]
        journey_services.save_story(participant, by=coach, story="sana0", language="fi")
    assert ProfileItem.objects.get(participant=participant, uri=stub_concepts[1].uri).group != (
        "hobby"
    )

"""Adapters: only confirmed skills, consent respected, ESF+ never read, the skill graph and
labels from the provider's vocabulary (cached, rebuilt after an import)."""

from __future__ import annotations

import ast
import dataclasses
import inspect

import pytest

from kohtaanto.journeys import services as journey_services
from kohtaanto.matches import adapters, services
from kohtaanto.matching.model import Profile
from kohtaanto.people.consent import consented_ids, may_use_for_matching, withdraw_consent
from kohtaanto.people.enums import ConsentPurpose
from kohtaanto.taxonomy.model import Concept, ConceptKind, LabelSet, Taxonomy
from kohtaanto.vocabularies.services import import_taxonomy
from kohtaanto.web.matches import presenters, views

from .conftest import (
    CLEANING,
    EXCEL,
    FORKLIFT,
    INVENTORY,
    MATCHING,
    SAFETY,
    add_skills,
    consent,
    make_opportunity,
)

pytestmark = pytest.mark.django_db

FORBIDDEN = {
    "EsfEntryData",
    "esf",
    "RestrictedConstraints",
    "restricted_constraints",
    "birth_date",
    "gender",
    "gender_category",
    "gender_self_described",
    "age_band",
    "disability",
    "minority",
}


@pytest.mark.parametrize("module", [adapters, services, views, presenters])
def test_matching_modules_never_name_esf_or_restricted_data(module):
    tree = ast.parse(inspect.getsource(module))
    names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    names |= {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
    names |= {
        a.name.split(".")[-1]
        for n in ast.walk(tree)
        if isinstance(n, ast.ImportFrom)
        for a in n.names
    }
    names |= {
        n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    }
    assert not names & FORBIDDEN


def test_profile_has_only_confirmed_skills(matched):
    add_skills(matched, [CLEANING], status="suggested")
    add_skills(matched, [EXCEL], status="rejected")
    add_skills(matched, ["http://example.org/occupation/warehouse"], kind="occupation")
    profile = adapters.profile_of(matched)
    assert profile is not None
    assert set(profile.skills) == {FORKLIFT, INVENTORY}
    assert all(e.confirmed and e.source == "recognised" for e in profile.skills.values())
    assert profile.occupations == {"http://example.org/occupation/warehouse"}
    assert profile.languages == {"fi": "native"}
    assert (profile.municipality, profile.region) == ("091", "01")
    assert profile.constraints == frozenset() and profile.hours_wanted is None


def test_no_profile_and_no_suggestions_without_consent(personas, warehouse):
    participant = personas.caseload_participant
    add_skills(participant, [FORKLIFT])
    assert adapters.profile_of(participant) is None
    assert not services.suggestions_for(participant).consented
    consent(participant, [ConsentPurpose.SERVICE_PROCESSING])
    assert adapters.profile_of(participant) is None  # matching consent still missing
    consent(participant, [ConsentPurpose.MATCHING])
    assert adapters.profile_of(participant) is not None


def test_withdrawal_takes_effect_at_once(matched, personas):
    assert adapters.consented_profiles(type(matched).objects.all()).keys() == {matched.pk}
    withdraw_consent(matched, ConsentPurpose.MATCHING, by=personas.participant_user)
    assert adapters.profile_of(matched) is None
    assert adapters.consented_profiles(type(matched).objects.all()) == {}


def test_bulk_consent_agrees_with_the_consent_module(personas):
    people = [personas.participant, personas.caseload_participant, personas.unassigned_participant]
    consent(people[0], MATCHING)
    consent(people[1], MATCHING)
    withdraw_consent(people[1], ConsentPurpose.MATCHING, by=None)
    consent(people[2], [ConsentPurpose.MATCHING])
    expected = {p.pk for p in people if may_use_for_matching(p)}
    assert consented_ids([p.pk for p in people], MATCHING) == expected == {people[0].pk}
    assert adapters.consented_profiles([p.pk for p in people]).keys() == expected


def test_profiles_for_employers_need_the_sharing_consent_too(matched, personas):
    sharing = (ConsentPurpose.SHARE_PROFILE_WITH_EMPLOYERS,)
    withdraw_consent(matched, sharing[0], by=personas.participant_user)
    assert adapters.profile_of(matched) is not None
    assert adapters.profile_of(matched, also_for=sharing) is None
    assert adapters.consented_profiles([matched.pk], also_for=sharing) == {}
    consent(matched, sharing)
    assert adapters.profile_of(matched, also_for=sharing) is not None
    assert adapters.consented_profiles([matched.pk], also_for=sharing).keys() == {matched.pk}
    withdraw_consent(matched, ConsentPurpose.MATCHING, by=personas.participant_user)
    assert adapters.profile_of(matched, also_for=sharing) is None  # matching is always needed


def test_a_profile_has_no_protected_fields(matched, coach):
    consent(matched, [ConsentPurpose.SPECIAL_CATEGORIES])
    journey_services.save_esf_entry_data(
        matched,
        by=coach,
        gender_self_described="nainen",
        gender_category="women",
        disability=True,
        isced_level=2,
    )
    profile = adapters.profile_of(matched)
    assert isinstance(profile, Profile)
    assert {f.name for f in dataclasses.fields(profile)} == {
        "id",
        "skills",
        "occupations",
        "languages",
        "municipality",
        "region",
        "max_commute_km",
        "hours_wanted",
        "constraints",
    }
    assert "nainen" not in repr(profile) and "women" not in repr(profile)


def test_changing_esf_data_leaves_suggestions_identical(matched, personas, coach):
    make_opportunity(personas.organisation, personas.employer_organisation, [FORKLIFT, SAFETY])
    before = services.suggestions_for(matched)
    consent(matched, [ConsentPurpose.SPECIAL_CATEGORIES, ConsentPurpose.ANONYMISED_STATISTICS])
    for gender, disability in (("women", True), ("men", False), ("non_binary", None)):
        journey_services.save_esf_entry_data(
            matched,
            by=coach,
            gender_self_described=gender,
            gender_category=gender,
            disability=disability,
            minority=disability,
            isced_level=2,
        )
        after = services.suggestions_for(matched)
        assert [s.explanation for s in after.items] == [s.explanation for s in before.items]
        assert [s.path for s in after.items] == [s.path for s in before.items]


def _taxonomy(with_relation: bool) -> Taxonomy:
    taxonomy = Taxonomy()
    for uri, label in ((SAFETY, "safety"), (S_FIRE, "fire safety"), (EXCEL, "spreadsheets")):
        concept = Concept(uri, ConceptKind.SKILL, labels={"fi": LabelSet(preferred=label)})
        taxonomy.add(concept)
    taxonomy.concepts[S_FIRE].broader.append(SAFETY)
    if with_relation:
        from kohtaanto.taxonomy.model import Relation, SkillRelation

        taxonomy.skill_relations.append(SkillRelation(EXCEL, SAFETY, Relation.OPTIONAL))
    return taxonomy


S_FIRE = "http://example.org/skill/fire-safety"


def test_skill_graph_comes_from_the_database_and_follows_imports():
    import_taxonomy(_taxonomy(False), name="tiny")
    graph = adapters.skill_graph()
    assert graph.broader[S_FIRE] == {SAFETY} and graph.broader[SAFETY] == {S_FIRE}
    assert EXCEL not in graph.related
    assert adapters.skill_graph() is graph  # cached
    import_taxonomy(_taxonomy(True), name="tiny")
    rebuilt = adapters.skill_graph()
    assert rebuilt is not graph and rebuilt.related[EXCEL] == {SAFETY}


def test_partial_match_through_the_database_graph(matched, personas):
    import_taxonomy(_taxonomy(False), name="tiny")
    add_skills(matched, [S_FIRE])
    result = services.suggestions_for(matched)
    explanation = result.items[0].explanation
    assert [(p.skill, p.via) for p in explanation.partial] == [(SAFETY, S_FIRE)]
    assert explanation.missing_essential == ()


def test_labels_from_the_vocabulary_with_fallbacks():
    import_taxonomy(_taxonomy(False), name="tiny")
    found = adapters.labels([SAFETY, "urn:x"], "sv", {"urn:x": "known"})
    assert found == {SAFETY: "safety", "urn:x": "known"}


def test_limits_on_work_come_only_through_the_consent_checked_reader():
    """`adapters` reads limits on work only via `journeys.services.limits`, which checks the
    `restricted_health_constraints` consent; the free-text restricted record is never named
    (see FORBIDDEN above), and employer-facing profiles never get limits."""
    tree = ast.parse(inspect.getsource(adapters))
    from_journeys = {
        (n.module, a.name)
        for n in ast.walk(tree)
        if isinstance(n, ast.ImportFrom) and (n.module or "").startswith("kohtaanto.journeys")
        for a in n.names
    }
    assert from_journeys == {
        ("kohtaanto.journeys", "rules"),
        ("kohtaanto.journeys.models", "Intake"),
        ("kohtaanto.journeys.models", "SpokenLanguage"),
        ("kohtaanto.journeys.services.limits", "restrictions_for_matching"),
    }
    assert "restricted_health_constraints" in (adapters.__doc__ or "")

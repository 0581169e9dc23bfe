"""A hand-made taxonomy with every relation the rules use, and personas.

Skills: python (narrower of programming), programming, sql (related to python), teamwork,
forklift, first_aid. Occupations: developer (ISCO 2512), tester (2519, same ISCO group 251),
warehouse worker (9333). Personas: Aino the developer (fi native, Uusimaa), Bashir who knows
programming but not Python and speaks Finnish at A2 (Pirkanmaa), Carita the warehouse worker who
cannot lift heavy things.
"""

from __future__ import annotations

import pytest

from kohtaanto.matching.graph import SkillGraph
from kohtaanto.matching.model import Opportunity, Profile, Remote, SkillEvidence
from kohtaanto.matching.rules import ScoringRules, load_rules
from kohtaanto.matching.score import Matcher
from kohtaanto.taxonomy.model import (
    Concept,
    ConceptKind,
    LabelSet,
    Relation,
    SkillRelation,
    Taxonomy,
)

S = "http://example.org/skill/"
OCC = "http://example.org/occupation/"
PYTHON, PROGRAMMING, SQL = S + "python", S + "programming", S + "sql"
TEAMWORK, FORKLIFT, FIRST_AID = S + "teamwork", S + "forklift", S + "first-aid"
DEVELOPER, TESTER, WAREHOUSE = OCC + "developer", OCC + "tester", OCC + "warehouse"

LABELS = {
    PYTHON: ("Python", "Python", "Python"),
    PROGRAMMING: ("ohjelmointi", "programmering", "programming"),
    SQL: ("SQL", "SQL", "SQL"),
    TEAMWORK: ("tiimityö", "lagarbete", "teamwork"),
    FORKLIFT: ("trukin ajo", "truckkörning", "forklift driving"),
    FIRST_AID: ("ensiapu", "första hjälpen", "first aid"),
}


def make_taxonomy() -> Taxonomy:
    taxonomy = Taxonomy()
    for uri, (fi, sv, en) in LABELS.items():
        kind = ConceptKind.KNOWLEDGE if uri == SQL else ConceptKind.SKILL
        labels = {"fi": LabelSet(fi), "sv": LabelSet(sv), "en": LabelSet(en)}
        taxonomy.add(Concept(uri, kind, labels=labels))
    taxonomy.concepts[PYTHON].broader.append(PROGRAMMING)
    for uri, code in ((DEVELOPER, "2512.1"), (TESTER, "2519.2"), (WAREHOUSE, "9333.1")):
        taxonomy.add(Concept(uri, ConceptKind.OCCUPATION, code=code))
    E, OPT = Relation.ESSENTIAL, Relation.OPTIONAL
    taxonomy.occupation_skills = {
        DEVELOPER: {PYTHON: E, SQL: E, TEAMWORK: OPT},
        TESTER: {PROGRAMMING: E, TEAMWORK: E},
        WAREHOUSE: {FORKLIFT: E, FIRST_AID: OPT, TEAMWORK: OPT},
    }
    taxonomy.skill_relations = [SkillRelation(PYTHON, SQL, OPT)]
    return taxonomy


@pytest.fixture(scope="session")
def taxonomy() -> Taxonomy:
    return make_taxonomy()


@pytest.fixture(scope="session")
def rules() -> ScoringRules:
    return load_rules()


@pytest.fixture(scope="session")
def graph(taxonomy: Taxonomy, rules: ScoringRules) -> SkillGraph:
    return SkillGraph.from_taxonomy(taxonomy, rules)


@pytest.fixture(scope="session")
def matcher(rules: ScoringRules, graph: SkillGraph) -> Matcher:
    return Matcher(rules, graph)


def label_of(lang: str):  # type: ignore[no-untyped-def]
    index = {"fi": 0, "sv": 1, "en": 2}[lang]
    return lambda uri: LABELS.get(uri, (uri, uri, uri))[index]


AINO = Profile(
    id="aino",
    skills={
        PYTHON: SkillEvidence("cv", confirmed=True),
        SQL: SkillEvidence("coach"),
        TEAMWORK: SkillEvidence("hobby"),
    },
    occupations=frozenset({DEVELOPER}),
    languages={"fi": "native", "en": "B2"},
    municipality="091",
    region="01",
    hours_wanted=37.5,
)
BASHIR = Profile(
    id="bashir",
    skills={PROGRAMMING: SkillEvidence("cv"), TEAMWORK: SkillEvidence("cv")},
    occupations=frozenset({TESTER}),
    languages={"fi": "A2", "ar": "native", "en": "C1"},
    municipality="837",
    region="06",
    hours_wanted=20,
)
CARITA = Profile(
    id="carita",
    skills={FORKLIFT: SkillEvidence("badge"), FIRST_AID: SkillEvidence("cv")},
    occupations=frozenset({WAREHOUSE}),
    languages={"fi": "native"},
    municipality="091",
    region="01",
    constraints=frozenset({"no_heavy_lifting"}),
)

DEV_JOB = Opportunity(
    id="dev-job",
    required_skills=frozenset({PYTHON, SQL}),
    nice_to_have_skills=frozenset({TEAMWORK}),
    occupation=DEVELOPER,
    languages_required={"fi": "B1"},
    municipality="091",
    region="01",
    hours=37.5,
)
REMOTE_TEST = Opportunity(
    id="remote-test",
    required_skills=frozenset({PROGRAMMING}),
    nice_to_have_skills=frozenset({TEAMWORK}),
    occupation=TESTER,
    languages_required={"en": "B2"},
    region="01",
    remote=Remote.REMOTE,
    hours=37.5,
)
WAREHOUSE_JOB = Opportunity(
    id="warehouse",
    required_skills=frozenset({FORKLIFT}),
    nice_to_have_skills=frozenset({FIRST_AID, TEAMWORK}),
    occupation=WAREHOUSE,
    languages_required={"fi": "A2"},
    municipality="091",
    region="01",
    physical_demands=frozenset({"heavy_lifting"}),
)
PEOPLE = (AINO, BASHIR, CARITA)
OPENINGS = (DEV_JOB, REMOTE_TEST, WAREHOUSE_JOB)

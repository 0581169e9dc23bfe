"""The starter vocabulary: counts, labels, URIs, relations, validation, and ESCO v1.1.1 checks."""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from kohtaanto.taxonomy.errors import TaxonomyError
from kohtaanto.taxonomy.model import Concept, ConceptKind, Relation, Taxonomy
from kohtaanto.taxonomy.starter import (
    DIGCOMP_NAMESPACE,
    LANGUAGES,
    STARTER_SOURCE,
    StarterDataError,
    load_digcomp_levels,
    load_starter,
    starter_data_dir,
)

ESCO_SKILL = re.compile(
    r"^http://data\.europa\.eu/esco/skill/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$"
)
ESCO_OCCUPATION = re.compile(
    r"^http://data\.europa\.eu/esco/occupation/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$"
)
DIGCOMP_URI = re.compile("^" + re.escape(DIGCOMP_NAMESPACE) + r"[1-5](\.[1-6])?$")
DIGCOMP_COMPETENCES = {
    "1": ["1.1", "1.2", "1.3"],
    "2": ["2.1", "2.2", "2.3", "2.4", "2.5", "2.6"],
    "3": ["3.1", "3.2", "3.3", "3.4"],
    "4": ["4.1", "4.2", "4.3", "4.4"],
    "5": ["5.1", "5.2", "5.3", "5.4"],
}
SECTORS = {
    "sector:logistics",
    "sector:industry",
    "sector:construction",
    "sector:care",
    "sector:cleaning",
    "sector:retail",
    "sector:hospitality",
    "sector:office",
    "sector:ict",
    "sector:green",
    "sector:leisure",
    "sector:services",
}
DATA_FILES = ("concepts.csv", "occupation_skills.csv", "skill_relations.csv", "digcomp_levels.csv")


@pytest.fixture(scope="module")
def starter() -> Taxonomy:
    return load_starter()


def digcomp(taxonomy: Taxonomy) -> list[Concept]:
    return [c for c in taxonomy if "digcomp" in c.collections]


def is_digcomp(concept: Concept) -> bool:
    return "digcomp" in concept.collections


# --- content -----------------------------------------------------------------------------------


def test_loads_from_package_data(starter: Taxonomy) -> None:
    assert starter.sources == [STARTER_SOURCE]
    assert starter_data_dir().joinpath("concepts.csv").is_file()
    assert starter.languages() == set(LANGUAGES)


def test_counts(starter: Taxonomy) -> None:
    kinds = Counter(c.kind for c in starter)
    skill_like = sum(n for kind, n in kinds.items() if kind.is_skill_like)
    assert skill_like >= 280
    assert kinds[ConceptKind.OCCUPATION] >= 140
    areas = [c for c in digcomp(starter) if c.kind is ConceptKind.SKILL_GROUP]
    competences = [c for c in digcomp(starter) if c.kind is ConceptKind.COMPETENCE]
    assert len(areas) == 5
    assert len(competences) == 21
    assert len(digcomp(starter)) == 26


def test_digcomp_structure(starter: Taxonomy) -> None:
    by_code = {c.code: c for c in digcomp(starter)}
    assert set(by_code) == set(DIGCOMP_COMPETENCES) | {
        code for codes in DIGCOMP_COMPETENCES.values() for code in codes
    }
    for area_code, codes in DIGCOMP_COMPETENCES.items():
        area = by_code[area_code]
        assert area.kind is ConceptKind.SKILL_GROUP
        assert area.broader == []
        for code in codes:
            competence = by_code[code]
            assert competence.kind is ConceptKind.COMPETENCE
            assert competence.broader == [area.uri]
    for concept in digcomp(starter):
        assert "digital" in concept.collections
        for lang in LANGUAGES:
            description = concept.descriptions.get(lang, "")
            assert description.endswith("."), (concept.code, lang)
            assert len(description) < 200, (concept.code, lang)


def test_every_concept_has_three_languages(starter: Taxonomy) -> None:
    for concept in starter:
        for lang in LANGUAGES:
            labels = concept.labels.get(lang)
            assert labels is not None and labels.preferred, (concept.uri, lang)
            for label in labels.all():
                assert label == label.strip() and label, (concept.uri, lang, label)
                assert "|" not in label and "\n" not in label, (concept.uri, lang, label)
            assert labels.preferred not in labels.alternative
            assert len(labels.alternative) <= 5, (concept.uri, lang)


def test_labels_are_unambiguous(starter: Taxonomy) -> None:
    """One label (case-insensitive) names one concept per language: recognition depends on it."""
    for lang in LANGUAGES:
        owners: dict[str, set[str]] = defaultdict(set)
        for concept in starter:
            for label in concept.labels[lang].all():
                owners[label.casefold()].add(concept.uri)
        clashes = {label: uris for label, uris in owners.items() if len(uris) > 1}
        assert not clashes, (lang, clashes)


def test_finnish_everyday_forms_present(starter: Taxonomy) -> None:
    finnish = {label.casefold() for c in starter for label in c.labels["fi"].all()}
    for word in ("siivous", "siivoaminen", "asiakaspalvelu", "kassatyö", "trukkikortti"):
        assert word in finnish


def test_uris_look_like_esco_or_digcomp(starter: Taxonomy) -> None:
    for concept in starter:
        if concept.kind is ConceptKind.OCCUPATION:
            assert ESCO_OCCUPATION.match(concept.uri), concept.uri
        elif is_digcomp(concept):
            assert ESCO_SKILL.match(concept.uri) or DIGCOMP_URI.match(concept.uri), concept.uri
        else:
            assert ESCO_SKILL.match(concept.uri), concept.uri
            assert concept.kind in {ConceptKind.SKILL, ConceptKind.KNOWLEDGE}, concept.uri


def test_no_descriptions_outside_digcomp(starter: Taxonomy) -> None:
    """ESCO descriptions are not copied into the project; only our own DigComp texts exist."""
    for concept in starter:
        if not is_digcomp(concept):
            assert concept.descriptions == {}, concept.uri


def test_collections(starter: Taxonomy) -> None:
    for concept in starter:
        if is_digcomp(concept):
            continue
        sectors = {c for c in concept.collections if c.startswith("sector:")}
        assert sectors <= SECTORS, (concept.uri, sectors)
        if concept.kind is ConceptKind.OCCUPATION:
            assert sectors, concept.uri
            assert concept.code and re.match(r"^\d{4}(\.\d+)*$", concept.code), concept.uri
        else:
            assert sectors or concept.collections & {"transversal", "language", "hobby"}, (
                concept.uri
            )
    counts = Counter(name for c in starter for name in c.collections)
    assert counts["hobby"] >= 30
    assert counts["transversal"] >= 40
    assert counts["language"] >= 20
    for sector in SECTORS:
        assert counts[sector] >= 5, sector


def test_relations_consistent(starter: Taxonomy) -> None:
    occupations = {c.uri for c in starter.of_kind(ConceptKind.OCCUPATION)}
    assert set(starter.occupation_skills) == occupations
    for occupation, skills in starter.occupation_skills.items():
        assert starter.essential_skills(occupation), occupation
        for skill_uri, relation in skills.items():
            skill = starter.get(skill_uri)
            assert skill is not None and skill.kind.is_skill_like
            assert isinstance(relation, Relation)
    for link in starter.skill_relations:
        for uri in (link.source, link.target):
            concept = starter.get(uri)
            assert concept is not None and concept.kind.is_skill_like


def test_typical_occupations_imply_their_core_skills(starter: Taxonomy) -> None:
    def find(lang: str, label: str) -> Concept:
        return next(c for c in starter if c.labels[lang].preferred == label)

    cases = {
        "trukinkuljettaja": "trukin ajaminen",
        "kassahenkilö": "kassatyö",
        "siivooja": "siivous",
        "lähihoitaja": "vanhustenhoito",
        "hitsaaja": "hitsaus",
    }
    for occupation, skill in cases.items():
        essential = starter.essential_skills(find("fi", occupation).uri)
        assert find("fi", skill).uri in essential, occupation


def test_digcomp_levels() -> None:
    levels = load_digcomp_levels()
    assert [level.level for level in levels] == list(range(1, 9))
    bands = [level.band for level in levels]
    assert (
        bands
        == ["foundation"] * 2 + ["intermediate"] * 2 + ["advanced"] * 2 + ["highly_specialised"] * 2
    )
    for level in levels:
        for lang in LANGUAGES:
            assert level.names[lang] and level.band_names[lang] and level.descriptions[lang]
            assert str(level.level) in level.names[lang]


# --- validation --------------------------------------------------------------------------------


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "starter"
    target.mkdir()
    source = starter_data_dir()
    for name in DATA_FILES:
        (target / name).write_text(source.joinpath(name).read_text(encoding="utf-8"), "utf-8")
    return target


def rewrite(
    path: Path, edit: dict[str, str] | None = None, *, row: int = 0, extra: str = ""
) -> None:
    """Change cells of data row `row` (0-based) and/or append raw CSV text."""
    rows = list(csv.DictReader(io.StringIO(path.read_text("utf-8"), newline="")))
    fields = list(rows[0])
    rows[row].update(edit or {})
    out = io.StringIO()
    writer = csv.DictWriter(out, fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue() + extra, "utf-8")


def test_copy_loads(data_copy: Path) -> None:
    assert len(load_starter(data_copy)) == len(load_starter())


def test_missing_language_is_reported(data_copy: Path) -> None:
    rewrite(data_copy / "concepts.csv", {"pref_sv": ""}, row=10)
    with pytest.raises(StarterDataError, match=r"concepts\.csv:12: .* no preferred label in 'sv'"):
        load_starter(data_copy)


def test_unknown_kind_is_reported(data_copy: Path) -> None:
    rewrite(data_copy / "concepts.csv", {"kind": "hobby"}, row=3)
    with pytest.raises(StarterDataError, match="unknown kind 'hobby'"):
        load_starter(data_copy)


def test_duplicate_uri_and_dangling_relation_are_reported(data_copy: Path) -> None:
    concepts = (data_copy / "concepts.csv").read_text("utf-8").splitlines()
    rewrite(data_copy / "concepts.csv", extra=concepts[40] + "\n")
    missing = "http://data.europa.eu/esco/skill/00000000-0000-0000-0000-000000000000"
    rewrite(data_copy / "occupation_skills.csv", {"skill_uri": missing})
    with pytest.raises(StarterDataError) as caught:
        load_starter(data_copy)
    problems = caught.value.problems
    assert any("duplicate URI" in p for p in problems)
    assert any(f"unknown skill {missing}" in p for p in problems)
    assert isinstance(caught.value, TaxonomyError)


def test_bad_relation_and_missing_file(data_copy: Path) -> None:
    rewrite(data_copy / "occupation_skills.csv", {"relation": "sometimes"})
    (data_copy / "skill_relations.csv").unlink()  # optional
    with pytest.raises(StarterDataError, match="unknown relation 'sometimes'"):
        load_starter(data_copy)
    (data_copy / "occupation_skills.csv").unlink()
    with pytest.raises(StarterDataError, match=r"occupation_skills\.csv: file not found"):
        load_starter(data_copy)


def test_missing_column_is_reported(data_copy: Path) -> None:
    text = (data_copy / "concepts.csv").read_text("utf-8")
    (data_copy / "concepts.csv").write_text(text.replace("pref_fi", "pref_finnish", 1), "utf-8")
    with pytest.raises(StarterDataError, match="missing column"):
        load_starter(data_copy)


def test_bad_levels_are_reported(tmp_path: Path) -> None:
    shutil.copytree(Path(str(starter_data_dir())), tmp_path / "starter")
    rewrite(tmp_path / "starter" / "digcomp_levels.csv", {"band": "expert"}, row=7)
    with pytest.raises(StarterDataError, match="unknown band 'expert'"):
        load_digcomp_levels(tmp_path / "starter")


# --- against the real ESCO v1.1.1 download ------------------------------------------------------


def shared_data() -> Path:
    """`../shared/data` beside the checkout, or $KOHTAANTO_SHARED_DATA; skip when absent."""
    configured = os.environ.get("KOHTAANTO_SHARED_DATA")
    repo = Path(__file__).resolve().parents[4]
    path = Path(configured) if configured else repo.parent / "shared" / "data"
    if not (path / "esco" / "v1.1.1").is_dir():
        pytest.skip(f"shared data not found at {path}")
    return path


def zip_rows(archive: Path, member: str) -> list[dict[str, str]]:
    with zipfile.ZipFile(archive) as z, z.open(member) as raw:
        return list(csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8")))


@pytest.fixture(scope="module")
def esco_v111() -> dict[str, dict[str, dict[str, str]]]:
    folder = shared_data() / "esco" / "v1.1.1"
    english = folder / "ESCO dataset - v1.1.1 - classification - en - csv.zip"
    return {
        "skills": {r["conceptUri"]: r for r in zip_rows(english, "skills_en.csv")},
        "occupations": {r["conceptUri"]: r for r in zip_rows(english, "occupations_en.csv")},
        "digcomp": {
            r["conceptUri"]: r for r in zip_rows(english, "digCompSkillsCollection_en.csv")
        },
    }


@pytest.mark.shared_data
def test_esco_uris_exist_with_the_same_kind(
    starter: Taxonomy, esco_v111: dict[str, dict[str, dict[str, str]]]
) -> None:
    skill_types = {ConceptKind.SKILL: "skill/competence", ConceptKind.KNOWLEDGE: "knowledge"}
    problems = []
    for concept in starter:
        if concept.uri.startswith(DIGCOMP_NAMESPACE):
            continue
        if concept.kind is ConceptKind.OCCUPATION:
            row = esco_v111["occupations"].get(concept.uri)
            if row is None:
                problems.append(f"{concept.uri}: not an ESCO v1.1.1 occupation")
            elif row["code"] != concept.code:
                problems.append(f"{concept.uri}: code {concept.code} != ESCO {row['code']}")
            continue
        row = esco_v111["skills"].get(concept.uri)
        if row is None:
            problems.append(f"{concept.uri}: not an ESCO v1.1.1 skill")
        elif concept.kind in skill_types:
            if row["skillType"] != skill_types[concept.kind]:
                problems.append(f"{concept.uri}: {concept.kind} but ESCO says {row['skillType']}")
        elif concept.kind is ConceptKind.COMPETENCE:
            if concept.uri not in esco_v111["digcomp"]:
                problems.append(f"{concept.uri}: not in ESCO's DigComp collection")
        elif concept.kind is ConceptKind.SKILL_GROUP:
            if concept.uri not in esco_v111["digcomp"] or row["skillType"]:
                problems.append(f"{concept.uri}: not a DigComp skill group in ESCO")
        else:
            problems.append(f"{concept.uri}: unexpected kind {concept.kind}")
    assert not problems


@pytest.mark.shared_data
def test_esco_sourced_links_are_in_esco() -> None:
    folder = shared_data() / "esco" / "v1.1.1"
    relations = folder / "ESCO dataset - v1.1.1 - classification -  - csv.zip"
    esco = {
        (r["occupationUri"], r["skillUri"]): r["relationType"]
        for r in zip_rows(relations, "occupationSkillRelations.csv")
    }
    text = starter_data_dir().joinpath("occupation_skills.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert {r["source"] for r in rows} == {"esco", "kohtaanto"}
    for row in rows:
        key = (row["occupation_uri"], row["skill_uri"])
        if row["source"] == "esco":
            assert esco.get(key) == row["relation"], key

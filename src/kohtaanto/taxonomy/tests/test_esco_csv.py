from __future__ import annotations

import time
from pathlib import Path

import pytest

from kohtaanto.taxonomy.errors import TaxonomyError, TaxonomyFormatError
from kohtaanto.taxonomy.esco_csv import load_esco
from kohtaanto.taxonomy.model import ConceptKind, Relation, SkillRelation
from kohtaanto.taxonomy.tests.conftest import ESCO_EN, ESCO_FI, ESCO_RELATIONS, E, shared_data

DEV = f"{E}/occupation/test-software-developer"
PYTHON = f"{E}/skill/test-python"


def test_folders_load_concepts_labels_and_relations() -> None:
    taxonomy = load_esco([ESCO_EN, ESCO_RELATIONS])
    dev = taxonomy.concepts[DEV]
    assert dev.kind is ConceptKind.OCCUPATION
    assert dev.labels["en"].preferred == "software developer"
    assert dev.labels["en"].alternative == ["programmer", "application developer"]
    assert dev.labels["en"].hidden == ["softwre developer"]
    assert dev.descriptions["en"] == 'Software developers write, test and "debug" programs.'
    assert dev.code == "2512.4"
    assert dev.broader == [f"{E}/isco/C2512"]
    assert taxonomy.concepts[PYTHON].kind is ConceptKind.KNOWLEDGE
    assert taxonomy.concepts[f"{E}/skill/test-debug"].kind is ConceptKind.SKILL
    assert taxonomy.concepts[f"{E}/isco/C2512"].code == "2512"
    assert taxonomy.concepts[f"{E}/skill/test-group-ict"].kind is ConceptKind.SKILL_GROUP
    assert taxonomy.essential_skills(DEV) == [PYTHON, f"{E}/skill/test-debug"]
    assert taxonomy.occupation_skills[DEV][f"{E}/skill/test-teamwork"] is Relation.OPTIONAL
    assert taxonomy.skill_relations == [
        SkillRelation(f"{E}/skill/test-debug", PYTHON, Relation.OPTIONAL)
    ]
    assert taxonomy.concepts[PYTHON].collections == {"digital"}
    assert taxonomy.concepts[f"{E}/skill/test-teamwork"].collections == {"transversal"}
    assert taxonomy.concepts[f"{E}/skill/test-teamwork"].reuse_level == "transversal"
    assert len(taxonomy) == 12
    assert taxonomy.sources == ["ESCO (en)", "ESCO (relations)"]


def test_official_zip_names_give_version_and_language(esco_zips: list[Path]) -> None:
    taxonomy = load_esco(esco_zips)
    assert taxonomy.sources == ["ESCO v1.1.1 (en)", "ESCO v1.1.1 (relations)"]
    assert taxonomy.concepts[DEV].broader == [f"{E}/isco/C2512"]
    assert taxonomy.languages() == {"en"}


def test_relations_first_on_the_command_line_still_merge(esco_zips: list[Path]) -> None:
    assert len(load_esco(list(reversed(esco_zips))).concepts[DEV].broader) == 1


def test_merges_english_and_finnish() -> None:
    taxonomy = load_esco([ESCO_EN, ESCO_RELATIONS, ESCO_FI])
    dev = taxonomy.concepts[DEV]
    assert dev.labels["fi"].preferred == "ohjelmistokehittäjä"
    assert dev.labels["fi"].alternative == ["ohjelmoija", "sovelluskehittäjä"]
    assert dev.labels["en"].preferred == "software developer"
    python = taxonomy.concepts[PYTHON]
    assert python.label("fi") == "Python (tietokoneohjelmointi)"
    assert python.kind is ConceptKind.KNOWLEDGE
    assert set(python.descriptions) == {"en", "fi"}
    assert taxonomy.languages() == {"en", "fi"}


def test_relation_only_uris_are_kept_only_without_concept_files() -> None:
    retired = f"{E}/occupation/test-retired"
    assert retired not in load_esco([ESCO_EN, ESCO_RELATIONS])
    stub = load_esco([ESCO_RELATIONS]).concepts[retired]
    assert (stub.kind, stub.labels, stub.broader) == (
        ConceptKind.OCCUPATION,
        {},
        [f"{E}/isco/C2512"],
    )


def test_progress_reports_every_file() -> None:
    calls: list[tuple[str, int, int]] = []
    load_esco([ESCO_RELATIONS], progress=lambda *args: calls.append(args))
    assert [done for _, done, _ in calls] == [0, 1, 2, 3, 4]
    assert calls[-1][1:] == (4, 4)


def write(path: Path, header: str, *rows: str) -> Path:
    path.write_text("\r\n".join([header, *rows]) + "\r\n", encoding="utf-8")
    return path


def test_v1_0_column_set(tmp_path: Path) -> None:
    """Older layouts: fewer columns, ISCO groups without status, an ICT collection."""
    write(
        tmp_path / "skills_en.csv",
        "conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels,description",
        f"KnowledgeSkillCompetence,{PYTHON},knowledge,,Python,,",
    )
    write(
        tmp_path / "ISCOGroups_sv.csv",
        "conceptType,conceptUri,code,preferredLabel,altLabels,inScheme,description",
        f"ISCOGroup,{E}/isco/C2,2,Specialister,,,",
    )
    write(
        tmp_path / "ictSkillsCollection_en.csv",
        "conceptType,conceptUri,skillType,reuseLevel,preferredLabel,status,altLabels,description,"
        "broaderConceptUri,broaderConceptPT",
        f"KnowledgeSkillCompetence,{PYTHON},knowledge,,Python,released,,,,",
    )
    taxonomy = load_esco([tmp_path])
    assert taxonomy.concepts[PYTHON].collections == {"digital"}
    assert taxonomy.concepts[f"{E}/isco/C2"].labels["sv"].preferred == "Specialister"


def test_v1_2_column_set(tmp_path: Path) -> None:
    """Newer layouts: extra columns and relation files with labels and a language suffix."""
    write(
        tmp_path / "occupations_en.csv",
        "conceptType,conceptUri,iscoGroup,preferredLabel,altLabels,hiddenLabels,status,"
        "modifiedDate,regulatedProfessionNote,scopeNote,definition,inScheme,description,code,"
        "naceCode",
        f"Occupation,{DEV},2512,software developer,,,released,,,,,,,2512.4,J62",
    )
    write(
        tmp_path / "occupationSkillRelations_en.csv",
        "occupationUri,occupationLabel,relationType,skillType,skillUri,skillLabel",
        f"{DEV},software developer,essential,knowledge,{PYTHON},Python",
    )
    taxonomy = load_esco([tmp_path])
    assert taxonomy.essential_skills(DEV) == [PYTHON]
    assert taxonomy.concepts[DEV].code == "2512.4"


def test_language_column_wins(tmp_path: Path) -> None:
    write(
        tmp_path / "skills.csv",
        "conceptUri,preferredLabel,language",
        f"{PYTHON},Python (ohjelmointi),fi",
    )
    assert load_esco([tmp_path]).concepts[PYTHON].labels["fi"].preferred == "Python (ohjelmointi)"


def test_missing_required_column_names_file_and_column(esco_copy: Path) -> None:
    path = esco_copy / "skills_en.csv"
    path.write_text(path.read_text().replace("conceptUri", "uri_of_concept", 1))
    with pytest.raises(TaxonomyFormatError, match=r"skills_en.csv, line 1.*'conceptUri'"):
        load_esco([esco_copy])


def test_bad_quoting_names_line_and_column(esco_copy: Path) -> None:
    path = esco_copy / "skills_en.csv"
    path.write_text(path.read_text().replace('"teamwork', '"team"work', 1))
    with pytest.raises(TaxonomyFormatError) as info:
        load_esco([esco_copy])
    where = (info.value.file, info.value.line, info.value.column)
    assert where == ("skills_en.csv", 5, 122)  # the "w" after "team"


def test_wrong_encoding_names_line_and_column(esco_copy: Path) -> None:
    path = esco_copy / "occupations_en.csv"
    path.write_bytes(path.read_bytes().replace(b"welding operator", "hitsaaja ä".encode("cp1252")))
    expected = r"occupations_en\.csv, line 4, column \d+: not valid UTF-8"
    with pytest.raises(TaxonomyFormatError, match=expected):
        load_esco([esco_copy])


def test_bad_relation_type(tmp_path: Path) -> None:
    write(
        tmp_path / "occupationSkillRelations.csv",
        "occupationUri,relationType,skillType,skillUri",
        f"{DEV},essential,knowledge,{PYTHON}",
        f"{DEV},mandatory,knowledge,{PYTHON}",
    )
    with pytest.raises(TaxonomyFormatError, match=r"line 3, column 2: relationType"):
        load_esco([tmp_path])


def test_no_files_and_no_such_path(tmp_path: Path) -> None:
    with pytest.raises(TaxonomyError, match="no ESCO CSV files"):
        load_esco([tmp_path])
    with pytest.raises(TaxonomyError, match="no such file"):
        load_esco([tmp_path / "missing.zip"])


def test_not_a_zip(tmp_path: Path) -> None:
    (tmp_path / "esco.zip").write_bytes(b"not a zip")
    with pytest.raises(TaxonomyFormatError, match=r"esco\.zip: not a valid zip"):
        load_esco([tmp_path / "esco.zip"])


def test_real_finnish_and_swedish_occupations() -> None:
    folder = shared_data() / "esco" / "v1.0.8-occupations-fi-sv-en"
    taxonomy = load_esco([folder / "occupations_fi.csv", folder / "occupations_sv.csv"])
    occupations = list(taxonomy.of_kind(ConceptKind.OCCUPATION))
    assert len(occupations) == 2942
    assert sum(bool(c.labels["fi"].alternative) for c in occupations) == 2014
    assert sum(bool(c.labels["sv"].alternative) for c in occupations) == 1411
    assert taxonomy.sources == ["ESCO v1.0.8 (fi)", "ESCO v1.0.8 (sv)"]


@pytest.mark.slow
def test_real_full_esco() -> None:
    esco = shared_data() / "esco"
    started = time.perf_counter()
    taxonomy = load_esco([esco / "v1.1.1", esco / "v1.1.0-skills-fi" / "skills_fi.csv"])
    assert time.perf_counter() - started < 90
    skills = list(taxonomy.of_kind(ConceptKind.SKILL, ConceptKind.KNOWLEDGE))
    assert len(skills) == 13896
    assert len(list(taxonomy.of_kind(ConceptKind.OCCUPATION))) == 3007
    assert len(list(taxonomy.of_kind(ConceptKind.ISCO_GROUP))) == 619
    relations = [r for skills in taxonomy.occupation_skills.values() for r in skills.values()]
    assert len(relations) == 123855
    assert relations.count(Relation.ESSENTIAL) == 64946
    assert sum("fi" in c.labels for c in skills) == 13891

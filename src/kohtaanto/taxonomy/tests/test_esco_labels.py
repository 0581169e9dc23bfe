"""Every Finnish and Swedish label ESCO has (preferred, alternative, hidden) reaches the taxonomy,
for skills and occupations, and the project's synonyms are applied to an ESCO build."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kohtaanto.taxonomy.build import build_with_report
from kohtaanto.taxonomy.csvfile import write_rows
from kohtaanto.taxonomy.esco_csv import load_esco
from kohtaanto.taxonomy.synonyms import PROJECT_ESCO_SYNONYMS, project_synonyms
from kohtaanto.taxonomy.tests.conftest import DATA, ESCO_EN, ESCO_FI, ESCO_RELATIONS, E, shared_data

ESCO_SV = DATA / "esco-sv"


def test_finnish_and_swedish_labels_of_every_type_for_skills_and_occupations() -> None:
    taxonomy = load_esco([ESCO_EN, ESCO_RELATIONS, ESCO_FI, ESCO_SV])
    python = taxonomy.concepts[f"{E}/skill/test-python"]
    teamwork = taxonomy.concepts[f"{E}/skill/test-teamwork"]
    developer = taxonomy.concepts[f"{E}/occupation/test-software-developer"]
    assert python.labels["sv"].preferred == "Python (datorprogrammering)"
    assert python.labels["sv"].alternative == ["Python", "Pythonprogrammering"]
    assert python.labels["sv"].hidden == ["pyton"]
    assert teamwork.labels["sv"].all() == [
        "arbeta i team",
        "samarbeta",
        "lagarbete",
        "teamjobb",
        "samarbete i grupp",
    ]
    assert developer.labels["sv"].alternative == ["programmerare", "systemutvecklare"]
    assert developer.labels["sv"].hidden == ["kodare"]
    assert developer.labels["fi"].alternative == ["ohjelmoija", "sovelluskehittäjä"]
    assert python.labels["fi"].preferred == "Python (tietokoneohjelmointi)"
    assert {"en", "fi", "sv"} <= taxonomy.languages()
    assert "ESCO (sv)" in taxonomy.sources or any("(sv)" in s for s in taxonomy.sources)


cell_label = st.text(
    alphabet=st.characters(whitelist_categories=("L", "N"), whitelist_characters=" -,'\"()"),
    min_size=1,
    max_size=30,
).filter(lambda s: s.strip() != "")


@settings(max_examples=100, deadline=None)
@given(
    preferred=cell_label,
    alternative=st.lists(cell_label, max_size=6),
    hidden=st.lists(cell_label, max_size=4),
)
def test_label_cells_read_back(
    tmp_path_factory: pytest.TempPathFactory,
    preferred: str,
    alternative: list[str],
    hidden: list[str],
) -> None:
    """A concept file's label cells (one label per line, quoted as ESCO does) read back as the
    labels written, stripped, in order."""
    folder: Path = tmp_path_factory.mktemp("sv")
    header = [
        "conceptType",
        "conceptUri",
        "skillType",
        "preferredLabel",
        "altLabels",
        "hiddenLabels",
    ]
    row = [
        "KnowledgeSkillCompetence",
        f"{E}/skill/x",
        "skill/competence",
        preferred,
        "\n".join(alternative),
        "\n".join(hidden),
    ]
    (folder / "skills_sv.csv").write_text(write_rows([header, row]), encoding="utf-8")
    labels = load_esco([folder]).concepts[f"{E}/skill/x"].labels["sv"]
    assert labels.preferred == preferred.strip()
    assert labels.alternative == [a.strip() for a in alternative]
    assert labels.hidden == [h.strip() for h in hidden]


def test_project_synonyms_on_an_esco_build_report_concepts_it_lacks() -> None:
    """The fixtures hold none of the starter's concepts: every row is reported, none dropped."""
    taxonomy, report = build_with_report([ESCO_EN, ESCO_RELATIONS, ESCO_FI])
    rows = len(project_synonyms().rows) + len(project_synonyms(PROJECT_ESCO_SYNONYMS).rows)
    assert report.added == 0
    assert len(report.problems) == rows
    assert "unknown concept" in report.problems[0].message
    assert all("synonyms" not in s for s in taxonomy.sources)


def test_real_esco_finnish_swedish_labels_and_project_synonyms() -> None:
    """The real download beside the checkout: Finnish and Swedish occupation labels with their
    alternatives, Finnish skill labels, and every project synonym finds its concept."""
    esco = shared_data() / "esco"
    occupations = esco / "v1.0.8-occupations-fi-sv-en"
    taxonomy, report = build_with_report(
        [
            esco / "v1.1.1",
            esco / "v1.1.0-skills-fi" / "skills_fi.csv",
            occupations / "occupations_fi.csv",
            occupations / "occupations_sv.csv",
        ]
    )
    kinds = [c for c in taxonomy if c.kind.value == "occupation"]
    with_fi_alt = sum(bool(c.labels.get("fi") and c.labels["fi"].alternative) for c in kinds)
    with_sv = sum("sv" in c.labels for c in kinds)
    assert with_fi_alt >= 2014
    assert with_sv >= 2900
    skills_fi = sum(1 for c in taxonomy if c.kind.is_skill_like and "fi" in c.labels)
    assert skills_fi >= 13800
    assert report.problems == [], report.problems[:5]
    assert report.added > 1000
    swedish_skill_labels = sum(
        1 for c in taxonomy if c.kind.is_skill_like and "sv" in c.labels and c.labels["sv"].all()
    )
    assert swedish_skill_labels >= 300  # from the project's files only: no Swedish ESCO skills here
    esco_only = project_synonyms(PROJECT_ESCO_SYNONYMS)
    assert esco_only.problems == [] and len(esco_only.rows) >= 200
    assert all(taxonomy.concepts[row.concept_uri].kind.is_skill_like for row in esco_only.rows)

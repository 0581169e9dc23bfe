"""`kohtaanto taxonomy build/import --synonyms FILE` and `kohtaanto taxonomy synonyms FILE`."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kohtaanto.cli.taxonomy import taxonomy
from kohtaanto.taxonomy.index import load_index
from kohtaanto.vocabularies.enums import SynonymSetStatus
from kohtaanto.vocabularies.models import ConceptLabel, SynonymSet

FORKLIFT = "http://data.europa.eu/esco/skill/28cb374e-6261-4133-8371-f9a5470145da"


def _csv(tmp_path: Path) -> Path:
    path = tmp_path / "own.csv"
    path.write_text(
        "# version: 5\nlabel,concept_uri,lang\n"
        f"lavakiituri,{FORKLIFT},fi\n"
        "x,http://example.org/none,fi\n",
        encoding="utf-8",
    )
    return path


def test_build_adds_project_and_own_synonyms_and_reports_unknown_rows(tmp_path: Path) -> None:
    runner = CliRunner()
    with_all = tmp_path / "all.idx"
    result = runner.invoke(
        taxonomy, ["build", "starter", "--synonyms", str(_csv(tmp_path)), "-o", str(with_all)]
    )
    assert result.exit_code == 0, result.output
    assert "1 rows not used" in result.stderr
    assert "line 4: own.csv: unknown concept http://example.org/none" in result.stderr
    labels = load_index(with_all).concepts[FORKLIFT].labels
    assert "lavakiituri" in labels["fi"].alternative
    assert "gaffeltruck" in labels["sv"].alternative  # from the project's own file

    plain = tmp_path / "plain.idx"
    result = runner.invoke(
        taxonomy, ["build", "starter", "--no-project-synonyms", "-o", str(plain)]
    )
    assert result.exit_code == 0, result.output
    labels = load_index(plain).concepts[FORKLIFT].labels
    assert "gaffeltruck" not in labels["sv"].all()


@pytest.mark.django_db(transaction=True)
def test_import_with_synonyms_stores_them_as_labels(tmp_path: Path, settings) -> None:
    settings.DATA_DIR = tmp_path
    result = CliRunner().invoke(
        taxonomy, ["import", "starter", "--name", "own", "--synonyms", str(_csv(tmp_path))]
    )
    assert result.exit_code == 0, result.output
    assert ConceptLabel.objects.filter(
        concept__uri=FORKLIFT, text="lavakiituri", label_type="alternative"
    ).exists()


@pytest.mark.django_db(transaction=True)
def test_synonyms_command_uploads_a_draft(tmp_path: Path) -> None:
    from tests.factories import make_personas

    personas = make_personas()
    runner = CliRunner()
    result = runner.invoke(
        taxonomy,
        [
            "synonyms",
            str(_csv(tmp_path)),
            "--organisation",
            str(personas.organisation.pk),
            "--name",
            "Varasto",
        ],
    )
    assert result.exit_code == 0, result.output
    synonym_set = SynonymSet.objects.get()
    assert (synonym_set.version, synonym_set.status) == ("5", SynonymSetStatus.DRAFT)
    assert "2 rows, 1 problems" in result.stdout
    assert "line 4: unknown concept" in result.stderr
    missing = runner.invoke(
        taxonomy, ["synonyms", str(_csv(tmp_path)), "--organisation", "999999", "--name", "x"]
    )
    assert missing.exit_code == 1 and "no organisation" in missing.output

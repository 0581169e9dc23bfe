from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kohtaanto.cli.taxonomy import taxonomy
from kohtaanto.taxonomy.tests.conftest import ESCO_EN, ESCO_FI, ESCO_RELATIONS
from kohtaanto.vocabularies import provider
from kohtaanto.vocabularies.models import Concept, Vocabulary

pytestmark = pytest.mark.django_db(transaction=True)


def test_build_then_import_twice(tmp_path: Path, settings) -> None:
    settings.DATA_DIR = tmp_path
    runner = CliRunner()
    index = str(tmp_path / "esco.idx")
    sources = [str(ESCO_EN), str(ESCO_RELATIONS), str(ESCO_FI)]
    assert runner.invoke(taxonomy, ["build", *sources, "-o", index]).exit_code == 0

    first = runner.invoke(taxonomy, ["import", index, "--name", "esco"])
    assert first.exit_code == 0, first.output
    assert "concepts +12" in first.stdout
    assert Concept.objects.filter(vocabulary__name="esco").count() == 12

    assert "now in use" in first.stdout and Vocabulary.objects.get().active
    assert "recognition indexes db-" in first.stdout  # built for the web app's first story
    fingerprint = provider.fingerprint()
    assert any((tmp_path / "cache" / "engine" / fingerprint).glob("*-sv-*.npz"))

    second = runner.invoke(taxonomy, ["import", index, "--name", "esco"])
    assert "already up to date" in second.stdout and "now in use" not in second.stdout
    assert "recognition indexes" not in second.stdout
    assert Vocabulary.objects.get().concept_count == 12

    other = runner.invoke(taxonomy, ["import", index, "--name", "spare", "--no-activate"])
    assert other.exit_code == 0 and "now in use" not in other.stdout
    assert Vocabulary.objects.get(active=True).name == "esco"


def test_import_errors_are_clean(tmp_path: Path) -> None:
    (tmp_path / "x.idx").write_text("KOHTAANTO-TAXONOMY-INDEX\nformat=0\n")
    result = CliRunner().invoke(taxonomy, ["import", str(tmp_path / "x.idx")])
    assert result.exit_code == 1
    assert "index format 0" in result.stderr and "Traceback" not in result.output
    assert not Vocabulary.objects.exists()

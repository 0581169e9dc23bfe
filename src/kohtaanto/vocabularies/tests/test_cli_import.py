from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kohtaanto.cli.taxonomy import taxonomy
from kohtaanto.taxonomy.tests.conftest import ESCO_EN, ESCO_FI, ESCO_RELATIONS
from kohtaanto.vocabularies.models import Concept, Vocabulary

pytestmark = pytest.mark.django_db(transaction=True)


def test_build_then_import_twice(tmp_path: Path) -> None:
    runner = CliRunner()
    index = str(tmp_path / "esco.idx")
    sources = [str(ESCO_EN), str(ESCO_RELATIONS), str(ESCO_FI)]
    assert runner.invoke(taxonomy, ["build", *sources, "-o", index]).exit_code == 0

    first = runner.invoke(taxonomy, ["import", index, "--name", "esco"])
    assert first.exit_code == 0, first.output
    assert "concepts +12" in first.stdout
    assert Concept.objects.filter(vocabulary__name="esco").count() == 12

    second = runner.invoke(taxonomy, ["import", index, "--name", "esco"])
    assert "already up to date" in second.stdout
    assert Vocabulary.objects.get().concept_count == 12


def test_import_errors_are_clean(tmp_path: Path) -> None:
    (tmp_path / "x.idx").write_text("KOHTAANTO-TAXONOMY-INDEX\nformat=0\n")
    result = CliRunner().invoke(taxonomy, ["import", str(tmp_path / "x.idx")])
    assert result.exit_code == 1
    assert "index format 0" in result.stderr and "Traceback" not in result.output
    assert not Vocabulary.objects.exists()

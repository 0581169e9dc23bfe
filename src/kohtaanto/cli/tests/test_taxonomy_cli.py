from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from kohtaanto.cli.taxonomy import taxonomy
from kohtaanto.taxonomy.tests.conftest import DATA, ESCO_EN, ESCO_FI, ESCO_RELATIONS


def test_build_then_info(tmp_path: Path) -> None:
    runner = CliRunner()
    index = tmp_path / "t.idx"
    sources = [str(ESCO_EN), str(ESCO_RELATIONS), str(ESCO_FI), str(DATA / "skos" / "digicomp.rdf")]
    built = runner.invoke(taxonomy, ["build", *sources, "-o", str(index)])
    assert built.exit_code == 0, built.output
    assert "[0/" in built.stderr and "wrote" in built.stderr
    assert built.stdout == ""

    text = runner.invoke(taxonomy, ["info", str(index)])
    assert text.exit_code == 0
    assert "occupation: 2" in text.stdout and "fi: 6 / 9" in text.stdout

    as_json = runner.invoke(taxonomy, ["info", "--json", str(index)])
    summary = json.loads(as_json.stdout)
    assert summary["kinds"]["skill"] == 6
    assert summary["languages"]["fi"] == {"preferred": 6, "labels": 9}
    assert summary["occupation_skills"] == {"essential": 3, "optional": 2}


def test_format_errors_are_one_line_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "skills_en.csv"
    bad.write_text('conceptUri,preferredLabel\nurn:x,"open\n')
    result = CliRunner().invoke(taxonomy, ["build", str(bad), "-o", str(tmp_path / "x.idx")])
    assert result.exit_code == 1
    assert "Error: skills_en.csv, line 2, column 7:" in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "x.idx").exists()


def test_info_on_a_non_index(tmp_path: Path) -> None:
    (tmp_path / "x.idx").write_text("hello")
    result = CliRunner().invoke(taxonomy, ["info", str(tmp_path / "x.idx")])
    assert result.exit_code == 1
    assert "not a Kohtaanto taxonomy index" in result.stderr


def test_unwritable_output_is_a_clean_error(tmp_path: Path) -> None:
    target = tmp_path / "missing-folder" / "x.idx"
    result = CliRunner().invoke(taxonomy, ["build", str(ESCO_FI), "-o", str(target)])
    assert result.exit_code == 1
    assert "No such file or directory" in result.stderr and "Traceback" not in result.output

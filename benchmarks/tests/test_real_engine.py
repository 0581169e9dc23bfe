"""The harness end to end with the real engine on the tiny taxonomy (skipped without it)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kohtaanto.cli.main import cli

from .conftest import FIXTURES

recognition = pytest.importorskip("kohtaanto.recognition")
if not hasattr(recognition, "build_engine"):
    pytest.skip("the recognition engine is not in this checkout", allow_module_level=True)


def run(*args: str) -> dict[str, object]:
    result = CliRunner().invoke(cli, ["bench", *args, "--json"])
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads(result.stdout)
    return data


def in_unit_range(*values: object) -> bool:
    return all(isinstance(v, float | int) and 0.0 <= v <= 1.0 for v in values)


def test_skills_with_the_engine(index_file: Path) -> None:
    data = run("skills", str(FIXTURES / "decorte.csv"), "--taxonomy", str(index_file))
    assert data["texts"] == 2
    assert in_unit_range(data["rp@5"], data["rp@10"])
    assert data["texts_per_s"] > 0  # type: ignore[operator]


def test_titles_with_the_engine(index_file: Path) -> None:
    data = run("titles", str(FIXTURES / "titles.csv"), "--taxonomy", str(index_file))
    assert data["titles"] == 4
    assert in_unit_range(data["acc@1"], data["mrr@10"])


def test_melo_with_the_engine(index_file: Path) -> None:
    dataset = FIXTURES / "melo" / "tiny_q_en_c_en"
    data = run("melo", str(dataset), "--taxonomy", str(index_file))
    strict, concept = data["strict"], data["concept"]
    assert isinstance(strict, dict) and isinstance(concept, dict)
    assert in_unit_range(*strict.values(), *concept.values())
    assert strict["acc@1"] == 1.0

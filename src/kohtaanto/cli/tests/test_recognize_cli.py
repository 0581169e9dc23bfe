from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kohtaanto.cli.recognize import link_title, recognize
from kohtaanto.recognition.tests.fixtures import DEVELOPER, SERVICE, tiny_taxonomy


@pytest.fixture(scope="module")
def index_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kohtaanto.taxonomy.index import save_index

    path = tmp_path_factory.mktemp("index") / "tiny.idx"
    save_index(tiny_taxonomy(), path)
    return path


def test_recognize_json(index_file: Path) -> None:
    text = "I do customer service"
    result = CliRunner().invoke(
        recognize, ["--taxonomy", str(index_file), "--lang", "en", "--json", text]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data[0]["uri"] == SERVICE
    assert data[0]["kind"] == "skill"
    assert data[0]["evidence"][0] == {
        "start": 5,
        "end": 13,
        "text": "customer",
        "matched": "customer",
    }


def test_recognize_table_from_stdin(index_file: Path) -> None:
    result = CliRunner().invoke(
        recognize,
        ["--taxonomy", str(index_file), "--lang", "fi", "-"],
        input="Osaan asiakaspalvelun.\n",
    )
    assert result.exit_code == 0, result.output
    assert "asiakaspalvelu" in result.output
    assert "skill" in result.output


def test_link_title_lines(index_file: Path) -> None:
    result = CliRunner().invoke(
        link_title,
        ["--taxonomy", str(index_file), "--lang", "en", "--json", "-"],
        input="Senior Java Developer (m/f/d)\nforklift driver\n",
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [d["title"] for d in data] == ["Senior Java Developer (m/f/d)", "forklift driver"]
    assert data[0]["occupations"][0]["uri"] == DEVELOPER


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--taxonomy", "/no/such/file", "text"], "taxonomy"),
        (["--taxonomy", "{index}", "   "], "empty"),
    ],
)
def test_errors(index_file: Path, args: list[str], message: str) -> None:
    args = [a.replace("{index}", str(index_file)) for a in args]
    result = CliRunner().invoke(recognize, args)
    assert result.exit_code == 1
    assert message in result.output


def test_invalid_index_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.idx"
    bad.write_text("not an index")
    result = CliRunner().invoke(link_title, ["--taxonomy", str(bad), "title"])
    assert result.exit_code == 1
    assert "cannot load taxonomy" in result.output


def test_engine_cache_dir(index_file: Path, tmp_path: Path) -> None:
    args = [
        "--taxonomy",
        str(index_file),
        "--lang",
        "sv",
        "--cache-dir",
        str(tmp_path),
        "kundservice",
    ]
    first = CliRunner().invoke(recognize, args)
    assert first.exit_code == 0, first.output
    assert len(list(tmp_path.glob("lexical-sv-*.npz"))) == 1
    second = CliRunner().invoke(recognize, args)
    assert second.output == first.output

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kohtaanto.cli import bench as bench_cli
from kohtaanto.cli.main import cli

from .conftest import FIXTURES

MELO_KEYS = {"map", "mrr", "acc@1", "acc@5", "acc@10"}


def invoke(*args: str) -> dict[str, object]:
    result = CliRunner().invoke(cli, ["bench", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads(result.stdout)
    return data


def test_bench_lists_its_benchmarks() -> None:
    result = CliRunner().invoke(cli, ["bench", "--help"])
    assert result.exit_code == 0
    for name in ("melo", "skills", "titles"):
        assert name in result.output


def test_bench_needs_a_source_checkout(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(bench_cli, "repo_root", lambda: tmp_path)
    result = CliRunner().invoke(cli, ["bench", "melo", "--help"])
    assert result.exit_code != 0
    assert "source checkout" in result.output


def test_melo_json(stub_engine: None, index_file: Path) -> None:
    data = invoke(
        "melo", str(FIXTURES / "melo" / "tiny_q_en_c_en"), "--taxonomy", str(index_file), "--json"
    )
    assert set(data) == {
        "dataset",
        "queries",
        "strict",
        "concept",
        "baseline",
        "queries_per_s",
        "peak_rss_mb",
    }
    assert data["dataset"] == "tiny_q_en_c_en"
    assert data["queries"] == 3
    assert data["strict"]["map"] == pytest.approx(0.8333)  # type: ignore[index]
    assert data["concept"]["map"] == 1.0  # type: ignore[index]
    baseline = data["baseline"]
    assert set(baseline) == {"strict", "concept"}  # type: ignore[arg-type]
    assert set(baseline["strict"]) == MELO_KEYS  # type: ignore[index]
    assert data["peak_rss_mb"] > 0  # type: ignore[operator]


def test_melo_without_taxonomy_prints_text(stub_engine: None) -> None:
    result = CliRunner().invoke(cli, ["bench", "melo", str(FIXTURES / "melo" / "tiny_q_en_c_en")])
    assert result.exit_code == 0, result.output
    assert "MELO tiny_q_en_c_en (3 queries)" in result.output
    assert "map" in result.output


def test_skills_json(stub_engine: None, index_file: Path) -> None:
    result = CliRunner().invoke(
        cli,
        ["bench", "skills", str(FIXTURES / "decorte.csv"), "--taxonomy", str(index_file), "--json"],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {
        "split",
        "split_by",
        "texts",
        "weights",
        "rp@5",
        "rp@10",
        "baseline",
        "texts_per_s",
        "texts_per_s_warm",
        "baseline_texts_per_s",
        "peak_rss_mb",
    }
    assert data["split"] == "all"
    assert data["texts"] == 2
    # sentence 1: java, sql ("sql" resolved case-insensitively), teamwork (a URI) → 3/3;
    # sentence 2: "operate forklift" found, "no such skill" never → 1/min(5, 2)
    assert data["rp@5"] == pytest.approx(0.75)
    assert data["rp@10"] == pytest.approx(0.75)
    assert set(data["baseline"]) == {"rp@5", "rp@10"}
    assert "no such skill" in result.stderr


def test_skills_limit_texts_and_finnish(
    stub_engine: None, index_file: Path, tmp_path: Path
) -> None:
    path = tmp_path / "fi.csv"
    path.write_text(
        "sentence,span,sub_span,label\n"
        "Osaan käyttää trukkia,,,operate forklift\n"
        "Haluan tehdä tiimityötä,,,work in teams\n",
        encoding="utf-8",
    )
    args = ["skills", str(path), "--taxonomy", str(index_file), "--lang", "fi", "--json"]
    assert invoke(*args)["rp@5"] == 1.0
    assert invoke(*args, "--limit-texts", "1")["texts"] == 1


def test_titles_json(stub_engine: None, index_file: Path) -> None:
    data = invoke("titles", str(FIXTURES / "titles.csv"), "--taxonomy", str(index_file), "--json")
    assert set(data) == {
        "split",
        "split_by",
        "titles",
        "weights",
        "acc@1",
        "mrr@10",
        "baseline",
        "titles_per_s",
        "peak_rss_mb",
    }
    assert data["split"] == "all"
    assert data["titles"] == 4
    assert data["acc@1"] == 1.0
    assert data["mrr@10"] == 1.0
    assert set(data["baseline"]) == {"acc@1", "mrr@10"}  # type: ignore[arg-type]

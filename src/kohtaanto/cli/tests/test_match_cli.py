"""`kohtaanto match batch` through CliRunner: JSON lines and npz in, JSON lines out."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from click.testing import CliRunner

from kohtaanto.cli.match import match
from kohtaanto.matching.dataset import read_input, save_npz
from kohtaanto.matching.tests.conftest import OPENINGS, PEOPLE, make_taxonomy
from kohtaanto.taxonomy.index import save_index


def _record(item: object, kind: str) -> dict[str, object]:
    data = dataclasses.asdict(item)  # type: ignore[call-overload]
    data = {k: sorted(v) if isinstance(v, frozenset) else v for k, v in data.items()}
    if "skills" in data:
        data["skills"] = {uri: ev["source"] for uri, ev in data["skills"].items()}
    return {"type": kind, **data, "age": 61, "gender": "f"}


def write_input(path: Path) -> Path:
    lines = [{"type": "meta", "format": "kohtaanto-match/1"}]
    lines += [_record(p, "profile") for p in PEOPLE]
    lines += [_record(o, "opportunity") for o in OPENINGS]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    return path


def test_batch_from_json_lines(tmp_path: Path) -> None:
    source = write_input(tmp_path / "in.jsonl")
    index = tmp_path / "t.idx"
    save_index(make_taxonomy(), index)
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(
        match,
        [
            "batch",
            "--input",
            str(source),
            "--output",
            str(out),
            "--k",
            "2",
            "--taxonomy",
            str(index),
        ],
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["profiles"] == 3 and summary["opportunities"] == 3
    assert summary["rules"] == "scoring-v1" and len(summary["checksum"]) == 64
    assert "3 profiles, 3 opportunities" in result.stderr
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert rows[0] == {
        "profile": "aino",
        "opportunity": "dev-job",
        "score": 1.0,
        "rules": "scoring-v1",
        "rank": 1,
    }
    assert [r["rank"] for r in rows if r["profile"] == "aino"] == [1, 2]
    assert summary["rows"] == len(rows)

    reverse = CliRunner().invoke(
        match,
        [
            "batch",
            "--input",
            str(source),
            "--output",
            str(out),
            "--direction",
            "opportunities",
            "--taxonomy",
            str(index),
        ],
    )
    assert reverse.exit_code == 0, reverse.output
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert {(r["opportunity"], r["profile"]) for r in rows if r["rank"] == 1} >= {
        ("dev-job", "aino"),
        ("remote-test", "bashir"),
    }


def test_npz_round_trip_gives_the_same_checksum(tmp_path: Path) -> None:
    source = write_input(tmp_path / "in.jsonl")
    profiles, opportunities, vocab = read_input(source)
    npz = tmp_path / "in.npz"
    save_npz(npz, profiles, opportunities, vocab)
    sums = []
    for path in (source, npz):
        result = CliRunner().invoke(
            match, ["batch", "--input", str(path), "--output", str(tmp_path / "o.jsonl")]
        )
        assert result.exit_code == 0, result.output
        sums.append(json.loads(result.stdout)["checksum"])
    assert sums[0] == sums[1]


def test_bad_input_is_one_line_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"type": "profile", "id": "x"}\n{oops\n')
    result = CliRunner().invoke(
        match, ["batch", "--input", str(bad), "--output", str(tmp_path / "o")]
    )
    assert result.exit_code == 1
    assert "bad.jsonl:2:" in result.stderr and "Traceback" not in result.output
    usage = CliRunner().invoke(
        match, ["batch", "--input", str(bad), "--output", "o", "--scheduler", "tcp://x:8786"]
    )
    assert usage.exit_code == 2 and "--engine dask" in usage.stderr

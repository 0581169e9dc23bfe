"""`kohtaanto taxonomy build` refuses a zip bomb early (issue 18, probe 4): a small zip whose
CSV unpacks to hundreds of megabytes fails within a second or two with a clear message, before
the memory fills; the limits come from the environment."""

from __future__ import annotations

import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from kohtaanto.cli.taxonomy import taxonomy
from kohtaanto.taxonomy.errors import TaxonomyFormatError
from kohtaanto.taxonomy.esco_csv import ReadLimits, load_esco, read_member, set_limits

HEADER = b"conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels,description\n"


def zip_bomb(path: Path, megabytes: int = 120) -> Path:
    """An ESCO-looking zip (`ESCO dataset - v1.2.0 - classification - en - csv.zip`) whose
    skills file is a header and `megabytes` MB of one repeated byte."""
    chunk = b"\n" * (1 << 20)
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
        archive.open("skills_en.csv", "w", force_zip64=True) as member,
    ):
        member.write(HEADER)
        for _ in range(megabytes):
            member.write(chunk)
    return path


@pytest.fixture(autouse=True)
def default_limits():
    set_limits(ReadLimits())
    yield
    set_limits(ReadLimits())


@pytest.fixture(scope="module")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bomb")
    return zip_bomb(folder / "ESCO dataset - v1.2.0 - classification - en - csv.zip")


def test_the_bomb_is_small_and_big(bomb: Path) -> None:
    assert bomb.stat().st_size < 250_000
    with zipfile.ZipFile(bomb) as archive:
        assert archive.getinfo("skills_en.csv").file_size > 120 * 2**20


def test_taxonomy_build_refuses_a_zip_bomb_quickly(bomb: Path, tmp_path: Path) -> None:
    tracemalloc.start()
    started = time.perf_counter()
    result = CliRunner().invoke(taxonomy, ["build", str(bomb), "-o", str(tmp_path / "x.idx")])
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert result.exit_code == 1
    assert "zip bomb" in result.output and "skills_en.csv" in result.output
    assert "Traceback" not in result.output
    assert seconds < 5
    assert peak < 50 * 2**20  # never unpacked
    assert not (tmp_path / "x.idx").exists()


def test_the_limits_come_from_the_environment(bomb: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    bad = runner.invoke(
        taxonomy,
        ["build", str(bomb), "-o", str(tmp_path / "x.idx")],
        env={"KOHTAANTO_ZIP_MAX_RATIO": "lots"},
    )
    assert bad.exit_code == 1 and "KOHTAANTO_ZIP_MAX_RATIO" in bad.output
    small = runner.invoke(
        taxonomy,
        ["build", str(bomb), "-o", str(tmp_path / "x.idx")],
        env={"KOHTAANTO_TAXONOMY_MAX_MB": "10", "KOHTAANTO_ZIP_MAX_RATIO": "100000"},
    )
    assert small.exit_code == 1 and "over the limit of 10 MB" in small.output


def test_reading_stops_when_a_member_holds_more_than_allowed(tmp_path: Path) -> None:
    """Even where the declared sizes pass, the bytes are counted while read."""
    path = zip_bomb(tmp_path / "b.zip", megabytes=3)
    set_limits(ReadLimits(max_file_bytes=2**30, max_ratio=10**6))
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("skills_en.csv")
        info.file_size = 2 * 2**20  # a header that lies: zipfile must stop at it, or we do
        with pytest.raises(TaxonomyFormatError):
            read_member(archive, "skills_en.csv", "b.zip/skills_en.csv")


def test_a_normal_esco_zip_still_loads(tmp_path: Path) -> None:
    path = tmp_path / "ESCO dataset - v1.2.0 - classification - en - csv.zip"
    row = (
        b"KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/x,skill/competence,"
        b"cross-sector,operate forklift,,Drive a forklift.\n"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("skills_en.csv", HEADER + row)
    taxonomy_ = load_esco([path])
    assert "http://data.europa.eu/esco/skill/x" in {c.uri for c in taxonomy_}

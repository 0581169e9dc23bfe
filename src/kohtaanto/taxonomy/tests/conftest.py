"""Fixtures for the taxonomy tests: the hand-written ESCO and SKOS files under `data/`."""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
ESCO_EN, ESCO_RELATIONS, ESCO_FI = DATA / "esco-en", DATA / "esco-relations", DATA / "esco-fi"
E = "http://data.europa.eu/esco"


def shared_data() -> Path:
    """`../shared/data` beside the checkout, or $KOHTAANTO_SHARED_DATA; skip when absent."""
    configured = os.environ.get("KOHTAANTO_SHARED_DATA")
    root = Path(__file__).resolve().parents[4]
    path = Path(configured) if configured else root.parent / "shared" / "data"
    if not (path / "esco").is_dir():
        pytest.skip(f"shared data not found at {path}")
    return path


def make_zip(folder: Path, target: Path) -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(folder.glob("*.csv")):
            archive.write(file, file.name)
    return target


@pytest.fixture
def esco_zips(tmp_path: Path) -> list[Path]:
    """The fixtures packaged like the official download (note the two spaces)."""
    return [
        make_zip(ESCO_EN, tmp_path / "ESCO dataset - v1.1.1 - classification - en - csv.zip"),
        make_zip(ESCO_RELATIONS, tmp_path / "ESCO dataset - v1.1.1 - classification -  - csv.zip"),
    ]


@pytest.fixture
def esco_copy(tmp_path: Path) -> Path:
    """A writable copy of the English package, to break on purpose."""
    target = tmp_path / "esco-en"
    shutil.copytree(ESCO_EN, target)
    return target

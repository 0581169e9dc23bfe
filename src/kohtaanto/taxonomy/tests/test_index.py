from __future__ import annotations

import importlib.util
import resource
import time
from pathlib import Path

import pytest

from kohtaanto.taxonomy.build import build_taxonomy
from kohtaanto.taxonomy.errors import IndexFormatError, TaxonomyError, UnknownSourceError
from kohtaanto.taxonomy.esco_csv import load_esco
from kohtaanto.taxonomy.index import (
    FORMAT_VERSION,
    MAGIC,
    dumps,
    fingerprint,
    load_index,
    save_index,
)
from kohtaanto.taxonomy.model import Concept, ConceptKind, LabelSet, Relation, Taxonomy
from kohtaanto.taxonomy.tests.conftest import DATA, ESCO_EN, ESCO_FI, ESCO_RELATIONS, shared_data


def small() -> Taxonomy:
    return load_esco([ESCO_EN, ESCO_RELATIONS, ESCO_FI])


def test_round_trip_keeps_everything(tmp_path: Path) -> None:
    taxonomy = small()
    taxonomy.occupation_skills["urn:x:occupation"] = {"urn:x:not-a-concept": Relation.OPTIONAL}
    save_index(taxonomy, tmp_path / "t.idx")
    loaded = load_index(tmp_path / "t.idx")
    assert loaded == taxonomy
    assert dumps(loaded) == dumps(taxonomy)
    assert fingerprint(loaded) == fingerprint(taxonomy)


def test_round_trip_of_odd_values(tmp_path: Path) -> None:
    odd = Concept(
        "urn:x:ä\n",
        ConceptKind.COMPETENCE,
        {"fi": LabelSet(None, ['a"b', "\x00"], [])},
        {"sv": "rad 1\nrad 2"},
        None,
        ["urn:x:unknown-parent"],
        {"digcomp"},
        None,
    )
    taxonomy = Taxonomy({odd.uri: odd}, sources=["test"])
    save_index(taxonomy, tmp_path / "odd.idx")
    assert load_index(tmp_path / "odd.idx") == taxonomy


def test_not_an_index(tmp_path: Path) -> None:
    (tmp_path / "x.idx").write_bytes(b"PK\x03\x04 not an index")
    with pytest.raises(IndexFormatError, match="not a Kohtaanto taxonomy index"):
        load_index(tmp_path / "x.idx")


def test_other_format_version_is_rejected(tmp_path: Path) -> None:
    body = dumps(small()).replace(f"format={FORMAT_VERSION}".encode(), b"format=0", 1)
    (tmp_path / "old.idx").write_bytes(body)
    with pytest.raises(
        IndexFormatError, match=r"index format 0, but this version reads format 1; rebuild"
    ):
        load_index(tmp_path / "old.idx")


def test_damaged_index(tmp_path: Path) -> None:
    (tmp_path / "bad.idx").write_bytes(MAGIC + f"format={FORMAT_VERSION}\n".encode() + b"junk")
    with pytest.raises(IndexFormatError, match="damaged"):
        load_index(tmp_path / "bad.idx")


def test_missing_index(tmp_path: Path) -> None:
    with pytest.raises(IndexFormatError, match="cannot read"):
        load_index(tmp_path / "none.idx")


def test_build_dispatches_by_source(tmp_path: Path, esco_zips: list[Path]) -> None:
    save_index(load_esco([ESCO_FI]), tmp_path / "fi.idx")
    calls: list[str] = []
    taxonomy = build_taxonomy(
        [*esco_zips, DATA / "skos" / "digicomp.ttl", tmp_path / "fi.idx"],
        progress=lambda stage, done, total: calls.append(stage),
    )
    assert "https://example.org/digi/c11" in taxonomy
    assert taxonomy.concepts["http://data.europa.eu/esco/isco/C2"].label("en") == "Professionals"
    assert taxonomy.languages() == {"en", "fi"}
    assert taxonomy.sources[-2:] == ["SKOS digicomp.ttl", "ESCO (fi)"]
    assert calls


def test_build_rejects_unknown_sources(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(UnknownSourceError, match="not a known source"):
        build_taxonomy([tmp_path / "notes.txt"])
    with pytest.raises(UnknownSourceError, match="no such file"):
        build_taxonomy([tmp_path / "missing"])
    with pytest.raises(TaxonomyError):
        build_taxonomy([])


def test_starter_source() -> None:
    if importlib.util.find_spec("kohtaanto.taxonomy.starter") is None:
        with pytest.raises(TaxonomyError, match="starter taxonomy is not available"):
            build_taxonomy(["starter"])
    else:
        assert len(build_taxonomy(["starter"])) > 0


@pytest.mark.slow
def test_full_esco_index_builds_and_loads_within_budget(tmp_path: Path) -> None:
    esco = shared_data() / "esco"
    occupations = esco / "v1.0.8-occupations-fi-sv-en"
    started = time.perf_counter()
    taxonomy = build_taxonomy(
        [
            esco / "v1.1.1",
            esco / "v1.1.0-skills-fi" / "skills_fi.csv",
            occupations / "occupations_fi.csv",
            occupations / "occupations_sv.csv",
        ]
    )
    save_index(taxonomy, tmp_path / "esco.idx")
    assert time.perf_counter() - started < 90
    started = time.perf_counter()
    loaded = load_index(tmp_path / "esco.idx")
    assert time.perf_counter() - started < 2
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss < 1.5 * 1024 * 1024  # KiB
    assert loaded == taxonomy

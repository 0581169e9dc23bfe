"""The story sets are well-formed, their URIs exist, and the split is the one written down."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from benchmarks.stories import (
    DATA_DIR,
    FIELDS,
    JUDGMENTS,
    LANGUAGES,
    REGISTERS,
    SPLITS,
    Story,
    read_judgments,
    split_of,
)
from benchmarks.stories import read_stories as read

from .conftest import REPO_ROOT

STARTER = REPO_ROOT / "src" / "kohtaanto" / "taxonomy" / "data" / "starter" / "concepts.csv"


def all_stories() -> list[Story]:
    return [story for lang in LANGUAGES for story in read(DATA_DIR / f"{lang}.jsonl")]


def starter_uris() -> set[str]:
    with STARTER.open(encoding="utf-8", newline="") as handle:
        return {row["uri"] for row in csv.DictReader(handle)}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_has_sixty_stories_in_every_register(lang: str) -> None:
    import json

    lines = (DATA_DIR / f"{lang}.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    assert len(rows) >= 60
    for row in rows:
        assert set(FIELDS) <= set(row), row["id"]
        assert row["lang"] == lang and row["id"].startswith(f"{lang}-")
        assert row["register"] in REGISTERS and row["split"] in SPLITS
        assert row["text"].strip() and row["right"], row["id"]
    assert set(Counter(row["register"] for row in rows)) == set(REGISTERS)


def test_ids_are_unique_and_annotations_disjoint() -> None:
    stories = all_stories()
    assert len({s.id for s in stories}) == len(stories)
    for story in stories:
        lists = [story.right, story.acceptable, story.wrong, story.goal]
        flat = [uri for uris in lists for uri in uris]
        assert len(flat) == len(set(flat)), story.id  # a URI in one list only


def test_every_uri_is_in_the_starter_vocabulary() -> None:
    known = starter_uris()
    missing = {(s.id, uri) for s in all_stories() for uri in s.uris if uri not in known}
    assert not missing


def test_the_issue_traps_are_annotated() -> None:
    by_id = {s.id: s for s in all_stories()}
    assert len(by_id["fi-o01"].wrong) >= 5 and len(by_id["sv-o01"].wrong) >= 5
    assert "urheiluseuran rahastonhoitaja" in by_id["fi-o01"].text
    assert "kör" in by_id["sv-o01"].text.split()
    assert any("en ole koskaan" in s.text.lower() for s in by_id.values())
    assert any("haluaisin oppia" in s.text.lower() and s.goal for s in by_id.values())
    assert any(s.text.startswith("Vaimoni on lähihoitaja") for s in by_id.values())


def test_written_split_is_the_rule() -> None:
    stories = all_stories()
    assert {s.id: s.split for s in stories} == split_of(stories)


def test_halves_are_disjoint_and_balanced() -> None:
    stories = all_stories()
    for lang in LANGUAGES:
        mine = [s for s in stories if s.lang == lang]
        tuning = {s.id for s in mine if s.split == "tuning"}
        heldout = {s.id for s in mine if s.split == "heldout"}
        assert tuning and heldout and not tuning & heldout
        assert tuning | heldout == {s.id for s in mine}
        assert abs(len(tuning) - len(heldout)) <= 1
        assert len({s.text for s in mine}) == len(mine)  # no story in both halves twice
        for register in REGISTERS:
            halves = Counter(s.split for s in mine if s.register == register)
            assert abs(halves["tuning"] - halves["heldout"]) <= 1, (lang, register)


def test_split_does_not_depend_on_order() -> None:
    stories = all_stories()
    assert split_of(list(reversed(stories))) == split_of(stories)


def test_split_is_frozen() -> None:
    """The split was written once (2026-12-06); it must never change silently."""
    pairs = sorted((s.id, s.split) for s in all_stories())
    digest = hashlib.sha256(repr(pairs).encode()).hexdigest()[:16]
    assert digest == FROZEN


FROZEN = "8902c0d875879709"


def _esco_uris(shared: Path) -> set[str]:
    package = shared / "esco" / "v1.1.1" / "ESCO dataset - v1.1.1 - classification - en - csv.zip"
    if not package.is_file():
        pytest.skip(f"{package} is not available")
    uris: set[str] = set()
    with zipfile.ZipFile(package) as archive:
        for name in archive.namelist():
            base = Path(name).name
            if base not in ("skills_en.csv", "occupations_en.csv"):
                continue
            with archive.open(name) as raw:
                reader = csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8"))
                uris |= {row["conceptUri"] for row in reader}
    assert uris, "no skills or occupations in the ESCO package"
    return uris


@pytest.mark.shared_data
def test_every_uri_is_an_esco_skill_or_occupation(shared: Path) -> None:
    esco = _esco_uris(shared)
    missing = {(s.id, uri) for s in all_stories() for uri in s.uris if uri not in esco}
    assert not missing


def test_pooled_judgments_name_stories_and_concepts_their_annotation_does_not() -> None:
    """`esco_judgments.jsonl` judges only what a story's own annotation leaves open, and
    each line says why."""
    stories = {s.id: s for s in all_stories()}
    judgments = read_judgments(DATA_DIR / JUDGMENTS)
    assert judgments
    for story_id, judged in judgments.items():
        assert story_id in stories
        assert not set(judged) & stories[story_id].uris, story_id
    lines = (DATA_DIR / JUDGMENTS).read_text(encoding="utf-8").splitlines()
    assert all(json.loads(line)["why"].strip() for line in lines if line.strip())


@pytest.mark.shared_data
def test_every_judged_uri_is_an_esco_skill_or_occupation(shared: Path) -> None:
    esco = _esco_uris(shared)
    judged = read_judgments(DATA_DIR / JUDGMENTS)
    assert not {(story, uri) for story, uris in judged.items() for uri in uris if uri not in esco}

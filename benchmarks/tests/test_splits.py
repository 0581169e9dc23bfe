"""The split rule (`benchmarks/splits.py`): deterministic, disjoint, complete, and fi_dev's
sentences in the half of their English original."""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

import pytest

from benchmarks import splits
from benchmarks.fi_dev import FI_DEV, read_pairs
from benchmarks.readers import read_decorte, read_titles

from .conftest import FIXTURES


def by_formula(text: str) -> str:
    digest = hashlib.sha1(text.strip().lower().encode("utf-8"), usedforsecurity=False).hexdigest()
    return "heldout" if int(digest, 16) % 2 == 1 else "tuning"


def test_the_rule_is_the_documented_formula() -> None:
    texts = [p["en"] for p in read_pairs()] + [
        t.title for t in read_titles(FIXTURES / "titles.csv")
    ]
    assert all(splits.split_of(text) == by_formula(text) for text in texts)
    # Pinned, so that a change of the rule cannot go unnoticed.
    assert splits.split_of("javascript reactjs java") == "tuning"
    assert splits.split_of("Registered Nurse") == "heldout"
    assert splits.split_of("Java Programmer") == "heldout"
    assert splits.split_of("Forklift Operator") == "tuning"


def test_case_and_surrounding_spaces_do_not_change_the_half() -> None:
    for text in ("Registered Nurse", "Forklift Operator", "javascript reactjs java"):
        assert splits.split_of(f"  {text.upper()}\n") == splits.split_of(text)
        assert splits.split_of(text) == splits.split_of(text)  # no state between calls


def test_halves_are_disjoint_and_cover_every_item() -> None:
    items = [s.sentence for s in read_decorte(FI_DEV / "en.csv")]
    tuning = splits.select(items, "tuning", str)
    heldout = splits.select(items, "heldout", str)
    assert tuning and heldout
    assert not set(tuning) & set(heldout)
    assert Counter(tuning) + Counter(heldout) == Counter(items)
    assert splits.select(items, "all", str) == items
    assert tuning == [s for s in items if s in set(tuning)]  # file order kept


def test_unknown_split_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown split"):
        splits.select(["a"], "test", str)


def test_fi_dev_sentences_follow_their_english_original() -> None:
    pairs = read_pairs()
    for name in ("en", "ad_fi", "cv_fi"):
        keys = splits.SplitKeys.for_file(FI_DEV / f"{name}.csv")
        assert keys.source.startswith("pairs.csv")
        for pair in pairs:
            assert keys.split_of(pair[name]) == splits.split_of(pair["en"]), pair["id"]
    halves = {
        name: [
            s.sentence
            for s in read_decorte(FI_DEV / f"{name}.csv")
            if splits.SplitKeys.for_file(FI_DEV / f"{name}.csv").split_of(s.sentence) == "heldout"
        ]
        for name in ("en", "ad_fi", "cv_fi")
    }
    ids = {
        name: [p["id"] for p in pairs if p[name].strip() in set(sentences)]
        for name, sentences in halves.items()
    }
    assert ids["en"] == ids["ad_fi"] == ids["cv_fi"]
    assert 0 < len(ids["en"]) < len(pairs)


def test_without_a_pairs_file_the_text_decides(tmp_path: Path) -> None:
    keys = splits.SplitKeys.for_file(tmp_path / "sentences.csv")
    assert keys.source == "text"
    assert keys.deciding_text("Registered Nurse") == "Registered Nurse"


def test_a_sentence_missing_from_pairs_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "pairs.csv").write_text(
        "id,en,fi\nx-00,Registered Nurse,Sairaanhoitaja\n", encoding="utf-8"
    )
    keys = splits.SplitKeys.for_file(tmp_path / "fi.csv")
    assert keys.split_of(" Sairaanhoitaja ") == "heldout"
    with pytest.raises(KeyError, match=r"not in pairs\.csv"):
        keys.split_of("Lähihoitaja")


def test_a_pairs_file_needs_the_english_column(tmp_path: Path) -> None:
    (tmp_path / "pairs.csv").write_text("id,fi\nx,Sairaanhoitaja\n", encoding="utf-8")
    with pytest.raises(ValueError, match="'en'"):
        splits.SplitKeys.for_file(tmp_path / "fi.csv")


@pytest.mark.shared_data
def test_fi_dev_halves_agree_with_the_decorte_halves(shared: Path) -> None:
    """A held-out fi_dev sentence is held out of the Decorte file it comes from."""
    decorte = shared / "bench" / "decorte"
    english: dict[str, str] = {}
    for name in ("tech", "house"):
        path = decorte / f"{name}_validation_annotations.csv"
        keys = splits.SplitKeys.for_file(path)
        assert keys.source == "text"
        english.update({s.sentence: keys.split_of(s.sentence) for s in read_decorte(path)})
    fi_keys = splits.SplitKeys.for_file(FI_DEV / "cv_fi.csv")
    for pair in read_pairs():
        assert fi_keys.split_of(pair["cv_fi"]) == english[pair["en"].strip()], pair["id"]

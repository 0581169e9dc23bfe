from __future__ import annotations

import csv
from pathlib import Path

import pytest

from benchmarks import splits
from benchmarks.fi_dev import FI_DEV, TRANSLATIONS, read_pairs, select
from benchmarks.readers import read_decorte


def test_translations_are_finnish_and_swedish_in_two_registers() -> None:
    assert TRANSLATIONS == ("ad_fi", "cv_fi", "ad_sv", "cv_sv")
    assert list(read_pairs()[0]) == ["id", "en", *TRANSLATIONS]


@pytest.mark.parametrize("name", TRANSLATIONS)
def test_translated_file_shares_sentence_order_and_gold_with_english(name: str) -> None:
    en = read_decorte(FI_DEV / "en.csv")
    translated = read_decorte(FI_DEV / f"{name}.csv")
    assert len(en) == len(translated) == 60
    for english, other in zip(en, translated, strict=True):
        assert english.labels
        assert english.labels == other.labels


def test_pairs_match_the_files() -> None:
    pairs = read_pairs()
    assert [p["id"] for p in pairs[:2]] == ["tech-00", "tech-01"]
    assert [p["id"] for p in pairs[30:32]] == ["house-00", "house-01"]
    for column in ("en", *TRANSLATIONS):
        sentences = [s.sentence for s in read_decorte(FI_DEV / f"{column}.csv")]
        assert sentences == [p[column].strip() for p in pairs]
    for column in TRANSLATIONS:
        assert len({p[column] for p in pairs}) == 60
        assert all(p[column].strip() and p[column] != p["en"] for p in pairs)


def test_no_sentence_is_shared_between_columns() -> None:
    """Each text has one English original, so the split rule puts it in the right half."""
    pairs = read_pairs()
    columns = ("en", *TRANSLATIONS)
    texts = [p[c].strip() for p in pairs for c in columns]
    assert len(set(texts)) == len(texts)


def test_job_ads_keep_the_placeholders() -> None:
    """The job-ad registers keep `<ORGANIZATION>`; a CV line has no advertiser to name."""
    for pair in read_pairs():
        expected = "<ORGANIZATION>" in pair["en"]
        for column in ("ad_fi", "ad_sv"):
            assert ("<ORGANIZATION>" in pair[column]) == expected, (pair["id"], column)


@pytest.mark.parametrize("name", ["ad_sv", "cv_sv"])
def test_swedish_sentences_take_the_half_of_their_english_original(name: str) -> None:
    keys = splits.SplitKeys.for_file(FI_DEV / f"{name}.csv")
    assert keys.source.startswith("pairs.csv")
    for pair in read_pairs():
        assert keys.split_of(pair[name]) == splits.split_of(pair["en"]), pair["id"]


@pytest.mark.parametrize("name", TRANSLATIONS)
def test_translated_files_have_empty_spans(name: str) -> None:
    with (FI_DEV / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and all(row["span"] == "" and row["sub_span"] == "" for row in rows)


@pytest.mark.shared_data
def test_selection_rule_reproduces_en_csv(shared: Path) -> None:
    chosen = select(shared / "bench" / "decorte")
    assert [c.id for c in chosen][::30] == ["tech-00", "house-00"]
    assert [c.sentence for c in chosen] == [s.sentence for s in read_decorte(FI_DEV / "en.csv")]
    assert [c.labels for c in chosen] == [s.labels for s in read_decorte(FI_DEV / "en.csv")]

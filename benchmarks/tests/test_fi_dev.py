from __future__ import annotations

import csv
from pathlib import Path

import pytest

from benchmarks.fi_dev import FI_DEV, read_pairs, select
from benchmarks.readers import read_decorte


def test_three_files_share_sentence_order_and_gold() -> None:
    en, ad, cv = (read_decorte(FI_DEV / f"{name}.csv") for name in ("en", "ad_fi", "cv_fi"))
    assert len(en) == len(ad) == len(cv) == 60
    for english, job_ad, cv_line in zip(en, ad, cv, strict=True):
        assert english.labels
        assert english.labels == job_ad.labels == cv_line.labels


def test_pairs_match_the_files() -> None:
    pairs = read_pairs()
    assert [p["id"] for p in pairs[:2]] == ["tech-00", "tech-01"]
    assert [p["id"] for p in pairs[30:32]] == ["house-00", "house-01"]
    for column, name in (("en", "en"), ("ad_fi", "ad_fi"), ("cv_fi", "cv_fi")):
        sentences = [s.sentence for s in read_decorte(FI_DEV / f"{name}.csv")]
        assert sentences == [p[column].strip() for p in pairs]
    for column in ("ad_fi", "cv_fi"):
        assert len({p[column] for p in pairs}) == 60
        assert all(p[column].strip() and p[column] != p["en"] for p in pairs)


def test_finnish_files_have_empty_spans() -> None:
    with (FI_DEV / "cv_fi.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and all(row["span"] == "" and row["sub_span"] == "" for row in rows)


@pytest.mark.shared_data
def test_selection_rule_reproduces_en_csv(shared: Path) -> None:
    chosen = select(shared / "bench" / "decorte")
    assert [c.id for c in chosen][::30] == ["tech-00", "house-00"]
    assert [c.sentence for c in chosen] == [s.sentence for s in read_decorte(FI_DEV / "en.csv")]
    assert [c.labels for c in chosen] == [s.labels for s in read_decorte(FI_DEV / "en.csv")]
